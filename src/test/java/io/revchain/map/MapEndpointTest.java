package io.revchain.map;

import static io.revchain.map.MapDocuments.handoff;
import static io.revchain.map.MapDocuments.handoffs;
import static io.revchain.map.MapDocuments.request;
import static io.revchain.map.MapDocuments.stage;
import static io.revchain.map.MapDocuments.stages;
import static io.revchain.map.MapDocuments.stagesWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.revchain.identity.TestPrincipals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class MapEndpointTest {

    @Autowired
    WebTestClient http;
    @Autowired
    MapCatalog catalog;

    static String newMapId() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    WebTestClient.ResponseSpec put(String mapId, Object body) {
        return http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                   .exchange();
    }

    WebTestClient.ResponseSpec post(String uri, Object body, Object... vars) {
        return post(http, uri, body, vars);
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String uri, Object body, Object... vars) {
        return client.post().uri(uri, vars).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Definitions are function-bound: they are proposed and accepted by people acting for a function. */
    WebTestClient ana() {
        return TestPrincipals.user(http, "ana", "Ana", "MARKETING", "facilitator");
    }

    WebTestClient max() {
        return TestPrincipals.user(http, "max", "Max", "MARKETING", "facilitator");
    }

    WebTestClient bo() {
        return TestPrincipals.user(http, "bo", "Bo", "SALES", "facilitator");
    }

    static void isProblem(WebTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    // ---- defining, revising, reading ---------------------------------------------------------------------------

    @Test
    void put_definesVersion1_andGetReturnsTheCurrentMap() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk().expectBody()
                             .jsonPath("$.mapId").isEqualTo(mapId)
                             .jsonPath("$.version").isEqualTo(1)
                             .jsonPath("$.recordedAt").exists()
                             .jsonPath("$.stages.length()").isEqualTo(5)
                             .jsonPath("$.stages[1].stageId").isEqualTo("mql")
                             .jsonPath("$.stages[1].owner").isEqualTo("MARKETING")
                             .jsonPath("$.stages[1].slaHours").isEqualTo(72)
                             .jsonPath("$.stages[4].terminal").isEqualTo(true)
                             .jsonPath("$.handoffs[0].criteria").isEqualTo("score >= 60 and budget confirmed");

        http.get().uri("/api/maps/{id}", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.version").isEqualTo(1)
            .jsonPath("$.name").isEqualTo("EMEA mid-market")
            .jsonPath("$.stages[3].enteredOn[1]").isEqualTo("DemoHeld");
    }

    @Test
    void putAnswer_equalsWhatEveryLaterReadReturns() {
        String mapId = newMapId();
        MapView written = put(mapId, request()).expectStatus().isOk().expectBody(MapView.class).returnResult()
                                               .getResponseBody();
        MapView read = http.get().uri("/api/maps/{id}", mapId).exchange().expectBody(MapView.class).returnResult()
                           .getResponseBody();
        assertThat(read).isEqualTo(written);
        assertThat(catalog.version(mapId, 1)).contains(written);
    }

    @Test
    void putOfAnIdenticalDocument_returnsTheCurrentVersionWithoutANewOne() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        put(mapId, request()).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        assertThat(catalog.latestVersion(mapId)).hasValue(1);
    }

    @Test
    void slaChange_makesVersion2_oldVersionStaysReadable_historySaysWhatChanged() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        put(mapId, new DefineMapRequest("EMEA mid-market", stagesWith(1, stage("mql", "MARKETING", 48,
                                                                                "LeadQualified")), handoffs()))
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);

        http.get().uri("/api/maps/{id}/versions/1", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.version").isEqualTo(1)
            .jsonPath("$.stages[1].slaHours").isEqualTo(72);
        http.get().uri("/api/maps/{id}/versions/2", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.version").isEqualTo(2)
            .jsonPath("$.stages[1].slaHours").isEqualTo(48);
        http.get().uri("/api/maps/{id}", mapId).exchange().expectBody().jsonPath("$.version").isEqualTo(2);

        http.get().uri("/api/maps/{id}/versions", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.length()").isEqualTo(2)
            .jsonPath("$[0].version").isEqualTo(1)
            .jsonPath("$[0].event").isEqualTo("MapDefined")
            .jsonPath("$[0].recordedAt").exists()
            .jsonPath("$[1].version").isEqualTo(2)
            .jsonPath("$[1].event").isEqualTo("MapRevised")
            .jsonPath("$[1].changes[0]").isEqualTo("stage mql: SLA 72h → 48h");
    }

    @Test
    void catalog_answersTheVersionInForceAtATime() throws InterruptedException {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        put(mapId, new DefineMapRequest("EMEA mid-market", stagesWith(1, stage("mql", "MARKETING", 48,
                                                                                "LeadQualified")), handoffs()))
                .expectStatus().isOk();

        assertThat(catalog.inForceAt(mapId, between)).get().extracting(MapView::version).isEqualTo(1L);
        assertThat(catalog.inForceAt(mapId, Instant.now())).get().extracting(MapView::version).isEqualTo(2L);
        assertThat(catalog.inForceAt(mapId, Instant.EPOCH)).isEmpty();
        List<MapView> versions = catalog.versions(mapId);
        assertThat(versions).extracting(MapView::version).containsExactly(1L, 2L);
        assertThat(versions.get(0).recordedAt()).isBefore(between);
        assertThat(versions.get(1).stage("mql")).get().extracting(Stage::slaHours).isEqualTo(48);
        assertThat(versions.get(1).stageEnteredBy("DemoHeld")).get().extracting(Stage::stageId).isEqualTo("sql");
        assertThat(catalog.maps()).contains(new MapSummaryView(mapId, "EMEA mid-market", 2));
    }

    @Test
    void listOfMaps_showsCurrentNameAndVersion() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        http.get().uri("/api/maps").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$[?(@.mapId == '" + mapId + "')].version").isEqualTo(List.of(1));
    }

    // ---- refused requests ---------------------------------------------------------------------------------------

    @Test
    void invalidOwner_is400NamingTheFieldAndRule() {
        String mapId = newMapId();
        var response = put(mapId, new DefineMapRequest("x", stagesWith(2, stage("sal", "SERVISE", 24,
                                                                                 "LeadAccepted")), List.of()));
        isProblem(response, 400);
        response.expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("stages[2].owner")
                .jsonPath("$.errors[0].reason").value(startsWith("stage-owner-valid:"));
        http.get().uri("/api/maps/{id}", mapId).exchange().expectStatus().isNotFound();
    }

    @Test
    void handoffBetweenStagesOfOneOwner_is400() {
        var response = put(newMapId(), new DefineMapRequest("x", stages(),
                                                            handoffs(handoff("lead", "mql", "MARKETING", "scored"))));
        isProblem(response, 400);
        response.expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("handoffs[0].toStage")
                .jsonPath("$.errors[0].reason").value(startsWith("handoff-distinct-owners:"));
    }

    @Test
    void noStagesAndNoName_is400WithBothErrors() {
        var response = put(newMapId(), Map.of("stages", List.of()));
        isProblem(response, 400);
        response.expectBody()
                .jsonPath("$.errors[?(@.field == 'name')].reason").value(reasons -> assertThat(reasons.toString())
                        .contains("map-name-required"))
                .jsonPath("$.errors[?(@.field == 'stages')].reason").value(reasons -> assertThat(reasons.toString())
                        .contains("stages-required"));
    }

    @Test
    void badMapId_is400() {
        var response = put("bad id", request());
        isProblem(response, 400);
        response.expectBody().jsonPath("$.errors[0].field").isEqualTo("mapId")
                .jsonPath("$.errors[0].reason").value(startsWith("map-id-format:"));
    }

    @Test
    void malformedBody_is400() {
        var response = http.put().uri("/api/maps/{id}", newMapId()).contentType(MediaType.APPLICATION_JSON)
                           .bodyValue("{\"name\": \"x\", \"stages\": [{\"slaHours\": \"soon\"}]}").exchange();
        isProblem(response, 400);
        response.expectBody().jsonPath("$.errors[0].field").isEqualTo("stages[0].slaHours")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a whole number");
    }

    @Test
    void unknownMap_is404Everywhere() {
        String mapId = newMapId();
        isProblem(http.get().uri("/api/maps/{id}", mapId).exchange(), 404);
        isProblem(http.get().uri("/api/maps/{id}/versions", mapId).exchange(), 404);
        isProblem(http.get().uri("/api/maps/{id}/versions/1", mapId).exchange(), 404);
        isProblem(http.get().uri("/api/maps/{id}/definitions", mapId).exchange(), 404);
        isProblem(post(ana(), "/api/maps/{id}/definitions",
                       new ProposeDefinitionRequest("MQL", "x", "MARKETING", "Ana"), mapId), 404);
        isProblem(post(bo(), "/api/maps/{id}/definitions/MQL/accept", new AcceptDefinitionRequest("SALES", "Bo", null),
                       mapId), 404);
    }

    @Test
    void unknownVersion_is404_nonNumericVersion_is400() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        var missing = http.get().uri("/api/maps/{id}/versions/2", mapId).exchange();
        isProblem(missing, 404);
        missing.expectBody().jsonPath("$.detail").value(startsWith("map " + mapId + " has no version 2"));
        isProblem(http.get().uri("/api/maps/{id}/versions/0", mapId).exchange(), 404);
        isProblem(http.get().uri("/api/maps/{id}/versions/latest", mapId).exchange(), 400);
    }

    // ---- definitions ----------------------------------------------------------------------------------------------

    @Test
    void definitionIsAgreedOnlyWhenAnotherFunctionAccepts_andBumpsTheMapVersion() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();

        post(ana(), "/api/maps/{id}/definitions", new ProposeDefinitionRequest("MQL", "lead with score >= 60",
                                                                                "MARKETING", "Ana"), mapId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("PROPOSED")
                .jsonPath("$.proposedBy").isEqualTo("MARKETING")
                .jsonPath("$.sinceVersion").isEqualTo(2);

        var sameFunction = post(max(), "/api/maps/{id}/definitions/MQL/accept",
                                new AcceptDefinitionRequest("MARKETING", "Max", null), mapId);
        isProblem(sameFunction, 400);
        sameFunction.expectBody().jsonPath("$.errors[0].field").isEqualTo("function")
                    .jsonPath("$.errors[0].reason").value(startsWith("definition-agreed-by-other-function:"));

        post(bo(), "/api/maps/{id}/definitions/{term}/accept", new AcceptDefinitionRequest("SALES", "Bo",
                                                                                           "lead with score >= 60"),
             mapId, "mql")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.term").isEqualTo("MQL")
                .jsonPath("$.status").isEqualTo("AGREED")
                .jsonPath("$.agreedBy").isEqualTo("SALES")
                .jsonPath("$.agreedByPerson").isEqualTo("Bo");

        http.get().uri("/api/maps/{id}/definitions", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.length()").isEqualTo(1)
            .jsonPath("$[0].term").isEqualTo("MQL")
            .jsonPath("$[0].text").isEqualTo("lead with score >= 60")
            .jsonPath("$[0].status").isEqualTo("AGREED")
            .jsonPath("$[0].since").exists();
        http.get().uri("/api/maps/{id}", mapId).exchange().expectBody()
            .jsonPath("$.version").isEqualTo(3)
            .jsonPath("$.definitions[0].status").isEqualTo("AGREED");
        http.get().uri("/api/maps/{id}/versions/2", mapId).exchange().expectBody()
            .jsonPath("$.definitions[0].status").isEqualTo("PROPOSED");
        http.get().uri("/api/maps/{id}/versions", mapId).exchange().expectBody()
            .jsonPath("$[1].event").isEqualTo("DefinitionProposed")
            .jsonPath("$[2].event").isEqualTo("DefinitionAgreed")
            .jsonPath("$[2].changes[0]").value(startsWith("definition 'MQL' agreed by SALES (Bo)"));
    }

    @Test
    void invalidProposal_is400NamingEachField() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        var response = post(ana(), "/api/maps/{id}/definitions", new ProposeDefinitionRequest("", " ", null, null),
                            mapId);
        isProblem(response, 400);
        response.expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("term")
                .jsonPath("$.errors[1].field").isEqualTo("text");
    }

    @Test
    void acceptingOutdatedText_is400_unknownTerm_is404() {
        String mapId = newMapId();
        put(mapId, request()).expectStatus().isOk();
        post(bo(), "/api/maps/{id}/definitions", new ProposeDefinitionRequest("SAL", "accepted within 24h", "SALES",
                                                                               "Bo"),
             mapId).expectStatus().isOk();
        var outdated = post(ana(), "/api/maps/{id}/definitions/SAL/accept",
                            new AcceptDefinitionRequest("MARKETING", "Ana", "accepted within 48h"), mapId);
        isProblem(outdated, 400);
        outdated.expectBody().jsonPath("$.errors[0].field").isEqualTo("text")
                .jsonPath("$.errors[0].reason").value(startsWith("definition-text-current:"));
        var unknown = post(bo(), "/api/maps/{id}/definitions/Lead/accept",
                           new AcceptDefinitionRequest("SALES", "Bo", null), mapId);
        isProblem(unknown, 404);
        unknown.expectBody().jsonPath("$.detail").value(startsWith("definition-known:"));
    }
}
