package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.HOURS;

import io.revchain.system.web.Rounded;
import java.time.Instant;

/**
 * One journey behind a stage or transition figure: its stay in {@code stageId} from {@code since} to {@code until}
 * (null while open), where it went next, and {@code hours} in the stage (the dwell, or the age where the figure is
 * measured when still open). For a transition, stageId to nextStage is the pair and hours its duration.
 */
public record JourneyRowView(String journeyId, String stageId, String nextStage, Instant since, Instant until,
                             String state, @Rounded(HOURS) Double hours, String channel, String segment,
                             String campaign, String owner) {
}
