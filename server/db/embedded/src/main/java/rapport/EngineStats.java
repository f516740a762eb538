package rapport;

import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Counts of work done by queries, so tests can tell an index lookup from a collection scan
 * (their results are the same), and an operator can see it with the {@code rapportEngineStats}
 * command. Process-wide: one server runs per process.
 */
public final class EngineStats {

    public static final String COMMAND = "rapportEngineStats";

    private static final AtomicLong DOCUMENTS_EXAMINED = new AtomicLong();
    private static final AtomicLong KEYS_EXAMINED = new AtomicLong();
    private static final AtomicLong COLLECTION_SCANS = new AtomicLong();

    private EngineStats() {
    }

    public static void documentExamined() {
        DOCUMENTS_EXAMINED.incrementAndGet();
    }

    public static void keyExamined() {
        KEYS_EXAMINED.incrementAndGet();
    }

    public static void collectionScan() {
        COLLECTION_SCANS.incrementAndGet();
    }

    public static Document toDocument() {
        return new Document("documentsExamined", DOCUMENTS_EXAMINED.get())
            .append("keysExamined", KEYS_EXAMINED.get())
            .append("collectionScans", COLLECTION_SCANS.get())
            .append("ok", 1.0);
    }
}
