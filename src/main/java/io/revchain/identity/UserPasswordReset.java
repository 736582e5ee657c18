package io.revchain.identity;

/** The user's password was set anew (by an admin, or at start for the initial admin); the hash is not here. */
public record UserPasswordReset(String username) implements UserEvent {
}
