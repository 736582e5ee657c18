package io.revchain.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On a store without a usable {@code admin} (first start, or its credential deleted to recover access), gives it a
 * password: {@code REVCHAIN_ADMIN_PASSWORD} when set, otherwise a random one written to
 * {@code ./data/initial-admin-password}, readable by the owner only. Several nodes starting at once: the first to
 * register the account, or to give it a new password, sets the password; the others leave it.
 */
@Component
class InitialAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final Directory directory;
    private final Credentials credentials;
    private final CommandGateway commands;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;

    InitialAdmin(Directory directory, Credentials credentials, CommandGateway commands, PasswordEncoder encoder,
                 SecurityProperties properties) {
        this.directory = directory;
        this.credentials = credentials;
        this.commands = commands;
        this.encoder = encoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String id = Commands.userId(USERNAME);
        boolean exists = directory.find(id).isPresent();
        if (exists && credentials.hash(id).isPresent()) {
            return;
        }
        String password = properties.adminPassword() != null ? properties.adminPassword() : randomPassword();
        Object command = exists ? new Commands.ResetPassword(USERNAME)
                : new Commands.RegisterUser(USERNAME, "Administrator", null, List.of(Role.ADMIN));
        try {
            commands.sendAndWait(command, MetaData.from(Identities.SYSTEM.metaData()));
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            // Nodes starting together: one registered the user (and has not stored its password yet, so the others
            // saw a user without one), or gave it a password; the node whose command went through does the rest.
            log.info("Another node {} the user '{}' meanwhile", exists ? "gave a password to" : "created", USERNAME);
            return;
        }
        credentials.store(id, encoder.encode(password));
        if (properties.adminPassword() != null) {
            log.info("User '{}' {} with the password from REVCHAIN_ADMIN_PASSWORD", USERNAME,
                     exists ? "got a new password" : "created");
            return;
        }
        Path file = properties.initialAdminPasswordFile().toAbsolutePath();
        write(file, password);
        log.warn("User '{}' {}: its password is in {} (readable by this user only). Sign in, create your own admin "
                         + "user, then delete the file.", USERNAME, exists ? "got a new password" : "created", file);
    }

    private static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        byte[] content = (password + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, content);
        }
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
