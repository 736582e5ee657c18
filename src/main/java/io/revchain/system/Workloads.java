package io.revchain.system;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where endpoints run blocking work (the synchronous MongoDB driver, Axon command handling, computing figures),
 * never on the event loop: two separate, bounded pools, one for reads and one for writes, so that a crowd of readers
 * computing figures never holds the threads that record steps, and the other way round. Each pool admits at most
 * its threads plus its queue; a request beyond that is refused at once with 503 and {@code Retry-After}
 * ({@link OverloadedException}) instead of waiting in an unbounded queue. Sizes: docs/operations.md.
 */
@Component
public class Workloads implements DisposableBean {

    private final Lane reads;
    private final Lane writes;

    Workloads(@Value("${revchain.workloads.read-threads:0}") int readThreads,
              @Value("${revchain.workloads.read-queue:64}") int readQueue,
              @Value("${revchain.workloads.write-threads:0}") int writeThreads,
              @Value("${revchain.workloads.write-queue:64}") int writeQueue,
              @Value("${revchain.workloads.retry-after:1s}") Duration retryAfter) {
        int cores = Runtime.getRuntime().availableProcessors();
        this.reads = new Lane("read", readThreads > 0 ? readThreads : cores, readQueue, retryAfter);
        this.writes = new Lane("write", writeThreads > 0 ? writeThreads : Math.max(4, 2 * cores), writeQueue,
                               retryAfter);
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

    /** Requests running or waiting in each pool now, for tests and metrics. */
    int admitted(boolean read) {
        Lane lane = read ? reads : writes;
        return lane.capacity - lane.permits.availablePermits();
    }

    @Override
    public void destroy() {
        reads.executor.shutdownNow();
        writes.executor.shutdownNow();
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
