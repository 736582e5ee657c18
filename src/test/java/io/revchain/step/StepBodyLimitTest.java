package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.chain.TestActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * A body over the steps limit is refused with 413 as soon as the limit is passed, before anything is parsed. Over
 * HTTP the server closes the connection while a client may still be sending, so this is checked on the controller.
 */
class StepBodyLimitTest {

    @Test
    void bodyOverTheLimitIsRefusedWith413_beforeParsing() {
        byte[] chunk = "[".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        Flux<DataBuffer> body = Flux.range(0, StepController.MAX_BODY_BYTES / chunk.length + 1)
                                    .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/steps").body(body);

        StepVerifier.create(new StepController(null, null).record(request, TestActors.RECORDER))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(ResponseStatusException.class);
                        assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(413);
                        assertThat(((ResponseStatusException) e).getReason()).contains("split the batch");
                    })
                    .verify();
    }
}
