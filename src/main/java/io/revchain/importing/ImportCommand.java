package io.revchain.importing;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code java -jar revchain.jar import --mapping m.json [--url http://localhost:8080] data.csv}: uploads a file to a
 * running service and shows the import's progress: a bar of the steps stored (or rejected) against the steps the
 * file is estimated to yield, with how much of the file is read beside it. Exits 0 when it completed with every row
 * imported, {@value #PARTIAL} when it completed but rows were left out, 1 when it did not complete (or the service
 * refused or could not be reached), 2 on bad usage. It authenticates with an API key holding the recorder role
 * ({@code --api-key} or {@code REVCHAIN_API_KEY}), or as a user ({@code --user} or {@code REVCHAIN_USER}, password
 * from {@code REVCHAIN_PASSWORD} or a prompt). Plain JDK HTTP, no Spring context.
 */
public final class ImportCommand {

    static final String USAGE = """
            Usage: java -jar revchain.jar import --mapping <mapping.json> [--discover] [--lookup <name>=<file.csv>]...
                                                 [--url <service url>] [--api-key <key> | --user <username>] <file>
              <file>      CSV or XES to import (may be gzip'd)
              --mapping   the JSON mapping document (see docs/import.md)
              --discover  declare the file's activities and put them on the map as stages, as
                          "discover": true in the mapping does (needs the facilitator role too)
              --lookup    a CSV the mapping joins under lookups.<name>, once per lookup
              --url       the running revchain service (default http://localhost:8080, or $REVCHAIN_URL)
              --api-key   an API key with the recorder role (or $REVCHAIN_API_KEY)
              --user      sign in as this user instead (or $REVCHAIN_USER); the password is read from
                          $REVCHAIN_PASSWORD, or asked for
            Exit status: 0 completed, every row imported; 3 completed, but rows were left out (listed);
                         1 failed, cancelled, refused or unreachable; 2 bad usage.""";

    /** Exit status of an import that completed with rows left out (row errors or steps the chain refused). */
    static final int PARTIAL = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINE_WIDTH = 110;
    private static final ObjectMapper LENIENT_JSON = JsonMapper.builder()
                                                             .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final int SHOWN_REJECTIONS = 10;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final Duration poll;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String authorization;

    private ImportCommand(PrintStream out, PrintStream err, boolean interactive, Duration poll) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.poll = poll;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Arguments after (or including) the word "import". */
    public static int run(String[] args) {
        return run(args, System.out, System.err, System.console() != null, Duration.ofMillis(500));
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean interactive, Duration poll) {
        return run(args, out, err, interactive, poll, System.getenv());
    }

    /** As {@link #run(String[])}, with the environment variables given: REVCHAIN_URL, _API_KEY, _USER, _PASSWORD. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean interactive, Duration poll,
                          Map<String, String> env) {
        return new ImportCommand(out, err, interactive, poll).execute(args, env);
    }

    private int execute(String[] args, Map<String, String> env) {
        Path mapping = null;
        Path file = null;
        Map<String, Path> lookups = new LinkedHashMap<>();
        boolean discover = false;
        String url = env.getOrDefault("REVCHAIN_URL", "http://localhost:8080");
        String apiKey = env.get("REVCHAIN_API_KEY");
        String user = env.get("REVCHAIN_USER");
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("import")) {
            rest.remove(0);
        }
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            switch (arg) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--discover" -> {
                    if (value != null) {
                        return usage("--discover takes no value");
                    }
                    discover = true;
                }
                case "--mapping", "--url", "--api-key", "--user", "--lookup" -> {
                    if (value == null) {
                        if (i + 1 >= rest.size()) {
                            return usage(arg + " needs a value");
                        }
                        value = rest.get(++i);
                    }
                    if (arg.equals("--mapping")) {
                        mapping = Path.of(value);
                    } else if (arg.equals("--api-key")) {
                        apiKey = value;
                    } else if (arg.equals("--user")) {
                        user = value;
                        apiKey = null;
                    } else if (arg.equals("--lookup")) {
                        int equals = value.indexOf('=');
                        if (equals <= 0 || equals == value.length() - 1) {
                            return usage("--lookup needs <name>=<file.csv>, such as accounts=accounts.csv");
                        }
                        if (lookups.put(value.substring(0, equals), Path.of(value.substring(equals + 1))) != null) {
                            return usage("lookup " + value.substring(0, equals) + " given twice");
                        }
                    } else {
                        url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return usage("unknown option " + arg);
                    }
                    if (file != null) {
                        return usage("one file per import");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (mapping == null || file == null) {
            return usage(mapping == null ? "--mapping is required" : "the file to import is missing");
        }
        List<Path> inputs = new ArrayList<>(List.of(mapping, file));
        inputs.addAll(lookups.values());
        for (Path path : inputs) {
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                return usage("cannot read " + path);
            }
        }
        if (apiKey != null && !apiKey.isBlank()) {
            authorization = "Bearer " + apiKey.strip();
        } else if (user != null && !user.isBlank()) {
            String password = env.get("REVCHAIN_PASSWORD");
            if (password == null && System.console() != null) {
                char[] typed = System.console().readPassword("Password for %s: ", user);
                password = typed == null ? null : new String(typed);
            }
            if (password == null) {
                return usage("no password for --user " + user + ": set REVCHAIN_PASSWORD or run in a terminal");
            }
            authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user.strip() + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        try {
            byte[] mappingJson = Files.readAllBytes(mapping);
            return upload(url, mapping, discover ? discovering(mappingJson) : mappingJson, file, lookups);
        } catch (ConnectException e) {
            err.println("Cannot reach revchain at " + url + ". Is the service running? Start it with "
                        + "'java -jar revchain.jar', or pass --url.");
            return 1;
        } catch (IOException e) {
            err.println("Talking to " + url + " failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Stopped watching; the import goes on in the service.");
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("revchain import: " + problem);
        err.println(USAGE);
        return 2;
    }

    /**
     * The mapping with {@code "discover": true}, unless it already asks for discovery (an object keeps its options).
     * A document that is not a JSON object goes as it is, for the service to name what is wrong with it.
     */
    static byte[] discovering(byte[] mapping) {
        try {
            JsonNode root = LENIENT_JSON.readTree(mapping);
            if (root instanceof ObjectNode object) {
                if (!object.path("discover").isObject()) {
                    object.put("discover", true);
                }
                return JSON.writeValueAsBytes(object);
            }
        } catch (IOException e) {
            // Sent unchanged: the service answers with the exact place of the error.
        }
        return mapping;
    }

    private int upload(String url, Path mapping, byte[] mappingJson, Path file, Map<String, Path> lookups)
            throws IOException, InterruptedException {
        String boundary = "revchain-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>(List.of(
                text(partHeader(boundary, "mapping", mapping, "application/json")),
                HttpRequest.BodyPublishers.ofByteArray(mappingJson)));
        for (Map.Entry<String, Path> lookup : lookups.entrySet()) {
            parts.add(text("\r\n" + partHeader(boundary, "lookup." + lookup.getKey(), lookup.getValue(), "text/csv")));
            parts.add(HttpRequest.BodyPublishers.ofFile(lookup.getValue()));
        }
        parts.add(text("\r\n" + partHeader(boundary, "file", file, "application/octet-stream")));
        parts.add(HttpRequest.BodyPublishers.ofFile(file));
        parts.add(text("\r\n--" + boundary + "--\r\n"));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                parts.toArray(HttpRequest.BodyPublisher[]::new));
        out.printf("Uploading %s (%s) to %s%n", file.getFileName(), size(Files.size(file)), url);
        HttpResponse<String> response = http.send(
                authorized(HttpRequest.newBuilder(URI.create(url + "/api/imports")))
                           .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                           .header("Accept", "application/json")
                           .POST(body).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 202) {
            return refused(response);
        }
        JsonNode job = JSON.readTree(response.body());
        String location = response.headers().firstValue("Location").orElse("/api/imports/" + job.path("id").asText());
        URI status = URI.create(url).resolve(location);
        out.println("Import " + job.path("id").asText() + " queued; following " + status);
        return follow(status);
    }

    private int follow(URI status) throws IOException, InterruptedException {
        JsonNode job;
        // On a terminal the bar redraws in place twice a second; otherwise (pipes, CI) a line every 5 s.
        ProgressBarConsumer consumer = interactive ? new ConsoleProgressBarConsumer(out)
                : new DelegatingProgressBarConsumer(out::println, LINE_WIDTH);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Stored").setInitialMax(-1)
                                                       .setUnit(" steps", 1).setStyle(ProgressBarStyle.ASCII)
                                                       .setConsumer(consumer).hideEta()
                                                       .setUpdateIntervalMillis(interactive ? 500 : 5_000)
                                                       .build()) {
            while (true) {
                HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(status)).GET()
                                                                     .header("Accept", "application/json").build(),
                                                          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200) {
                    return refused(response);
                }
                job = JSON.readTree(response.body());
                String state = job.path("status").asText();
                boolean ended = !state.equals("QUEUED") && !state.equals("RUNNING");
                show(bar, job, ended);
                if (ended) {
                    break;
                }
                Thread.sleep(poll.toMillis());
            }
        }
        return summary(job);
    }

    /** Steps answered for against the estimated total; the file read, rows and refusals beside it. */
    private static void show(ProgressBar bar, JsonNode job, boolean ended) {
        JsonNode p = job.path("progress");
        long done = p.path("accepted").asLong() + p.path("duplicates").asLong() + p.path("rejected").asLong();
        long estimated = p.path("stepsEstimated").asLong();
        boolean completed = ended && "COMPLETED".equals(job.path("status").asText());
        bar.maxHint(completed ? done : estimated > 0 ? Math.max(estimated, done) : -1);
        bar.stepTo(done);
        bar.setExtraMessage(progressDetail(job));
    }

    static String progressDetail(JsonNode job) {
        JsonNode p = job.path("progress");
        return String.format(Locale.ROOT, "file %d%% read, %s rows, %s rejected, %s row errors, %s",
                             p.path("readPercent").asInt(), count(p, "rowsRead"), count(p, "rejected"),
                             count(p, "rowErrors"), job.path("status").asText());
    }

    private int summary(JsonNode job) {
        String state = job.path("status").asText();
        JsonNode p = job.path("progress");
        out.println("Import " + job.path("id").asText() + " " + state + ": " + job.path("message").asText(""));
        out.printf(Locale.ROOT, "  rows read %s, steps sent %s: accepted %s, duplicates %s, rejected %s; "
                                + "row errors %s, skipped %s%n",
                   count(p, "rowsRead"), count(p, "stepsSent"), count(p, "accepted"), count(p, "duplicates"),
                   count(p, "rejected"), count(p, "rowErrors"), count(p, "skipped"));
        for (JsonNode error : job.path("errors")) {
            out.println("  " + error.path("field").asText() + ": " + error.path("reason").asText());
        }
        JsonNode discovery = job.path("discovery");
        if (discovery.isObject()) {
            String mapId = discovery.path("mapId").asText();
            out.printf(Locale.ROOT, "  discovered %d activities; map %s is at version %d (its directly-follows "
                                    + "graph: GET /api/maps/%s/flow)%n", discovery.path("activities").size(), mapId,
                       discovery.path("mapVersion").asLong(), mapId);
            for (JsonNode activity : discovery.path("activities")) {
                out.printf(Locale.ROOT, "    %-24s %-28s stage %s (%s%s)%n", activity.path("stepType").asText(),
                           String.join(" / ", JSON.convertValue(activity.path("labels"), String[].class)),
                           activity.path("stageId").asText(), activity.path("owner").asText(),
                           activity.path("terminal").asBoolean() ? ", terminal" : "");
            }
        }
        JsonNode rejected = job.path("rejectedRows");
        int printed = 0;
        for (JsonNode row : rejected) {
            if (printed == SHOWN_REJECTIONS) {
                break;
            }
            printed++;
            out.printf("  row %d (line %d)%s: %s%s%n", row.path("row").asLong(), row.path("line").asLong(),
                       row.path("journeyId").isTextual() ? ", journey " + row.path("journeyId").asText() : "",
                       row.path("field").isTextual() ? row.path("field").asText() + ": " : "",
                       row.path("reason").asText());
        }
        long leftOut = p.path("rejected").asLong() + p.path("rowErrors").asLong();
        long left = leftOut - printed;
        if (left > 0) {
            out.println("  ... " + left + " more rejected rows; the first " + rejected.size()
                        + " are listed by GET /api/imports/" + job.path("id").asText());
        }
        if (!state.equals("COMPLETED")) {
            return 1;
        }
        if (leftOut > 0) {
            out.println("Completed with " + leftOut + " rows left out (exit status " + PARTIAL + "): correct them "
                        + "in the file or the mapping and import the same file again; only they are added.");
            return PARTIAL;
        }
        return 0;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private int refused(HttpResponse<String> response) {
        err.println("The service refused the import (HTTP " + response.statusCode() + ").");
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            err.println("  Importing needs the recorder role, and --discover the facilitator role as well: pass "
                        + "--api-key <key> (or set REVCHAIN_API_KEY), or --user <username>. An admin creates a key "
                        + "with: java -jar revchain.jar keys create --name importer --role recorder");
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.hasNonNull("detail")) {
                err.println("  " + problem.path("detail").asText());
            }
            for (JsonNode error : problem.path("errors")) {
                err.println("  " + error.path("field").asText() + ": " + error.path("reason").asText());
            }
        } catch (IOException e) {
            err.println("  " + response.body());
        }
        return 1;
    }

    private static String partHeader(String boundary, String name, Path file, String contentType) {
        String fileName = file.getFileName().toString().replace("\"", "_").replace("\r", "_").replace("\n", "_");
        return "--" + boundary + "\r\n"
               + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
               + "Content-Type: " + contentType + "\r\n\r\n";
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    private static String count(JsonNode progress, String field) {
        return String.format(Locale.ROOT, "%,d", progress.path(field).asLong());
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
