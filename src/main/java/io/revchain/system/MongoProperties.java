package io.revchain.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where revchain keeps its data. With no {@code uri} an embedded MongoDB-wire-protocol server is started.
 */
@ConfigurationProperties("revchain.mongodb")
public record MongoProperties(String uri, String database, Embedded embedded) {

    public MongoProperties {
        database = database == null || database.isBlank() ? "revchain" : database;
        embedded = embedded == null ? new Embedded(null, null, null, null, null) : embedded;
    }

    public boolean useEmbedded() {
        return uri == null || uri.isBlank();
    }

    /**
     * The embedded server: {@code backend} h2 (persistent, the default) or memory (tests, benchmarks); the folder
     * holding the H2 file; the address it listens on (loopback unless BI tools elsewhere must reach it); its port
     * (0 picks a free one; set it to let a BI tool with a MongoDB connector read the read models).
     */
    public record Embedded(String backend, String dataDir, String host, Integer port, Integer cacheMb) {
        public Embedded {
            backend = backend == null || backend.isBlank() ? "h2" : backend;
            dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            port = port == null ? 0 : port;
            cacheMb = cacheMb == null ? 64 : cacheMb;
            if (cacheMb < 1) {
                throw new IllegalArgumentException("revchain.mongodb.embedded.cache-mb must be at least 1");
            }
        }

        public boolean inMemory() {
            return "memory".equalsIgnoreCase(backend);
        }
    }
}
