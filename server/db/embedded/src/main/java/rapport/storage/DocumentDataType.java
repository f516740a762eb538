package rapport.storage;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Stores documents as BSON instead of H2's default, Java serialisation. Reading an 8 KB attempt
 * through Java serialisation costs hundreds of microseconds, which made any read of many documents
 * (a report's CSV of 20,000 attempts) take seconds; BSON decodes it in a few, and is what the wire
 * protocol turns every stored value into anyway, so nothing a client can store is lost.
 *
 * <p>Files written before this (and by the stock server) hold Java-serialised values: each value
 * written here starts with {@link #BSON_MARK}, a byte H2's own tags never use (they stay below
 * 128), and anything else is read the old way. Old values become BSON as they are rewritten.
 */
public final class DocumentDataType extends BasicDataType<Document> {

    static final byte BSON_MARK = (byte) 0xBD;

    /** Not shared between maps: H2's type keeps per-call state in a plain field. */
    private final ObjectDataType legacy = new ObjectDataType();

    /**
     * Values are encoded when the store commits, on its committer thread, where a failure would
     * stop every later commit; so a document holding a value BSON has no type for (none the wire
     * protocol can deliver, but the server's own code could make one) is written the old way.
     */
    @Override
    public void write(WriteBuffer buff, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            bson.release();
            legacy.write(buff, document);
            return;
        }
        try {
            buff.put(BSON_MARK);
            buff.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON_MARK) {
            return (Document) legacy.read(buff);
        }
        int start = buff.position() + 1;
        // BSON begins with its own length, little-endian, counting those four bytes.
        int length = Integer.reverseBytes(buff.getInt(start));
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buff.slice(start, length)));
        buff.position(start + length);
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /**
     * The cache's estimate of what a decoded document holds on the heap; MVStore calls this on a
     * sample of values, so a walk of the document is affordable where encoding it would not be.
     */
    @Override
    public int getMemory(Document document) {
        return 48 + estimate(document);
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = 40;
            for (Object element : list) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 48 + text.length() * 2;
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return 24;
    }
}
