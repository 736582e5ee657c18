package io.revchain.importing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/** Business-time parsing: ISO-8601 or an explicit pattern, never a guess. */
final class Timestamps {

    // ISO date-time, 'T' or (normalised) space, optional offset with or without colon, optional [zone].
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseLenient()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .parseStrict()
            .optionalStart().appendLiteral('[').appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    static final String EXPECTED = "an ISO-8601 date or date-time such as 2017-03-01, 2017-03-01T14:30:00+01:00 "
                                   + "or 2017-03-01 14:30:00 (set atFormat for other patterns)";

    private Timestamps() {
    }

    /** A user pattern resolved strictly (English names); 'y' becomes 'u' so that strict resolution needs no era. */
    static DateTimeFormatter pattern(String pattern) {
        StringBuilder strict = new StringBuilder(pattern.length());
        boolean literal = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                literal = !literal;
            }
            strict.append(!literal && c == 'y' && pattern.indexOf('G') < 0 ? 'u' : c);
        }
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strict.toString())
                                             .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Throws DateTimeException when the value is not a valid timestamp in the expected form.
     */
    static Instant parse(String value, DateTimeFormatter format, ZoneId zone) {
        String text = value.trim();
        if (format != null) {
            return resolve(format.parse(text), zone);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
        }
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        return resolve(ISO.parse(text), zone);
    }

    private static Instant resolve(TemporalAccessor parsed, ZoneId zone) {
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        ZoneId parsedZone = parsed.query(TemporalQueries.zoneId());
        if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            if (!parsed.isSupported(ChronoField.EPOCH_DAY)) {
                throw new DateTimeException("the pattern yields no date");
            }
            return LocalDate.from(parsed).atStartOfDay(parsedZone != null ? parsedZone : zone).toInstant();
        }
        LocalDateTime local = LocalDateTime.from(parsed);
        if (offset != null) {
            return local.toInstant(offset);
        }
        return local.atZone(parsedZone != null ? parsedZone : zone).toInstant();
    }
}
