package io.revchain.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A machine's key. Revoking twice records it once. */
@Aggregate
class ApiKey {

    @AggregateIdentifier
    private String id;
    private String keyId;
    private boolean revoked;

    ApiKey() {
    }

    @CommandHandler
    ApiKey(Commands.IssueApiKey command) {
        apply(new ApiKeyIssued(command.keyId(), command.name(), command.function(), command.roles(),
                               command.expiresAt()));
    }

    @CommandHandler
    void handle(Commands.RevokeApiKey command) {
        if (!revoked) {
            apply(new ApiKeyRevoked(keyId));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        id = ApiKeys.principalId(event.keyId());
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
