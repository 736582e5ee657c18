package io.revchain.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a principal may do (least privilege; a principal may hold several). {@code admin} includes every other role
 * and {@code facilitator} includes {@code reader}: running a session needs the map on screen. {@code recorder} does
 * not include {@code reader}, so a CRM webhook's key writes steps without reading the pipeline back.
 */
public enum Role {
    READER, RECORDER, FACILITATOR, ADMIN;

    public static final String CHOICES = Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role of(String id) {
        return parse(id).orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a role; use one of "
                                                                        + CHOICES));
    }

    public static Optional<Role> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String name = id.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }

    /** This role and every role it includes. */
    Set<Role> included() {
        return switch (this) {
            case ADMIN -> EnumSet.allOf(Role.class);
            case FACILITATOR -> EnumSet.of(FACILITATOR, READER);
            case RECORDER -> EnumSet.of(RECORDER);
            case READER -> EnumSet.of(READER);
        };
    }

    static Set<Role> effective(Set<Role> held) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        held.forEach(role -> all.addAll(role.included()));
        return all;
    }

    String authority() {
        return "ROLE_" + name();
    }
}
