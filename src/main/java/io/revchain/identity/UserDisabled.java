package io.revchain.identity;

/** The user can no longer sign in; open browser sessions end with their next request. Final. */
public record UserDisabled(String username) implements UserEvent {
}
