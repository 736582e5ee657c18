package io.revchain.identity;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import io.revchain.identity.IdentityViews.CreateKeyRequest;
import io.revchain.identity.IdentityViews.CreateUserRequest;
import io.revchain.identity.IdentityViews.IssuedKeyView;
import io.revchain.identity.IdentityViews.KeyView;
import io.revchain.identity.IdentityViews.UserView;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates and changes users and keys. A secret never enters a command or an event: a user's password hash is stored
 * after the account is registered (two admins racing for one username: the loser's command fails before its hash is
 * written), a key's hash before the key is issued (its id is new, so a hash whose command failed is inert).
 * Blocking: call it off the event loop.
 */
@Service
class Identities {

    static final Actor SYSTEM = new Actor("system:revchain", "revchain", null);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final int MAX_NAME = 100;

    private final CommandGateway commands;
    private final Directory directory;
    private final Credentials credentials;
    private final PasswordEncoder encoder;
    private final Clock clock;

    Identities(CommandGateway commands, Directory directory, Credentials credentials, PasswordEncoder encoder,
               ObjectProvider<Clock> clock) {
        this.commands = commands;
        this.directory = directory;
        this.credentials = credentials;
        this.encoder = encoder;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    UserView createUser(CreateUserRequest request, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        String username = Authenticator.normalize(request.username());
        if (!USERNAME.matcher(username).matches()) {
            errors.add(error("username", "username-format", "use 2 to 64 lower-case letters, digits, '.', '_' or "
                    + "'-', starting with a letter or digit"));
        }
        password(request.password(), username, errors);
        String displayName = name(request.displayName(), "displayName", "display-name-required",
                                  "give the person's name as the map and sessions should show it", errors);
        BusinessFunction function = function(request.function(), errors);
        List<Role> roles = roles(request.roles(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String id = Commands.userId(username);
        if (directory.find(id).isPresent()) {
            throw userExists(username);
        }
        String hash = encoder.encode(request.password());
        try {
            commands.sendAndWait(new Commands.RegisterUser(username, displayName, function, roles),
                                 MetaData.from(by.metaData()));
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            throw userExists(username);
        }
        credentials.store(id, hash);
        return UserView.of(entry(id));
    }

    UserView resetPassword(String username, String password, Actor by) {
        DirectoryEntry user = user(username);
        List<FieldError> errors = new ArrayList<>();
        password(password, user.name(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String hash = encoder.encode(password);
        commands.sendAndWait(new Commands.ResetPassword(user.name()), MetaData.from(by.metaData()));
        credentials.store(user.id(), hash);
        return UserView.of(entry(user.id()));
    }

    UserView changeRoles(String username, List<String> requested, Actor by) {
        DirectoryEntry user = user(username);
        List<FieldError> errors = new ArrayList<>();
        List<Role> roles = roles(requested, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (!roles.contains(Role.ADMIN)) {
            keepAnAdmin(user, "roles");
        }
        commands.sendAndWait(new Commands.ChangeRoles(user.name(), roles), MetaData.from(by.metaData()));
        return UserView.of(entry(user.id()));
    }

    UserView disable(String username, Actor by) {
        DirectoryEntry user = user(username);
        keepAnAdmin(user, "username");
        commands.sendAndWait(new Commands.DisableUser(user.name()), MetaData.from(by.metaData()));
        return UserView.of(entry(user.id()));
    }

    List<UserView> users() {
        return directory.all(Caller.Kind.USER).stream().map(UserView::of).toList();
    }

    IssuedKeyView createKey(CreateKeyRequest request, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        String name = name(request.name(), "name", "key-name-required",
                           "name the key after what uses it, such as powerbi or crm-webhook", errors);
        BusinessFunction function = function(request.function(), errors);
        List<Role> roles = roles(request.roles(), errors);
        Instant expiresAt = expiry(request.expiresAt(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        ApiKeys.Issued issued = ApiKeys.issue();
        String id = ApiKeys.principalId(issued.keyId());
        credentials.store(id, issued.hash());
        try {
            commands.sendAndWait(new Commands.IssueApiKey(issued.keyId(), name, function, roles, expiresAt),
                                 MetaData.from(by.metaData()));
        } catch (RuntimeException e) {
            credentials.delete(id);
            throw e;
        }
        DirectoryEntry entry = entry(id);
        return new IssuedKeyView(issued.keyId(), issued.key(), entry.name(), entry.function(),
                                 entry.roles().stream().sorted().toList(), entry.createdAt(), entry.expiresAt());
    }

    KeyView revokeKey(String keyId, Actor by) {
        String id = ApiKeys.principalId(keyId);
        if (directory.find(id).filter(e -> e.kind() == Caller.Kind.KEY).isEmpty()) {
            throw new NotFoundException("api-key-known: there is no API key '" + keyId + "'");
        }
        try {
            commands.sendAndWait(new Commands.RevokeApiKey(keyId), MetaData.from(by.metaData()));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("api-key-known: there is no API key '" + keyId + "'");
        }
        return KeyView.of(entry(id), clock.instant());
    }

    List<KeyView> keys() {
        Instant now = clock.instant();
        return directory.all(Caller.Kind.KEY).stream().map(entry -> KeyView.of(entry, now)).toList();
    }

    private DirectoryEntry user(String username) {
        String name = Authenticator.normalize(username);
        return directory.find(Commands.userId(name)).filter(e -> e.kind() == Caller.Kind.USER)
                        .orElseThrow(() -> new NotFoundException("user-known: there is no user '" + name + "'"));
    }

    /** Somebody must still be able to manage principals afterwards. */
    private void keepAnAdmin(DirectoryEntry user, String field) {
        if (user.revoked() || !user.roles().contains(Role.ADMIN)) {
            return;
        }
        boolean another = directory.all(Caller.Kind.USER).stream()
                                   .anyMatch(u -> !u.id().equals(user.id()) && !u.revoked()
                                                  && u.roles().contains(Role.ADMIN));
        if (!another) {
            throw new InvalidRequestException(field, "last-admin: " + user.name() + " is the only enabled admin; "
                    + "make another user admin first");
        }
    }

    private DirectoryEntry entry(String id) {
        return directory.find(id).orElseThrow(() -> new IllegalStateException(
                "The directory has no entry " + id + " right after its command; check the identity-directory "
                        + "processor in /actuator/health"));
    }

    private static ResponseStatusException userExists(String username) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "user-unique: there is already a user '" + username
                + "'; usernames are never given out twice");
    }

    private static void password(String password, String username, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.add(error("password", "password-length", "use at least " + MIN_PASSWORD + " characters; a "
                    + "phrase of several words is easy to remember"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.add(error("password", "password-length", "use at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt "
                    + "reads no further)"));
        } else if (password.equalsIgnoreCase(username)) {
            errors.add(error("password", "password-not-username", "the password must not be the username"));
        }
    }

    private static String name(String value, String field, String rule, String explanation,
                               List<FieldError> errors) {
        String name = value == null ? null : value.strip();
        if (name == null || name.isEmpty()) {
            errors.add(error(field, rule, explanation));
            return null;
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(error(field, rule, "use at most " + MAX_NAME + " characters, without line breaks"));
        }
        return name;
    }

    private static BusinessFunction function(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<BusinessFunction> function = BusinessFunction.parse(value)
                                                              .filter(f -> f != BusinessFunction.JOINT);
        if (function.isEmpty()) {
            errors.add(error("function", "function-valid", "'" + value + "' is not a function a person or key acts "
                    + "for; use MARKETING, SALES or SERVICE, or leave it out"));
        }
        return function.orElse(null);
    }

    private static List<Role> roles(List<String> values, List<FieldError> errors) {
        if (values == null || values.isEmpty()) {
            errors.add(error("roles", "roles-required", "give at least one role: " + Role.CHOICES));
            return List.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < values.size(); i++) {
            Optional<Role> role = Role.parse(values.get(i));
            if (role.isEmpty()) {
                errors.add(error("roles[" + i + "]", "role-valid", "'" + values.get(i) + "' is not a role; use one "
                        + "of " + Role.CHOICES));
            } else {
                roles.add(role.get());
            }
        }
        return List.copyOf(roles);
    }

    private Instant expiry(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(error("expiresAt", "key-expiry-format", "give an ISO date (2026-12-31) or instant "
                    + "(2026-12-31T18:00:00Z)"));
            return null;
        }
        if (!at.isAfter(clock.instant())) {
            errors.add(error("expiresAt", "key-expiry-future", value + " has passed; a key must expire later"));
        }
        return at;
    }

    private static FieldError error(String field, String rule, String explanation) {
        return FieldError.of(field, rule + ": " + explanation);
    }
}
