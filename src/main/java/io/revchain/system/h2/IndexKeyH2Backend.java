package io.revchain.system.h2;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock H2 backend with three changes, each reading files of the stock backend unchanged:
 * <ul>
 * <li>index maps compare keys through {@link IndexKeyType} and store simple keys compactly;</li>
 * <li>collection maps store documents as BSON ({@link DocumentType}), and collections do not track their data size
 * (the stock backend BSON-encodes every document, old and new, on every write only to keep that figure);</li>
 * <li>every commit is a consistent cut. H2 commits map by map, so a commit taken while the server is inside an
 * insert could keep a document without its index entry, or a sequence counter behind its events. Write commands
 * therefore share a lock that a commit takes exclusively, and H2 never commits on its own: this backend commits
 * every {@value #COMMIT_EVERY_MILLIS} ms when there is something to write (what H2's own background writer did once
 * a second), and whenever {@link #commit()} is called.</li>
 * </ul>
 */
public final class IndexKeyH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(IndexKeyH2Backend.class);

    static final long COMMIT_EVERY_MILLIS = 1_000;
    /** Housekeeping: chunks under this fill rate are rewritten, a bounded amount at a time, off the write lock. */
    private static final int TARGET_FILL_RATE = 80;
    private static final int COMPACT_BYTES = 8 << 20;
    private static final long COMPACT_EVERY_MILLIS = 10_000;

    /** Commands that never change data; every other command is a write. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "killcursors", "ping",
            "ismaster", "hello", "buildinfo", "whatsmyuri", "serverstatus", "dbstats", "collstats", "listcollections",
            "listindexes", "listdatabases", "endsessions", "getlasterror", "getlog", "explain", "validate",
            "connectionstatus", "hostinfo", "getparameter", "getcmdlineopts", "features");

    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    private final Thread committer;
    private volatile boolean closing;

    /** cacheMegabytes of page cache: H2's default of 16 MB keeps re-reading index pages of a large store. */
    public IndexKeyH2Backend(String fileName, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes)
                                   // No background commits (see above); the large buffer only keeps H2 from
                                   // committing inside a write when much is unsaved.
                                   .autoCommitDisabled().autoCommitBufferSize(256 * 1024).open());
        committer = new Thread(this::commitPeriodically, "revchain-h2-commit");
        committer.setDaemon(true);
        committer.start();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (isRead(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        commitLock.readLock().lock();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commitLock.readLock().unlock();
        }
    }

    private static boolean isRead(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            String pipeline = String.valueOf(query.get("pipeline"));
            return !pipeline.contains("$out") && !pipeline.contains("$merge");
        }
        return READS.contains(name);
    }

    /** Writes everything acknowledged so far, as one consistent cut of every collection and index. */
    @Override
    public void commit() {
        commitLock.writeLock().lock();
        try {
            if (!getMvStore().isClosed()) {
                super.commit();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    private void commitPeriodically() {
        long nextCompaction = System.nanoTime() + COMPACT_EVERY_MILLIS * 1_000_000;
        while (!closing) {
            try {
                Thread.sleep(COMMIT_EVERY_MILLIS);
                MVStore store = getMvStore();
                if (store.isClosed()) {
                    return;
                }
                if (System.nanoTime() - nextCompaction > 0) {
                    nextCompaction = System.nanoTime() + COMPACT_EVERY_MILLIS * 1_000_000;
                    // Rewrites pages without changing content: safe beside writes; the next commit stores them.
                    store.compact(TARGET_FILL_RATE, COMPACT_BYTES);
                }
                if (store.hasUnsavedChanges()) {
                    commit();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closing) {
                    log.warn("Periodic commit of the embedded store failed; retrying in {} ms", COMMIT_EVERY_MILLIS,
                             e);
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        committer.interrupt();
        try {
            committer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitLock.writeLock().lock();
        try {
            super.close();
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // Called from H2Database's constructor too: only the outer backend's state may be used here. The map
            // name is H2Database's own, which its dropIndex removes by.
            MVMap<KeyValue, Object> map = getMvStore().openMap(
                    getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType())
                                                         .valueType(new ObjectDataType()));
            return new H2KeyIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The map names are H2Database's own, which its drop and rename use.
            String name = getFullCollectionNamespace(collectionName);
            MVMap<Object, Object> data = getMvStore().openMap("databases." + name,
                    new MVMap.Builder<>().keyType(new ObjectDataType()).valueType(new DocumentType()));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + name);
            @SuppressWarnings({"unchecked", "rawtypes"})
            MVMap<Object, Document> documents = (MVMap) data;
            return new Collection(this, collectionName, options, documents, meta);
        }
    }

    private final class Collection extends H2Collection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap) {
            super(database, collectionName, options, dataMap, metaMap, getCursorRegistry());
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }
    }
}
