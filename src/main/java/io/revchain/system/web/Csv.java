package io.revchain.system.web;

import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Flat CSV for BI tools (RFC 4180, written by Jackson's CSV module): a header row of the record's component names,
 * one row per record, CRLF line ends, ISO-8601 times, '.' decimals and no exponent, {@link Rounded} figures at their
 * documented precision, empty cells for missing values. Cells are quoted only when they must be.
 */
public final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder()
                                                     .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
                                                     .build();

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
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (RecordComponent component : components) {
            schema.addColumn(component.getName());
        }
        if (rows.isEmpty()) {
            // The header alone: a BI tool still learns the columns of an empty answer.
            return MAPPER.writer(schema.build().withoutHeader())
                         .writeValueAsString(Arrays.stream(components).map(RecordComponent::getName).toArray());
        }
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = MAPPER.writer(schema.build()).writeValues(out)) {
            for (T row : rows) {
                String[] cells = new String[components.length];
                for (int i = 0; i < components.length; i++) {
                    cells[i] = cell(components[i], row);
                }
                writer.write(cells);
            }
        }
        return out.toString();
    }

    private static String cell(RecordComponent component, Record row) {
        Object value;
        try {
            // Read rows are often package-private records of their feature: open the accessor, as JSON does.
            var accessor = component.getAccessor();
            accessor.trySetAccessible();
            value = accessor.invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + row.getClass(), e);
        }
        Rounded rounded = component.getAnnotation(Rounded.class);
        if (rounded != null && value instanceof Number number) {
            BigDecimal figure = rounded.value().round(number.doubleValue());
            return figure == null ? "" : figure.toPlainString();
        }
        return format(value);
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
