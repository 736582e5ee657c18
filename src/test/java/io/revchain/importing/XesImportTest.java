package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.revchain.step.StepRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class XesImportTest {

    /** Case, event, activity and directly-follows counts of a log; directly-follows within each case. */
    record LogShape(int cases, int events, Set<String> activities, Set<List<String>> directlyFollows) {
    }

    @Test
    void runningExample_matchesAnIndependentDomReading() throws Exception {
        Path xes = ImportFixture.resourcePath("running-example.xes");
        LogShape expected = domShape(xes);
        assertThat(expected.cases()).isEqualTo(6);
        assertThat(expected.events()).isEqualTo(42);
        assertThat(expected.activities()).hasSize(8);
        assertThat(expected.directlyFollows()).hasSize(16);

        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(ImportFixture.resource("running-example-mapping.json"), xes);
        }
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(stepShape(ingestion.steps(), "concept:name")).isEqualTo(expected);
        assertThat(job.view().progress().rowsRead()).isEqualTo(42);

        StepRequest first = ingestion.steps().get(0);
        assertThat(first.journeyId()).isEqualTo("3");
        assertThat(first.type()).isEqualTo("RegisterRequest");
        assertThat(first.occurredAt()).isEqualTo("2010-12-30T13:32:00Z");
        assertThat(first.attributes()).containsEntry("org:resource", "Pete").containsEntry("Costs", "50")
                                      .containsEntry("concept:name", "register request")
                                      .doesNotContainKey("time:timestamp");
        assertThat(ingestion.steps()).extracting(StepRequest::occurredAt)
                                     .noneMatch(at -> at.startsWith("2011-04-13T12:02:31"));
    }

    @Test
    void helpdeskGzip_matchesAnIndependentDomReading() throws Exception {
        Path xes = ImportFixture.SHARED.resolve("event-logs/helpdesk.xes.gz");
        assumeTrue(Files.exists(xes), "shared data set not beside the repository");
        LogShape expected = domShape(xes);
        assertThat(expected.cases()).isEqualTo(4_580);
        assertThat(expected.events()).isEqualTo(21_348);
        assertThat(expected.activities()).hasSize(14);

        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(ImportFixture.resource("helpdesk-mapping.json"), xes);
        }
        ImportJobView.ProgressView progress = job.view().progress();
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(progress.accepted()).isEqualTo(21_348);
        assertThat(progress.bytesRead()).isEqualTo(progress.bytesTotal()).isEqualTo(Files.size(xes));
        assertThat(stepShape(ingestion.steps(), "concept:name")).isEqualTo(expected);
        assertThat(ingestion.steps()).allSatisfy(s -> assertThat(s.attributes()).containsKey("owner"));
        assertThat(ingestion.callSizes()).allMatch(size -> size <= 500);
        assertThat(ingestion.callSizes().size()).isLessThanOrEqualTo(21_348 / 400);
    }

    @Test
    void lifecycleFilter_globalsNestedAndTypedAttributes() {
        String mapping = """
                {"mapId": "lc", "format": "xes", "lifecycle": "complete",
                 "typeMap": {"Captured": "LeadCaptured", "Qualified": "LeadQualified"}}""";
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(mapping, ImportFixture.resourcePath("lifecycle.xes"));
        }
        ImportJobView view = job.view();
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(view.progress().rowsRead()).isEqualTo(7);
        assertThat(view.progress().skipped()).isEqualTo(1);
        assertThat(view.progress().rowErrors()).isEqualTo(3);
        assertThat(ingestion.steps()).extracting(StepRequest::journeyId, StepRequest::type, StepRequest::occurredAt)
                .containsExactly(tuple("L-1", "LeadCaptured", "2024-03-01T08:05:00Z"),
                                 tuple("L-1", "LeadQualified", "2024-03-02T10:00:00Z"),
                                 tuple("L-3", "LeadCaptured", "2024-03-04T09:00:00Z"));
        assertThat(ingestion.steps().get(0).attributes())
                .containsEntry("org:resource", "Ann").containsEntry("score", 42L).containsEntry("weight", 0.5)
                .containsEntry("inbound", true).containsEntry("utm_source", "newsletter")
                .containsEntry("lifecycle:transition", "complete")
                .doesNotContainKeys("tags", "meta.note", "meta_note", "time:timestamp");
        assertThat(view.rejectedRows()).extracting(ImportJobView.RejectedRowView::row,
                                                   ImportJobView.RejectedRowView::field)
                .containsExactly(tuple(4L, "time:timestamp"),
                                 tuple(5L, "concept:name"),
                                 tuple(6L, "concept:name"));
        assertThat(view.rejectedRows().get(2).reason()).contains("'Webinar attended' is not a step type");
        assertThat(view.rejectedRows().get(0).line()).isGreaterThan(30);
    }

    @Test
    void skipUnmapped_leavesUnknownActivitiesOut() {
        String mapping = """
                {"mapId": "lc", "format": "xes", "skipUnmapped": true,
                 "typeMap": {"Captured": "LeadCaptured", "Qualified": "LeadQualified"}}""";
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(mapping, ImportFixture.resourcePath("lifecycle.xes"));
        }
        ImportJobView.ProgressView progress = job.view().progress();
        assertThat(progress.skipped()).isEqualTo(1);
        assertThat(progress.rowErrors()).isEqualTo(2);
        // Without a lifecycle filter, the start and the complete of "Captured" are two steps with distinct ids.
        assertThat(ingestion.steps()).extracting(StepRequest::type)
                                     .containsExactly("LeadCaptured", "LeadCaptured", "LeadQualified", "LeadCaptured");
    }

    /** The same shape read from the steps: journeys as cases, the kept concept:name attribute as activity. */
    private static LogShape stepShape(List<StepRequest> steps, String activityAttribute) {
        Map<String, List<StepRequest>> cases = new LinkedHashMap<>();
        steps.forEach(s -> cases.computeIfAbsent(s.journeyId(), j -> new ArrayList<>()).add(s));
        Set<String> activities = new HashSet<>();
        Set<List<String>> follows = new HashSet<>();
        Set<List<String>> typing = new HashSet<>();
        for (List<StepRequest> journey : cases.values()) {
            List<StepRequest> ordered = new ArrayList<>(journey);
            ordered.sort(Comparator.comparing(s -> OffsetDateTime.parse(s.occurredAt()).toInstant()));
            for (int i = 0; i < ordered.size(); i++) {
                String activity = (String) ordered.get(i).attributes().get(activityAttribute);
                activities.add(activity);
                typing.add(List.of(activity, ordered.get(i).type()));
                if (i > 0) {
                    follows.add(List.of((String) ordered.get(i - 1).attributes().get(activityAttribute), activity));
                }
            }
        }
        assertThat(typing).as("each activity maps to exactly one step type").hasSameSizeAs(activities);
        return new LogShape(cases.size(), steps.size(), activities, follows);
    }

    /** A DOM reading of the whole log: trace and event children of the root, stable-sorted by time per trace. */
    private static LogShape domShape(Path xes) throws Exception {
        Document document;
        try (InputStream raw = Files.newInputStream(xes);
             InputStream in = xes.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        int cases = 0;
        int events = 0;
        Set<String> activities = new HashSet<>();
        Set<List<String>> follows = new HashSet<>();
        for (Element trace : children(document.getDocumentElement(), "trace")) {
            cases++;
            List<String[]> timed = new ArrayList<>();
            for (Element event : children(trace, "event")) {
                events++;
                timed.add(new String[] {attribute(event, "time:timestamp"), attribute(event, "concept:name")});
            }
            timed.sort(Comparator.comparing(e -> OffsetDateTime.parse(e[0]).toInstant()));
            for (int i = 0; i < timed.size(); i++) {
                activities.add(timed.get(i)[1]);
                if (i > 0) {
                    follows.add(List.of(timed.get(i - 1)[1], timed.get(i)[1]));
                }
            }
        }
        return new LogShape(cases, events, activities, follows);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String attribute(Element event, String key) {
        for (Node n = event.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && key.equals(e.getAttribute("key"))) {
                return e.getAttribute("value");
            }
        }
        throw new AssertionError("event without " + key);
    }
}
