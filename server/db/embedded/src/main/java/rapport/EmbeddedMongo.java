package rapport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * Embedded, on-disk MongoDB-wire server for Rapport (mongo-java-server + H2 MVStore).
 *
 * <p>Usage: {@code java -jar rapport-embedded-mongo.jar --data-file <path> [--port 0] [--exit-on-stdin-eof]}
 *
 * <p>Prints exactly one line {@code RAPPORT_EMBEDDED_MONGO_LISTENING <port>} on stdout once it
 * accepts connections; everything else goes to stderr.
 */
public final class EmbeddedMongo {

    public static final String LISTENING_MARKER = "RAPPORT_EMBEDDED_MONGO_LISTENING";

    static {
        // Must run before the first LoggerFactory call, because slf4j-simple reads these once.
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.rapport", "info");
        defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        // This handler logs every error it returns to the client (e.g. each duplicate-key error) with
        // a full stack trace; the client receives the error anyway, so the log only adds noise.
        defaultProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoDatabaseHandler", "off");
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    /**
     * The MongoDB driver bundled with mongoose 9 refuses servers below wire version 9, and the stock
     * 1.47.0 backend announces 8 (MongoDB 5.0). 6.0 / 17 is what the driver then talks to.
     */
    static final MongoVersion MONGO_6_0 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    };

    private static final int MAINTENANCE_INTERVAL_SECONDS = 5;
    private static final int MAINTENANCE_TARGET_FILL_RATE = 80;
    private static final int MAINTENANCE_WRITE_BYTES = 4 * 1024 * 1024;
    private static final int CLOSE_COMPACTION_MS = 2000;
    private static final int WORKER_THREADS = 16;

    private EmbeddedMongo() {
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

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
    static final class DurableH2Backend extends H2Backend {

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

        // A message runs its command through handleCommand: nested calls (the lock already held)
        // just run; only the outermost call takes a ticket and waits.

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
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

    private static final class Options {
        String dataFile;
        int port = 0;
        boolean exitOnStdinEof = false;
    }

    private static Options parseArgs(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-file" -> options.dataFile = requireValue(args, ++i, arg);
                case "--port" -> {
                    String value = requireValue(args, ++i, arg);
                    try {
                        options.port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port expects a number, got '" + value + "'");
                    }
                    if (options.port < 0 || options.port > 65535) {
                        throw new IllegalArgumentException("--port out of range: " + options.port);
                    }
                }
                case "--exit-on-stdin-eof" -> options.exitOnStdinEof = true;
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (options.dataFile == null || options.dataFile.isBlank()) {
            throw new IllegalArgumentException("--data-file <path> is required");
        }
        return options;
    }

    private static String requireValue(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: java -jar rapport-embedded-mongo.jar --data-file <path> [--port 0] [--exit-on-stdin-eof]");
            System.exit(2);
            return;
        }

        MVStore store;
        try {
            File dataFile = new File(options.dataFile).getAbsoluteFile();
            File parent = dataFile.getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create directory " + parent);
            }
            log.info("opening {}", dataFile);
            store = new MVStore.Builder()
                .fileName(dataFile.getPath())
                .autoCommitDisabled()
                .open();
        } catch (Exception e) {
            String hint = String.valueOf(e.getMessage()).contains("locked")
                ? " (another embedded server is using this data file; stop it or use another data directory)"
                : "";
            log.error("cannot open data file {}: {}{}", options.dataFile, e.toString(), hint);
            System.exit(1);
            return;
        }

        DurableH2Backend backend = new DurableH2Backend(store);
        backend.version(MONGO_6_0);
        MongoServer server = new MongoServer(backend);

        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rapport-embedded-mongo-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        maintenance.scheduleWithFixedDelay(() -> {
            try {
                backend.maintain();
            } catch (RuntimeException e) {
                // A failed rewrite leaves the committed data as it was; try again next time.
                log.warn("store maintenance failed: {}", e.toString());
            }
        }, MAINTENANCE_INTERVAL_SECONDS, MAINTENANCE_INTERVAL_SECONDS, TimeUnit.SECONDS);

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            log.info("shutting down");
            maintenance.shutdownNow();
            try {
                // Closes client connections, then calls backend.close(), which commits and closes the store.
                server.shutdownNow();
            } catch (RuntimeException e) {
                log.error("error during shutdown", e);
            } finally {
                backend.close();
            }
            log.info("stopped");
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "rapport-embedded-mongo-shutdown"));

        InetSocketAddress address;
        try {
            // More I/O threads than cores: commands still run one at a time, but while one commits,
            // the others' commands queue up and share the next commit.
            server.bind(new InetSocketAddress("127.0.0.1", options.port), 1, WORKER_THREADS);
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            log.error("cannot listen on 127.0.0.1:{}: {}", options.port, e.toString());
            System.exit(1);
            return;
        }

        log.info("listening on {}:{} (data file {})", address.getHostString(), address.getPort(), options.dataFile);
        System.out.println(LISTENING_MARKER + " " + address.getPort());
        System.out.flush();

        if (options.exitOnStdinEof) {
            // The parent keeps our stdin open; if it dies without stopping us (even by SIGKILL), the pipe
            // closes and we exit instead of lingering with the data file locked.
            waitForEof(System.in);
            log.info("stdin closed, exiting");
            System.exit(0);
        }
        // Otherwise netty's non-daemon event loop threads keep the JVM alive until SIGTERM/SIGINT.
    }

    private static void waitForEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            log.warn("reading stdin failed: {}", e.toString());
        }
    }
}
