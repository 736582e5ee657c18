package io.revchain.identity;

import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of user accounts and API keys; the endpoint has validated their fields. */
final class Commands {

    private Commands() {
    }

    static String userId(String username) {
        return "user:" + username;
    }

    record RegisterUser(String username, String displayName, BusinessFunction function, List<Role> roles) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return userId(username);
        }
    }

    record ResetPassword(String username) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return userId(username);
        }
    }

    record ChangeRoles(String username, List<Role> roles) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return userId(username);
        }
    }

    record DisableUser(String username) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return userId(username);
        }
    }

    record IssueApiKey(String keyId, String name, BusinessFunction function, List<Role> roles, Instant expiresAt) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return ApiKeys.principalId(keyId);
        }
    }

    record RevokeApiKey(String keyId) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return ApiKeys.principalId(keyId);
        }
    }
}
