package io.revchain.identity;

import static io.revchain.identity.Role.ADMIN;
import static io.revchain.identity.Role.FACILITATOR;
import static io.revchain.identity.Role.READER;
import static io.revchain.identity.Role.RECORDER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

/**
 * The route table: every request revchain answers, and who may make it. The first row that matches decides; a
 * request no row matches is refused to everyone (a new endpoint is closed until it is added here). docs/security.md
 * shows the same table and RoleMatrixTest checks that the two agree and that every mapped route answers as they say.
 */
final class Routes {

    static final List<Route> TABLE = List.of(
            // Signing in, and the page on the projector
            Route.anyone(GET, "/login"),
            Route.anyone(POST, "/login"),
            Route.anyone(POST, "/logout"),
            Route.of(GET, "/", READER),
            Route.anyone(GET, "/app/**"),
            // Swagger UI's files come from a WebJar too; it is a reader's tool (before the open row below)
            Route.of(GET, "/webjars/*swagger-ui/**", READER),
            Route.anyone(GET, "/webjars/**"),
            Route.anyone(GET, "/favicon.ico"),

            // Who am I
            Route.signedIn(GET, "/api/me"),

            // Recording what happened
            Route.of(POST, "/api/steps", RECORDER),
            Route.of(POST, "/api/imports", RECORDER),
            Route.of(POST, "/api/imports/{id}/cancel", RECORDER),
            Route.of(GET, "/api/imports", READER, RECORDER),
            Route.of(GET, "/api/imports/{id}", READER, RECORDER),

            // Maps, definitions and mapping sessions
            Route.of(PUT, "/api/maps/{mapId}", FACILITATOR),
            Route.of(POST, "/api/maps/{mapId}/definitions", FACILITATOR),
            Route.of(POST, "/api/maps/{mapId}/definitions/{term}/accept", FACILITATOR),
            // A what-if of a draft map: stores nothing, but rebuilds every journey's timeline for the draft.
            Route.of(POST, "/api/maps/{mapId}/preview", FACILITATOR),
            Route.of(POST, "/api/maps/{mapId}/targets", FACILITATOR),
            Route.of(POST, "/api/maps/{mapId}/targets/{quarter}/accept", FACILITATOR),
            Route.of(POST, "/api/sessions", FACILITATOR),
            Route.of(POST, "/api/sessions/{sessionId}/decisions", FACILITATOR),
            Route.of(POST, "/api/sessions/{sessionId}/action-items", FACILITATOR),
            Route.of(POST, "/api/sessions/{sessionId}/action-items/{itemId}/complete", FACILITATOR),
            Route.of(POST, "/api/sessions/{sessionId}/close", FACILITATOR),

            // Reading: maps, figures, CSV, replay, sessions, the API description and Swagger UI ("/**" also matches
            // nothing more), and history exported for process-mining tools
            Route.of(GET, "/api/maps/**", READER),
            Route.of(GET, "/api/sessions/**", READER),
            Route.of(GET, "/v3/api-docs/**", READER),
            Route.of(GET, "/v3/api-docs.yaml/**", READER),
            Route.of(GET, "/swagger-ui.html", READER),
            Route.of(GET, "/swagger-ui/**", READER),
            Route.of(GET, "/api/export/xes", READER),
            Route.of(GET, "/api/export/ocel", READER),

            // Administration: principals, read models, operational details
            Route.of(GET, "/api/admin/users", ADMIN),
            Route.of(POST, "/api/admin/users", ADMIN),
            Route.of(PUT, "/api/admin/users/{username}/roles", ADMIN),
            Route.of(PUT, "/api/admin/users/{username}/password", ADMIN),
            Route.of(DELETE, "/api/admin/users/{username}", ADMIN),
            Route.of(GET, "/api/admin/keys", ADMIN),
            Route.of(POST, "/api/admin/keys", ADMIN),
            Route.of(DELETE, "/api/admin/keys/{keyId}", ADMIN),
            Route.of(GET, "/api/admin/rebuild", ADMIN),
            Route.of(POST, "/api/admin/rebuild", ADMIN),
            Route.of(GET, "/api/admin/parked-events", ADMIN),
            Route.of(GET, "/api/admin/parked-events/{id}", ADMIN),
            Route.of(POST, "/api/admin/parked-events/{id}/retry", ADMIN),
            Route.anyone(GET, "/actuator/health"),
            Route.anyone(GET, "/actuator/health/liveness"),
            Route.anyone(GET, "/actuator/health/readiness"),
            Route.of(GET, "/actuator/**", ADMIN));

    private Routes() {
    }
}
