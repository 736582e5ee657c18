package io.revchain.map;

import io.revchain.chain.BusinessFunction;
import java.util.List;

/**
 * One stage of the chain, in map order. {@code enteredOn} lists the step types that mark entry into the stage;
 * {@code slaHours} (null: none) is the longest a journey should dwell in it.
 */
public record Stage(String stageId, String name, BusinessFunction owner, List<String> enteredOn, Integer slaHours,
                    boolean terminal) {

    public Stage {
        enteredOn = List.copyOf(enteredOn);
    }

    public boolean enteredBy(String stepType) {
        return enteredOn.contains(stepType);
    }
}
