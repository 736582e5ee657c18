package io.revchain.target;

/** Targets count only once a function other than the proposer agreed to their exact figures. */
public enum TargetStatus {
    PROPOSED, AGREED
}
