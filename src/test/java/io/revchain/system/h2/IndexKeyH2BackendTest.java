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

/**
 * Data files of the stock H2 backend open unchanged with ours, which goes on writing them in its compact form: old
 * and new documents and index keys mix in one file, in one index order.
 */
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
    void fileWrittenByTheStockBackend_isReadAndExtendedByOurs_andReadBackByOursAfterARestart() {
        H2Backend first = stock();
        withCollection(first, events -> write(events, 0, DOCUMENTS / 2));
        close(first);

        H2Backend second = ours();
        withCollection(second, events -> {
            readsEverything(events, DOCUMENTS / 2);
            return write(events, DOCUMENTS / 2, DOCUMENTS);
        });
        close(second);

        H2Backend third = ours();
        withCollection(third, events -> readsEverything(events, DOCUMENTS));
        close(third);
    }

    @Test
    void documentsOfEveryBsonType_andUpdatesOfOldDocuments_readBackEqual() {
        org.bson.Document rich = new org.bson.Document("_id", "rich")
                .append("text", "ünïcödé").append("int", 7).append("long", 1L << 40).append("double", 0.1)
                .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("1200.50")))
                .append("date", new java.util.Date(1_700_000_000_123L)).append("flag", true).append("none", null)
                .append("binary", new org.bson.types.Binary(new byte[] {1, 2, 3}))
                .append("uuid", new org.bson.types.Binary(org.bson.BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("objectId", new org.bson.types.ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("list", List.of(1, "two", new org.bson.Document("three", 3.0)))
                .append("nested", new org.bson.Document("a", new org.bson.Document("b", List.of())));
        H2Backend first = stock();
        withCollection(first, events -> {
            events.insertOne(new org.bson.Document("_id", "old").append("n", 1).append("tags", List.of("a")));
            return null;
        });
        close(first);

        H2Backend second = ours();
        withCollection(second, events -> {
            events.insertOne(rich);
            events.updateOne(Filters.eq("_id", "old"), com.mongodb.client.model.Updates.push("tags", "b"));
            return null;
        });
        close(second);

        H2Backend third = ours();
        withCollection(third, events -> {
            assertThat(events.find(Filters.eq("_id", "rich")).first()).isEqualTo(rich);
            assertThat(events.find(Filters.eq("_id", "old")).first())
                    .isEqualTo(new org.bson.Document("_id", "old").append("n", 1).append("tags", List.of("a", "b")));
            return null;
        });
        close(third);
    }

    @Test
    void compactForm_takesAFractionOfTheStockBackendsFile() throws Exception {
        H2Backend stock = new H2Backend(dir.resolve("stock.mv").toString());
        withCollection(stock, events -> write(events, 0, DOCUMENTS));
        stock.getMvStore().close(-1);
        H2Backend ours = new IndexKeyH2Backend(dir.resolve("ours.mv").toString(), 16);
        withCollection(ours, events -> write(events, 0, DOCUMENTS));
        ours.getMvStore().close(-1);

        // Each document is two short fields: the stock backend's class descriptions dominate its file.
        assertThat(java.nio.file.Files.size(dir.resolve("ours.mv")))
                .isLessThan(java.nio.file.Files.size(dir.resolve("stock.mv")) / 2);
    }
}
