package io.revchain.analytics.flow;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.revchain.system.StoreDurability;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Journey facts snapshots in the store, shared by every node: a snapshot is a deflated stream cut into chunk
 * documents keyed {@code <snapshotId>/<n>} (8 MB each, under MongoDB's 16 MB), and one pointer document,
 * {@code journey_fact_snapshots/journey-facts}, names the current snapshot and the one before it. The pointer is
 * written last, with a compare-and-set on the snapshot it replaces: a node that crashes while writing chunks leaves
 * the current snapshot as it was (its chunks are listed as pending and removed by a later writer), and of two nodes
 * writing at once only the one further ahead wins (a snapshot of another version is always replaced). Only point
 * lookups by {@code _id}.
 */
final class FactSnapshots {

    static final String POINTERS = "journey_fact_snapshots";
    static final String CHUNKS = "journey_fact_snapshot_chunks";
    static final String POINTER_ID = "journey-facts";
    static final int CHUNK_BYTES = 8 << 20;
    /** A pending write older than this was abandoned (its node died): its chunks are removed. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    /** Chunk numbers tried when removing an abandoned write whose length is unknown: 32 GB of snapshot. */
    private static final int MAX_CHUNKS = 4096;

    private final MongoCollection<Document> pointers;
    private final MongoCollection<Document> chunks;
    private final StoreDurability durability;
    private final Clock clock;

    FactSnapshots(MongoDatabase database, StoreDurability durability, Clock clock) {
        this.pointers = database.getCollection(POINTERS);
        this.chunks = database.getCollection(CHUNKS);
        this.durability = durability;
        this.clock = clock;
    }

    /** What the pointer says about one snapshot. */
    record Description(String snapshotId, int format, String fingerprint, long position, Document token, int chunks,
                       long bytes, long crc, int journeys, long steps, Instant writtenAt, String writtenBy,
                       long writeMillis) {

        Document toDocument() {
            return new Document("snapshotId", snapshotId).append("format", format).append("fingerprint", fingerprint)
                    .append("position", position).append("token", token).append("chunks", chunks)
                    .append("bytes", bytes).append("crc", crc).append("journeys", journeys).append("steps", steps)
                    .append("writtenAt", Date.from(writtenAt)).append("writtenBy", writtenBy)
                    .append("writeMillis", writeMillis);
        }

        static Description of(Document d) {
            if (d == null) {
                return null;
            }
            return new Description(d.getString("snapshotId"), d.getInteger("format", 0), d.getString("fingerprint"),
                                   number(d, "position"), d.get("token", Document.class), (int) number(d, "chunks"),
                                   number(d, "bytes"), number(d, "crc"), (int) number(d, "journeys"),
                                   number(d, "steps"), d.getDate("writtenAt") == null ? null
                                           : d.getDate("writtenAt").toInstant(),
                                   d.getString("writtenBy"), number(d, "writeMillis"));
        }

        private static long number(Document d, String field) {
            Object value = d.get(field);
            return value instanceof Number n ? n.longValue() : 0;
        }
    }

    /** The current snapshot as the pointer names it, or null. */
    Description current() {
        Document pointer = pointers.find(Filters.eq("_id", POINTER_ID)).first();
        return pointer == null ? null : Description.of(pointer.get("current", Document.class));
    }

    /** The current snapshot's content, checked against its length and checksum. */
    <T> T read(Description snapshot, SnapshotReader<T> reader) throws IOException {
        ChunkInputStream raw = new ChunkInputStream(snapshot);
        CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
        T result;
        try (InflaterInputStream in = new InflaterInputStream(checked, new java.util.zip.Inflater(), 64 << 10)) {
            result = reader.read(in);
            if (in.read() != -1) {
                throw new IOException("snapshot " + snapshot.snapshotId() + " holds more than its content");
            }
        }
        if (raw.read != snapshot.bytes() || checked.getChecksum().getValue() != snapshot.crc()) {
            throw new IOException("snapshot " + snapshot.snapshotId() + " is damaged: " + raw.read + " bytes, crc "
                    + checked.getChecksum().getValue() + "; its pointer says " + snapshot.bytes() + " bytes, crc "
                    + snapshot.crc());
        }
        return result;
    }

    @FunctionalInterface
    interface SnapshotReader<T> {
        T read(InputStream in) throws IOException;
    }

    @FunctionalInterface
    interface SnapshotWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Facts of a snapshot about to be written, known before its content. */
    record Header(int format, String fingerprint, long position, Document token, int journeys, long steps,
                  String writtenBy) {
    }

    /**
     * Writes a snapshot and makes it current unless the current one, of this version, is at or past its position.
     * Answers its description, or null when another node's snapshot was further ahead (this one is then removed).
     */
    Description write(Header header, SnapshotWriter writer) throws IOException {
        removeAbandoned();
        String snapshotId = UUID.randomUUID().toString();
        Instant started = clock.instant();
        pointers.updateOne(Filters.eq("_id", POINTER_ID),
                           Updates.push("pending", new Document("snapshotId", snapshotId)
                                   .append("startedAt", Date.from(started)).append("node", header.writtenBy())),
                           new UpdateOptions().upsert(true));
        durability.commit();
        ChunkOutputStream raw = new ChunkOutputStream(snapshotId);
        CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
        try (DeflaterOutputStream out = new DeflaterOutputStream(checked, new Deflater(Deflater.BEST_SPEED),
                                                                 64 << 10)) {
            writer.write(out);
        }
        durability.commit();
        Description written = new Description(snapshotId, header.format(), header.fingerprint(), header.position(),
                                              header.token(), raw.chunk, raw.written,
                                              checked.getChecksum().getValue(), header.journeys(), header.steps(),
                                              clock.instant(), header.writtenBy(),
                                              Duration.between(started, clock.instant()).toMillis());
        return makeCurrent(written) ? written : null;
    }

    /** Compare-and-set of the pointer's current snapshot; the one before it stays, the one before that goes. */
    private boolean makeCurrent(Description written) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Document pointer = pointers.find(Filters.eq("_id", POINTER_ID)).first();
            Description current = pointer == null ? null : Description.of(pointer.get("current", Document.class));
            Description previous = pointer == null ? null : Description.of(pointer.get("previous", Document.class));
            // Only a snapshot this version can read counts as further ahead: another version's (an older format,
            // other upcasters) is replaced whatever its position, or it would be read past at every start.
            if (current != null && current.format() == written.format()
                    && current.fingerprint() != null && current.fingerprint().equals(written.fingerprint())
                    && current.position() >= written.position()) {
                remove(written.snapshotId(), written.chunks());
                return false;
            }
            Bson unchanged = current == null ? Filters.and(Filters.eq("_id", POINTER_ID),
                                                           Filters.exists("current", false))
                    : Filters.and(Filters.eq("_id", POINTER_ID),
                                  Filters.eq("current.snapshotId", current.snapshotId()));
            Bson update = Updates.combine(Updates.set("current", written.toDocument()),
                                          current == null ? Updates.unset("previous")
                                                  : Updates.set("previous", current.toDocument()),
                                          Updates.pull("pending", new Document("snapshotId", written.snapshotId())));
            UpdateResult result;
            try {
                result = pointers.updateOne(unchanged, update);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                continue;
            }
            if (result.getMatchedCount() == 1) {
                durability.commit();
                if (previous != null) {
                    remove(previous.snapshotId(), previous.chunks());
                }
                return true;
            }
        }
        remove(written.snapshotId(), written.chunks());
        return false;
    }

    private void remove(String snapshotId, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            ids.add(chunkId(snapshotId, n));
        }
        for (int from = 0; from < ids.size(); from += 100) {
            chunks.deleteMany(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + 100))));
        }
        pointers.updateOne(Filters.eq("_id", POINTER_ID),
                           Updates.pull("pending", new Document("snapshotId", snapshotId)));
    }

    /** Chunks of writes that began long ago and never became current: their node died while writing. */
    private void removeAbandoned() {
        Document pointer = pointers.find(Filters.eq("_id", POINTER_ID)).first();
        if (pointer == null) {
            return;
        }
        Instant before = clock.instant().minus(ABANDONED);
        for (Document pending : pointer.getList("pending", Document.class, List.of())) {
            Date startedAt = pending.getDate("startedAt");
            if (startedAt != null && startedAt.toInstant().isBefore(before)) {
                remove(pending.getString("snapshotId"), MAX_CHUNKS);
            }
        }
    }

    /** Every snapshot's chunks and the pointer: what an operator does with a snapshot that cannot be read. */
    void removeAll() {
        chunks.drop();
        pointers.drop();
    }

    static String chunkId(String snapshotId, int n) {
        return snapshotId + "/" + n;
    }

    /** Writes the stream as chunk documents of {@link #CHUNK_BYTES}. */
    private final class ChunkOutputStream extends OutputStream {
        private final String snapshotId;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int size;
        int chunk;
        long written;

        ChunkOutputStream(String snapshotId) {
            this.snapshotId = snapshotId;
        }

        @Override
        public void write(int b) throws IOException {
            if (size == buffer.length) {
                flushChunk();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() {
            if (size == 0) {
                return;
            }
            byte[] data = java.util.Arrays.copyOf(buffer, size);
            chunks.insertOne(new Document("_id", chunkId(snapshotId, chunk)).append("data", new Binary(data)));
            chunk++;
            written += size;
            size = 0;
        }

        @Override
        public void close() {
            flushChunk();
        }
    }

    /** Reads a snapshot's chunk documents one after the other. */
    private final class ChunkInputStream extends InputStream {
        private final Description snapshot;
        private byte[] data = new byte[0];
        private int at;
        private int next;
        long read;

        ChunkInputStream(Description snapshot) {
            this.snapshot = snapshot;
        }

        private boolean fill() throws IOException {
            while (at == data.length) {
                if (next == snapshot.chunks()) {
                    return false;
                }
                Document chunk = chunks.find(Filters.eq("_id", chunkId(snapshot.snapshotId(), next))).first();
                if (chunk == null) {
                    throw new IOException("chunk " + next + " of snapshot " + snapshot.snapshotId() + " is missing");
                }
                data = chunk.get("data", Binary.class).getData();
                at = 0;
                next++;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            read++;
            return data[at++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            read += n;
            return n;
        }
    }
}
