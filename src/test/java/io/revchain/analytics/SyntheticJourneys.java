package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random journeys on {@link Fixtures#FUNNEL} with the roughness of real data: skipped stages, loops back to MQL,
 * repeated steps, steps listed out of order, late recording, missing dimensions, feedback and rejections.
 * Opportunities and won deals carry an amount and a product (derived from the journey number, so that the random
 * sequence, hence every flow figure, is what it was before amounts existed). About 2.5 steps per journey.
 */
final class SyntheticJourneys {

    private static final String[] CHANNELS = {"web", "email", "event", null};

    private SyntheticJourneys() {
    }

    static List<JourneyFacts> generate(int journeys, long seed, Instant start, Duration span) {
        Random random = new Random(seed);
        List<JourneyFacts> all = new ArrayList<>(journeys);
        long seq = 0;
        for (int j = 0; j < journeys; j++) {
            String id = "j" + j;
            List<StepFact> steps = new ArrayList<>(4);
            Instant t = start.plusSeconds((long) (random.nextDouble() * span.getSeconds()));
            Map<String, String> origin = new HashMap<>();
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            if (channel != null) {
                origin.put("channel", channel);
            }
            origin.put("segmentId", "s" + random.nextInt(5));
            if (random.nextInt(4) > 0) {
                origin.put("campaignId", "c" + random.nextInt(20));
            }
            origin.put("owner", "mkt" + random.nextInt(3));
            List<String> path = path(random);
            for (int i = 0; i < path.size(); i++) {
                Map<String, String> attributes = i == 0 ? origin : Map.of();
                if (path.get(i).equals("LeadHandedOff")) {
                    attributes = Map.of("to", "rep" + random.nextInt(8));
                }
                if (path.get(i).equals("LeadRejected")) {
                    attributes = Map.of("reason", random.nextBoolean() ? "no budget" : "bad fit");
                }
                if (path.get(i).equals("OpportunityOpened") || path.get(i).equals("DealWon")) {
                    attributes = Map.of("amount", Integer.toString(1_000 + (j % 50) * 250),
                                        "product", "p" + (j % 7));
                }
                // 10% of steps are learned late, up to 30 days after they happened.
                Instant recorded = random.nextInt(10) == 0 ? t.plusSeconds(random.nextInt(30 * 86_400)) : t;
                steps.add(new StepFact(id + "-" + i, path.get(i), t, recorded, ++seq, attributes));
                t = t.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 48 * 3600));
            }
            Collections.shuffle(steps, random);
            all.add(new JourneyFacts(id, steps));
        }
        return all;
    }

    private static List<String> path(Random random) {
        List<String> path = new ArrayList<>();
        if (random.nextInt(10) < 8) {
            path.add("LeadCaptured");
            if (random.nextInt(10) < 4) {
                return path;
            }
        }
        path.add("LeadQualified");
        if (random.nextInt(20) == 0) {
            path.add("LeadQualified");
        }
        int r = random.nextInt(10);
        if (r < 3) {
            return path;
        }
        if (r == 3) {
            path.add("LeadDisqualified");
            return path;
        }
        if (r == 4) {
            path.add("LeadRejected");
            return path;
        }
        path.add("LeadHandedOff");
        path.add("LeadAccepted");
        if (random.nextInt(10) == 0) {
            path.add("LeadQualified");
            path.add("LeadAccepted");
        }
        if (random.nextInt(10) < 5) {
            return path;
        }
        path.add("OpportunityOpened");
        int outcome = random.nextInt(10);
        if (outcome < 4) {
            path.add("DealWon");
            if (random.nextBoolean()) {
                path.add("FeedbackRecorded");
            }
        } else if (outcome < 8) {
            path.add("DealLost");
        }
        return path;
    }
}
