package io.revchain.importing;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A lookup file held in memory, one row per key, for joining its columns to the rows of the file being imported.
 * Lookups are dimension tables (accounts, products, sales teams), so their size is bounded.
 */
final class LookupTable {

    static final int MAX_ROWS = 1_000_000;

    private final ImportMapping.Lookup lookup;
    private final Map<String, Integer> columns;
    private final Map<String, List<String>> rows;
    private long withoutKey;
    private long unmatched;

    private LookupTable(ImportMapping.Lookup lookup, Map<String, Integer> columns, Map<String, List<String>> rows) {
        this.lookup = lookup;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Throws InvalidRequestException when a column the mapping reads from the lookup is not in its header, or a key
     * is on two rows (the join would be ambiguous); MalformedFileException when the file is not readable CSV.
     */
    static LookupTable load(ImportMapping.Lookup lookup, Path file, List<ImportMapping.ColumnRef> refs)
            throws IOException {
        String name = "lookup " + lookup.name();
        try (InputStream in = open(file)) {
            CsvReader csv = new CsvReader(new InputStreamReader(in, lookup.encoding().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                                          lookup.delimiter());
            List<String> header = csv.next();
            if (header == null) {
                throw new MalformedFileException(name + ": the file is empty; a lookup needs a header line");
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).trim(), i);
            }
            List<FieldError> errors = new ArrayList<>();
            for (ImportMapping.ColumnRef ref : refs) {
                if (!columns.containsKey(ref.column())) {
                    errors.add(FieldError.of(ref.field(), "column '" + ref.column() + "' is not in the header of "
                            + name + " (columns: " + String.join(", ", header.stream().map(String::trim).toList())
                            + ")"));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            int keyColumn = columns.get(lookup.key());
            Map<String, List<String>> rows = new HashMap<>();
            Map<String, Long> lineOfKey = new HashMap<>();
            List<String> record;
            while ((record = csv.next()) != null) {
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() != header.size()) {
                    throw new MalformedFileException(name + ", line " + csv.recordLine() + ": the row has "
                            + record.size() + " fields, the header has " + header.size());
                }
                String key = record.get(keyColumn).trim();
                if (key.isEmpty()) {
                    continue;
                }
                Long earlier = lineOfKey.putIfAbsent(key, csv.recordLine());
                if (earlier != null) {
                    throw new InvalidRequestException("lookups." + lookup.name() + ".key", "key '" + key
                            + "' is on lines " + earlier + " and " + csv.recordLine() + " of " + name
                            + "; a lookup needs one row per key, or the join would be ambiguous");
                }
                if (rows.size() == MAX_ROWS) {
                    throw new MalformedFileException(name + " has more than " + MAX_ROWS + " rows; a lookup is "
                            + "held in memory");
                }
                rows.put(key, List.copyOf(record));
            }
            return new LookupTable(lookup, columns, rows);
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(name + ": the bytes are not valid " + lookup.encoding().name()
                    + "; set its encoding in the mapping", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    ImportMapping.Lookup lookup() {
        return lookup;
    }

    int size() {
        return rows.size();
    }

    /** The joined row for a row's {@code on} value, or null; counts rows without a key and keys without a row. */
    List<String> join(String onValue) {
        if (onValue == null || onValue.isEmpty()) {
            withoutKey++;
            return null;
        }
        List<String> row = rows.get(onValue);
        if (row == null) {
            unmatched++;
        }
        return row;
    }

    /** A column of a joined row, trimmed; empty when there is no joined row. */
    String value(List<String> row, String column) {
        return row == null ? "" : row.get(columns.get(column)).trim();
    }

    String summary() {
        return "lookup " + lookup.name() + ": " + rows.size() + " rows; " + withoutKey + " rows had no "
                + lookup.on() + ", " + unmatched + " matched no row";
    }
}
