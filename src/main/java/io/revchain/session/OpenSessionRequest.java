package io.revchain.session;

import java.util.List;

/** Body of {@code POST /api/sessions}; the caller chooses {@code sessionId}. */
public record OpenSessionRequest(String sessionId, String mapId, String title, String facilitator,
                                 List<ParticipantRequest> participants) {
}
