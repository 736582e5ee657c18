package io.revchain.importing;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.io.IOContext;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvParser;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Streams RFC 4180 records through Jackson's CSV parser: quoted fields may hold delimiters, doubled quotes and line
 * breaks; lines end in CRLF, LF or CR. Stricter than the parser alone where a lenient reading would shift record
 * boundaries or columns without a word: a quote inside an unquoted field, text after a closing quote, a quote never
 * closed and a record over {@value #MAX_RECORD_CHARS} characters stop the read, naming the line.
 */
final class CsvReader {

    static final int MAX_RECORD_CHARS = 1_000_000;

    private final StrictCsvParser parser;
    private final char delimiter;
    private long recordLine;
    private boolean started;

    CsvReader(Reader in, char delimiter) throws IOException {
        this.delimiter = delimiter;
        PushbackReader withoutBom = new PushbackReader(in, 1);
        int first = withoutBom.read();
        if (first != -1 && first != '\uFEFF') {
            withoutBom.unread(first);
        }
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"')
                                    .withoutEscapeChar().withoutComments();
        this.parser = (StrictCsvParser) new StrictCsvFactory(schema).createParser(ObjectReadContext.empty(),
                                                                                  withoutBom);
    }

    /** The line the reader has reached. */
    long line() {
        return parser.currentLocation().getLineNr();
    }

    /** The line on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /** The next record, or null at the end of the input. */
    List<String> next() throws IOException {
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
            }
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            long chars = 0;
            while ((token = nextValue(fields.size() + 1)) == JsonToken.VALUE_STRING) {
                if (fields.isEmpty()) {
                    recordLine = parser.currentTokenLocation().getLineNr();
                }
                String value = parser.getString();
                if (!parser.valueQuoted() && value.indexOf('"') >= 0) {
                    throw new MalformedFileException("line " + parser.currentTokenLocation().getLineNr()
                            + ": a quote inside unquoted field " + (fields.size() + 1)
                            + "; quote the whole field and double the quotes inside it");
                }
                chars += value.length();
                if (chars > MAX_RECORD_CHARS) {
                    throw tooLong();
                }
                fields.add(value);
            }
            return fields;
        } catch (StreamConstraintsException e) {
            throw tooLong();
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private JsonToken nextValue(int fieldNumber) throws IOException {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                // Reading failed (undecodable bytes, a broken gzip stream): the caller names the cause.
                throw io;
            }
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Missing closing quote")) {
                throw new MalformedFileException("line " + parser.currentTokenLocation().getLineNr()
                        + ": the quoted field " + fieldNumber + " opened here is never closed before the end of the "
                        + "file", e);
            }
            if (message != null && message.startsWith("Unexpected character")) {
                throw new MalformedFileException("line " + parser.currentLocation().getLineNr() + ": unexpected "
                        + describe(message) + " after the closing quote of field " + fieldNumber
                        + " (a quoted field must be followed by the delimiter '" + delimiter
                        + "' or the end of the line)", e);
            }
            throw new MalformedFileException("line " + parser.currentLocation().getLineNr() + ": "
                    + (message == null ? "cannot be read" : message), e);
        }
    }

    private MalformedFileException tooLong() {
        return new MalformedFileException("line " + recordLine + ": a record longer than " + MAX_RECORD_CHARS
                + " characters starts here; most likely a quote is not closed");
    }

    /** The parser's own words for the character ("Unexpected character ('x' (code 120))") as "character 'x'". */
    private static String describe(String message) {
        int open = message.indexOf("('");
        int close = open < 0 ? -1 : message.indexOf("' (code", open);
        return open < 0 || close < 0 ? "text" : "character '" + message.substring(open + 2, close) + "'";
    }

    /** Jackson's CSV factory, strict about record boundaries, with parsers that tell whether a value was quoted. */
    private static final class StrictCsvFactory extends CsvFactory {

        private final CsvSchema schema;

        StrictCsvFactory(CsvSchema schema) {
            super(CsvFactory.builder()
                            .enable(CsvReadFeature.WRAP_AS_ARRAY)
                            .disable(CsvReadFeature.ALLOW_TRAILING_COMMA)
                            .disable(CsvReadFeature.TRIM_SPACES)
                            .disable(CsvReadFeature.SKIP_EMPTY_LINES)
                            .disable(CsvReadFeature.ALLOW_COMMENTS)
                            .streamReadConstraints(StreamReadConstraints.builder()
                                                                        .maxStringLength(MAX_RECORD_CHARS).build()));
            this.schema = schema;
        }

        @Override
        protected CsvParser _createParser(ObjectReadContext context, IOContext io, Reader reader) {
            return new StrictCsvParser(context, io, context.getStreamReadFeatures(_streamReadFeatures),
                                       context.getFormatReadFeatures(_formatReadFeatures), schema,
                                       reader);
        }
    }

    private static final class StrictCsvParser extends CsvParser {

        StrictCsvParser(ObjectReadContext context, IOContext io, int features, int csvFeatures, CsvSchema schema,
                        Reader reader) {
            super(context, io, features, csvFeatures, schema, reader);
        }

        boolean valueQuoted() {
            return _reader.isCurrentTokenQuoted();
        }
    }
}
