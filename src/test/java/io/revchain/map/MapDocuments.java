package io.revchain.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Map documents for tests: a realistic five-stage map and small builders to vary it. */
public final class MapDocuments {

    private MapDocuments() {
    }

    public static StageRequest stage(String stageId, String owner, Integer slaHours, String... enteredOn) {
        return new StageRequest(stageId, stageId.toUpperCase(), owner, List.of(enteredOn), slaHours, null);
    }

    public static HandoffRequest handoff(String from, String to, String owner, String criteria) {
        return new HandoffRequest(from, to, owner, criteria);
    }

    public static List<StageRequest> stages() {
        return new ArrayList<>(List.of(
                stage("lead", "MARKETING", null, "LeadCaptured"),
                stage("mql", "MARKETING", 72, "LeadQualified"),
                stage("sal", "SALES", 24, "LeadAccepted"),
                stage("sql", "SALES", null, "OpportunityOpened", "DemoHeld"),
                stage("won", "SALES", null, "DealWon")));
    }

    public static List<HandoffRequest> handoffs() {
        return new ArrayList<>(List.of(handoff("mql", "sal", "SALES", "score >= 60 and budget confirmed")));
    }

    public static DefineMapRequest request() {
        return new DefineMapRequest("EMEA mid-market", stages(), handoffs());
    }

    public static DefineMap define(String mapId) {
        return new DefineMap(mapId, "EMEA mid-market", stages(), handoffs());
    }

    public static DefineMap define(String mapId, List<StageRequest> stages, List<HandoffRequest> handoffs) {
        return new DefineMap(mapId, "EMEA mid-market", stages, handoffs);
    }

    /** The five-stage map with one stage replaced. */
    public static List<StageRequest> stagesWith(int index, StageRequest replacement) {
        List<StageRequest> stages = stages();
        stages.set(index, replacement);
        return stages;
    }

    public static List<HandoffRequest> handoffs(HandoffRequest... handoffs) {
        return new ArrayList<>(Arrays.asList(handoffs));
    }
}
