package rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * A write with {@code w: 0} is sent with OP_MSG's moreToCome flag: the server must run it and send
 * nothing back. With a single pooled connection, a stray reply would be read as the answer to the
 * next command on that connection, and the driver would reject it.
 */
class UnacknowledgedWritesTest {

    @TempDir
    File dir;

    @Test
    void anUnacknowledgedDeleteRunsAndIsNotAnswered() {
        try (TestServer server = new TestServer(new File(dir, "data.mv.db"), 1)) {
            MongoCollection<Document> sessions = server.db().getCollection("sessions");
            sessions.insertMany(List.of(new Document("_id", "a").append("expires", 1),
                new Document("_id", "b").append("expires", 5), new Document("_id", "c").append("expires", 9)));

            var result = sessions.withWriteConcern(WriteConcern.UNACKNOWLEDGED).deleteMany(Filters.lt("expires", 6));
            assertFalse(result.wasAcknowledged());
            sessions.withWriteConcern(WriteConcern.UNACKNOWLEDGED).insertOne(new Document("_id", "d"));

            // Same connection, next command: it gets its own reply, and sees both writes done.
            assertEquals(List.of("c", "d"), sessions.find().map(d -> d.getString("_id")).into(new java.util.ArrayList<>()));
        }
    }
}
