package io.revchain.step;

/** What a batch added: new steps, and steps already recorded under the same {@code stepId}. */
public record StepBatchResult(int accepted, int duplicates) {
}
