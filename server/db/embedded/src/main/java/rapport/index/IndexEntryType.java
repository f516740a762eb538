package rapport.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How MVStore stores and orders {@link IndexEntry} keys: in MongoDB's value order (the same
 * comparator the query matcher uses for $lt/$gt), field by field, each ascending or descending as
 * declared, then by position. Entries are written as one small BSON document, so every BSON type
 * that can be indexed round-trips with its Java type (a position must come back exactly, because
 * it is the key of the document map).
 */
public final class IndexEntryType extends BasicDataType<IndexEntry> {

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
    private static final String POSITION_FIELD = "p";

    private final boolean[] ascending;

    public IndexEntryType(boolean[] ascending) {
        this.ascending = ascending.clone();
    }

    @Override
    public int compare(IndexEntry a, IndexEntry b) {
        int cmp = compareValues(a, b);
        if (cmp != 0) {
            return cmp;
        }
        return compareOne(a.position(), b.position(), true);
    }

    int compareValues(IndexEntry a, IndexEntry b) {
        for (int i = 0; i < ascending.length; i++) {
            int cmp = compareOne(a.value(i), b.value(i), ascending[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static int compareOne(Object x, Object y, boolean ascendingField) {
        if (x instanceof IndexEntry.Edge || y instanceof IndexEntry.Edge) {
            if (x == y) {
                return 0;
            }
            if (x == IndexEntry.Edge.FIRST || y == IndexEntry.Edge.LAST) {
                return -1;
            }
            return 1;
        }
        int cmp = VALUES.compare(x, y);
        return ascendingField ? cmp : -cmp;
    }

    @Override
    public int getMemory(IndexEntry entry) {
        int bytes = 48 + 8 * entry.size();
        for (int i = 0; i < entry.size(); i++) {
            bytes += estimate(entry.value(i));
        }
        return bytes + estimate(entry.position());
    }

    private static int estimate(Object value) {
        if (value instanceof String) {
            return 48 + ((String) value).length();
        }
        return value instanceof Document ? 256 : 24;
    }

    @Override
    public void write(WriteBuffer buffer, IndexEntry entry) {
        Document document = new Document();
        for (int i = 0; i < entry.size(); i++) {
            document.put(Integer.toString(i), entry.value(i));
        }
        document.put(POSITION_FIELD, entry.position());
        ByteBuf encoded = Unpooled.buffer(64);
        try {
            BsonEncoder.encodeDocument(document, encoded);
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            buffer.put(bytes);
        } finally {
            encoded.release();
        }
    }

    @Override
    public IndexEntry read(ByteBuffer buffer) {
        // A BSON document starts with its own little-endian length.
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuf bytes = Unpooled.wrappedBuffer(buffer.slice().limit(length));
        buffer.position(buffer.position() + length);
        Document document = BsonDecoder.decodeBson(bytes);
        Object[] values = new Object[ascending.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = document.get(Integer.toString(i));
        }
        return new IndexEntry(values, document.get(POSITION_FIELD));
    }

    @Override
    public IndexEntry[] createStorage(int size) {
        return new IndexEntry[size];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexEntryType && Arrays.equals(ascending, ((IndexEntryType) other).ascending);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ascending);
    }
}
