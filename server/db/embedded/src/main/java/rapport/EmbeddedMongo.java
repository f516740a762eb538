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

import de.bwaldvogel.mongo.MongoVersion;
import rapport.wire.WireServer;

/**
 * Embedded, on-disk MongoDB-wire server for Rapport (mongo-java-server + H2 MVStore).
 *
 * <p>Usage: {@code java -jar rapport-embedded-mongo.jar --data-file <path> [--port 0] [--cache-mb 64]
 * [--exit-on-stdin-eof]}
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
    private static final int WORKER_THREADS = 16;

    private EmbeddedMongo() {
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static final class Options {
        String dataFile;
        int port = 0;
        /** MVStore's page cache; the default is what fits a 512 MB heap with room for queries. */
        int cacheMb = 64;
        boolean exitOnStdinEof = false;
    }

    /** The store never commits by itself: {@link DurableH2Backend} decides when. */
    static MVStore openStore(File dataFile, int cacheMb) {
        return new MVStore.Builder()
            .fileName(dataFile.getPath())
            .cacheSize(cacheMb)
            .autoCommitDisabled()
            .open();
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
                case "--cache-mb" -> {
                    String value = requireValue(args, ++i, arg);
                    try {
                        options.cacheMb = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--cache-mb expects a number, got '" + value + "'");
                    }
                    if (options.cacheMb < 1) {
                        throw new IllegalArgumentException("--cache-mb must be at least 1: " + options.cacheMb);
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
            System.err.println("usage: java -jar rapport-embedded-mongo.jar --data-file <path> [--port 0] [--cache-mb 64] [--exit-on-stdin-eof]");
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
            store = openStore(dataFile, options.cacheMb);
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
        WireServer server = new WireServer(backend);

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
            address = server.bind(new InetSocketAddress("127.0.0.1", options.port), WORKER_THREADS);
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
