package io.revchain.map;

/** A definition counts only once a function other than the proposer agreed to its exact text. */
public enum DefinitionStatus {
    PROPOSED, AGREED
}
