package rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * Queries, updates, deletes and counts read only the documents an index points at. Results alone
 * would look the same after a collection scan, so each test also checks how many documents the
 * engine examined.
 */
class IndexedQueriesTest {

    private static final int USERS = 50;
    private static final int MODULES = 4;
    private static final int TOTAL = USERS * MODULES;

    @TempDir
    static File dir;
    static TestServer server;
    static MongoCollection<Document> attempts;
    static List<ObjectId> users = new ArrayList<>();
    static List<ObjectId> modules = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer(new File(dir, "data.mv.db"));
        attempts = server.db().getCollection("attempts");
        attempts.createIndex(Indexes.compoundIndex(Indexes.ascending("userId", "moduleId"), Indexes.descending("number")),
            new IndexOptions().unique(true));
        attempts.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("updatedAt")));
        attempts.createIndex(Indexes.ascending("moduleId", "version", "successRank"));
        attempts.createIndex(Indexes.ascending("expires"));
        for (int m = 0; m < MODULES; m++) {
            modules.add(new ObjectId());
        }
        List<Document> docs = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            ObjectId user = new ObjectId();
            users.add(user);
            for (int m = 0; m < MODULES; m++) {
                docs.add(new Document("userId", user).append("moduleId", modules.get(m))
                    .append("number", m + 1).append("version", 1).append("successRank", (u + m) % 3)
                    .append("seq", 5).append("updatedAt", new Date(1_000_000L * (u * MODULES + m)))
                    .append("expires", new Date(1_000L * (u * MODULES + m))));
            }
        }
        attempts.insertMany(docs);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCollectionScanExaminesEveryDocument() {
        TestServer.Work work = server.measure(() -> attempts.find(Filters.eq("seq", 5)).into(new ArrayList<>()));
        assertEquals(TOTAL, work.documents());
        assertEquals(1, work.scans());
    }

    @Test
    void idWithFurtherConditionsUsesTheIdIndex() {
        Document one = attempts.find(Filters.eq("userId", users.get(3))).first();
        Object id = one.get("_id");
        var filter = Filters.and(Filters.eq("_id", id), Filters.eq("userId", users.get(3)), Filters.lt("seq", 9));

        TestServer.Work find = server.measure(() -> assertEquals(1, attempts.find(filter).into(new ArrayList<>()).size()));
        assertEquals(1, find.documents());
        assertEquals(0, find.scans());

        TestServer.Work count = server.measure(() -> assertEquals(1, attempts.countDocuments(filter)));
        assertEquals(0, count.scans());

        var olderSeq = Filters.and(Filters.eq("_id", id), Filters.eq("userId", users.get(3)), Filters.lt("seq", 5));
        TestServer.Work refused = server.measure(() ->
            assertEquals(0, attempts.updateOne(olderSeq, Updates.set("seq", 4)).getMatchedCount()));
        assertEquals(1, refused.documents());

        TestServer.Work update = server.measure(() ->
            assertEquals(1, attempts.updateOne(filter, Updates.set("seq", 6)).getModifiedCount()));
        assertTrue(update.documents() <= 2, "examined " + update.documents());
        assertEquals(0, update.scans());

        var newer = Filters.and(Filters.eq("_id", id), Filters.lt("seq", 7));
        TestServer.Work modify = server.measure(() -> assertEquals(7, attempts.findOneAndUpdate(newer, Updates.set("seq", 7),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)).getInteger("seq")));
        assertEquals(0, modify.scans());
        attempts.updateOne(Filters.eq("_id", id), Updates.set("seq", 5));
    }

    @Test
    void aPrefixOfACompoundIndexServesEqualityOnItsFirstField() {
        TestServer.Work work = server.measure(() ->
            assertEquals(MODULES, attempts.find(Filters.eq("userId", users.get(7))).into(new ArrayList<>()).size()));
        assertEquals(MODULES, work.documents());
        assertEquals(0, work.scans());
    }

    @Test
    void aLongerPrefixWithSortInIndexOrderReadsOnlyWhatTheLimitNeeds() {
        ObjectId user = users.get(9);
        List<Document> found = new ArrayList<>();
        TestServer.Work work = server.measure(() -> attempts.find(Filters.eq("userId", user))
            .sort(Sorts.descending("updatedAt")).limit(2).into(found));
        assertEquals(2, found.size());
        assertTrue(found.get(0).getDate("updatedAt").after(found.get(1).getDate("updatedAt")));
        assertEquals(2, work.documents());

        // Ascending is the same index read backwards.
        List<Document> ascending = new ArrayList<>();
        TestServer.Work backwards = server.measure(() -> attempts.find(Filters.eq("userId", user))
            .sort(Sorts.ascending("updatedAt")).limit(1).into(ascending));
        assertEquals(1, backwards.documents());
        assertEquals(1, ascending.get(0).getInteger("number"));
    }

    @Test
    void theIndexWithMoreEqualityFieldsWins() {
        var filter = Filters.and(Filters.eq("userId", users.get(11)), Filters.eq("moduleId", modules.get(2)));
        List<Document> found = new ArrayList<>();
        TestServer.Work work = server.measure(() -> attempts.find(filter).sort(Sorts.descending("number")).into(found));
        assertEquals(1, found.size());
        assertEquals(1, work.documents());
    }

    @Test
    void aSortOnlyScanWithLimitStopsEarly() {
        List<Document> found = new ArrayList<>();
        TestServer.Work work = server.measure(() -> attempts.find().sort(Sorts.descending("expires")).limit(3).into(found));
        assertEquals(3, found.size());
        assertEquals(3, work.documents());
        assertEquals(new Date(1_000L * (TOTAL - 1)), found.get(0).getDate("expires"));
    }

    @Test
    void aSortNoIndexGivesHoldsKeysAndRereadsOnlyTheDocumentsReturned() {
        List<Document> found = new ArrayList<>();
        TestServer.Work work = server.measure(() -> attempts.find(Filters.gte("seq", 0))
            .sort(Sorts.orderBy(Sorts.descending("successRank"), Sorts.ascending("updatedAt")))
            .skip(1).limit(3).projection(new Document("successRank", 1).append("_id", 0)).into(found));
        assertEquals(List.of(2, 2, 2), found.stream().map(d -> d.getInteger("successRank")).toList());
        assertEquals(Set.of("successRank"), found.get(0).keySet());
        // One pass over the collection for the keys, then only the three returned are read again.
        assertEquals(TOTAL + 3, work.documents());
    }

    @Test
    void aRangeOnASingleFieldIndexReadsOnlyTheRange() {
        TestServer.Work work = server.measure(() ->
            assertEquals(10, attempts.countDocuments(Filters.lt("expires", new Date(10_000L)))));
        assertEquals(10, work.documents());
        TestServer.Work between = server.measure(() -> assertEquals(5, attempts.find(
            Filters.and(Filters.gte("expires", new Date(20_000L)), Filters.lt("expires", new Date(25_000L))))
            .into(new ArrayList<>()).size()));
        assertEquals(5, between.documents());
    }

    @Test
    void aRangeAfterTheEqualityPrefixNarrowsTheScan() {
        var filter = Filters.and(Filters.eq("userId", users.get(20)), Filters.gt("updatedAt", new Date(1_000_000L * (20 * MODULES + 1))));
        TestServer.Work work = server.measure(() -> assertEquals(2, attempts.find(filter).into(new ArrayList<>()).size()));
        assertEquals(2, work.documents());
    }

    @Test
    void inOnAnIndexedFieldReadsOnlyTheListedKeys() {
        var filter = Filters.in("userId", users.get(1), users.get(2), users.get(30));
        TestServer.Work work = server.measure(() ->
            assertEquals(3 * MODULES, attempts.find(filter).into(new ArrayList<>()).size()));
        assertEquals(3 * MODULES, work.documents());
    }

    @Test
    void aDeleteFindsItsDocumentsThroughTheIndex() {
        ObjectId user = new ObjectId();
        attempts.insertMany(List.of(new Document("userId", user).append("moduleId", modules.get(0)).append("number", 1),
            new Document("userId", user).append("moduleId", modules.get(1)).append("number", 1)));
        TestServer.Work work = server.measure(() ->
            assertEquals(2, attempts.deleteMany(Filters.eq("userId", user)).getDeletedCount()));
        assertEquals(2, work.documents());
        assertEquals(0, work.scans());
        assertEquals(0, attempts.countDocuments(Filters.eq("userId", user)));
    }

    @Test
    void anAggregationStartingWithMatchUsesTheIndex() {
        TestServer.Work work = server.measure(() -> assertEquals(MODULES, attempts.aggregate(List.of(
            new Document("$match", new Document("userId", users.get(4))),
            new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1)))))
            .first().getInteger("n")));
        assertEquals(MODULES, work.documents());
    }
}
