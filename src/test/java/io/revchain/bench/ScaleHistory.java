package io.revchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revchain.analytics.FlowHandoff;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.step.StepRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Two years of realistic journeys as an integration or an import sends them: journeys of log-normal length (median
 * 7, at most 100 steps) starting anywhere from November 2024 to October 2026, steps 20 minutes to two weeks apart
 * (cut at the end of the history: the latest journeys are still in progress), mostly custom step types, a
 * qualification, a handoff to a rep and an opportunity for some, and an outcome (won, lost or disqualified) for 60 %
 * of the journeys of three steps or more; the rest stay open. Every step carries 3-6 attributes of realistic
 * cardinality (channel 6, owner 40 reps, region 6, campaign 240 on half the steps, segment 25, source 5, product 8,
 * amounts, reasons, scores) and an import-style step id ({@code crm-export:} and 32 hex digits, unique).
 * Deterministic for a seed.
 */
public final class ScaleHistory {

    public static final Instant START = Instant.parse("2024-11-01T00:00:00Z");
    public static final Instant END = START.plus(Duration.ofDays(730));
    public static final String QUARTER = "2026-Q3";

    public static final String MAP = """
            {"name": "Scale funnel", "currency": "EUR", "stages": [
              {"stageId": "lead", "name": "Lead", "owner": "MARKETING", "enteredOn": ["LeadCaptured"]},
              {"stageId": "engaged", "name": "Engaged", "owner": "MARKETING",
               "enteredOn": ["WebinarAttended", "ContentDownloaded"], "slaHours": 336},
              {"stageId": "mql", "name": "MQL", "owner": "MARKETING", "enteredOn": ["LeadQualified"], "slaHours": 72},
              {"stageId": "sal", "name": "SAL", "owner": "SALES", "enteredOn": ["LeadAccepted"], "slaHours": 48},
              {"stageId": "demo", "name": "Demo", "owner": "SALES", "enteredOn": ["DemoHeld", "DiscoveryCallHeld"],
               "slaHours": 168},
              {"stageId": "sql", "name": "SQL", "owner": "SALES", "enteredOn": ["OpportunityOpened"]},
              {"stageId": "proposal", "name": "Proposal", "owner": "SALES",
               "enteredOn": ["ProposalSent", "NegotiationHeld"], "slaHours": 240},
              {"stageId": "won", "name": "Won", "owner": "SALES", "enteredOn": ["DealWon"]},
              {"stageId": "lost", "name": "Lost", "owner": "SALES", "enteredOn": ["DealLost"]},
              {"stageId": "disqualified", "name": "Disqualified", "owner": "MARKETING",
               "enteredOn": ["LeadDisqualified"]}],
             "handoffs": [{"fromStage": "mql", "toStage": "sal", "owner": "MARKETING", "criteria": "score>60"}]}""";

    private static final String[] MIDDLE = {"WebinarAttended", "ContentDownloaded", "DemoHeld", "DiscoveryCallHeld",
                                            "ProposalSent", "NegotiationHeld"};
    private static final String[] CHANNELS = {"web", "email", "events", "partner", "ads", "outbound"};
    private static final String[] REGIONS = {"dach", "nordics", "benelux", "uk", "france", "iberia"};
    private static final String[] SOURCES = {"form", "list-import", "event-scan", "chat", "referral"};
    private static final String[] PRODUCTS = {"core", "core-plus", "analytics", "connect", "suite", "suite-pro",
                                              "services", "training"};
    private static final String[] REASONS = {"no budget", "bad fit", "no response", "competitor", "timing",
                                             "duplicate", "too small"};
    private static final long SPAN_MINUTES = Duration.between(START, END).toMinutes();

    private final Random random;
    private int journeys;

    public ScaleHistory(long seed) {
        this.random = new Random(seed);
    }

    public int journeys() {
        return journeys;
    }

    /** The benchmark's map as the analytics see it, from the very document the benchmark defines it with. */
    public static FlowMap flowMap() {
        try {
            JsonNode document = new ObjectMapper().readTree(MAP);
            List<FlowStage> stages = new ArrayList<>();
            for (JsonNode stage : document.get("stages")) {
                Set<String> types = new LinkedHashSet<>();
                stage.get("enteredOn").forEach(t -> types.add(t.asText()));
                Duration sla = stage.has("slaHours") ? Duration.ofHours(stage.get("slaHours").asLong()) : null;
                stages.add(new FlowStage(stage.get("stageId").asText(), stage.get("name").asText(),
                                         stage.get("owner").asText(), types, sla, false));
            }
            List<FlowHandoff> handoffs = new ArrayList<>();
            for (JsonNode handoff : document.get("handoffs")) {
                handoffs.add(new FlowHandoff(handoff.get("fromStage").asText(), handoff.get("toStage").asText(),
                                             handoff.get("owner").asText(), handoff.get("criteria").asText()));
            }
            return new FlowMap("scale", 1, stages, handoffs, document.get("currency").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The next journey's steps, in business-time order. */
    public List<StepRequest> next() {
        String journeyId = String.format(Locale.ROOT, "lead-%07d", journeys++);
        int length = (int) Math.max(1, Math.min(100, Math.round(Math.exp(Math.log(7) + 0.75 * random.nextGaussian()))));
        Instant at = START.plus(Duration.ofMinutes((long) (random.nextDouble() * SPAN_MINUTES)));
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String campaign = String.format(Locale.ROOT, "cmp-%03d", random.nextInt(240));
        String owner = rep();
        String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        long amount = 1_000 + 50L * random.nextInt(5_000);
        int qualifyAt = length >= 3 && random.nextInt(10) < 7 ? length / 3 : -1;
        int handoffAt = qualifyAt > 0 && qualifyAt + 2 < length && random.nextInt(10) < 6 ? qualifyAt + 1 : -1;
        int opportunityAt = length >= 5 && random.nextBoolean() ? Math.max(handoffAt + 2, length / 2) : -1;
        boolean outcome = length >= 3 && random.nextInt(10) < 6;
        List<StepRequest> steps = new ArrayList<>(length);
        for (int s = 0; s < length && at.isBefore(END); s++) {
            String type;
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("channel", channel);
            attributes.put("region", region);
            if (s == 0) {
                type = "LeadCaptured";
                attributes.put("segment", String.format(Locale.ROOT, "seg-%02d", random.nextInt(25)));
                attributes.put("campaign", campaign);
                attributes.put("source", SOURCES[random.nextInt(SOURCES.length)]);
            } else if (outcome && s == length - 1) {
                type = opportunityAt > 0 && opportunityAt < s ? (random.nextInt(5) < 2 ? "DealWon" : "DealLost")
                        : "LeadDisqualified";
                if (type.equals("DealWon")) {
                    attributes.put("amount", amount + 50L * (random.nextInt(41) - 20));
                    attributes.put("product", product);
                } else {
                    attributes.put("reason", REASONS[random.nextInt(REASONS.length)]);
                }
            } else if (s == qualifyAt) {
                type = "LeadQualified";
                attributes.put("score", 40 + random.nextInt(61));
            } else if (s == handoffAt) {
                type = "LeadHandedOff";
                owner = rep();
                attributes.put("to", owner);
            } else if (s == handoffAt + 1) {
                type = "LeadAccepted";
            } else if (s == opportunityAt) {
                type = "OpportunityOpened";
                attributes.put("amount", amount);
                attributes.put("product", product);
            } else {
                type = MIDDLE[Math.min(MIDDLE.length - 1, s * MIDDLE.length / length + random.nextInt(2))];
                if (random.nextBoolean()) {
                    attributes.put("campaign", campaign);
                }
            }
            if (!type.equals("LeadHandedOff")) {
                attributes.put("owner", owner);
            }
            steps.add(new StepRequest(stepId(), type, at.toString(), journeyId, null, null, attributes));
            at = at.plus(Duration.ofMinutes(20 + (long) (random.nextDouble() * random.nextDouble() * 14 * 24 * 60)));
        }
        return steps;
    }

    private String rep() {
        return String.format(Locale.ROOT, "rep-%02d", 1 + random.nextInt(40));
    }

    /** As an import derives them: the mapping's id and 32 hex digits of a hash (docs/import.md). */
    private String stepId() {
        return String.format(Locale.ROOT, "crm-export:%016x%016x", random.nextLong(), random.nextLong());
    }
}
