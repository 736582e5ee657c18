package io.revchain.analytics;

/** A stage within one frame: arrivals and departures in the step, and WIP at the step's end boundary. */
public record StageFrameView(String stageId, long arrivals, long departures, long wip) {
}
