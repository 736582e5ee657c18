package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<List<String>> read(String text, char delimiter) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text), delimiter);
        List<List<String>> records = new ArrayList<>();
        List<String> record;
        while ((record = reader.next()) != null) {
            records.add(record);
        }
        return records;
    }

    @Test
    void quotedFields_holdDelimitersDoubledQuotesAndLineBreaks() throws IOException {
        assertThat(read("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n", ','))
                .containsExactly(List.of("a", "b", "c"), List.of("x,1", "say \"hi\"", "two\r\nlines"));
    }

    @Test
    void emptyFieldsAndLineEndings_areKept() throws IOException {
        assertThat(read("\uFEFFa;b;c\n1;;\r3;\"\";x", ';'))
                .containsExactly(List.of("a", "b", "c"), List.of("1", "", ""), List.of("3", "", "x"));
        assertThat(read("", ',')).isEmpty();
    }

    @Test
    void recordLine_isWhereTheRecordStarts() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("h\n\"a\nb\"\nc\n"), ',');
        reader.next();
        reader.next();
        assertThat(reader.recordLine()).isEqualTo(2);
        reader.next();
        assertThat(reader.recordLine()).isEqualTo(4);
    }

    @Test
    void quoteInsideUnquotedField_isAnError() {
        assertThatThrownBy(() -> read("a,b\n1,x\"y\n", ','))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2: a quote inside unquoted field 2");
    }

    @Test
    void textAfterClosingQuote_isAnError() {
        assertThatThrownBy(() -> read("a,b\n\"1\"x,2\n", ','))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2: unexpected character 'x' after the closing quote of field 1");
    }

    @Test
    void unclosedQuote_isAnError_namingWhereItOpened() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"open\n4,5\n", ','))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 3: the quoted field 2 opened here is never closed");
    }

    @Test
    void runawayRecord_isStoppedAtTheLimit() {
        // The parser checks the limit as its buffer grows, so a runaway record stops within twice the limit.
        String huge = "a\n\"" + "x".repeat(2 * CsvReader.MAX_RECORD_CHARS + 1) + "\n1\n";
        assertThatThrownBy(() -> read(huge, ','))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("most likely a quote is not closed");
    }
}
