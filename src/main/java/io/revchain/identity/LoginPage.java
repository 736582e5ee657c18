package io.revchain.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * {@code GET /login}: the sign-in form, posting {@code username}, {@code password} and {@code _csrf} to
 * {@code /login}. Large type and high contrast, since it is often read off a projector; a plain form, so the keyboard
 * (Tab, Enter) does everything. Self-contained: no script, styles inline.
 */
@RestController
@Tag(name = "Signing in", description = "The browser's sign-in page; the form posts to /login, and POST /logout "
        + "signs out (both handled by the security filters, with the _csrf field). docs/security.md.")
class LoginPage {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "signInPage", summary = "The sign-in page",
               description = "An HTML form posting username, password and _csrf to /login; a successful sign-in "
                       + "redirects to the page first asked for (or /), a failed one back here with error.")
    @Parameter(in = ParameterIn.QUERY, name = "error", description = "Shows why the last sign-in failed: present "
            + "(no value) for a wrong username or password, locked after too many failures", example = "locked",
               schema = @Schema(type = "string", allowableValues = {"", "locked"}), allowEmptyValue = true)
    @Parameter(in = ParameterIn.QUERY, name = "logout", description = "Present after signing out (with any value "
            + "or none): shows that the session ended", example = "1", schema = @Schema(type = "string"),
               allowEmptyValue = true)
    @ApiResponse(responseCode = "200", description = "The sign-in page",
                 content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string")))
    Mono<ResponseEntity<String>> page(ServerWebExchange exchange) {
        // "?error" and "?logout" come without a value, so they are looked for as keys.
        var query = exchange.getRequest().getQueryParams();
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        String message = !query.containsKey("error") ? null : "locked".equals(query.getFirst("error"))
                ? "Too many failed sign-ins for this username. Wait a few minutes, then try again."
                : "That username and password do not match. Try again.";
        String notice = query.containsKey("logout") ? "You are signed out." : null;
        return token.map(t -> html(t, message, notice))
                    .map(body -> ResponseEntity.ok()
                                               .contentType(new MediaType(MediaType.TEXT_HTML,
                                                                          java.nio.charset.StandardCharsets.UTF_8))
                                               .cacheControl(CacheControl.noStore())
                                               .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                                               .body(body));
    }

    private static String html(CsrfToken token, String error, String notice) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in · revchain</title>
                <style>
                  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
                         font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 1.5rem;
                         background: #0f172a; color: #f8fafc; }
                  main { width: min(30rem, 90vw); }
                  h1 { font-size: 3rem; margin: 0 0 .25rem; letter-spacing: .02em; }
                  p.tagline { margin: 0 0 2rem; color: #cbd5e1; font-size: 1.25rem; }
                  label { display: block; margin: 1.25rem 0 .4rem; font-weight: 600; }
                  input { width: 100%; box-sizing: border-box; font-size: 1.5rem; padding: .6rem .8rem;
                          border: 3px solid #94a3b8; border-radius: .5rem; background: #f8fafc; color: #0f172a; }
                  input:focus, button:focus { outline: 4px solid #facc15; outline-offset: 2px; }
                  button { margin-top: 2rem; width: 100%; font-size: 1.5rem; font-weight: 700; padding: .8rem;
                           border: 0; border-radius: .5rem; background: #facc15; color: #0f172a; cursor: pointer; }
                  .message { margin: 0 0 1rem; padding: .8rem 1rem; border-radius: .5rem; font-weight: 600; }
                  .error { background: #fecaca; color: #7f1d1d; }
                  .notice { background: #bbf7d0; color: #14532d; }
                </style>
                </head>
                <body>
                <main>
                <h1>revchain</h1>
                <p class="tagline">The sales–marketing supply chain</p>
                """);
        if (error != null) {
            page.append("<p class=\"message error\" role=\"alert\">").append(HtmlUtils.htmlEscape(error))
                .append("</p>\n");
        }
        if (notice != null) {
            page.append("<p class=\"message notice\" role=\"status\">").append(HtmlUtils.htmlEscape(notice))
                .append("</p>\n");
        }
        page.append("""
                <form method="post" action="/login">
                <label for="username">Username</label>
                <input id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                """);
        page.append("<input type=\"hidden\" name=\"").append(HtmlUtils.htmlEscape(token.getParameterName()))
            .append("\" value=\"").append(HtmlUtils.htmlEscape(token.getToken())).append("\">\n");
        page.append("""
                <button type="submit">Sign in</button>
                </form>
                </main>
                </body>
                </html>
                """);
        return page.toString();
    }
}
