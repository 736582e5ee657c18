package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Working calendars on a map over HTTP: defined, checked and versioned with the map, and {@code calendar=} on the
 * reads. Journeys use step types only this test's map declares, so other tests' journeys never enter its stages.
 * <pre>
 * emea-sales: Europe/Berlin, MONDAY to FRIDAY (left out), 09:00-12:30 and 13:30-17:30, holidays 24 and 25 Dec 2043
 * j1: inquiry Fri 6 Mar 2043 16:00, quote Mon 9 Mar 10:00: 66 h calendar, 2.5 h working (Fri 16:00-17:30,
 *     Mon 09:00-10:00)
 * j2: inquiry Wed 23 Dec 2043 15:00, quote Mon 28 Dec 11:00: 116 h calendar, 4.5 h working (Wed 15:00-17:30; Thu 24
 *     and Fri 25 holidays; Mon 09:00-11:00)
 * inquiry stage SLA 8 h: both breach it in calendar time, neither in working hours.
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class WorkingHoursApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String YEAR = "from=2043-01-01&to=2044-01-01&asOf=2044-02-01T00:00:00Z";

    @Autowired
    WebTestClient http;

    private static Map<String, Object> map(List<Map<String, Object>> calendars) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "Working hours");
        map.put("stages", List.of(
                Map.of("stageId", "inquiry", "owner", "MARKETING", "enteredOn", List.of("HoursInquiry"),
                       "slaHours", 8),
                Map.of("stageId", "quote", "owner", "SALES", "enteredOn", List.of("HoursQuote"), "terminal", true)));
        map.put("calendars", calendars);
        return map;
    }

    private static Map<String, Object> calendar(String id, String zone, List<String> days, List<String> hours,
                                                List<String> holidays) {
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("calendarId", id);
        calendar.put("zone", zone);
        if (days != null) {
            calendar.put("workingDays", days);
        }
        calendar.put("hours", hours);
        if (holidays != null) {
            calendar.put("holidays", holidays);
        }
        return calendar;
    }

    private static Map<String, Object> emea(List<String> hours) {
        return calendar("emea-sales", "Europe/Berlin", null, hours, List.of("2043-12-25", "2043-12-24", "2043-12-25"));
    }

    @Test
    void aMapDefinesCalendars_normalized_andTheReadsMeasureInThem() {
        String mapId = "hours-" + UUID.randomUUID().toString().substring(0, 8);
        put(mapId, map(List.of(emea(List.of("13:30-17:30", "09:00 - 12:30")),
                               calendar("nights", "UTC", List.of("sat", "Sunday"), List.of("22:00-24:00"), null))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.calendars[0].calendarId").isEqualTo("emea-sales")
                .jsonPath("$.calendars[0].workingDays").isEqualTo(List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                                                                          "THURSDAY", "FRIDAY"))
                .jsonPath("$.calendars[0].hours").isEqualTo(List.of("09:00-12:30", "13:30-17:30"))
                .jsonPath("$.calendars[0].holidays").isEqualTo(List.of("2043-12-24", "2043-12-25"))
                .jsonPath("$.calendars[1].workingDays").isEqualTo(List.of("SATURDAY", "SUNDAY"))
                .jsonPath("$.calendars[1].hours").isEqualTo(List.of("22:00-24:00"));
        post(List.of(step("j1-1", "HoursInquiry", "2043-03-06T16:00:00+01:00", "j1"),
                     step("j1-2", "HoursQuote", "2043-03-09T10:00:00+01:00", "j1"),
                     step("j2-1", "HoursInquiry", "2043-12-23T15:00:00+01:00", "j2"),
                     step("j2-2", "HoursQuote", "2043-12-28T11:00:00+01:00", "j2")), mapId);
        // Journeys belong to no map: the filter keeps this test's own (another test uses the same step types).
        String only = "&filter.case=" + mapId;
        String stages = "/api/maps/" + mapId + "/stages?" + YEAR + only;
        awaitDepartures(stages, 2);

        Map<String, Object> calendarTime = stage(rows(stages), "inquiry");
        assertThat(numbers(calendarTime, "dwellMeanHours", "slaBreaches")).containsExactly(91.0, 2.0);
        Map<String, Object> working = stage(rows(stages + "&calendar=emea-sales"), "inquiry");
        assertThat(numbers(working, "dwellMeanHours", "dwellMedianHours", "dwellP90Hours", "slaBreaches",
                           "totalDwellHours", "departures")).containsExactly(3.5, 3.5, 4.3, 0.0, 7.0, 2.0);
        assertThat(rows("/api/maps/" + mapId + "/transitions?" + YEAR + only + "&calendar=emea-sales"))
                .singleElement().satisfies(t -> assertThat(numbers(t, "meanHours", "count"))
                        .containsExactly(3.5, 2.0));
        String csv = http.get().uri(stages + "&calendar=emea-sales&format=csv").exchange().expectStatus().isOk()
                         .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).contains("inquiry,inquiry,MARKETING,2,2,2,0,0,3.5,3.5,4.3,8,0,7,1,1");

        JsonNode flow = json("/api/maps/" + mapId + "/flow?" + YEAR + only + "&calendar=emea-sales");
        assertThat(flow.get("calendar").get("calendarId").asString()).isEqualTo("emea-sales");
        assertThat(flow.get("transitions").get(0).get("meanHours").asDouble()).isEqualTo(3.5);
        assertThat(json("/api/maps/" + mapId + "/flow?" + YEAR + only).get("calendar").isNull()).isTrue();
        JsonNode compare = json("/api/maps/" + mapId + "/compare?a=2043-Q1&b=2043-Q4&asOf=2044-02-01"
                                + only + "&calendar=emea-sales");
        assertThat(compare.get("stages").get(0).get("dwellMedianHoursA").asDouble()).isEqualTo(2.5);
        assertThat(compare.get("stages").get(0).get("dwellMedianHoursB").asDouble()).isEqualTo(4.5);
        http.get().uri("/api/maps/" + mapId + "/replay?quarter=2043-Q1&calendar=emea-sales")
            .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk();

        refused(stages + "&calendar=emea", "calendar", "has no calendar 'emea'; its calendars: emea-sales, nights");
        refused("/api/maps/" + mapId + "/conversions?" + YEAR + "&calendar=emea-sales", "calendar",
                "unknown parameter");
    }

    @Test
    void calendarsAreVersionedWithTheMap_andInForceReadsUseTheCalendarThenInForce() {
        String mapId = "hours-" + UUID.randomUUID().toString().substring(0, 8);
        put(mapId, map(List.of(emea(List.of("09:00-12:30", "13:30-17:30"))))).expectStatus().isOk();
        post(List.of(step("v1-1", "HoursInquiry", "2043-03-06T16:00:00+01:00", "v1"),
                     step("v1-2", "HoursQuote", "2043-03-09T10:00:00+01:00", "v1"),
                     step("v2-1", "HoursInquiry", "2043-12-23T15:00:00+01:00", "v2"),
                     step("v2-2", "HoursQuote", "2043-12-28T11:00:00+01:00", "v2")), mapId);
        String stages = "/api/maps/" + mapId + "/stages?" + YEAR + "&filter.case=" + mapId + "&calendar=emea-sales";
        awaitDepartures(stages, 2);
        Instant beforeRevision = Instant.now();
        sleep(20);
        put(mapId, map(List.of(emea(List.of("08:00-16:00"))))).expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(2);
        http.get().uri("/api/maps/{id}/versions", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$[1].changes[0]")
            .isEqualTo("calendar emea-sales: hours 09:00-12:30, 13:30-17:30 → 08:00-16:00");
        // Today's hours, 08:00-16:00: v1 Fri 16:00-16:00 nothing + Mon 08:00-10:00 = 2 h; v2 Wed 15:00-16:00 1 h +
        // Mon 08:00-11:00 3 h = 4 h; mean 3 h.
        assertThat(numbers(stage(rows(stages), "inquiry"), "dwellMeanHours")).containsExactly(3.0);
        // The version in force when the report was printed: the old hours, mean 3.5 h.
        assertThat(numbers(stage(rows(stages + "&definitions=inForce&knownAt=" + beforeRevision), "inquiry"),
                           "dwellMeanHours")).containsExactly(3.5);
    }

    @Test
    void aCalendarBreakingItsRules_isRefusedNamingEachField_andNothingIsRecorded() {
        String mapId = "hours-" + UUID.randomUUID().toString().substring(0, 8);
        put(mapId, map(List.of())).expectStatus().isOk();
        var errors = put(mapId, map(List.of(
                calendar("emea-sales", "Mars/Olympus", List.of("Funday"), List.of("9-17", "17:00-09:00"),
                         List.of("25/12/2043")),
                calendar("emea-sales", "Europe/Berlin", List.of(), List.of("09:00-12:00", "11:00-13:00",
                                                                           "24:00-24:00"), null))))
                .expectStatus().isBadRequest()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody().get("errors");
        assertThat(((List<?>) errors).stream().map(e -> ((Map<?, ?>) e).get("field") + " "
                + ((String) ((Map<?, ?>) e).get("reason")).split(":")[0]).toList())
                .containsExactlyInAnyOrder(
                        "calendars[0].zone calendar-zone-valid",
                        "calendars[0].workingDays[0] calendar-working-day-valid",
                        "calendars[0].hours[0] calendar-hours-format",
                        "calendars[0].hours[1] calendar-hours-order",
                        "calendars[0].holidays[0] calendar-holiday-date",
                        "calendars[1].calendarId calendar-id-unique",
                        "calendars[1].workingDays calendar-working-days-required",
                        "calendars[1].hours[1] calendar-hours-overlap",
                        "calendars[1].hours[2] calendar-hours-format");
        http.get().uri("/api/maps/{id}", mapId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.version").isEqualTo(1).jsonPath("$.calendars.length()").isEqualTo(0);
    }

    private WebTestClient.ResponseSpec put(String mapId, Object body) {
        return http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                   .exchange();
    }

    private void post(List<Map<String, Object>> steps, String prefix) {
        for (Map<String, Object> step : steps) {
            step.put("stepId", prefix + "-" + step.get("stepId"));
            step.put("journeyId", prefix + "-" + step.get("journeyId"));
            step.put("attributes", Map.of("case", prefix));
        }
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(steps).exchange()
            .expectStatus().isOk();
    }

    private static Map<String, Object> step(String stepId, String type, String at, String journey) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", stepId);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put("journeyId", journey);
        return step;
    }

    private List<Map<String, Object>> rows(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk()
                   .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                   .returnResult().getResponseBody();
    }

    private JsonNode json(String uri) {
        return JSON.readTree(http.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                                 .getResponseBody());
    }

    private static List<Double> numbers(Map<String, Object> row, String... fields) {
        return java.util.Arrays.stream(fields).map(f -> ((Number) row.get(f)).doubleValue()).toList();
    }

    private static Map<String, Object> stage(List<Map<String, Object>> rows, String stageId) {
        return rows.stream().filter(r -> stageId.equals(r.get("stageId"))).findFirst().orElseThrow();
    }

    private void awaitDepartures(String uri, int departures) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (((Number) stage(rows(uri), "inquiry").get("departures")).intValue() != departures) {
            assertThat(System.nanoTime()).as("figures of " + uri + ": " + rows(uri)).isLessThan(deadline);
            sleep(100);
        }
    }

    private void refused(String uri, String field, String reason) {
        http.get().uri(uri).exchange().expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.errors[0].field").isEqualTo(field)
            .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).contains(reason));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
