package io.revchain.step;

import java.util.List;

/** Records a batch of steps: all of it or nothing. Blocking; never call it on the Netty event loop. */
public interface StepIngestion {

    /**
     * Throws StepBatchRejectedException when any step is invalid or breaks a domain rule; nothing is stored then.
     */
    StepBatchResult ingest(List<StepRequest> steps);
}
