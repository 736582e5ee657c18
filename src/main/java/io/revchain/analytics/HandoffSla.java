package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SLA adherence on both sides of each handoff the map agrees: the sending stage's SLA for the journeys it passed on
 * in the window, and the receiving stage's SLA for the journeys it received through that handoff. Definitions:
 * docs/metrics.md, "Joint scorecard".
 */
public final class HandoffSla {

    private HandoffSla() {
    }

    public static List<HandoffSlaView> adherence(FlowSnapshot snapshot, FlowQuery query) {
        FlowMap map = snapshot.map();
        Window window = query.window();
        Instant until = window.measuredUntil(snapshot.cut().asOf());
        List<HandoffSlaView> rows = new ArrayList<>();
        for (FlowHandoff handoff : map.handoffs()) {
            Duration senderSla = map.stage(handoff.fromStage()).map(FlowStage::sla).orElse(null);
            Duration receiverSla = map.stage(handoff.toStage()).map(FlowStage::sla).orElse(null);
            long sent = 0;
            long sentInTime = 0;
            long received = 0;
            long receivedInTime = 0;
            for (JourneyFlow journey : snapshot.journeys()) {
                if (!query.filter().accepts(journey)) {
                    continue;
                }
                List<StageVisit> visits = journey.visits();
                for (int i = 1; i < visits.size(); i++) {
                    StageVisit before = visits.get(i - 1);
                    StageVisit visit = visits.get(i);
                    if (!before.stageId().equals(handoff.fromStage()) || !visit.stageId().equals(handoff.toStage())) {
                        continue;
                    }
                    if (window.contains(visit.entered())) {
                        sent++;
                        sentInTime += senderSla != null && before.duration().compareTo(senderSla) <= 0 ? 1 : 0;
                    }
                    if (visit.departedIn(window)) {
                        received++;
                        receivedInTime += receiverSla != null && visit.duration().compareTo(receiverSla) <= 0
                                ? 1 : 0;
                    } else if (receiverSla != null && visit.presentAt(window.to())
                            && visit.ageAt(until).compareTo(receiverSla) > 0) {
                        received++;
                    }
                }
            }
            rows.add(new HandoffSlaView(handoff.fromStage(), handoff.toStage(), handoff.owner(),
                    senderSla == null ? null : Stats.hours(senderSla), sent,
                    senderSla == null ? null : sentInTime, senderSla == null ? null : Deals.rate(sentInTime, sent),
                    receiverSla == null ? null : Stats.hours(receiverSla), received,
                    receiverSla == null ? null : receivedInTime,
                    receiverSla == null ? null : Deals.rate(receivedInTime, received)));
        }
        return rows;
    }
}
