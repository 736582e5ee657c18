package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Nodes starting together on one store: the admin's first password is set by one of them, and none fails. */
class InitialAdminRaceTest {

    @Test
    void aNodeThatFindsAnotherGivingTheAdminAPasswordMeanwhile_startsAndLeavesItToThatNode() {
        // Another node registered the admin and has not stored its password yet: this node sees a user without one,
        // and its reset collides with a third node's.
        Directory directory = mock(Directory.class);
        when(directory.find("user:admin")).thenReturn(Optional.of(mock(DirectoryEntry.class)));
        Credentials credentials = mock(Credentials.class);
        when(credentials.hash("user:admin")).thenReturn(Optional.empty());
        CommandGateway commands = mock(CommandGateway.class);
        when(commands.sendAndWait(any(Commands.ResetPassword.class), any(MetaData.class)))
                .thenThrow(new ConcurrencyException("An event for aggregate [user:admin] at sequence [1] was already "
                                                    + "inserted"));
        SecurityProperties properties = mock(SecurityProperties.class);
        when(properties.adminPassword()).thenReturn("from-the-environment");

        InitialAdmin admin = new InitialAdmin(directory, credentials, commands, mock(PasswordEncoder.class),
                                              properties);

        assertThatCode(() -> admin.run(null)).doesNotThrowAnyException();
        verify(credentials, never()).store(anyString(), anyString());
    }
}
