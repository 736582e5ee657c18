package io.revchain.page;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the page at {@code /}; its scripts and styles are static resources under {@code /app/**} and the libraries
 * WebJars under {@code /webjars/**}. The whole view state lives in the query string, so one route is enough.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

    static final Resource PAGE = new ClassPathResource("static/app/index.html");

    @Bean
    RouterFunction<ServerResponse> page() {
        // Revalidated on every load: a new release must never show yesterday's page against today's API.
        return RouterFunctions.route(GET("/"), request -> ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(PAGE));
    }
}
