package io.revchain.segment;

/** Answers whether a segment has been profiled, counting steps recorded earlier in the same unit of work. */
@FunctionalInterface
public interface SegmentDirectory {

    boolean isProfiled(String segmentId);
}
