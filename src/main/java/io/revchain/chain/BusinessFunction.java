package io.revchain.chain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The function that owns a stage, a handoff, a definition or an action item. */
public enum BusinessFunction {
    MARKETING, SALES, SERVICE, JOINT;

    public static final String CHOICES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    /** Case-insensitive, so that {@code "sales"} from a spreadsheet import is accepted. */
    public static Optional<BusinessFunction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }
}
