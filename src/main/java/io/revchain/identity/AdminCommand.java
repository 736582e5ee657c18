package io.revchain.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar revchain.jar users|keys ...}: manages users and API keys through a running service's admin
 * endpoints, like the import command uploads files. Exit status 0 done, 1 refused or unreachable, 2 bad usage.
 * Plain JDK HTTP, no Spring context.
 */
public final class AdminCommand {

    static final String USAGE = """
            Usage: java -jar revchain.jar users create --username <name> --display-name <name> --role <role>...
                                                       [--function MARKETING|SALES|SERVICE]
                   java -jar revchain.jar users list
                   java -jar revchain.jar keys create --name <name> --role <role>... [--function <function>]
                                                      [--expires <date or instant>]
                   java -jar revchain.jar keys list
                   java -jar revchain.jar keys revoke <key id>
              --role       reader, recorder, facilitator or admin; repeat it for several
              --url        the running revchain service (default http://localhost:8080, or $REVCHAIN_URL)
              --api-key    an admin's API key (or $REVCHAIN_API_KEY), or
              --user       an admin's username (or $REVCHAIN_USER; default admin), password from
                           $REVCHAIN_PASSWORD or asked for
            A new user's password is asked for twice in a terminal, or read from the first line of standard input.
            A new key is printed once; store it in the tool that uses it.
            Exit status: 0 done, 1 refused or unreachable, 2 bad usage.""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AdminCommand(BufferedReader in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Arguments starting with the word "users" or "keys". */
    public static int run(String[] args) {
        return run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                   System.err, System.getenv());
    }

    public static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err,
                          Map<String, String> env) {
        return new AdminCommand(in, out, err, env).execute(args);
    }

    private record Options(List<String> words, Map<String, List<String>> values) {

        String one(String name) {
            List<String> all = values.getOrDefault(name, List.of());
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    private int execute(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        List<String> words = options.words();
        if (words.isEmpty() || options.values().containsKey("--help")) {
            out.println(USAGE);
            return words.isEmpty() && !options.values().containsKey("--help") ? 2 : 0;
        }
        String url = options.one("--url") != null ? options.one("--url")
                : env.getOrDefault("REVCHAIN_URL", "http://localhost:8080");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String command = String.join(" ", words.subList(0, Math.min(2, words.size())));
        try {
            return switch (command) {
                case "users create" -> createUser(url, options);
                case "users list" -> list(url, "/api/admin/users", options, false);
                case "keys create" -> createKey(url, options);
                case "keys list" -> list(url, "/api/admin/keys", options, true);
                case "keys revoke" -> {
                    if (words.size() != 3) {
                        yield usage("keys revoke needs the key's id (see keys list)");
                    }
                    yield revoke(url, words.get(2), options);
                }
                default -> usage("unknown command '" + String.join(" ", words) + "'");
            };
        } catch (ConnectException e) {
            err.println("Cannot reach revchain at " + url + ". Is the service running? Pass --url otherwise.");
            return 1;
        } catch (IOException e) {
            err.println("Talking to " + url + " failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private static Options parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        List<String> withValue = List.of("--url", "--api-key", "--user", "--username", "--display-name",
                                         "--function", "--role", "--name", "--expires");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                values.put("--help", List.of());
                continue;
            }
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!withValue.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new Options(words, values);
    }

    private int createUser(String url, Options options) throws IOException, InterruptedException {
        String username = required(options, "--username");
        String password = newPassword(username);
        ObjectNode body = JSON.createObjectNode();
        body.put("username", username);
        body.put("password", password);
        body.put("displayName", required(options, "--display-name"));
        body.put("function", options.one("--function"));
        ArrayNode roles = body.putArray("roles");
        options.all("--role").forEach(roles::add);
        HttpResponse<String> response = send(url, "POST", "/api/admin/users", body, options);
        if (response.statusCode() != 201) {
            return refused(response);
        }
        JsonNode user = JSON.readTree(response.body());
        out.println("Created user " + user.path("username").asText() + " (" + user.path("displayName").asText()
                    + "), function " + text(user.path("function")) + ", roles " + roles(user.path("roles")));
        return 0;
    }

    private int createKey(String url, Options options) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", required(options, "--name"));
        ArrayNode roles = body.putArray("roles");
        options.all("--role").forEach(roles::add);
        body.put("function", options.one("--function"));
        body.put("expiresAt", options.one("--expires"));
        HttpResponse<String> response = send(url, "POST", "/api/admin/keys", body, options);
        if (response.statusCode() != 201) {
            return refused(response);
        }
        JsonNode key = JSON.readTree(response.body());
        out.println("Created API key " + key.path("id").asText() + " '" + key.path("name").asText() + "', roles "
                    + roles(key.path("roles")) + (key.path("expiresAt").isTextual()
                            ? ", expires " + key.path("expiresAt").asText() : "") + ".");
        out.println("The key (shown this once; revchain keeps only its hash):");
        out.println(key.path("key").asText());
        return 0;
    }

    private int list(String url, String path, Options options, boolean keys)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, "GET", path, null, options);
        if (response.statusCode() != 200) {
            return refused(response);
        }
        JsonNode rows = JSON.readTree(response.body());
        if (keys) {
            out.printf(Locale.ROOT, "%-14s %-24s %-8s %-22s %-10s %s%n", "ID", "NAME", "STATUS", "ROLES",
                       "FUNCTION", "LAST USED");
            for (JsonNode key : rows) {
                out.printf(Locale.ROOT, "%-14s %-24s %-8s %-22s %-10s %s%n", key.path("id").asText(),
                           key.path("name").asText(), key.path("status").asText(), roles(key.path("roles")),
                           text(key.path("function")), text(key.path("lastUsedAt")));
            }
        } else {
            out.printf(Locale.ROOT, "%-20s %-28s %-22s %-10s %s%n", "USERNAME", "DISPLAY NAME", "ROLES", "FUNCTION",
                       "STATUS");
            for (JsonNode user : rows) {
                out.printf(Locale.ROOT, "%-20s %-28s %-22s %-10s %s%n", user.path("username").asText(),
                           user.path("displayName").asText(), roles(user.path("roles")), text(user.path("function")),
                           user.path("disabled").asBoolean() ? "disabled" : "enabled");
            }
        }
        return 0;
    }

    private int revoke(String url, String keyId, Options options) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, "DELETE", "/api/admin/keys/"
                + URLEncoder.encode(keyId, StandardCharsets.UTF_8), null, options);
        if (response.statusCode() != 200) {
            return refused(response);
        }
        JsonNode key = JSON.readTree(response.body());
        out.println("Revoked API key " + key.path("id").asText() + " '" + key.path("name").asText() + "' at "
                    + key.path("revokedAt").asText() + "; every node refuses it from now on.");
        return 0;
    }

    private HttpResponse<String> send(String url, String method, String path, JsonNode body, Options options)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                                                 .header("Accept", "application/json")
                                                 .header("Authorization", authorization(options));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                   .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String authorization(Options options) throws IOException {
        String key = options.one("--api-key") != null ? options.one("--api-key") : env.get("REVCHAIN_API_KEY");
        if (options.one("--user") == null && key != null && !key.isBlank()) {
            return "Bearer " + key.strip();
        }
        String user = options.one("--user") != null ? options.one("--user")
                : env.getOrDefault("REVCHAIN_USER", InitialAdmin.USERNAME);
        String password = env.get("REVCHAIN_PASSWORD");
        if (password == null && System.console() != null) {
            char[] typed = System.console().readPassword("Password for %s: ", user);
            password = typed == null ? null : new String(typed);
        }
        if (password == null) {
            throw new IllegalArgumentException("no credentials: pass --api-key, or --user with $REVCHAIN_PASSWORD "
                                               + "set (or run in a terminal to be asked)");
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                                                                     .getBytes(StandardCharsets.UTF_8));
    }

    private String newPassword(String username) throws IOException {
        if (System.console() != null) {
            char[] first = System.console().readPassword("Password for the new user %s: ", username);
            char[] second = System.console().readPassword("Again: ");
            if (first == null || second == null || !new String(first).equals(new String(second))) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return new String(first);
        }
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("give the new user's password on the first line of standard input");
        }
        return line;
    }

    private int refused(HttpResponse<String> response) {
        err.println("The service refused (HTTP " + response.statusCode() + ").");
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

    private int usage(String problem) {
        err.println("revchain: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static String required(Options options, String name) {
        String value = options.one(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String roles(JsonNode roles) {
        List<String> names = new ArrayList<>();
        roles.forEach(role -> names.add(role.asText()));
        return String.join(",", names);
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
