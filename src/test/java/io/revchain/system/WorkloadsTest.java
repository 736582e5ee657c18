package io.revchain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;

class WorkloadsTest {

    private final Workloads workloads = new Workloads(1, 1, 2, 0, Duration.ofSeconds(2));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        workloads.destroy();
    }

    @Test
    void aFullReadPoolRefusesAtOnce_whileWritesStillRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> blocked = workloads.read(() -> {
            running.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "first";
        }).toFuture();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        workloads.read(() -> "queued").subscribe();
        assertThat(workloads.admitted(true)).isEqualTo(2);

        assertThatThrownBy(() -> workloads.read(() -> "third").block(Duration.ofSeconds(5)))
                .isInstanceOf(OverloadedException.class)
                .hasMessageContaining("all 2 places for reads are taken", "after 2 s");
        assertThat(workloads.write(() -> Thread.currentThread().getName()).block(Duration.ofSeconds(5)))
                .startsWith("revchain-write-");

        release.countDown();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        // A place is given back just after its answer is delivered: wait for it rather than race it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (workloads.admitted(true) > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(workloads.read(() -> Thread.currentThread().getName()).block(Duration.ofSeconds(5)))
                .startsWith("revchain-read-");
    }

    @Test
    void exportsTakeAPlaceEach_makeChunksOnTheExportPoolOnDemand_andGiveThePlaceBackOnceWhateverEndsThem()
            throws Exception {
        Workloads two = new Workloads(1, 1, 2, 0, Duration.ofSeconds(2), 1, 2);
        try {
            Workloads.Lease first = two.export();
            Workloads.Lease second = two.export();
            assertThatThrownBy(two::export).isInstanceOf(OverloadedException.class)
                                            .hasMessageContaining("all 2 places for exports are taken");
            // A stream the client stops after two chunks: only the chunks asked for (and a few ahead) are made,
            // on the export pool; cancelling ends the export and frees its place.
            List<String> threads = new CopyOnWriteArrayList<>();
            AtomicInteger made = new AtomicInteger();
            Flux<Integer> endless = Flux.generate(sink -> {
                threads.add(Thread.currentThread().getName());
                sink.next(made.incrementAndGet());
            });
            assertThat(two.exportStream(endless, first).take(2).collectList().block(Duration.ofSeconds(5)))
                    .containsExactly(1, 2);
            assertThat(made.get()).isLessThanOrEqualTo(2 + Workloads.EXPORT_PREFETCH);
            assertThat(threads).allMatch(name -> name.startsWith("revchain-export-"));
            assertThat(two.exportsRunning()).isEqualTo(1);
            // A place released twice counts once.
            second.release();
            second.release();
            assertThat(two.exportsRunning()).isZero();
            two.export().release();
        } finally {
            two.destroy();
        }
    }

    @Test
    void overloadAnswers503ProblemJsonWithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = new OverloadResponses().overloaded(
                new OverloadedException("write", 4, Duration.ofSeconds(2)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getDetail()).contains("all 4 places for writes are taken", "Nothing was done");
    }
}
