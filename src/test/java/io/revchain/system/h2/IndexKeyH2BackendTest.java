package io.revchain.system.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files move freely between the stock H2 backend and ours: same bytes, same index order. */
class IndexKeyH2BackendTest {

    @TempDir
    Path dir;

    private static final int DOCUMENTS = 3_000;

    private static void withCollection(MongoBackend backend, Function<MongoCollection<Document>, Void> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            work.apply(client.getDatabase("revchain").getCollection("events"));
        } finally {
            server.shutdownNow();
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static Void write(MongoCollection<Document> events, int from, int to) {
        events.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(new Document("_id", (long) i).append("stream", "journey:J-" + (i * 7919 % DOCUMENTS) + "/0"));
        }
        events.insertMany(batch);
        return null;
    }

    private static Void readsEverything(MongoCollection<Document> events, int count) {
        assertThat(events.countDocuments()).isEqualTo(count);
        for (int i = 0; i < count; i += 97) {
            String stream = "journey:J-" + (i * 7919 % DOCUMENTS) + "/0";
            assertThat(events.find(Filters.eq("_id", (long) i)).first().getString("stream")).isEqualTo(stream);
            assertThat(events.find(Filters.eq("stream", stream)).first().getLong("_id")).isEqualTo((long) i);
        }
        assertThatThrownBy(() -> events.insertOne(new Document("_id", 1L).append("stream", "other")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> events.insertOne(new Document("_id", -1L).append("stream", "journey:J-0/0")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        return null;
    }

    private H2Backend stock() {
        return new H2Backend(dir.resolve("revchain.mv").toString());
    }

    private H2Backend ours() {
        return new IndexKeyH2Backend(dir.resolve("revchain.mv").toString(), 16);
    }

    private static void close(H2Backend backend) {
        backend.close();
    }

    @Test
    void fileWrittenByTheStockBackend_isReadAndExtendedByOurs_andReadBackByTheStockOne() {
        H2Backend first = stock();
        withCollection(first, events -> write(events, 0, DOCUMENTS / 2));
        close(first);

        H2Backend second = ours();
        withCollection(second, events -> {
            readsEverything(events, DOCUMENTS / 2);
            return write(events, DOCUMENTS / 2, DOCUMENTS);
        });
        close(second);

        H2Backend third = stock();
        withCollection(third, events -> readsEverything(events, DOCUMENTS));
        close(third);
    }

    @Test
    void fileWrittenByOurBackend_isReadByTheStockBackend() {
        H2Backend first = ours();
        withCollection(first, events -> write(events, 0, DOCUMENTS));
        close(first);

        H2Backend second = stock();
        withCollection(second, events -> readsEverything(events, DOCUMENTS));
        close(second);
    }
}
