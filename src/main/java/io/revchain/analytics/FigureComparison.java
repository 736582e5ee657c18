package io.revchain.analytics;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Two windows of the same rows side by side, one line per numeric figure: every number of a row (counts, amounts,
 * rates) in window a, in window b, and the change b − a. Rows are matched by group and subject; a row missing from
 * one window has null there, and so has the change.
 */
public final class FigureComparison {

    private FigureComparison() {
    }

    public static <T extends Record> List<ComparedFigureView> compare(String part, List<T> a, List<T> b,
                                                                      Function<T, String> group,
                                                                      Function<T, String> subject) {
        Map<List<String>, T[]> rows = new LinkedHashMap<>();
        Class<?> type = null;
        for (int side = 0; side < 2; side++) {
            for (T row : side == 0 ? a : b) {
                type = row.getClass();
                int s = side;
                @SuppressWarnings("unchecked")
                T[] pair = rows.computeIfAbsent(key(group.apply(row), subject.apply(row)), k -> (T[]) new Record[2]);
                pair[s] = row;
            }
        }
        List<ComparedFigureView> lines = new ArrayList<>();
        if (type == null) {
            return lines;
        }
        List<RecordComponent> numbers = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> t = component.getType();
            if (Number.class.isAssignableFrom(t) || t == long.class || t == int.class || t == double.class) {
                numbers.add(component);
            }
        }
        rows.forEach((key, pair) -> {
            for (RecordComponent component : numbers) {
                BigDecimal x = value(component, pair[0]);
                BigDecimal y = value(component, pair[1]);
                lines.add(new ComparedFigureView(part, key.get(0), key.get(1), component.getName(), x, y,
                                                 x == null || y == null ? null : y.subtract(x)));
            }
        });
        return lines;
    }

    private static List<String> key(String group, String subject) {
        List<String> key = new ArrayList<>(2);
        key.add(group);
        key.add(subject);
        return key;
    }

    private static BigDecimal value(RecordComponent component, Record row) {
        if (row == null) {
            return null;
        }
        Object value;
        try {
            Method accessor = component.getAccessor();
            // Rows may be records local to a caller, whose accessors are public but not reachable.
            accessor.trySetAccessible();
            value = accessor.invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        return BigDecimal.valueOf(((Number) Objects.requireNonNull(value)).longValue());
    }
}
