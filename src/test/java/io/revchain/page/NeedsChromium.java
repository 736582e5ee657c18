package io.revchain.page;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class, before its application context starts, where Debian's chromium and chromium-driver
 * are missing. With REVCHAIN_BROWSER_TESTS=required (as .ci/run sets) the class runs and fails in
 * {@link Browser#open} instead, so a CI without a browser cannot pass.
 */
class NeedsChromium implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        if (Browser.required()) {
            return ConditionEvaluationResult.enabled("browser tests are required; they will fail without chromium");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + Browser.MISSING);
    }
}
