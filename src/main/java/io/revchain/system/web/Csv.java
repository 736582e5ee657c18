package io.revchain.system.web;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Flat CSV for BI tools (RFC 4180): a header row of the record's component names, one row per record, CRLF line
 * ends, ISO-8601 times, '.' decimals and no exponent, empty cells for missing values.
 */
public final class Csv {

    private Csv() {
    }

    public static <T extends Record> String write(Class<T> type, Collection<? extends T> rows) {
        return write(type, rows, Set.of());
    }

    /** As {@link #write(Class, Collection)}, leaving out the named columns. */
    public static <T extends Record> String write(Class<T> type, Collection<? extends T> rows,
                                                  Set<String> omitted) {
        RecordComponent[] components = Arrays.stream(type.getRecordComponents())
                                                       .filter(c -> !omitted.contains(c.getName()))
                                                       .toArray(RecordComponent[]::new);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(components[i].getName()));
        }
        out.append("\r\n");
        for (T row : rows) {
            for (int i = 0; i < components.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(value(components[i], row)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + row.getClass(), e);
        }
    }

    static String cell(Object value) {
        String text = format(value);
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Float f) {
            return format(f.doubleValue());
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof TemporalAccessor || value instanceof Duration) {
            return value.toString();
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("CSV rows must be flat; got " + value.getClass().getSimpleName());
        }
        return value.toString();
    }
}
