package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowMapTest {

    @Test
    void aDraftChangingOnlySlasOwnersNamesOrHandoffs_givesTheSameFlows_oneChangingStagesDoesNot() {
        List<FlowStage> relabelled = new ArrayList<>();
        for (FlowStage s : FUNNEL.stages()) {
            relabelled.add(new FlowStage(s.stageId(), s.name() + "!", "joint", s.enteredOn(), Duration.ofHours(1),
                                         s.terminal()));
        }
        assertThat(FUNNEL.sameFlowsAs(new FlowMap("funnel", 0, relabelled, List.of()))).isTrue();

        List<FlowStage> reentered = new ArrayList<>(FUNNEL.stages());
        FlowStage sal = reentered.get(2);
        reentered.set(2, new FlowStage(sal.stageId(), sal.name(), sal.owner(), Set.of("LeadAccepted", "LeadHandedOff"),
                                       sal.sla(), sal.terminal()));
        assertThat(FUNNEL.sameFlowsAs(new FlowMap("funnel", 0, reentered, List.of()))).isFalse();

        List<FlowStage> reordered = new ArrayList<>(FUNNEL.stages());
        reordered.add(0, reordered.remove(1));
        assertThat(FUNNEL.sameFlowsAs(new FlowMap("funnel", 0, reordered, List.of()))).isFalse();

        List<FlowStage> ending = new ArrayList<>(FUNNEL.stages());
        FlowStage sql = ending.get(3);
        ending.set(3, new FlowStage(sql.stageId(), sql.name(), sql.owner(), sql.enteredOn(), sql.sla(), true));
        assertThat(FUNNEL.sameFlowsAs(new FlowMap("funnel", 0, ending, List.of()))).isFalse();
        assertThat(FUNNEL.sameFlowsAs(new FlowMap("funnel", 0, FUNNEL.stages().subList(0, 5), List.of()))).isFalse();
    }
}
