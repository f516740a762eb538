package rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Indexes are stored with the documents: reopening a file reads no document to rebuild them, and a
 * file written by the stock server gets its indexes built once.
 */
class IndexPersistenceTest {

    @TempDir
    File dir;

    private static long documentsExaminedSoFar() {
        return ((Number) EngineStats.toDocument().get("documentsExamined")).longValue();
    }

    private static void fill(MongoCollection<Document> attempts, int count) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Document("_id", i).append("userId", "u" + (i % 10)).append("number", i)
                .append("email", "e" + i + "@example.com"));
        }
        attempts.insertMany(docs);
    }

    private static void assertIndexesServe(TestServer server) {
        MongoCollection<Document> attempts = server.db().getCollection("attempts");
        TestServer.Work work = server.measure(() -> assertEquals(List.of(93, 83), attempts.find(Filters.eq("userId", "u3"))
            .sort(Sorts.descending("number")).limit(2).map(d -> d.getInteger("_id")).into(new ArrayList<>())));
        assertEquals(2, work.documents());
        MongoWriteException duplicate = assertThrows(MongoWriteException.class,
            () -> attempts.insertOne(new Document("email", "e5@example.com")));
        assertEquals(11000, duplicate.getCode());
    }

    @Test
    void reopeningAFileRebuildsNothing() {
        File file = new File(dir, "data.mv.db");
        try (TestServer first = new TestServer(file)) {
            MongoCollection<Document> attempts = first.db().getCollection("attempts");
            attempts.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("number")));
            attempts.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            attempts.createIndex(Indexes.ascending("absent"), new IndexOptions().sparse(true));
            fill(attempts, 100);
        }
        long before = documentsExaminedSoFar();
        try (TestServer second = new TestServer(file)) {
            assertEquals(0, documentsExaminedSoFar() - before, "documents read while opening");
            assertIndexesServe(second);
        }
    }

    @Test
    void aRenamedCollectionKeepsItsIndexes() {
        File file = new File(dir, "renamed.mv.db");
        try (TestServer first = new TestServer(file)) {
            MongoCollection<Document> old = first.db().getCollection("old");
            old.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("number")));
            old.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            fill(old, 100);
            old.renameCollection(new com.mongodb.MongoNamespace("test", "attempts"));
            assertIndexesServe(first);
        }
        long before = documentsExaminedSoFar();
        try (TestServer second = new TestServer(file)) {
            assertEquals(0, documentsExaminedSoFar() - before, "documents read while opening");
            assertIndexesServe(second);
        }
    }

    @Test
    void aFileWrittenByTheStockServerGetsItsIndexesOnce() {
        File file = new File(dir, "stock.mv.db");
        H2Backend stock = new H2Backend(file.getPath());
        stock.version(EmbeddedMongo.MONGO_6_0);
        MongoServer stockServer = new MongoServer(stock);
        InetSocketAddress address = stockServer.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> attempts = client.getDatabase("test").getCollection("attempts");
            attempts.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("number")));
            attempts.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            fill(attempts, 100);
        } finally {
            stockServer.shutdownNow();
        }

        long before = documentsExaminedSoFar();
        try (TestServer migrated = new TestServer(file)) {
            assertEquals(100, documentsExaminedSoFar() - before, "one pass builds every index");
            assertIndexesServe(migrated);
        }
        before = documentsExaminedSoFar();
        try (TestServer again = new TestServer(file)) {
            assertEquals(0, documentsExaminedSoFar() - before, "documents read while opening");
            assertIndexesServe(again);
        }
    }
}
