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
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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
import reactor.core.scheduler.Schedulers;

/** {@code /api/me} and the administration of users and API keys (docs/security.md). */
@RestController
class IdentityEndpoint {

    private final Identities identities;

    IdentityEndpoint(Identities identities) {
        this.identities = identities;
    }

    @GetMapping("/api/me")
    MeView me(@AuthenticationPrincipal Caller caller) {
        return MeView.of(caller);
    }

    @GetMapping("/api/admin/users")
    Mono<List<UserView>> users() {
        return blocking(identities::users);
    }

    @PostMapping("/api/admin/users")
    Mono<ResponseEntity<UserView>> createUser(@RequestBody CreateUserRequest body, Actor actor) {
        return blocking(() -> ResponseEntity.status(HttpStatus.CREATED).body(identities.createUser(body, actor)));
    }

    @PutMapping("/api/admin/users/{username}/roles")
    Mono<UserView> changeRoles(@PathVariable String username, @RequestBody RolesRequest body, Actor actor) {
        return blocking(() -> identities.changeRoles(username, body.roles(), actor));
    }

    @PutMapping("/api/admin/users/{username}/password")
    Mono<UserView> resetPassword(@PathVariable String username, @RequestBody PasswordRequest body, Actor actor) {
        return blocking(() -> identities.resetPassword(username, body.password(), actor));
    }

    @DeleteMapping("/api/admin/users/{username}")
    Mono<UserView> disable(@PathVariable String username, Actor actor) {
        return blocking(() -> identities.disable(username, actor));
    }

    @GetMapping("/api/admin/keys")
    Mono<List<KeyView>> keys() {
        return blocking(identities::keys);
    }

    /** 201 with the key, shown this once: the service keeps only its hash. */
    @PostMapping("/api/admin/keys")
    Mono<ResponseEntity<IssuedKeyView>> createKey(@RequestBody CreateKeyRequest body, Actor actor) {
        return blocking(() -> ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                                            .body(identities.createKey(body, actor)));
    }

    @DeleteMapping("/api/admin/keys/{keyId}")
    Mono<KeyView> revokeKey(@PathVariable String keyId, Actor actor) {
        return blocking(() -> identities.revokeKey(keyId, actor));
    }

    /** Commands and the sync MongoDB driver block: keep them off the event loop. */
    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
