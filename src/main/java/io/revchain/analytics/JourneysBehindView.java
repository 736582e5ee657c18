package io.revchain.analytics;

import java.util.List;

/**
 * The journeys a figure counts: {@code total} equals the figure, {@code journeys} holds the first {@code limit} of
 * them, longest time in the stage first. {@code definition} is the figure's definition in words and
 * {@code definitionSection} the section of docs/metrics.md that defines it.
 */
public record JourneysBehindView(String figure, String definition, String definitionSection, long total,
                                 List<JourneyRowView> journeys) {

    public JourneysBehindView {
        journeys = List.copyOf(journeys);
    }
}
