package io.revchain.system;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.revchain.system.h2.IndexKeyH2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process MongoDB-wire-protocol server used when no MongoDB URI is configured. */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoBackend backend;
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(host, port);
        InetSocketAddress address = server.getLocalAddress();
        // Bound to every interface (for BI tools elsewhere): this process still connects over loopback.
        String connectHost = address.getAddress() != null && address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : address.getHostString();
        if (connectHost.contains(":")) {
            connectHost = "[" + connectHost + "]";
        }
        this.connectionString = "mongodb://" + connectHost + ":" + address.getPort();
    }

    public static EmbeddedMongo start(MongoProperties.Embedded settings) {
        if (settings.inMemory()) {
            log.info("Starting embedded MongoDB server in memory (nothing survives a restart)");
            return new EmbeddedMongo(new MemoryBackend(), settings.host(), settings.port());
        }
        Path dir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data folder " + dir
                    + "; set revchain.mongodb.embedded.data-dir to a writable folder", e);
        }
        Path file = dir.resolve("revchain.mv");
        log.info("Starting embedded MongoDB server with data in {}", file);
        return new EmbeddedMongo(new IndexKeyH2Backend(file.toString(), settings.cacheMb()), settings.host(),
                                 settings.port());
    }

    public String connectionString() {
        return connectionString;
    }

    /** Writes everything acknowledged so far to the H2 file; a no-op in memory. */
    public void commit() {
        if (backend instanceof H2Backend h2) {
            h2.commit();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
