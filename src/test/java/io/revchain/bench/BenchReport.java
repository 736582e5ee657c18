package io.revchain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/** Prints a benchmark figure and appends it to target/bench/results.md for docs/benchmarks.md. */
public final class BenchReport {

    private static final Path FILE = Path.of("target", "bench", "results.md");

    private BenchReport() {
    }

    public static void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println("[bench] " + text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, text + System.lineSeparator(), StandardOpenOption.CREATE,
                              StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void heading(String title) {
        line("%n## %s (%s, backend %s)%n", title, Instant.now(), System.getProperty("bench.backend", "h2"));
    }

    public static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
