package io.revchain.identity;

import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The security filter chain: who is calling (API key, HTTP Basic, browser session), whether the route table lets
 * them, CSRF for browser writes, CORS, rate limits, and answers in problem+json. docs/security.md describes it.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringWebSession
class SecurityConfiguration {

    static final String SESSION_COOKIE = "SESSION";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Users (HTTP Basic and the sign-in form) and API keys; blocking checks run off the event loop, on Reactor's
     * shared pool rather than Workloads': every request authenticates before it is a read or a write, so a full read
     * pool must not refuse writers here (nor the other way round). Endpoints' work runs on Workloads.
     */
    @Bean
    ReactiveAuthenticationManager credentialsAuthenticationManager(Authenticator authenticator) {
        return authentication -> Mono.fromCallable(() -> {
            Caller caller;
            if (authentication instanceof CredentialsConverter.KeyCredentials key) {
                caller = authenticator.apiKey((String) key.getCredentials(), key.inQuery());
            } else if (authentication instanceof UsernamePasswordAuthenticationToken password) {
                caller = authenticator.password(password.getName(), (String) password.getCredentials());
            } else {
                throw RefusedCredentials.invalid("(unknown credentials)", "unsupported credentials");
            }
            return (org.springframework.security.core.Authentication) new CallerAuthentication(caller);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Spring Security's firewall refuses URLs such as an encoded '%' or '/' (double decoding tricks): in 400 JSON. */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler(SecurityProblems problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                                                      "request-url-safe", "the URL holds characters revchain refuses "
                                                              + "(such as an encoded '%', '/' or ';'); "
                                                              + rejected.getMessage());
    }

    @Bean
    MongoSessions reactiveSessionRepository(MongoDatabase database, SecurityProperties properties) {
        return new MongoSessions(database, properties.sessionTimeout());
    }

    @Bean
    WebSessionIdResolver webSessionIdResolver(SecurityProperties properties) {
        // HttpOnly, SameSite=Lax and Secure on HTTPS are the resolver's defaults; "always" adds Secure everywhere.
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(SESSION_COOKIE);
        if (properties.secureCookies().equals("always")) {
            resolver.addCookieInitializer(cookie -> cookie.secure(true));
        }
        return resolver;
    }

    @Bean
    SessionCallers sessionCallers(Authenticator authenticator) {
        return new SessionCallers(authenticator);
    }

    @Bean
    RouteTable routeTable(ObjectProvider<Route> extraRoutes) {
        List<Route> rows = new ArrayList<>(Routes.TABLE);
        extraRoutes.orderedStream().forEach(rows::add);
        return new RouteTable(rows);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
                                                  ReactiveAuthenticationManager credentialsAuthenticationManager,
                                                  SessionCallers sessions,
                                                  RouteTable routes,
                                                  SecurityProblems problems,
                                                  SecurityProperties properties) {
        AuthenticationWebFilter credentials = new AuthenticationWebFilter(credentialsAuthenticationManager);
        credentials.setServerAuthenticationConverter(new CredentialsConverter());
        credentials.setAuthenticationFailureHandler(refusedCredentials(problems));

        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        boolean alwaysSecure = properties.secureCookies().equals("always");
        csrfTokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Lax");
            if (alwaysSecure) {
                cookie.secure(true);
            }
        });

        return http
                .securityContextRepository(sessions)
                .authenticationManager(credentialsAuthenticationManager)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(form -> form.loginPage("/login")
                                       .authenticationManager(credentialsAuthenticationManager)
                                       .authenticationFailureHandler(signInFailed()))
                .logout(logout -> logout.logoutUrl("/logout")
                                        .logoutHandler(handlers -> handlers.add(new WebSessionServerLogoutHandler()))
                                        .logoutSuccessHandler(signedOut()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                                  .csrfTokenRequestHandler(new SpaCsrfTokens())
                                  .requireCsrfProtectionMatcher(new BrowserWrites(SESSION_COOKIE))
                                  .accessDeniedHandler(denied(routes, problems)))
                .cors(cors -> cors.configurationSource(cors(properties)))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(
                        ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(notSignedIn(problems))
                                                   .accessDeniedHandler(denied(routes, problems)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(routes))
                .addFilterAt(credentials, SecurityWebFiltersOrder.HTTP_BASIC)
                .addFilterAfter(issueCsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .addFilterBefore(new RateLimits(properties.requestsPerMinute(), problems),
                                 SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    private static UrlBasedCorsConfigurationSource cors(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(properties.corsAllowedOrigins());
            configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
            configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
                                                    HttpHeaders.ACCEPT));
            configuration.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
            // Cross-origin callers send a key; cookies never travel cross-origin.
            configuration.setAllowCredentials(false);
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }

    /**
     * Reactive CSRF tokens are created lazily; page loads ask for one, so the {@code XSRF-TOKEN} cookie is there
     * before the page's scripts first write.
     */
    private static WebFilter issueCsrfCookie() {
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            if (!read || token == null || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                return chain.filter(exchange);
            }
            return Mono.deferContextual(context -> context.hasKey(QueryApiKey.Found.class)
                    ? chain.filter(exchange) : token.then(chain.filter(exchange)));
        };
    }

    /** A browser navigating to a page goes to the sign-in form; everything else gets 401 problem+json. */
    private static ServerAuthenticationEntryPoint notSignedIn(SecurityProblems problems) {
        RedirectServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint("/login");
        return (exchange, e) -> {
            if (pageNavigation(exchange)) {
                return toLogin.commence(exchange, e);
            }
            Authenticator.AUDIT.info("Refused {} {}: no credentials", exchange.getRequest().getMethod(),
                                     exchange.getRequest().getPath().value());
            // A Bearer challenge: browsers never prompt for it, so they never cache Basic credentials to replay.
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"revchain\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", "authentication-required",
                                  "sign in, or send 'Authorization: Bearer <api key>' or HTTP Basic credentials");
        };
    }

    static boolean pageNavigation(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!HttpMethod.GET.equals(request.getMethod()) || path.startsWith("/api/") || path.equals("/api")
                || path.startsWith("/actuator") || path.startsWith("/v3/")) {
            return false;
        }
        return request.getHeaders().getAccept().stream()
                      .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private static ServerAuthenticationFailureHandler refusedCredentials(SecurityProblems problems) {
        return (filterExchange, e) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            String rule = e instanceof RefusedCredentials refused ? refused.rule() : "credentials-valid";
            String message = e.getMessage().startsWith(rule + ": ")
                    ? e.getMessage().substring(rule.length() + 2) : e.getMessage();
            Authenticator.AUDIT.info("Refused {} {}: {}", exchange.getRequest().getMethod(),
                                     exchange.getRequest().getPath().value(), rule);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"revchain\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", rule, message);
        };
    }

    private static ServerAuthenticationFailureHandler signInFailed() {
        DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
        return (filterExchange, e) -> redirect.sendRedirect(filterExchange.getExchange(), URI.create(
                locked(e) ? "/login?error=locked" : "/login?error"));
    }

    private static boolean locked(AuthenticationException e) {
        return e instanceof RefusedCredentials refused && refused.rule().equals("sign-in-locked");
    }

    private static RedirectServerLogoutSuccessHandler signedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create("/login?logout"));
        return handler;
    }

    /** 403 problem+json naming the rule: the CSRF token, the role the route needs, or a route not in the table. */
    private static ServerAccessDeniedHandler denied(RouteTable routes, SecurityProblems problems) {
        return (exchange, denied) -> {
            ServerHttpRequest request = exchange.getRequest();
            String what = request.getMethod() + " " + request.getPath().value();
            if (denied instanceof CsrfException) {
                Authenticator.AUDIT.info("Refused {}: no valid CSRF token", what);
                return problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", "csrf-token-required",
                                      "a browser request that changes something must send the CSRF token: the "
                                              + "XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header (or the "
                                              + "form's _csrf field); reload the page if it expired");
            }
            return exchange.getPrincipal().filter(CallerAuthentication.class::isInstance)
                           .map(principal -> describe(((CallerAuthentication) principal).caller()))
                           .defaultIfEmpty("an unknown principal")
                           .flatMap(who -> {
                               var route = routes.match(request);
                               String rule = route.isEmpty() ? "route-unknown" : "role-required";
                               String detail = route.isEmpty()
                                       ? what + " is not in revchain's route table"
                                       : request.getMethod() + " " + route.get().pattern() + " needs the role "
                                               + route.get().who() + "; " + who;
                               Authenticator.AUDIT.info("Refused {}: {}", what, rule + ": " + detail);
                               return problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", rule, detail);
                           });
        };
    }

    private static String describe(Caller caller) {
        Set<Role> roles = caller.roles();
        return caller.id() + " holds " + (roles.isEmpty() ? "no role" : String.join(", ",
                CallerAuthentication.roleIds(caller)));
    }
}
