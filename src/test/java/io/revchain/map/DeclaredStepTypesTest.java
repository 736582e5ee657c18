package io.revchain.map;

import static io.revchain.map.MapDocuments.handoffs;
import static io.revchain.map.MapDocuments.stage;
import static io.revchain.map.MapDocuments.stagesWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.revchain.identity.TestPrincipals;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class DeclaredStepTypesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    DeclaredStepTypes declared;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;

    void put(String mapId, DefineMapRequest body) {
        http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
            .expectStatus().isOk();
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static DefineMapRequest mapDeclaring(String customType) {
        return new DefineMapRequest("m", stagesWith(3, stage("sql", "SALES", null, "OpportunityOpened", customType)),
                                    handoffs());
    }

    @Test
    void customTypeIsDeclaredAsSoonAsThePutReturns_andUndeclaredWhenTheMapDropsIt() {
        String mapId = MapEndpointTest.newMapId();
        String type = unique("Demo");
        assertThat(declared.isDeclared(type)).isFalse();

        put(mapId, mapDeclaring(type));
        assertThat(declared.isDeclared(type)).isTrue();

        put(mapId, mapDeclaring(unique("Pitch")));
        assertThat(declared.isDeclared(type)).isFalse();
    }

    @Test
    void definitionEventsKeepTheMapsStepTypes() {
        String mapId = MapEndpointTest.newMapId();
        String type = unique("Demo");
        put(mapId, mapDeclaring(type));
        TestPrincipals.user(http, "bo", "Bo", "SALES", "facilitator")
            .post().uri("/api/maps/{id}/definitions", mapId).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(new ProposeDefinitionRequest("SQL", "opportunity opened", "SALES", "Bo")).exchange()
            .expectStatus().isOk();
        assertThat(declared.isDeclared(type)).isTrue();
    }

    @Test
    void trackingProcessorRepairsAnIndexUpdateLostAfterTheEventWasStored() throws InterruptedException {
        StreamingEventProcessor catchUp = processing
                .eventProcessor(MapIndexProcessors.CATCH_UP, StreamingEventProcessor.class).orElseThrow();
        catchUp.shutDown();
        String mapId = MapEndpointTest.newMapId();
        String type = unique("Demo");
        put(mapId, mapDeclaring(type));
        // As if the process had died between storing the event and updating the index.
        database.getCollection(MapIndex.MAPS).deleteOne(Filters.eq("_id", mapId));
        assertThat(declared.isDeclared(type)).isFalse();

        catchUp.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!declared.isDeclared(type) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(declared.isDeclared(type)).isTrue();
    }
}
