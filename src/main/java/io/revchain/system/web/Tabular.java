package io.revchain.system.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a list of flat rows as JSON, or as CSV when the client asks with {@code Accept: text/csv} or
 * {@code ?format=csv} (what Excel, Power BI and Tableau web connectors can send).
 */
public final class Tabular {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Tabular() {
    }

    public static boolean wantsCsv(ServerWebExchange exchange) {
        String format = exchange.getRequest().getQueryParams().getFirst("format");
        if (format != null) {
            if (format.equalsIgnoreCase("csv")) {
                return true;
            }
            if (format.equalsIgnoreCase("json")) {
                return false;
            }
            throw new InvalidRequestException("format", "must be csv or json, was '" + format + "'");
        }
        return exchange.getRequest().getHeaders().getAccept().stream()
                       .anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("csv"));
    }

    public static <T extends Record> ResponseEntity<?> respond(ServerWebExchange exchange, Class<T> type,
                                                               List<T> rows, String name) {
        return respond(exchange, type, rows, name, Set.of());
    }

    /** As {@link #respond(ServerWebExchange, Class, List, String)}; CSV leaves out the {@code omitted} columns. */
    public static <T extends Record> ResponseEntity<?> respond(ServerWebExchange exchange, Class<T> type,
                                                               List<T> rows, String name,
                                                               Set<String> omitted) {
        if (wantsCsv(exchange)) {
            return ResponseEntity.ok()
                                 .contentType(TEXT_CSV)
                                 .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".csv\"")
                                 .body(Csv.write(type, rows, omitted));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
    }
}
