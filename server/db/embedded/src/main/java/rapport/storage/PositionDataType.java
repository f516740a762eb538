package rapport.storage;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The document map's keys, which are the documents' {@code _id}s. H2's default type stores an
 * ObjectId with Java serialisation, and every page read decodes all of its keys that way (a new
 * ObjectInputStream each); here an ObjectId is its 12 bytes after {@link #OBJECT_ID_MARK}. Any
 * other key, and every key of an older file, is stored and read as before.
 *
 * <p>The order is H2's own comparison of the decoded keys, unchanged, so a file's existing trees
 * stay correctly ordered whichever way their keys were written.
 */
public final class PositionDataType extends BasicDataType<Object> {

    /** Outside H2's own type tags, which stay below 128 (and apart from {@link DocumentDataType}'s). */
    static final byte OBJECT_ID_MARK = (byte) 0xBE;
    private static final int OBJECT_ID_BYTES = 12;

    /**
     * H2's type remembers the last kind of value it handled in a plain field, so it is not safe
     * to share: each map gets its own (as each did before), and ObjectIds, the common case, are
     * compared without it.
     */
    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public int compare(Object a, Object b) {
        // The same order H2 gives them: same-class Comparables compare with compareTo.
        if (isObjectId(a) && isObjectId(b)) {
            return ((ObjectId) a).compareTo((ObjectId) b);
        }
        return legacy.compare(a, b);
    }

    private static boolean isObjectId(Object key) {
        return key != null && key.getClass() == ObjectId.class;
    }

    @Override
    public int getMemory(Object key) {
        return isObjectId(key) ? 64 : legacy.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buff, Object key) {
        if (isObjectId(key)) {
            buff.put(OBJECT_ID_MARK).put(((ObjectId) key).toByteArray());
        } else {
            legacy.write(buff, key);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != OBJECT_ID_MARK) {
            return legacy.read(buff);
        }
        byte[] bytes = new byte[OBJECT_ID_BYTES];
        buff.position(buff.position() + 1);
        buff.get(bytes);
        return new ObjectId(bytes);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
