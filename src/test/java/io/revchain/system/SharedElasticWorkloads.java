package io.revchain.system;

import java.time.Duration;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How endpoints ran blocking work before {@link Workloads}: reads and writes on Reactor's one shared bounded-elastic
 * pool (10 threads per core), queued without bound. For the mixed-load benchmark's "before" figures only.
 */
public class SharedElasticWorkloads extends Workloads {

    public SharedElasticWorkloads() {
        super(1, 0, 1, 0, Duration.ofSeconds(1));
    }

    @Override
    public <T> Mono<T> read(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public <T> Mono<T> write(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
