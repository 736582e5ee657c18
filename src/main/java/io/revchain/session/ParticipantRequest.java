package io.revchain.session;

/** A participant as a request sends it: a name and a function. */
public record ParticipantRequest(String name, String function) {
}
