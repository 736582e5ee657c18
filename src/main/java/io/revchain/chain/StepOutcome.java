package io.revchain.chain;

/** What an aggregate did with one step of a command: recorded it, or skipped it because its stepId was known. */
public enum StepOutcome {
    RECORDED,
    DUPLICATE
}
