package io.revchain.identity;

import io.revchain.chain.Actor;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Hands the caller to any endpoint method with an {@link Actor} parameter, so features learn who is calling
 * without knowing how they signed in. The route table already refused requests without a principal; an endpoint
 * open to anyone must not ask for an Actor.
 */
@Configuration(proxyBeanMethods = false)
class ActorArguments implements WebFluxConfigurer {

    static {
        // Not a request parameter or body: keep it out of the OpenAPI document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new Resolver());
    }

    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Actor.class;
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context,
                                            ServerWebExchange exchange) {
            return exchange.getPrincipal()
                           .filter(CallerAuthentication.class::isInstance)
                           .map(principal -> (Object) ((CallerAuthentication) principal).caller().actor())
                           .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                                   "authentication-required: sign in first")));
        }
    }
}
