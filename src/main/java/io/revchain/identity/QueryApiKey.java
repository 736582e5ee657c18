package io.revchain.identity;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Takes {@code api_key} out of the request URI before anything else sees it: the web server's debug log, the
 * endpoints (which refuse unknown parameters), problem responses and metrics all get the URI without it. The key
 * travels on in the Reactor context of the request, where only {@link CredentialsConverter} reads it.
 */
@Component
class QueryApiKey implements HttpHandlerDecoratorFactory {

    static final String PARAMETER = "api_key";

    /** The key found in the query; {@code ambiguous} when it was given more than once. */
    record Found(String key, boolean ambiguous) {
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            String query = request.getURI().getRawQuery();
            if (query == null || !query.contains(PARAMETER)) {
                return handler.handle(request, response);
            }
            List<String> kept = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                if (name.equals(PARAMETER)) {
                    keys.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                } else {
                    kept.add(pair);
                }
            }
            if (keys.isEmpty()) {
                return handler.handle(request, response);
            }
            ServerHttpRequest stripped = request.mutate().uri(without(request.getURI(), String.join("&", kept)))
                                                .build();
            Found found = new Found(keys.get(0), keys.size() > 1);
            return handler.handle(stripped, response).contextWrite(Context.of(Found.class, found));
        };
    }

    private static URI without(URI uri, String query) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append("://").append(uri.getRawAuthority());
        }
        text.append(uri.getRawPath());
        if (!query.isEmpty()) {
            text.append('?').append(query);
        }
        return URI.create(text.toString());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
