package io.revchain.identity;

import io.revchain.chain.Actor;
import io.revchain.identity.IdentityViews.CreateKeyRequest;
import io.revchain.identity.IdentityViews.CreateUserRequest;
import io.revchain.identity.IdentityViews.IssuedKeyView;
import io.revchain.identity.IdentityViews.KeyView;
import io.revchain.identity.IdentityViews.MeView;
import io.revchain.identity.IdentityViews.PasswordRequest;
import io.revchain.identity.IdentityViews.RolesRequest;
import io.revchain.identity.IdentityViews.UserView;
import io.revchain.system.Workloads;
import io.revchain.system.web.PathVariables;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/me} and the administration of users and API keys (docs/security.md): lists on the read pool, commands
 * on the write pool.
 */
@RestController
@Tag(name = "Users and keys", description = "Who is calling, and the administration of users (people) and API "
        + "keys (machines): roles, passwords, disabling and revoking. No answer carries a password or a key's hash; "
        + "a key's secret only the answer to its creation (docs/security.md).")
@PathVariables({
        @Parameter(name = "username", description = "The user's username", example = "bo"),
        @Parameter(name = "keyId", description = "The key's public id: the 12 characters after rc_",
                   example = "k7q2xw4mzp3a")})
class IdentityEndpoint {

    private final Identities identities;
    private final Workloads workloads;

    IdentityEndpoint(Identities identities, Workloads workloads) {
        this.identities = identities;
        this.workloads = workloads;
    }

    @GetMapping("/api/me")
    @Operation(operationId = "getMe", summary = "Who am I",
               description = "The calling principal: its id, kind (user or key), username, display name, function "
                       + "and roles.")
    MeView me(@AuthenticationPrincipal Caller caller) {
        return MeView.of(caller);
    }

    @GetMapping("/api/admin/users")
    @Operation(operationId = "listUsers", summary = "The users",
               description = "Every user with their function, roles, who created them and whether they are disabled.")
    Mono<List<UserView>> users() {
        return workloads.read(identities::users);
    }

    @PostMapping("/api/admin/users")
    @Operation(operationId = "createUser", summary = "Create a user",
               description = "A person with a password of 12 to 72 bytes, a display name, an optional function and "
                       + "roles. 409 user-unique if the username was ever used.")
    @ApiResponse(responseCode = "201", description = "Created",
                 content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = UserView.class)))
    Mono<ResponseEntity<UserView>> createUser(@RequestBody CreateUserRequest body, Actor actor) {
        return workloads.write(() -> ResponseEntity.status(HttpStatus.CREATED)
                                                   .body(identities.createUser(body, actor)));
    }

    @PutMapping("/api/admin/users/{username}/roles")
    @Operation(operationId = "changeRoles", summary = "Change a user's roles",
               description = "Sets the user's roles; open sessions get them at their next request. The last enabled "
                       + "admin keeps admin (400 last-admin).")
    Mono<UserView> changeRoles(@PathVariable String username, @RequestBody RolesRequest body, Actor actor) {
        return workloads.write(() -> identities.changeRoles(username, body.roles(), actor));
    }

    @PutMapping("/api/admin/users/{username}/password")
    @Operation(operationId = "setPassword", summary = "Set a user's password",
               description = "Sets a new password of 12 to 72 bytes.")
    Mono<UserView> resetPassword(@PathVariable String username, @RequestBody PasswordRequest body, Actor actor) {
        return workloads.write(() -> identities.resetPassword(username, body.password(), actor));
    }

    @DeleteMapping("/api/admin/users/{username}")
    @Operation(operationId = "disableUser", summary = "Disable a user",
               description = "The user can no longer sign in, and their sessions end at their next request. The last "
                       + "enabled admin cannot be disabled (400 last-admin).")
    Mono<UserView> disable(@PathVariable String username, Actor actor) {
        return workloads.write(() -> identities.disable(username, actor));
    }

    @GetMapping("/api/admin/keys")
    @Operation(operationId = "listKeys", summary = "The API keys",
               description = "Every key with its roles, function, status (ACTIVE, REVOKED, EXPIRED), who created it, "
                       + "when it expires and when it was last used; never the secret.")
    Mono<List<KeyView>> keys() {
        return workloads.read(identities::keys);
    }

    /** 201 with the key, shown this once: the service keeps only its hash. */
    @PostMapping("/api/admin/keys")
    @Operation(operationId = "createKey", summary = "Create an API key",
               description = "A key for a machine with roles, an optional function and an optional expiry. The "
                       + "answer carries the key itself (rc_<keyId>_<secret>) this once: revchain keeps only its "
                       + "hash.")
    @ApiResponse(responseCode = "201", description = "Created; the key is in this answer only",
                 content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = IssuedKeyView.class)))
    Mono<ResponseEntity<IssuedKeyView>> createKey(@RequestBody CreateKeyRequest body, Actor actor) {
        return workloads.write(() -> ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                                                   .body(identities.createKey(body, actor)));
    }

    @DeleteMapping("/api/admin/keys/{keyId}")
    @Operation(operationId = "revokeKey", summary = "Revoke an API key",
               description = "Refused from the next request on every node; revoking again changes nothing.")
    Mono<KeyView> revokeKey(@PathVariable String keyId, Actor actor) {
        return workloads.write(() -> identities.revokeKey(keyId, actor));
    }
}
