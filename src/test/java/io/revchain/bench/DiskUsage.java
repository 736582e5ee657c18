package io.revchain.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import io.revchain.system.h2.IndexKeyH2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Bytes on disk per collection on the embedded default: each collection is copied, with its unique indexes, into a
 * fresh H2 store of its own (the same backend the service runs), which is then closed with full compaction, and the
 * file is measured. So the figure is the data at rest, without the free space a running store carries between
 * compactions. Used by the import benchmark; any benchmark can call {@link #perCollection}.
 */
public final class DiskUsage {

    private DiskUsage() {
    }

    /** Bytes of each non-empty collection of {@code source} whose name {@code include} accepts, by name. */
    public static Map<String, Long> perCollection(MongoDatabase source, Path scratch,
                                                  java.util.function.Predicate<String> include) {
        Map<String, Long> bytes = new TreeMap<>();
        for (String name : source.listCollectionNames()) {
            MongoCollection<Document> collection = source.getCollection(name);
            if (include.test(name) && collection.estimatedDocumentCount() > 0) {
                bytes.put(name, copiedAndCompacted(collection, scratch.resolve(name + ".mv")));
            }
        }
        return bytes;
    }

    private static long copiedAndCompacted(MongoCollection<Document> collection, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            IndexKeyH2Backend backend = new IndexKeyH2Backend(file.toString(), 64);
            MongoServer server = new MongoServer(backend);
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                MongoCollection<Document> copy = client.getDatabase("revchain")
                                                       .getCollection(collection.getNamespace().getCollectionName());
                for (Document index : collection.listIndexes()) {
                    if (index.getBoolean("unique", false)) {
                        copy.createIndex(index.get("key", Document.class),
                                         new IndexOptions().unique(true).name(index.getString("name")));
                    }
                }
                List<Document> batch = new ArrayList<>(1000);
                for (Document document : collection.find().batchSize(1000)) {
                    batch.add(document);
                    if (batch.size() == 1000) {
                        copy.insertMany(batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    copy.insertMany(batch);
                }
            } finally {
                server.shutdownNow();
                backend.getMvStore().close(-1);
            }
            long size = Files.size(file);
            Files.deleteIfExists(file);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
