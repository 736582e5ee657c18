package io.revchain.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader: quoted fields may hold delimiters, doubled quotes and line breaks; lines end in CRLF,
 * LF or CR. Quoting errors stop the read, since the record boundaries after them cannot be trusted.
 */
final class CsvReader {

    static final int MAX_RECORD_CHARS = 1_000_000;

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private final StringBuilder field = new StringBuilder();
    private int recordChars;

    CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The line the reader has reached. */
    long line() {
        return line;
    }

    /** The line on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /** The next record, or null at the end of the input. */
    List<String> next() throws IOException {
        int c = read();
        if (recordLine == 0 && c == '\uFEFF') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        recordChars = 0;
        List<String> fields = new ArrayList<>();
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = quoted(fields.size() + 1);
                if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                    throw new MalformedFileException("line " + line + ": unexpected " + describe(c)
                            + " after the closing quote of field " + (fields.size() + 1)
                            + " (a quoted field must be followed by the delimiter or the end of the line)");
                }
            } else {
                while (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        throw new MalformedFileException("line " + line + ": a quote inside unquoted field "
                                + (fields.size() + 1) + "; quote the whole field and double the quotes inside it");
                    }
                    append(c);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c == delimiter) {
                c = read();
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                read();
            }
            return fields;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int quoted(int fieldNumber) throws IOException {
        long opened = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new MalformedFileException("line " + opened + ": the quoted field " + fieldNumber
                        + " opened here is never closed before the end of the file");
            }
            if (c == '"') {
                if (peek() != '"') {
                    return read();
                }
                read();
            }
            append(c);
        }
    }

    private void append(int c) {
        if (++recordChars > MAX_RECORD_CHARS) {
            throw new MalformedFileException("line " + recordLine + ": a record longer than " + MAX_RECORD_CHARS
                    + " characters starts here; most likely a quote is not closed");
        }
        field.append((char) c);
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        char c = buffer[position++];
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static String describe(int c) {
        return c < ' ' ? String.format("character U+%04X", c) : "character '" + (char) c + "'";
    }
}
