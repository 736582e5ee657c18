package io.revchain.bench;

import io.revchain.map.DefineMap;
import io.revchain.map.HandoffRequest;
import io.revchain.map.StageRequest;
import io.revchain.step.StepRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Journeys that look like real history, for benchmarks: lengths log-normal around a median of 7 (1 to 100 steps),
 * started anywhere in two years with steps 20 minutes to two weeks apart, mostly custom step types declared by
 * {@link #MAP}, qualification and an opportunity for some, an outcome last for some, and 3-4 attributes per step
 * (channel, owner, region, often a campaign; an amount on won deals). The same seed gives the same journeys.
 */
public final class RealisticJourneys {

    public static final String MAP_ID = "bench";
    static final String[] MIDDLE = {"WebinarAttended", "ContentDownloaded", "DemoHeld", "DiscoveryCallHeld",
                                    "ProposalSent", "NegotiationHeld"};
    private static final Instant HISTORY_START = Instant.parse("2024-01-01T00:00:00Z");
    private static final long HISTORY_MINUTES = Duration.ofDays(730).toMinutes();
    private static final String[] CHANNELS = {"webinar", "ads", "referral", "events", "outbound"};
    private static final String[] OWNERS = {"ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal"};
    private static final String[] REGIONS = {"emea", "amer", "apac"};

    private RealisticJourneys() {
    }

    /** The map declaring the custom types: six stages, four of them entered by custom steps. */
    public static DefineMap map() {
        return new DefineMap(MAP_ID, "Bench funnel with custom steps", List.of(
                stage("lead", "Lead", "MARKETING", null, "LeadCaptured"),
                stage("engaged", "Engaged", "MARKETING", 336, "WebinarAttended", "ContentDownloaded"),
                stage("mql", "MQL", "MARKETING", 72, "LeadQualified"),
                stage("demo", "Demo", "SALES", 168, "DemoHeld", "DiscoveryCallHeld"),
                stage("sql", "SQL", "SALES", null, "OpportunityOpened"),
                stage("proposal", "Proposal", "SALES", 240, "ProposalSent", "NegotiationHeld"),
                stage("won", "Won", "SALES", null, "DealWon"),
                stage("lost", "Lost", "SALES", null, "DealLost")),
                List.of(new HandoffRequest("mql", "demo", "MARKETING", "score>60")));
    }

    /** {@link #map()} as the body of {@code PUT /api/maps/bench}. */
    public static final String MAP_JSON = """
            {"name": "Bench funnel with custom steps", "stages": [
              {"stageId": "lead", "name": "Lead", "owner": "MARKETING", "enteredOn": ["LeadCaptured"]},
              {"stageId": "engaged", "name": "Engaged", "owner": "MARKETING",
               "enteredOn": ["WebinarAttended", "ContentDownloaded"], "slaHours": 336},
              {"stageId": "mql", "name": "MQL", "owner": "MARKETING", "enteredOn": ["LeadQualified"], "slaHours": 72},
              {"stageId": "demo", "name": "Demo", "owner": "SALES", "enteredOn": ["DemoHeld", "DiscoveryCallHeld"],
               "slaHours": 168},
              {"stageId": "sql", "name": "SQL", "owner": "SALES", "enteredOn": ["OpportunityOpened"]},
              {"stageId": "proposal", "name": "Proposal", "owner": "SALES",
               "enteredOn": ["ProposalSent", "NegotiationHeld"], "slaHours": 240},
              {"stageId": "won", "name": "Won", "owner": "SALES", "enteredOn": ["DealWon"]},
              {"stageId": "lost", "name": "Lost", "owner": "SALES", "enteredOn": ["DealLost"]}],
             "handoffs": [{"fromStage": "mql", "toStage": "demo", "owner": "MARKETING", "criteria": "score>60"}]}""";

    private static StageRequest stage(String id, String name, String owner, Integer slaHours, String... enteredOn) {
        return new StageRequest(id, name, owner, List.of(enteredOn), slaHours, null);
    }

    /** One journey's steps in business-time order. */
    public static List<StepRequest> journey(Random random, String id) {
        int length = (int) Math.max(1, Math.min(100, Math.round(Math.exp(Math.log(7) + 0.75 * random.nextGaussian()))));
        Instant at = HISTORY_START.plus(Duration.ofMinutes((long) (random.nextDouble() * HISTORY_MINUTES)));
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String campaign = "cmp-" + random.nextInt(40);
        int qualifyAt = length >= 3 && random.nextInt(10) < 7 ? length / 3 : -1;
        int opportunityAt = length >= 5 && random.nextBoolean() ? length / 2 : -1;
        boolean outcome = length >= 6 && random.nextInt(10) < 4;
        List<StepRequest> steps = new ArrayList<>(length);
        for (int s = 0; s < length; s++) {
            String type;
            if (s == 0) {
                type = "LeadCaptured";
            } else if (s == qualifyAt) {
                type = "LeadQualified";
            } else if (s == opportunityAt) {
                type = "OpportunityOpened";
            } else if (outcome && s == length - 1) {
                type = random.nextInt(3) == 0 ? "DealWon" : "DealLost";
            } else {
                type = MIDDLE[Math.min(MIDDLE.length - 1, s * MIDDLE.length / length + random.nextInt(2))];
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("channel", channel);
            attributes.put("owner", OWNERS[random.nextInt(OWNERS.length)]);
            attributes.put("region", region);
            if (random.nextBoolean()) {
                attributes.put("campaign", campaign);
            }
            if (type.equals("DealWon")) {
                attributes.put("amount", 1_000 + random.nextInt(90_000));
            }
            steps.add(new StepRequest(id + "-" + s, type, at.toString(), id, null, null, attributes));
            at = at.plus(Duration.ofMinutes(20 + (long) (random.nextDouble() * random.nextDouble() * 14 * 24 * 60)));
        }
        return steps;
    }

    /** Steps as the JSON body of {@code POST /api/steps}. */
    public static String json(List<StepRequest> steps) {
        StringBuilder body = new StringBuilder("[");
        for (StepRequest step : steps) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append("{\"stepId\":\"").append(step.stepId()).append("\",\"type\":\"").append(step.type())
                .append("\",\"occurredAt\":\"").append(step.occurredAt()).append("\",\"journeyId\":\"")
                .append(step.journeyId()).append("\",\"attributes\":{");
            boolean first = true;
            for (Map.Entry<String, Object> attribute : step.attributes().entrySet()) {
                body.append(first ? "" : ",").append('"').append(attribute.getKey()).append("\":");
                Object value = attribute.getValue();
                body.append(value instanceof Number ? value.toString() : "\"" + value + "\"");
                first = false;
            }
            body.append("}}");
        }
        return body.append(']').toString();
    }

    /** The XES mapping for {@link #writeXes}: activities are step types, the resource is the owner. */
    public static final String XES_MAPPING = """
            {"mapId": "bench", "format": "xes", "lifecycle": "complete", "attributes": {"owner": "org:resource"}}""";

    /**
     * Writes {@code traces} journeys as an XES log shaped like a public process-mining log: per event its activity
     * ({@code concept:name}), {@code lifecycle:transition}, {@code org:resource}, time, and the journey's channel and
     * region, often its campaign, an amount on won deals. Returns the number of events.
     */
    public static long writeXes(Path file, String idPrefix, int traces, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(seed);
        long events = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" "
                      + "xmlns=\"http://www.xes-standard.org/\">\n");
            for (int t = 0; t < traces; t++) {
                String id = idPrefix + (100_000_000 + t);
                out.write("  <trace>\n    <string key=\"concept:name\" value=\"" + id + "\"/>\n");
                for (StepRequest step : journey(random, id)) {
                    out.write("    <event>\n      <string key=\"concept:name\" value=\"" + step.type() + "\"/>\n");
                    out.write("      <string key=\"lifecycle:transition\" value=\"complete\"/>\n");
                    out.write("      <date key=\"time:timestamp\" value=\"" + step.occurredAt() + "\"/>\n");
                    for (Map.Entry<String, Object> attribute : step.attributes().entrySet()) {
                        String key = attribute.getKey().equals("owner") ? "org:resource" : attribute.getKey();
                        String kind = attribute.getValue() instanceof Number ? "int" : "string";
                        out.write("      <" + kind + " key=\"" + key + "\" value=\"" + attribute.getValue()
                                  + "\"/>\n");
                    }
                    out.write("    </event>\n");
                    events++;
                }
                out.write("  </trace>\n");
            }
            out.write("</log>\n");
        }
        return events;
    }
}
