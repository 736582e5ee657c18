package io.revchain.identity;

import io.revchain.system.web.OpenApiModels;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;

/**
 * Who may call what, in the OpenAPI document, from the route table that decides it: the security schemes (HTTP
 * Basic, a Bearer API key, a reader key as {@code api_key} in the query, the browser's session cookie), on each
 * operation the schemes that apply and the roles it needs ({@code x-revchain-roles}), and the refusals of the
 * security filters: 401, 403 and 429.
 */
@Component
class OpenApiSecurity implements GlobalOpenApiCustomizer {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String QUERY_KEY = "api_key";
    static final String SESSION = "session";
    static final String ROLES_EXTENSION = "x-revchain-roles";

    /** A key holding only reader: the only principal accepted as api_key. */
    private static final Caller READER_KEY = new Caller("key:openapi", Caller.Kind.KEY, "openapi", "openapi", null,
                                                        Set.of(Role.READER));

    private final RouteTable routes;

    OpenApiSecurity(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(BASIC, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A user's username and password (curl, scripts run by hand). revchain never sends a "
                        + "Basic challenge, so browsers never show a password dialog."));
        components.addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("rc_<keyId>_<secret>")
                .description("An API key as 'Authorization: Bearer rc_…' (scripts, integrations, BI tools). An "
                        + "admin creates keys at POST /api/admin/keys; the key is shown once."));
        components.addSecuritySchemes(QUERY_KEY, new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY).name(QUERY_KEY)
                .description("A key holding only reader, in the URL, on GET only: for BI tools that cannot send "
                        + "headers. revchain removes it from the URL before anything logs it."));
        components.addSecuritySchemes(SESSION, new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                .name(SecurityConfiguration.SESSION_COOKIE)
                .description("The browser's session after signing in at /login (form fields username, password, "
                        + "_csrf). A write must also send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header; "
                        + "Swagger UI at /swagger-ui.html does."));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (method, operation) -> secure(path, HttpMethod.valueOf(method.name()), operation)));
    }

    private void secure(String path, HttpMethod method, Operation operation) {
        OpenApiModels.refusal(operation, 429);
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
        Optional<Route> found = routes.match(method, concrete);
        if (found.isEmpty()) {
            // Closed to everyone until identity/Routes.TABLE has a row (RoleMatrixTest fails until then).
            OpenApiModels.refusal(operation, 401);
            OpenApiModels.refusal(operation, 403);
            return;
        }
        Route route = found.get();
        operation.addExtension(ROLES_EXTENSION, switch (route.access()) {
            case ANYONE -> List.of("anyone");
            case SIGNED_IN -> List.of("signed in");
            case ROLES -> Arrays.stream(Role.values()).filter(route.roles()::contains).map(Role::id).toList();
        });
        String who = switch (route.access()) {
            case ANYONE -> "anyone, without credentials";
            case SIGNED_IN -> "any signed-in principal";
            case ROLES -> "role " + route.who().replace(", ", " or ")
                    + " (admin includes every role, facilitator includes reader)";
        };
        String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
        operation.setDescription(description + "**Who may call:** " + who + ".");
        if (route.access() == Route.Access.ANYONE) {
            operation.setSecurity(List.of(new SecurityRequirement()));
            return;
        }
        List<SecurityRequirement> security = new ArrayList<>(List.of(
                new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER),
                new SecurityRequirement().addList(SESSION)));
        if (method == HttpMethod.GET && route.allows(READER_KEY)) {
            security.add(new SecurityRequirement().addList(QUERY_KEY));
        }
        operation.setSecurity(security);
        OpenApiModels.refusal(operation, 401);
        if (route.access() == Route.Access.ROLES || method != HttpMethod.GET) {
            OpenApiModels.refusal(operation, 403);
        }
    }
}
