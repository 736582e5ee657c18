package io.revchain.session;

import java.util.List;

/** A joint session on a map opened, with its facilitator and participants. */
public record MappingSessionOpened(String sessionId, String mapId, String title, String facilitator,
                                   List<Participant> participants) implements SessionEvent {

    public MappingSessionOpened {
        participants = List.copyOf(participants);
    }
}
