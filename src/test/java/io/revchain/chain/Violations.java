package io.revchain.chain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the {@link StepRuleViolation} of a given rule at a given step of the command. */
public final class Violations {

    private Violations() {
    }

    public static Matcher<StepRuleViolation> violation(int stepIndex, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(StepRuleViolation item) {
                return item.stepIndex() == stepIndex && item.rule().equals(rule)
                        && item.getMessage().startsWith("rule " + rule + ": ");
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("violation of rule " + rule + " at step " + stepIndex);
            }

            @Override
            protected void describeMismatchSafely(StepRuleViolation item, Description mismatch) {
                mismatch.appendText("step " + item.stepIndex() + ": " + item.getMessage());
            }
        };
    }
}
