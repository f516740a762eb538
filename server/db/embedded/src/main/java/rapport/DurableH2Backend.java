package rapport;

import java.util.List;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import rapport.storage.IndexedH2Database;

/**
 * Stock H2Backend relies on MVStore's background auto-commit (about once a second), so a crash
 * loses writes that were already acknowledged. Here the store never auto-commits, and no reply to
 * a command that changed data is written before a commit that includes that command.
 *
 * <p>Commands run one at a time under the command lock, so a commit never persists half of a
 * command and MVStore sees no concurrent writers. Commits are grouped: a command that left
 * changes takes a ticket and waits; one committer thread, taking the same lock between commands,
 * persists everything executed so far and releases every ticket up to that point. Under load one
 * commit covers many commands; alone, a command waits for just its own.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    private static final int MAINTENANCE_TARGET_FILL_RATE = 80;
    private static final int MAINTENANCE_WRITE_BYTES = 4 * 1024 * 1024;
    private static final int CLOSE_COMPACTION_MS = 2000;

    private final MVStore store;
    /** Tickets handed out to commands that left unsaved changes. Guarded by {@code this}. */
    private long executed;

    private final Object commitState = new Object();
    /** Every ticket up to this one is on disk (or its commit failed). Guarded by commitState. */
    private long committed;
    /** The highest ticket anyone waits for. Guarded by commitState. */
    private long wanted;
    /** Tickets in (failedAfter, failedUpTo] belong to a commit that threw. Guarded by commitState. */
    private long failedAfter;
    private long failedUpTo;
    private RuntimeException failure;
    private volatile boolean running = true;

    DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
        // Opening may have built indexes missing from the file (one written by the stock server);
        // keep them, so the next start finds them built. Nothing else runs yet.
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
        Thread committer = new Thread(this::commitLoop, "rapport-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Called under the command lock right after a command: its ticket, or 0 if nothing to save. */
    private long ticketIfDirty() {
        return store.isClosed() || !store.hasUnsavedChanges() ? 0 : ++executed;
    }

    /** Blocks until a commit covers the ticket; throws (so no acknowledgement) if it failed. */
    private void awaitDurable(long ticket) {
        if (ticket == 0) {
            return;
        }
        synchronized (commitState) {
            if (ticket > wanted) {
                wanted = ticket;
                commitState.notifyAll();
            }
            while (committed < ticket) {
                try {
                    commitState.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted before the write was committed", e);
                }
            }
            if (ticket > failedAfter && ticket <= failedUpTo) {
                throw new IllegalStateException("the write could not be committed to disk", failure);
            }
        }
    }

    private void commitLoop() {
        while (running) {
            synchronized (commitState) {
                while (running && wanted <= committed) {
                    try {
                        commitState.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            long upTo;
            RuntimeException error = null;
            synchronized (this) {
                upTo = executed;
                try {
                    if (!store.isClosed() && store.hasUnsavedChanges()) {
                        store.commit();
                    }
                } catch (RuntimeException e) {
                    error = e;
                    log.error("commit failed: {}", e.toString());
                }
            }
            synchronized (commitState) {
                if (error != null) {
                    failedAfter = committed;
                    failedUpTo = upTo;
                    failure = error;
                }
                committed = Math.max(committed, upTo);
                commitState.notifyAll();
            }
        }
    }

    private synchronized void commitIfDirty() {
        if (!store.isClosed() && store.hasUnsavedChanges()) {
            store.commit();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // Called from the stock constructor, before this class's fields are set: use only the store.
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    // A message runs its command through handleCommand: nested calls (the lock already held)
    // just run; only the outermost call takes a ticket and waits.

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (command.equals(EngineStats.COMMAND)) {
            return EngineStats.toDocument();
        }
        if (Thread.holdsLock(this)) {
            return super.handleCommand(channel, database, command, query);
        }
        long ticket = 0;
        try {
            synchronized (this) {
                try {
                    return super.handleCommand(channel, database, command, query);
                } finally {
                    // Also after failures: an ordered insert that stops at a duplicate key has
                    // still written (and reports) the documents before it.
                    ticket = ticketIfDirty();
                }
            }
        } finally {
            awaitDurable(ticket);
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (Thread.holdsLock(this)) {
            return super.handleMessage(message);
        }
        long ticket = 0;
        try {
            synchronized (this) {
                try {
                    return super.handleMessage(message);
                } finally {
                    ticket = ticketIfDirty();
                }
            }
        } finally {
            awaitDurable(ticket);
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (Thread.holdsLock(this)) {
            return super.handleQuery(query);
        }
        long ticket = 0;
        try {
            synchronized (this) {
                try {
                    return super.handleQuery(query);
                } finally {
                    ticket = ticketIfDirty();
                }
            }
        } finally {
            awaitDurable(ticket);
        }
    }

    @Override
    public synchronized void handleClose(Channel channel) {
        super.handleClose(channel);
    }

    @Override
    public synchronized void closeCursors(List<Long> cursorIds) {
        super.closeCursors(cursorIds);
    }

    /**
     * Without auto-commit, MVStore's background thread (which also rewrites sparsely used chunks)
     * does not exist. Committing after every write leaves many small chunks that each keep a few
     * live pages, so the file would keep growing; this does that rewriting instead. It holds the
     * command lock, so it only ever persists whole commands.
     */
    synchronized void maintain() {
        if (store.isClosed()) {
            return;
        }
        store.compact(MAINTENANCE_TARGET_FILL_RATE, MAINTENANCE_WRITE_BYTES);
        commitIfDirty();
    }

    @Override
    public synchronized void close() {
        if (store.isClosed()) {
            return;
        }
        running = false;
        commitIfDirty();
        // The committer has stopped; this last commit covers every ticket still waiting.
        synchronized (commitState) {
            committed = Math.max(committed, executed);
            commitState.notifyAll();
        }
        // Closing with a compaction budget also moves chunks together and shrinks the file.
        store.close(CLOSE_COMPACTION_MS);
        // H2Backend.close() would close the store again, which MVStore treats as a no-op.
        super.close();
    }
}
