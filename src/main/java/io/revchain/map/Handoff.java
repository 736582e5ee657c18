package io.revchain.map;

import io.revchain.chain.BusinessFunction;

/** Work passing from a stage of one function to a stage of another, the function accountable and the criteria. */
public record Handoff(String fromStage, String toStage, BusinessFunction owner, String criteria) {

    /** Handoffs are identified by their two stages. */
    public String key() {
        return fromStage + " → " + toStage;
    }
}
