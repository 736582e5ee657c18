package io.revchain.system;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where endpoints run blocking work (the synchronous MongoDB driver, Axon command handling, computing figures),
 * never on the event loop: two separate, bounded pools, one for reads and one for writes, so that a crowd of readers
 * computing figures never holds the threads that record steps, and the other way round. Each pool admits at most
 * its threads plus its queue; a request beyond that is refused at once with 503 and {@code Retry-After}
 * ({@link OverloadedException}) instead of waiting in an unbounded queue. A third pool streams exports: a long
 * answer is written chunk by chunk as the client takes it, so it holds a thread only while a chunk is made, never
 * while the network drains, and never one of the read pool's. Sizes: docs/operations.md.
 */
@Component
public class Workloads implements DisposableBean {

    /** Chunks of an export made ahead of what the client has taken. */
    static final int EXPORT_PREFETCH = 4;

    private final Lane reads;
    private final Lane writes;
    private final Lane exports;

    @Autowired
    Workloads(@Value("${revchain.workloads.read-threads:0}") int readThreads,
              @Value("${revchain.workloads.read-queue:64}") int readQueue,
              @Value("${revchain.workloads.write-threads:0}") int writeThreads,
              @Value("${revchain.workloads.write-queue:64}") int writeQueue,
              @Value("${revchain.workloads.retry-after:1s}") Duration retryAfter,
              @Value("${revchain.workloads.export-threads:1}") int exportThreads,
              @Value("${revchain.workloads.exports:4}") int exports) {
        int cores = Runtime.getRuntime().availableProcessors();
        this.reads = new Lane("read", readThreads > 0 ? readThreads : cores, readQueue, retryAfter);
        this.writes = new Lane("write", writeThreads > 0 ? writeThreads : Math.max(4, 2 * cores), writeQueue,
                               retryAfter);
        // Admission counts whole exports (each holds its selection until it ends), not chunks.
        int threads = Math.max(1, exportThreads);
        this.exports = new Lane("export", threads, Math.max(0, exports - threads), retryAfter);
    }

    Workloads(int readThreads, int readQueue, int writeThreads, int writeQueue, Duration retryAfter) {
        this(readThreads, readQueue, writeThreads, writeQueue, retryAfter, 1, 4);
    }

    /** Runs a read (a query, figures, a list) on the read pool; 503 when that pool is full. */
    public <T> Mono<T> read(Callable<T> work) {
        return reads.run(work);
    }

    /** Runs a write (recording steps, a command, an administrative action) on the write pool; 503 when full. */
    public <T> Mono<T> write(Callable<T> work) {
        return writes.run(work);
    }

    /** The read pool as a scheduler, for work that is not a single callable (a stream of frames). */
    public Scheduler readScheduler() {
        return reads.scheduler;
    }

    /**
     * Takes a place for one export, or refuses it at once (503) when the export pool's places are taken. The place
     * is held until the returned lease is released, once, whatever ends the export (done, failed, client gone).
     */
    public Lease export() {
        if (!exports.permits.tryAcquire()) {
            throw new OverloadedException(exports.name, exports.capacity, exports.retryAfter);
        }
        return new Lease(exports.permits);
    }

    /**
     * Streams an export's chunks on the export pool: each chunk is made there when the client asks for more
     * ({@code limitRate}: a few chunks ahead at most), so a slow client holds no thread, and the export ends (the
     * lease is released) when it completes, fails or the client goes away.
     */
    public <T> Flux<T> exportStream(Flux<T> chunks, Lease lease) {
        return chunks.subscribeOn(exports.scheduler).limitRate(EXPORT_PREFETCH).doFinally(signal -> lease.release());
    }

    /** One export's place in the export pool. */
    public static final class Lease {

        private final Semaphore permits;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Semaphore permits) {
            this.permits = permits;
        }

        /** Gives the place back; only the first call counts. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }

    /** Requests running or waiting in each pool now, for tests and metrics. */
    int admitted(boolean read) {
        Lane lane = read ? reads : writes;
        return lane.capacity - lane.permits.availablePermits();
    }

    /** Exports running now. */
    public int exportsRunning() {
        return exports.capacity - exports.permits.availablePermits();
    }

    @Override
    public void destroy() {
        reads.executor.shutdownNow();
        writes.executor.shutdownNow();
        exports.executor.shutdownNow();
    }

    private static final class Lane {

        final String name;
        final int capacity;
        final Semaphore permits;
        final ThreadPoolExecutor executor;
        final Scheduler scheduler;
        final Duration retryAfter;

        Lane(String name, int threads, int queue, Duration retryAfter) {
            this.name = name;
            this.capacity = threads + Math.max(0, queue);
            this.permits = new Semaphore(capacity);
            this.retryAfter = retryAfter;
            AtomicInteger number = new AtomicInteger();
            // The queue itself is unbounded; admission bounds it. Requests cancelled while queued leave no-ops.
            this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    runnable -> {
                        Thread thread = new Thread(runnable, "revchain-" + name + "-" + number.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            this.scheduler = Schedulers.fromExecutorService(executor, "revchain-" + name);
        }

        <T> Mono<T> run(Callable<T> work) {
            return Mono.defer(() -> {
                if (!permits.tryAcquire()) {
                    return Mono.error(new OverloadedException(name, capacity, retryAfter));
                }
                return Mono.fromCallable(work).subscribeOn(scheduler).doFinally(signal -> permits.release());
            });
        }
    }
}
