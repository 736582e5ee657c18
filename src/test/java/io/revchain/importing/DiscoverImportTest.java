package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.revchain.chain.BusinessFunction;
import io.revchain.chain.TestActors;
import io.revchain.map.AddDiscoveredStages;
import io.revchain.map.DiscoveredStage;
import io.revchain.step.StepRequest;
import io.revchain.system.web.InvalidRequestException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery through the importer (its two passes), against an in-memory intake and a fake map definer. */
class DiscoverImportTest {

    private final FakeMapDiscovery maps = new FakeMapDiscovery();
    private final InMemoryStepIngestion ingestion = new InMemoryStepIngestion(maps::isDeclared);

    private ImportJob run(String mapping, Path file) {
        try (ImportFixture fixture = new ImportFixture(ingestion, maps)) {
            return fixture.run(mapping, file);
        }
    }

    /**
     * discover-tickets.csv by hand (relative position i/(n-1), ties in file order):
     * T1 open 0, triage 1/3, ask 2/3, close 1; T2 open 0, triage 1/3 and 2/3, close 1;
     * T3 triage 0, open 1/2 (same instant, later in the file), close 1; T4 triage 0, ask 1.
     * Means: open (0+0+1/2)/3 = 1/6, triage (1/3+1/3+2/3+0+0)/5 = 4/15, ask (2/3+1)/2 = 5/6, close 1.
     * Ends: close ends all 3 of its journeys (terminal), ask 1 of 2. Owners: open SERVICE 2 : MARKETING 1;
     * triage SERVICE ("service" counts); ask SALES 1 : MARKETING 1, a tie, so JOINT.
     */
    @Test
    void longCsv_declaresEachActivityInTypicalOrder_thenImportsItsStepsUnderTheDerivedTypes() {
        ImportJob job = run(ImportFixture.resource("discover-tickets-mapping.json"),
                            ImportFixture.resourcePath("discover-tickets.csv"));

        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(maps.commands()).hasSize(1);
        AddDiscoveredStages command = maps.commands().get(0);
        assertThat(command.mapId()).isEqualTo("tickets");
        assertThat(command.name()).isEqualTo("Support tickets");
        assertThat(command.stages()).containsExactly(
                new DiscoveredStage("open-ticket", "Open ticket", "OpenTicket", BusinessFunction.SERVICE, false),
                new DiscoveredStage("triage", "Triage", "Triage", BusinessFunction.SERVICE, false),
                new DiscoveredStage("ask-sales", "Ask sales", "AskSales", BusinessFunction.JOINT, false),
                new DiscoveredStage("close", "Close", "Close", BusinessFunction.SERVICE, true));
        assertThat(maps.actors()).containsExactly(TestActors.RECORDER);

        DiscoveryView discovery = job.view().discovery();
        assertThat(discovery.mapId()).isEqualTo("tickets");
        assertThat(discovery.activities())
                .extracting(DiscoveryView.ActivityView::stepType, DiscoveryView.ActivityView::events,
                            DiscoveryView.ActivityView::journeys)
                .containsExactly(tuple("OpenTicket", 3L, 3L), tuple("Triage", 5L, 4L), tuple("AskSales", 2L, 2L),
                                 tuple("Close", 3L, 3L));
        double[] means = {1 / 6.0, 4 / 15.0, 5 / 6.0, 1.0};
        double[] ends = {0, 0, 0.5, 1};
        for (int i = 0; i < 4; i++) {
            assertThat(discovery.activities().get(i).meanPosition()).isCloseTo(means[i], within(1e-12));
            assertThat(discovery.activities().get(i).endShare()).isCloseTo(ends[i], within(1e-12));
        }

        assertThat(ingestion.steps()).extracting(StepRequest::journeyId, StepRequest::type, StepRequest::occurredAt)
                .containsExactly(tuple("T1", "OpenTicket", "2024-03-04T09:00:00Z"),
                                 tuple("T1", "Triage", "2024-03-04T10:00:00Z"),
                                 tuple("T1", "AskSales", "2024-03-04T16:00:00Z"),
                                 tuple("T1", "Close", "2024-03-05T09:00:00Z"),
                                 tuple("T2", "OpenTicket", "2024-03-05T08:00:00Z"),
                                 tuple("T2", "Triage", "2024-03-05T08:30:00Z"),
                                 tuple("T2", "Triage", "2024-03-05T09:30:00Z"),
                                 tuple("T2", "Close", "2024-03-05T12:00:00Z"),
                                 tuple("T3", "Triage", "2024-03-06T09:00:00Z"),
                                 tuple("T3", "OpenTicket", "2024-03-06T09:00:00Z"),
                                 tuple("T3", "Close", "2024-03-06T10:00:00Z"),
                                 tuple("T4", "Triage", "2024-03-07T10:00:00Z"),
                                 tuple("T4", "AskSales", "2024-03-07T11:00:00Z"));
        // The file is read twice, and the rows count once.
        ImportJobView.ProgressView progress = job.view().progress();
        assertThat(progress.rowsRead()).isEqualTo(13);
        assertThat(progress.accepted()).isEqualTo(13);
        assertThat(progress.bytesRead()).isEqualTo(progress.bytesTotal());
    }

    @Test
    void xesDefaultRule_discoversTheRunningExampleActivitiesWithoutATypeMap() {
        ImportJob job = run("{\"mapId\": \"re\", \"format\": \"xes\", \"discover\": true}",
                            ImportFixture.resourcePath("running-example.xes"));

        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        AddDiscoveredStages command = maps.commands().get(0);
        assertThat(command.name()).isEqualTo("re");
        assertThat(command.stages()).extracting(DiscoveredStage::stepType).containsExactlyInAnyOrder(
                "RegisterRequest", "ExamineCasually", "ExamineThoroughly", "CheckTicket", "Decide",
                "ReinitiateRequest", "PayCompensation", "RejectRequest");
        assertThat(command.stages().get(0).stepType()).isEqualTo("RegisterRequest");
        assertThat(command.stages()).allMatch(s -> s.owner() == BusinessFunction.JOINT);
        assertThat(job.view().progress().accepted()).isEqualTo(42);
        assertThat(ingestion.steps()).filteredOn(s -> s.type().equals("PayCompensation")).hasSize(3)
                                     .allMatch(s -> "pay compensation".equals(s.attributes().get("concept:name")));
    }

    @Test
    void typeMapTargets_areKeptAndMayBeNewIdentifiers(@TempDir Path dir) {
        Path csv = ImportFixture.write(dir, "log.csv", """
                id,act,at
                A,Start,2024-01-01
                A,Closed,2024-01-02
                B,Fermé,2024-01-03
                """);
        ImportJob job = run("""
                {"mapId": "m", "format": "csv", "journeyId": "id", "discover": true,
                 "typeMap": {"Closed": "TicketClosed", "Fermé": "TicketClosed"},
                 "rules": [{"typeFrom": "act", "at": "at"}]}""", csv);

        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        // TicketClosed: A's step at position 1, B's single step at 0, so 1/2; both journeys end with it.
        assertThat(maps.commands().get(0).stages()).containsExactly(
                new DiscoveredStage("start", "Start", "Start", BusinessFunction.JOINT, false),
                new DiscoveredStage("closed", "Closed / Fermé", "TicketClosed", BusinessFunction.JOINT, true));
        assertThat(job.view().discovery().activities().get(1).journeys()).isEqualTo(2);
        assertThat(ingestion.steps()).extracting(StepRequest::type)
                                     .containsExactly("Start", "TicketClosed", "TicketClosed");
    }

    @Test
    void ownerColumnNamingNoFunction_failsBeforeAnythingIsStored(@TempDir Path dir) {
        Path csv = ImportFixture.write(dir, "log.csv", """
                id,act,at,dept
                A,Start,2024-01-01,Sales
                A,Done,2024-01-02,Customer Success
                B,Done,2024-01-03,Support
                """);
        ImportJob job = run("""
                {"mapId": "m", "format": "csv", "journeyId": "id", "discover": {"ownerFrom": "dept"},
                 "rules": [{"typeFrom": "act", "at": "at"}]}""", csv);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("discover.ownerFrom");
            assertThat(e.reason()).contains("'Customer Success' (row 2) is not a function", "nor is one other value");
        });
        assertThat(job.message()).contains("Nothing was stored");
        assertThat(maps.commands()).isEmpty();
        assertThat(ingestion.steps()).isEmpty();
    }

    @Test
    void fileWithoutSteps_failsNamingDiscover(@TempDir Path dir) {
        Path csv = ImportFixture.write(dir, "log.csv", "id,act,at\nA,Start,not a date\n");
        ImportJob job = run("""
                {"mapId": "m", "format": "csv", "journeyId": "id", "discover": true,
                 "rules": [{"typeFrom": "act", "at": "at"}]}""", csv);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).extracting(e -> e.field()).containsExactly("discover");
        assertThat(maps.commands()).isEmpty();
    }

    @Test
    void cliDiscoverFlag_addsDiscoverTrue_keepsADiscoverObject_andLeavesNonObjectsAlone() {
        assertThat(new String(ImportCommand.discovering("""
                // comments are allowed
                {"mapId": "m", "discover": false}""".getBytes())))
                .isEqualTo("{\"mapId\":\"m\",\"discover\":true}");
        assertThat(new String(ImportCommand.discovering("{\"discover\": {\"name\": \"N\"}}".getBytes())))
                .isEqualTo("{\"discover\":{\"name\":\"N\"}}");
        assertThat(new String(ImportCommand.discovering("[1, 2".getBytes()))).isEqualTo("[1, 2");
    }

    @Test
    void discoverWithAFixedTypeRule_orAnUnknownOwnerColumn_isRefusedWithTheMapping(@TempDir Path dir) {
        ImportJobs jobs = new ImportJobs(ingestion, maps, ImportProperties.defaults(), maps);
        try (jobs) {
            assertThatThrownBy(() -> jobs.parseMapping("""
                    {"mapId": "m", "format": "csv", "journeyId": "id", "discover": {"owner": "x"},
                     "typeMap": {"a": "not an identifier"},
                     "rules": [{"type": "DealWon", "at": "at"}]}""".getBytes()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                            .extracting(error -> error.field())
                            .containsExactlyInAnyOrder("discover.owner", "typeMap['a']", "rules[0].type"));
            Path csv = ImportFixture.write(dir, "log.csv", "id,act,at\nA,Start,2024-01-01\n");
            ImportJob job = ImportFixture.await(jobs.start(jobs.parseMapping("""
                    {"mapId": "m", "format": "csv", "journeyId": "id", "discover": {"ownerFrom": "team"},
                     "rules": [{"typeFrom": "act", "at": "at"}]}""".getBytes()), csv, "log.csv", false,
                    TestActors.RECORDER));
            assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
            assertThat(job.errors()).extracting(e -> e.field()).containsExactly("discover.ownerFrom");
            assertThat(maps.commands()).isEmpty();
        }
    }
}
