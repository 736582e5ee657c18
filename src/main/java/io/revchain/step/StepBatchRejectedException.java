package io.revchain.step;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.List;

/** A batch of steps refused whole: each error names the step's index, the field and the reason or rule. */
public class StepBatchRejectedException extends InvalidRequestException {

    public StepBatchRejectedException(List<FieldError> errors) {
        super(errors);
    }
}
