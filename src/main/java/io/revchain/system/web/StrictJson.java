package io.revchain.system.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * Request bodies are read strictly: a repeated key (which a lenient reader resolves as "last wins"), a field the body
 * does not have, a fraction where a whole number is expected and text after the document are refused with 400
 * naming the field, instead of being silently dropped or guessed.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                 .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                 .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                                 .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                                 .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
