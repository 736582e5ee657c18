package io.revchain.chain;

/**
 * A step that contradicts what its aggregate already knows. {@code stepIndex} is the step's position within the
 * command; {@code rule} is a stable kebab-case id, also the start of the message ("rule deal-outcome-final: ...").
 */
public class StepRuleViolation extends RuntimeException {

    private final int stepIndex;
    private final String rule;

    public StepRuleViolation(int stepIndex, String rule, String detail) {
        super("rule " + rule + ": " + detail);
        this.stepIndex = stepIndex;
        this.rule = rule;
    }

    public int stepIndex() {
        return stepIndex;
    }

    public String rule() {
        return rule;
    }
}
