package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SLA adherence on both sides of each handoff the map agrees: the sending stage's SLA for the journeys it passed on
 * in the window, and the receiving stage's SLA for the journeys it received through that handoff. Definitions:
 * docs/metrics.md, "Joint scorecard".
 */
public final class HandoffSla {

    private HandoffSla() {
    }

    public static List<HandoffSlaView> adherence(FlowSnapshot snapshot, FlowQuery query) {
        snapshot = snapshot.onTheMap();
        FlowMap map = snapshot.map();
        Window window = query.window();
        Instant until = window.measuredUntil(snapshot.cut().asOf());
        List<FlowHandoff> handoffs = map.handoffs();
        Map<String, Integer> byPair = new HashMap<>();
        Duration[] senderSla = new Duration[handoffs.size()];
        Duration[] receiverSla = new Duration[handoffs.size()];
        for (int h = 0; h < handoffs.size(); h++) {
            FlowHandoff handoff = handoffs.get(h);
            byPair.put(handoff.fromStage() + "\n" + handoff.toStage(), h);
            senderSla[h] = map.stage(handoff.fromStage()).map(FlowStage::sla).orElse(null);
            receiverSla[h] = map.stage(handoff.toStage()).map(FlowStage::sla).orElse(null);
        }
        long[] sent = new long[handoffs.size()];
        long[] sentInTime = new long[handoffs.size()];
        long[] received = new long[handoffs.size()];
        long[] receivedInTime = new long[handoffs.size()];
        if (!handoffs.isEmpty()) {
            for (JourneyFlow journey : snapshot.journeys()) {
                List<StageVisit> visits = journey.visits();
                if (visits.size() < 2 || !query.filter().accepts(journey)) {
                    continue;
                }
                for (int i = 1; i < visits.size(); i++) {
                    StageVisit before = visits.get(i - 1);
                    StageVisit visit = visits.get(i);
                    Integer h = byPair.get(before.stageId() + "\n" + visit.stageId());
                    if (h == null) {
                        continue;
                    }
                    if (window.contains(visit.entered())) {
                        sent[h]++;
                        sentInTime[h] += senderSla[h] != null && before.duration().compareTo(senderSla[h]) <= 0
                                ? 1 : 0;
                    }
                    if (visit.departedIn(window)) {
                        received[h]++;
                        receivedInTime[h] += receiverSla[h] != null
                                && visit.duration().compareTo(receiverSla[h]) <= 0 ? 1 : 0;
                    } else if (receiverSla[h] != null && visit.presentAt(window.to())
                            && visit.ageAt(until).compareTo(receiverSla[h]) > 0) {
                        received[h]++;
                    }
                }
            }
        }
        List<HandoffSlaView> rows = new ArrayList<>();
        for (int h = 0; h < handoffs.size(); h++) {
            FlowHandoff handoff = handoffs.get(h);
            Duration s = senderSla[h];
            Duration r = receiverSla[h];
            rows.add(new HandoffSlaView(handoff.fromStage(), handoff.toStage(), handoff.owner(),
                    s == null ? null : Stats.hours(s), sent[h], s == null ? null : sentInTime[h],
                    s == null ? null : Deals.rate(sentInTime[h], sent[h]),
                    r == null ? null : Stats.hours(r), received[h], r == null ? null : receivedInTime[h],
                    r == null ? null : Deals.rate(receivedInTime[h], received[h])));
        }
        return rows;
    }
}
