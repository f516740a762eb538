package rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/** Every write keeps every index in step with the documents, and unique indexes refuse duplicates. */
class IndexMaintenanceTest {

    @TempDir
    static File dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(new File(dir, "data.mv.db"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static MongoCollection<Document> collection(String name, Document... indexes) {
        MongoCollection<Document> collection = server.db().getCollection(name);
        for (Document index : indexes) {
            collection.createIndex(index);
        }
        return collection;
    }

    private static List<Integer> ids(Iterable<Document> documents) {
        List<Integer> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getInteger("_id")));
        return ids;
    }

    @Test
    void anUpdateMovesTheDocumentToItsNewKey() {
        MongoCollection<Document> c = collection("moves", new Document("tag", 1));
        c.insertMany(List.of(new Document("_id", 1).append("tag", "old"), new Document("_id", 2).append("tag", "old")));
        c.updateOne(Filters.eq("_id", 1), Updates.set("tag", "new"));
        TestServer.Work work = server.measure(() -> {
            assertEquals(List.of(1), ids(c.find(Filters.eq("tag", "new"))));
            assertEquals(List.of(2), ids(c.find(Filters.eq("tag", "old"))));
        });
        assertEquals(2, work.documents());
        assertEquals(0, work.scans());
    }

    @Test
    void aReplaceAndAnUpsertAreIndexed() {
        MongoCollection<Document> c = collection("replaced", new Document("tag", 1));
        c.insertOne(new Document("_id", 1).append("tag", "a"));
        c.replaceOne(Filters.eq("_id", 1), new Document("tag", "b"));
        c.updateOne(Filters.eq("tag", "c"), Updates.set("n", 1), new UpdateOptions().upsert(true));
        c.replaceOne(Filters.eq("_id", 9), new Document("tag", "d"), new ReplaceOptions().upsert(true));
        assertEquals(0, c.countDocuments(Filters.eq("tag", "a")));
        assertEquals(List.of(1), ids(c.find(Filters.eq("tag", "b"))));
        assertEquals(1, c.countDocuments(Filters.eq("tag", "c")));
        assertEquals(List.of(9), ids(c.find(Filters.eq("tag", "d"))));
    }

    @Test
    void aDeleteRemovesItsEntries() {
        MongoCollection<Document> c = collection("deletes", new Document("tag", 1));
        c.insertMany(List.of(new Document("_id", 1).append("tag", "x"), new Document("_id", 2).append("tag", "x")));
        c.deleteOne(Filters.eq("_id", 1));
        TestServer.Work work = server.measure(() -> assertEquals(List.of(2), ids(c.find(Filters.eq("tag", "x")))));
        // The deleted document's entry is gone, so no stale candidate is even looked at.
        assertEquals(1, work.keys());
    }

    @Test
    void arrayValuesAreIndexedElementByElement() {
        MongoCollection<Document> c = collection("tags", new Document("tags", 1));
        c.insertMany(List.of(new Document("_id", 1).append("tags", List.of("a", "b")),
            new Document("_id", 2).append("tags", List.of("b", "c")),
            new Document("_id", 3).append("tags", List.of()),
            new Document("_id", 4)));
        TestServer.Work work = server.measure(() -> assertEquals(List.of(1, 2), ids(c.find(Filters.eq("tags", "b")))));
        assertEquals(2, work.documents());
        assertEquals(List.of(2), ids(c.find(Filters.and(Filters.gt("tags", "b"), Filters.lt("tags", "z")))));
        // Sorting by an array field is MongoDB's (smallest element first), not index order.
        assertEquals(List.of(3, 4, 1, 2), ids(c.find().sort(Sorts.ascending("tags", "_id")).limit(4)));
        c.updateOne(Filters.eq("_id", 1), Updates.pull("tags", "b"));
        assertEquals(List.of(2), ids(c.find(Filters.eq("tags", "b"))));
    }

    @Test
    void nullFindsMissingFieldsThroughTheIndex() {
        MongoCollection<Document> c = collection("nulls", new Document("tag", 1));
        c.insertMany(List.of(new Document("_id", 1), new Document("_id", 2).append("tag", null),
            new Document("_id", 3).append("tag", "x")));
        assertEquals(List.of(1, 2), ids(c.find(Filters.eq("tag", null))));
    }

    @Test
    void numbersOfDifferentTypesMatchByValue() {
        MongoCollection<Document> c = collection("numbers", new Document("n", 1));
        c.insertMany(List.of(new Document("_id", 1).append("n", 3), new Document("_id", 2).append("n", 3.0),
            new Document("_id", 3).append("n", 3L), new Document("_id", 4).append("n", 4)));
        assertEquals(List.of(1, 2, 3), ids(c.find(Filters.eq("n", 3.0))));
        assertEquals(List.of(4), ids(c.find(Filters.gt("n", 3))));
    }

    @Test
    void uniqueIndexesRefuseDuplicatesOnInsertAndUpdate() {
        MongoCollection<Document> c = server.db().getCollection("users");
        c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        c.insertOne(new Document("_id", 1).append("email", "a@example.com"));
        c.insertOne(new Document("_id", 2).append("email", "b@example.com"));
        MongoWriteException insert = assertThrows(MongoWriteException.class,
            () -> c.insertOne(new Document("_id", 3).append("email", "a@example.com")));
        assertEquals(11000, insert.getCode());
        assertTrue(insert.getMessage().contains("email_1 dup key"), insert.getMessage());
        MongoWriteException update = assertThrows(MongoWriteException.class,
            () -> c.updateOne(Filters.eq("_id", 2), Updates.set("email", "a@example.com")));
        assertEquals(11000, update.getCode());
        // Setting a document's own value again is no conflict.
        c.updateOne(Filters.eq("_id", 1), Updates.set("email", "a@example.com"));
        c.updateOne(Filters.eq("_id", 2), Updates.set("email", "c@example.com"));
        c.insertOne(new Document("_id", 4).append("email", "b@example.com"));
        assertEquals(3, c.countDocuments());
    }

    @Test
    void theIdIndexRefusesADuplicateId() {
        MongoCollection<Document> c = server.db().getCollection("ids");
        c.insertOne(new Document("_id", "same"));
        MongoWriteException e = assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", "same")));
        assertEquals(11000, e.getCode());
        assertEquals(1, c.countDocuments());
    }

    @Test
    void compoundUniqueIndexesRefuseOnlyTheWholeKey() {
        MongoCollection<Document> c = server.db().getCollection("versions");
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("moduleId"), Indexes.descending("version")),
            new IndexOptions().unique(true));
        c.insertOne(new Document("moduleId", "m").append("version", 1));
        c.insertOne(new Document("moduleId", "m").append("version", 2));
        c.insertOne(new Document("moduleId", "n").append("version", 1));
        MongoWriteException e = assertThrows(MongoWriteException.class,
            () -> c.insertOne(new Document("moduleId", "m").append("version", 2)));
        assertEquals(11000, e.getCode());
        assertEquals(2, c.find(Filters.eq("moduleId", "m")).sort(Sorts.descending("version")).first().getInteger("version"));
    }

    @Test
    void sparseUniqueIndexesAllowManyDocumentsWithoutTheField() {
        MongoCollection<Document> c = server.db().getCollection("sparse");
        c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true));
        c.insertOne(new Document("_id", 1));
        c.insertOne(new Document("_id", 2));
        c.insertOne(new Document("_id", 3).append("code", "x"));
        assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", 4).append("code", "x")));
        // null must also find documents without the field, which a sparse index leaves out.
        assertEquals(List.of(1, 2), ids(c.find(Filters.eq("code", null))));
    }

    @Test
    void creatingAUniqueIndexOverDuplicatesFailsAndLeavesNoIndex() {
        MongoCollection<Document> c = server.db().getCollection("dups");
        c.insertMany(List.of(new Document("k", 1), new Document("k", 1)));
        MongoServerException e = assertThrows(MongoServerException.class,
            () -> c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true)));
        assertEquals(11000, e.getCode());
        assertEquals(1, c.listIndexes().into(new ArrayList<>()).size());
        c.insertOne(new Document("k", 1));
    }

    @Test
    void anIndexCreatedOverExistingDocumentsServesQueries() {
        MongoCollection<Document> c = server.db().getCollection("later");
        for (int i = 0; i < 20; i++) {
            c.insertOne(new Document("_id", i).append("group", i % 4));
        }
        c.createIndex(Indexes.ascending("group"));
        TestServer.Work work = server.measure(() -> assertEquals(List.of(1, 5, 9, 13, 17), ids(c.find(Filters.eq("group", 1)))));
        assertEquals(5, work.documents());
    }

    @Test
    void aDroppedIndexIsNoLongerUsedOrKept() {
        MongoCollection<Document> c = collection("dropped", new Document("tag", 1));
        c.insertMany(List.of(new Document("_id", 1).append("tag", "a"), new Document("_id", 2).append("tag", "b")));
        c.dropIndex("tag_1");
        TestServer.Work work = server.measure(() -> assertEquals(List.of(1), ids(c.find(Filters.eq("tag", "a")))));
        assertEquals(1, work.scans());
        c.updateOne(Filters.eq("_id", 1), Updates.set("tag", "c"));
        c.createIndex(new Document("tag", 1));
        assertEquals(List.of(1), ids(c.find(Filters.eq("tag", "c"))));
        assertEquals(0, c.countDocuments(Filters.eq("tag", "a")));
    }

    @Test
    void aDroppedCollectionTakesItsIndexesAlong() {
        MongoCollection<Document> c = collection("gone", new Document("tag", 1));
        c.insertOne(new Document("_id", 1).append("tag", "a"));
        c.drop();
        MongoCollection<Document> again = collection("gone", new Document("tag", 1));
        again.insertOne(new Document("_id", 1).append("tag", "b"));
        assertEquals(0, again.countDocuments(Filters.eq("tag", "a")));
        assertEquals(1, again.countDocuments(Filters.eq("tag", "b")));
    }

    @Test
    void theSameIndexDeclaredTwiceIsOneIndex() {
        MongoCollection<Document> c = collection("twice", new Document("tag", 1), new Document("tag", 1));
        assertEquals(2, c.listIndexes().into(new ArrayList<>()).size());
    }
}
