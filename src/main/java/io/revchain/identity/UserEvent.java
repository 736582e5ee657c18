package io.revchain.identity;

/** Events of a user account; who caused each one is in its metadata. No event ever holds a password or its hash. */
public sealed interface UserEvent permits UserRegistered, UserPasswordReset, UserRolesChanged, UserDisabled {

    String username();
}
