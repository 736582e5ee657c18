package io.revchain.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.stream.LongStream;
import org.bson.Document;

/** The baselines replay-like work is compared with: raw driver reads of the same event documents. */
public final class RawReads {

    /** Documents read and documents per second. */
    public record Rate(long documents, double perSecond) {
    }

    private RawReads() {
    }

    /** A full scan in storage order, the fastest read the embedded server has. */
    public static Rate fullScan(MongoCollection<Document> events) {
        long t0 = System.nanoTime();
        long scanned = 0;
        for (Document ignored : events.find().batchSize(5_000)) {
            scanned++;
        }
        return new Rate(scanned, scanned / BenchReport.seconds(System.nanoTime() - t0));
    }

    /** Numbered windows of 1,000 by {@code _id $in}: the access pattern of the event store's trackers. */
    public static Rate byKeyBatches(MongoCollection<Document> events, long head) {
        long t0 = System.nanoTime();
        long read = 0;
        for (long from = 1; from <= head; from += 1_000) {
            List<Long> ids = LongStream.range(from, Math.min(head + 1, from + 1_000)).boxed().toList();
            for (Document ignored : events.find(Filters.in("_id", ids))) {
                read++;
            }
        }
        return new Rate(read, read / BenchReport.seconds(System.nanoTime() - t0));
    }
}
