package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.revchain.identity.AdminCommand;
import io.revchain.importing.ImportCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import tools.jackson.databind.ObjectMapper;

/**
 * README's "A first session", run as written against a started service with an empty store, so the README cannot
 * drift from the code. The fenced bash block is parsed and run in order as a shell would: {@code mvn} and the start
 * of the service are what this test's context already did; {@code export} sets variables (with
 * {@code $(cat data/...)} reading this service's data folder, where the first start wrote the admin's random
 * password); {@code curl} commands are sent to this service's port with their headers, data, {@code -u}
 * credentials and {@code $VARIABLES}; and the jar's commands ({@code import}, {@code keys}, {@code users}) run
 * in-process with those variables as their environment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "revchain.test.context=first-session",
                              "revchain.security.admin-password=",
                              "revchain.security.initial-admin-password-file="
                                      + FirstSessionTest.DATA + "/initial-admin-password"})
@AutoConfigureWebTestClient
class FirstSessionTest {

    /** This service's data folder, standing for README's ./data. */
    static final String DATA = "target/first-session-data";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern CAT = Pattern.compile("\\$\\(cat ([^)]+)\\)");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    @LocalServerPort
    int port;

    /** The session's shell variables: this process's environment plus what the block exports. */
    private final Map<String, String> variables = new HashMap<>(System.getenv());

    @Test
    void readmeFirstSessionRunsAsWritten() throws Exception {
        List<String> ran = new ArrayList<>();
        String[] lastAnswer = {null};
        List<List<String>> commands = commands(firstSessionBlock(Files.readString(Path.of("README.md"))), command -> {
            switch (command.get(0)) {
                case "mvn" -> assertThat(command).as("the build step").contains("package");
                case "export" -> command.subList(1, command.size()).forEach(this::assign);
                case "java" -> {
                    assertThat(command.subList(0, 3)).as("the jar the build makes")
                                                     .containsExactly("java", "-jar", "target/revchain.jar");
                    if (command.size() > 3) {
                        runJarCommand(command.subList(3, command.size()));
                        ran.add(command.get(3));
                    }
                }
                case "curl" -> {
                    lastAnswer[0] = curl(command.subList(1, command.size()));
                    ran.add("curl");
                }
                default -> {
                    if (ASSIGNMENT.matcher(command.get(0)).matches()) {
                        command.forEach(this::assign);
                    } else {
                        fail("README's first session has a command this test cannot run: " + command);
                    }
                }
            }
        });
        assertThat(commands).as("README's first session has commands").isNotEmpty();
        assertThat(ran).as("the session sends requests and imports history").contains("curl", "import");
        List<String> lines = lastAnswer[0].lines().toList();
        assertThat(lines.get(0)).as("the last answer is the stages CSV").startsWith("stageId,");
        int entered = List.of(lines.get(0).split(",")).indexOf("entered");
        long withEntries = lines.stream().skip(1).map(l -> l.split(",", -1))
                                .filter(cells -> Long.parseLong(cells[entered]) > 0).count();
        assertThat(withEntries).as("the queried quarter is one the imported history covers: %s", lastAnswer)
                               .isGreaterThanOrEqualTo(3);
    }

    /** The body of the first ```bash block after the heading "## A first session". */
    static String firstSessionBlock(String readme) {
        int heading = readme.indexOf("\n## A first session");
        assertThat(heading).as("README has a section \"A first session\"").isPositive();
        int open = readme.indexOf("```bash\n", heading);
        int close = readme.indexOf("\n```", open + 8);
        assertThat(open).as("the section has a bash block").isPositive();
        return readme.substring(open + 8, close + 1);
    }

    private void assign(String word) {
        Matcher assignment = ASSIGNMENT.matcher(word);
        assertThat(assignment.matches()).as("an assignment NAME=value: %s", word).isTrue();
        variables.put(assignment.group(1), assignment.group(2));
    }

    /**
     * Splits a shell script into commands of words and runs each as it is complete, so a variable a command sets is
     * seen by the next: single quotes keep everything (newlines too), double quotes expand $VARIABLES and
     * $(cat FILE), a backslash before a newline continues the line, '#' at a word's start comments to the end of
     * the line, and a newline, ';', '&&' or a trailing '&' ends a command.
     */
    private List<List<String>> commands(String script, ThrowingConsumer<List<String>> run) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\'') {
                int end = script.indexOf('\'', i + 1);
                word = word == null ? new StringBuilder() : word;
                word.append(script, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (script.charAt(i) != '"') {
                    if (script.charAt(i) == '\\' && i + 1 < script.length()) {
                        i++;
                    } else if (script.startsWith("$(", i)) {
                        int end = script.indexOf(')', i);
                        quoted.append(script, i, end + 1);
                        i = end + 1;
                        continue;
                    }
                    quoted.append(script.charAt(i++));
                }
                i++;
                word = word == null ? new StringBuilder() : word;
                word.append(expand(quoted.toString()));
            } else if (c == '\\' && i + 1 < script.length() && script.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '#' && word == null) {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ' ' || c == '\t') {
                word = flush(words, word);
                i++;
            } else if (c == '\n' || c == ';' || c == '&') {
                word = flush(words, word);
                if (!words.isEmpty()) {
                    commands.add(List.copyOf(words));
                    run.accept(List.copyOf(words));
                    words.clear();
                }
                i += c == '&' && i + 1 < script.length() && script.charAt(i + 1) == '&' ? 2 : 1;
            } else {
                int end = i;
                while (end < script.length() && " \t\n;&'\"\\".indexOf(script.charAt(end)) < 0) {
                    end++;
                }
                word = word == null ? new StringBuilder() : word;
                word.append(expand(script.substring(i, end)));
                i = end;
            }
        }
        flush(words, word);
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
            run.accept(List.copyOf(words));
        }
        return commands;
    }

    /** A command run for each command of the script; may throw what the command's assertions throw. */
    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private static StringBuilder flush(List<String> words, StringBuilder word) {
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }

    /**
     * $(cat FILE), with README's data/ standing for this service's data folder, then $NAME and ${NAME} from the
     * session's variables (empty when unset), as a shell would.
     */
    private String expand(String text) {
        Matcher cat = CAT.matcher(text);
        StringBuilder read = new StringBuilder();
        while (cat.find()) {
            String file = cat.group(1).strip().replaceFirst("^(\\./)?data/", DATA + "/");
            try {
                cat.appendReplacement(read, Matcher.quoteReplacement(Files.readString(Path.of(file)).strip()));
            } catch (IOException e) {
                throw new AssertionError("README reads " + cat.group(1) + ", which the service did not write", e);
            }
        }
        String substituted = cat.appendTail(read).toString();
        Matcher matcher = VARIABLE.matcher(substituted);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(matcher.group(1), "")));
        }
        return matcher.appendTail(out).toString();
    }

    /**
     * A curl command sent to this service: method, headers, data, basic credentials; the URL's host and port become
     * this service's. Fails unless the answer is 2xx.
     */
    private String curl(List<String> arguments) throws IOException, InterruptedException {
        String method = null;
        String data = null;
        String url = null;
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "-X", "--request" -> method = arguments.get(++i);
                case "-H", "--header" -> {
                    String header = arguments.get(++i);
                    int colon = header.indexOf(':');
                    headers.add(new String[] {header.substring(0, colon).trim(), header.substring(colon + 1).trim()});
                }
                case "-d", "--data", "--data-raw", "--data-binary" -> data = arguments.get(++i);
                case "-u", "--user" -> headers.add(new String[] {"Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(arguments.get(++i).getBytes(StandardCharsets.UTF_8))});
                case "-s", "-S", "-sS", "-i", "-f", "--fail", "-N", "--silent", "--show-error" -> {
                    // output options: nothing to send
                }
                case "-w", "-o" -> i++;
                default -> {
                    if (argument.startsWith("-")) {
                        fail("README's curl uses an option this test does not know: " + argument);
                    }
                    url = argument;
                }
            }
        }
        assertThat(url).as("curl %s names a URL", arguments).isNotNull();
        URI uri = URI.create((url.startsWith("http") ? url : "http://" + url)
                                     .replaceFirst("//localhost:8080", "//localhost:" + port));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        headers.forEach(h -> request.header(h[0], h[1]));
        String verb = method != null ? method : data != null ? "POST" : "GET";
        request.method(verb, data == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(data, StandardCharsets.UTF_8));
        if (data != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        HttpResponse<String> response = CLIENT.send(request.build(),
                                                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("curl %s %s answered %s", verb, uri, response.body())
                                         .isBetween(200, 299);
        return response.body();
    }

    /**
     * One of the jar's commands in-process, against this service, with the session's variables as its environment;
     * after an import, waits until the reads have caught up.
     */
    private void runJarCommand(List<String> arguments) throws Exception {
        List<String> args = new ArrayList<>(arguments);
        args.add("--url");
        args.add("http://localhost:" + port);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = switch (arguments.get(0)) {
            case "import" -> {
                String file = arguments.get(arguments.size() - 1);
                assertThat(Path.of(file)).as("README's import file (the shared data beside the clone)").exists();
                yield ImportCommand.run(args.toArray(String[]::new), printed, printed, false,
                                        Duration.ofMillis(200), variables);
            }
            case "keys", "users" -> AdminCommand.run(args.toArray(String[]::new),
                                                     new BufferedReader(new StringReader("")), printed, printed,
                                                     variables);
            default -> throw new AssertionError("README runs a jar command this test does not know: " + arguments);
        };
        assertThat(exit).as("exit status of %s: %s", arguments, out.toString(StandardCharsets.UTF_8)).isZero();
        if (arguments.get(0).equals("import")) {
            awaitReadsCaughtUp();
        }
    }

    private void awaitReadsCaughtUp() throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(
                (variables.get("REVCHAIN_USER") + ":" + variables.get("REVCHAIN_PASSWORD"))
                        .getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                               .header("Authorization", "Basic " + credentials).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<?, ?> health = JSON.readValue(answer.body(), Map.class);
            Map<?, ?> components = (Map<?, ?>) health.get("components");
            Map<?, ?> facts = components == null ? null : (Map<?, ?>) components.get("journeyFacts");
            Map<?, ?> details = facts == null ? null : (Map<?, ?>) facts.get("details");
            if (details != null && Integer.valueOf(0).equals(details.get("lag"))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("the map reads did not catch up with the import within 120 s");
    }
}
