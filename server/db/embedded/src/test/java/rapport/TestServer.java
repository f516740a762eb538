package rapport;

import java.io.File;
import java.net.InetSocketAddress;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import rapport.wire.WireServer;

/**
 * The launcher's server, run in the test's JVM on a data file and reached over TCP with the MongoDB
 * Java driver, as the app reaches it. {@link #stats} reads the engine's work counters through the
 * {@code rapportEngineStats} command.
 */
final class TestServer implements AutoCloseable {

    private final DurableH2Backend backend;
    private final WireServer server;
    final MongoClient client;

    TestServer(File dataFile) {
        this(dataFile, 1);
    }

    TestServer(File dataFile, int maxPoolSize) {
        backend = new DurableH2Backend(EmbeddedMongo.openStore(dataFile, 16));
        backend.version(EmbeddedMongo.MONGO_6_0);
        server = new WireServer(backend);
        InetSocketAddress address = server.bind(new InetSocketAddress("127.0.0.1", 0), 4);
        client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
            .applyToConnectionPoolSettings(pool -> pool.maxSize(maxPoolSize))
            .build());
    }

    MongoDatabase db() {
        return client.getDatabase("test");
    }

    /** Engine counters: documentsExamined, keysExamined, collectionScans. */
    Document stats() {
        return client.getDatabase("admin").runCommand(new Document(EngineStats.COMMAND, 1));
    }

    /** How much work {@code action} made the engine do. */
    Work measure(Runnable action) {
        Document before = stats();
        action.run();
        Document after = stats();
        return new Work(
            after.getLong("documentsExamined") - before.getLong("documentsExamined"),
            after.getLong("keysExamined") - before.getLong("keysExamined"),
            after.getLong("collectionScans") - before.getLong("collectionScans"));
    }

    record Work(long documents, long keys, long scans) {
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
