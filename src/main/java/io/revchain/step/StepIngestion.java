package io.revchain.step;

import io.revchain.chain.Actor;
import java.util.List;

/** Records a batch of steps: all of it or nothing. Blocking; never call it on the Netty event loop. */
public interface StepIngestion {

    /**
     * Records the steps as {@code actor}'s doing: every event they cause carries it. Throws
     * StepBatchRejectedException when any step is invalid or breaks a domain rule; nothing is stored then.
     */
    StepBatchResult ingest(List<StepRequest> steps, Actor actor);
}
