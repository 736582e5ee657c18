package io.revchain.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.revchain.system.web.InvalidRequestException;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A person who signs in. A disabled account stays disabled: its username is not given out again. */
@Aggregate
class UserAccount {

    @AggregateIdentifier
    private String id;
    private String username;
    private List<Role> roles;
    private boolean disabled;

    UserAccount() {
    }

    @CommandHandler
    UserAccount(Commands.RegisterUser command) {
        apply(new UserRegistered(command.username(), command.displayName(), command.function(), command.roles()));
    }

    @CommandHandler
    void handle(Commands.ResetPassword command) {
        requireEnabled();
        apply(new UserPasswordReset(username));
    }

    @CommandHandler
    void handle(Commands.ChangeRoles command) {
        requireEnabled();
        if (!command.roles().equals(roles)) {
            apply(new UserRolesChanged(username, command.roles()));
        }
    }

    @CommandHandler
    void handle(Commands.DisableUser command) {
        if (!disabled) {
            apply(new UserDisabled(username));
        }
    }

    private void requireEnabled() {
        if (disabled) {
            throw new InvalidRequestException("username", "user-enabled: user " + username
                    + " is disabled; a disabled account is not changed again");
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = Commands.userId(event.username());
        username = event.username();
        roles = event.roles();
    }

    @EventSourcingHandler
    void on(UserRolesChanged event) {
        roles = event.roles();
    }

    @EventSourcingHandler
    void on(UserDisabled event) {
        disabled = true;
    }
}
