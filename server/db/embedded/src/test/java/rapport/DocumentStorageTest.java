package rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import rapport.storage.DocumentDataType;
import rapport.storage.PositionDataType;

/**
 * Documents are stored as BSON, come back exactly as they went in across restarts, and files whose
 * documents the stock server (or an earlier launcher) stored with Java serialisation still read.
 */
class DocumentStorageTest {

    @TempDir
    File dir;

    private static Document rich(int i) {
        return new Document("_id", i)
            .append("text", "réflexion " + i + " 反思 рефлексия")
            .append("int", i)
            .append("long", 1L << 40)
            .append("double", 0.25 * i)
            .append("flag", i % 2 == 0)
            .append("nothing", null)
            .append("when", new Date(1_700_000_000_000L + i))
            .append("oid", new ObjectId("64b7f0c2a1b2c3d4e5f60718"))
            .append("decimal", Decimal128.parse("12.50"))
            .append("bytes", new Binary(new byte[] {1, 2, 3}))
            .append("nested", new Document("list", Arrays.asList(1, "two", new Document("three", 3.0)))
                .append("empty", new Document()));
    }

    @Test
    void everyBsonTypeTheAppUsesSurvivesARestart() {
        File file = new File(dir, "types.mv.db");
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            written.add(rich(i));
        }
        try (TestServer server = new TestServer(file)) {
            server.db().getCollection("things").insertMany(written);
            insertWithObjectIds(server.db().getCollection("keyed"), 40);
        }
        assertEquals(40, objectIdKeysIn(file, "databases.test.keyed"), "ObjectId keys stored as 12 marked bytes");
        try (TestServer reopened = new TestServer(file)) {
            List<Document> read = reopened.db().getCollection("things").find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
            assertEquals(written, read);
        }
        assertEquals(50, bsonValuesIn(file, "databases.test.things"), "values stored as marked BSON");
    }

    /** Opens the file without the server and counts the map's distinct keys stored as marked ObjectIds. */
    private static int objectIdKeysIn(File file, String mapName) {
        RawForms keys = new RawForms((byte) 0xBE, buff -> 12);
        readRaw(file, mapName, keys, new DocumentDataType());
        return keys.seen.size();
    }

    /** Opens the file without the server and counts the map's values stored as marked BSON. */
    private static int bsonValuesIn(File file, String mapName) {
        RawForms values = new RawForms((byte) 0xBD, buff -> Integer.reverseBytes(buff.getInt(buff.position())));
        readRaw(file, mapName, new PositionDataType(), values);
        return values.seen.size();
    }

    /** Reads every key and value of the map with the given types. */
    @SuppressWarnings("unchecked")
    private static void readRaw(File file, String mapName, BasicDataType<?> keyType, BasicDataType<?> valueType) {
        MVStore store = new MVStore.Builder().fileName(file.getPath()).readOnly().open();
        try {
            MVMap<Object, Object> map = store.openMap(mapName, new MVMap.Builder<Object, Object>()
                .keyType((BasicDataType<Object>) keyType).valueType((BasicDataType<Object>) valueType));
            map.forEach((key, value) -> { });
        } finally {
            store.close();
        }
    }

    /**
     * Reads each stored key or value as raw bytes, failing unless it starts with {@code mark}; the
     * length after the mark comes from {@code length}. Branch pages repeat some keys, so the
     * distinct byte strings are what is counted.
     */
    private static final class RawForms extends BasicDataType<Object> {
        final Set<ByteBuffer> seen = new HashSet<>();
        private final byte mark;
        private final ToIntFunction<ByteBuffer> length;

        RawForms(byte mark, ToIntFunction<ByteBuffer> length) {
            this.mark = mark;
            this.length = length;
        }

        @Override
        public Object read(ByteBuffer buff) {
            assertEquals(mark, buff.get(), "marker byte");
            byte[] bytes = new byte[length.applyAsInt(buff)];
            buff.get(bytes);
            ByteBuffer raw = ByteBuffer.wrap(bytes);
            seen.add(raw);
            return raw;
        }

        @Override
        public int compare(Object a, Object b) {
            return ((ByteBuffer) a).compareTo((ByteBuffer) b);
        }

        @Override
        public int getMemory(Object value) {
            return 16;
        }

        @Override
        public void write(WriteBuffer buff, Object value) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    @Test
    void aFileOfJavaSerialisedDocumentsStillReadsAndIsRewrittenAsItChanges() {
        File file = new File(dir, "stock.mv.db");
        H2Backend stock = new H2Backend(file.getPath());
        stock.version(EmbeddedMongo.MONGO_6_0);
        MongoServer stockServer = new MongoServer(stock);
        InetSocketAddress address = stockServer.bind();
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            written.add(rich(i));
        }
        List<ObjectId> ids = new ArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("test").getCollection("things").insertMany(written);
            ids.addAll(insertWithObjectIds(client.getDatabase("test").getCollection("keyed"), 300));
        } finally {
            stockServer.shutdownNow();
        }

        try (TestServer server = new TestServer(file)) {
            MongoCollection<Document> things = server.db().getCollection("things");
            assertEquals(written, things.find().sort(new Document("_id", 1)).into(new ArrayList<>()));
            // Half are rewritten (now BSON) and half stay as the stock server wrote them.
            things.updateMany(Filters.lt("_id", 15), Updates.set("text", "rewritten"));
            // New keys in the old trees: both encodings must sort together.
            ids.addAll(insertWithObjectIds(server.db().getCollection("keyed"), 300));
        }
        ids.sort(null);
        for (int i = 0; i < 15; i++) {
            written.get(i).put("text", "rewritten");
        }
        try (TestServer reopened = new TestServer(file)) {
            assertEquals(written, reopened.db().getCollection("things").find().sort(new Document("_id", 1))
                .into(new ArrayList<>()));
            MongoCollection<Document> keyed = reopened.db().getCollection("keyed");
            assertEquals(ids, keyed.find().sort(new Document("_id", 1)).map(d -> d.getObjectId("_id"))
                .into(new ArrayList<>()));
            for (ObjectId id : List.of(ids.get(0), ids.get(299), ids.get(300), ids.get(599))) {
                assertEquals(id, keyed.find(Filters.eq("_id", id)).first().getObjectId("_id"));
            }
        }
    }

    private static List<ObjectId> insertWithObjectIds(MongoCollection<Document> collection, int count) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Document("_id", new ObjectId()).append("n", i));
        }
        collection.insertMany(docs);
        return docs.stream().map(d -> d.getObjectId("_id")).toList();
    }

    @Test
    void aValueIsWrittenAsMarkedBsonAndALegacyValueIsReadTheOldWay() {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", 7)
            .append("name", "Ada").append("tags", List.of("a", "b"));

        WriteBuffer ours = new WriteBuffer();
        new DocumentDataType().write(ours, document);
        ByteBuffer bson = ours.getBuffer();
        bson.flip();
        assertEquals((byte) 0xBD, bson.get(0), "the BSON mark");
        assertEquals(bson.limit() - 1, Integer.reverseBytes(bson.getInt(1)), "the BSON length follows it");
        assertEquals(document, new DocumentDataType().read(bson));
        assertEquals(bson.limit(), bson.position(), "reading consumes exactly the value");

        WriteBuffer old = new WriteBuffer();
        new ObjectDataType().write(old, document);
        ByteBuffer serialised = old.getBuffer();
        serialised.flip();
        assertTrue(serialised.limit() > bson.limit(), "Java serialisation is the larger form");
        assertEquals(document, new DocumentDataType().read(serialised));
    }

    @Test
    void objectIdKeysKeepTheOrderH2GaveThem() {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add(new de.bwaldvogel.mongo.bson.ObjectId());
        }
        ids.add("a string key");
        ids.add(42);
        List<Object> ours = new ArrayList<>(ids);
        List<Object> h2 = new ArrayList<>(ids);
        PositionDataType positions = new PositionDataType();
        ObjectDataType stock = new ObjectDataType();
        ours.sort(positions::compare);
        h2.sort(stock::compare);
        assertEquals(h2, ours);
    }
}
