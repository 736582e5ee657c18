package io.revchain.map;

import io.revchain.chain.BusinessFunction;
import static io.revchain.chain.BusinessFunction.MARKETING;
import static io.revchain.chain.BusinessFunction.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.revchain.system.StoreDurability;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MapIndexTest {

    static MongoServer server;
    static MongoClient client;
    MongoDatabase database;
    MapIndex index;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        database = client.getDatabase("t" + System.nanoTime());
        index = new MapIndex(database, StoreDurability.NONE);
    }

    static MapDefinition definition(String name, String... sqlEntry) {
        return new MapDefinition(name, List.of(
                new Stage("mql", "MQL", MARKETING, List.of("LeadQualified"), 72, false),
                new Stage("sql", "SQL", SALES, List.of(sqlEntry), null, false)), List.of());
    }

    @Test
    void typeListedByACurrentDefinition_isDeclared_untilARevisionDropsIt() {
        index.defined("m1", 1, definition("A", "OpportunityOpened", "DemoHeld"));
        assertThat(index.isDeclared("DemoHeld")).isTrue();
        assertThat(index.isDeclared("LeadQualified")).isTrue();
        assertThat(index.isDeclared("ProposalSent")).isFalse();

        index.defined("m1", 2, definition("A", "OpportunityOpened"));
        assertThat(index.isDeclared("DemoHeld")).isFalse();
    }

    /**
     * A type found declared is taken as declared for DECLARED_FOR without asking the store: a change made through
     * another node's index shows here only after that, while a change through this index is seen at once.
     */
    @Test
    void typeFoundDeclared_isRememberedBriefly_andForgottenOnEveryMapChangeThisNodeApplies() {
        index.defined("m1", 1, definition("A", "DemoHeld"));
        assertThat(index.isDeclared("DemoHeld")).isTrue();

        MapIndex otherNode = new MapIndex(database, StoreDurability.NONE);
        otherNode.defined("m1", 2, definition("A", "OpportunityOpened"));
        assertThat(otherNode.isDeclared("DemoHeld")).isFalse();
        assertThat(index.isDeclared("DemoHeld")).as("remembered from before the other node's change").isTrue();

        index.defined("m2", 1, definition("B", "ProposalSent"));
        assertThat(index.isDeclared("DemoHeld")).isFalse();
        assertThat(index.isDeclared("ProposalSent")).isTrue();
    }

    @Test
    void typeStaysDeclaredWhileAnotherMapStillListsIt() {
        index.defined("m1", 1, definition("A", "DemoHeld"));
        index.defined("m2", 1, definition("B", "DemoHeld"));
        index.defined("m1", 2, definition("A", "OpportunityOpened"));
        assertThat(index.isDeclared("DemoHeld")).isTrue();
    }

    @Test
    void olderDefinitionAppliedLate_doesNotOverwriteANewerOne() {
        index.defined("m1", 2, definition("A2", "OpportunityOpened"));
        index.defined("m1", 1, definition("A1", "DemoHeld"));
        assertThat(index.isDeclared("DemoHeld")).isFalse();
        assertThat(index.maps()).containsExactly(new MapSummaryView("m1", "A2", 2));
    }

    @Test
    void reapplyingTheSameEvents_isIdempotent() {
        for (int round = 0; round < 2; round++) {
            index.defined("m1", 1, definition("A", "DemoHeld"));
            index.versioned("m1", 2);
            index.defined("m1", 3, definition("A", "OpportunityOpened"));
        }
        assertThat(index.isDeclared("DemoHeld")).isFalse();
        assertThat(index.maps()).containsExactly(new MapSummaryView("m1", "A", 3));
    }

    @Test
    void definitionEventsBumpTheVersionButKeepTheStepTypes() {
        index.defined("m1", 1, definition("A", "DemoHeld"));
        index.versioned("m1", 2);
        index.versioned("m1", 3);
        index.defined("m1", 1, definition("A", "OpportunityOpened"));
        assertThat(index.isDeclared("DemoHeld")).isTrue();
        assertThat(index.maps()).containsExactly(new MapSummaryView("m1", "A", 3));
    }

    @Test
    void currencyDeclaredByACurrentDefinition_isDeclared_untilNoMapDeclaresItAnyMore() {
        MapDefinition euro = new MapDefinition("A", definition("A", "DemoHeld").stages(), List.of(), "EUR");
        index.defined("m1", 1, euro);
        index.defined("m2", 1, new MapDefinition("B", euro.stages(), List.of(), "EUR"));
        assertThat(index.isDeclaredCurrency("EUR")).isTrue();
        assertThat(index.isDeclaredCurrency("USD")).isFalse();

        index.defined("m1", 2, new MapDefinition("A", euro.stages(), List.of(), "USD"));
        assertThat(index.isDeclaredCurrency("EUR")).isTrue();
        assertThat(index.isDeclaredCurrency("USD")).isTrue();
        index.defined("m2", 2, new MapDefinition("B", euro.stages(), List.of(), null));
        assertThat(index.isDeclaredCurrency("EUR")).isFalse();
    }

    @Test
    void indexLivesInMongo_soANewInstanceSeesIt() {
        index.defined("m1", 1, definition("A", "DemoHeld"));
        assertThat(new MapIndex(database, StoreDurability.NONE).isDeclared("DemoHeld")).isTrue();
    }

    @Test
    void revisionOnAnotherNode_isSeenWithinTheCheckPeriod_whileAnswersInBetweenComeFromTheCache() throws Exception {
        MapIndex here = new MapIndex(database, StoreDurability.NONE, Duration.ofMillis(300));
        MapIndex otherNode = new MapIndex(database, StoreDurability.NONE, Duration.ofMillis(300));
        otherNode.defined("m1", 1, definition("A", "DemoHeld"));
        assertThat(here.isDeclared("DemoHeld")).isTrue();
        assertThat(here.isDeclared("ProposalSent")).isFalse();

        // Behind the cache's back: the stored index drops DemoHeld without raising the revision counter. Only the
        // cache can still answer true, which shows the answer did not come from the store.
        database.getCollection(MapIndex.STEP_TYPES).deleteMany(new org.bson.Document());
        assertThat(here.isDeclared("DemoHeld")).isTrue();

        otherNode.defined("m1", 2, definition("A", "ProposalSent"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!here.isDeclared("ProposalSent") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(here.isDeclared("ProposalSent")).isTrue();
        assertThat(here.isDeclared("DemoHeld")).isFalse();
    }

    @Test
    void revisionOnThisNode_isSeenAtOnce() {
        MapIndex here = new MapIndex(database, StoreDurability.NONE, Duration.ofHours(1));
        here.defined("m1", 1, definition("A", "DemoHeld"));
        assertThat(here.isDeclared("ProposalSent")).isFalse();
        here.defined("m1", 2, definition("A", "ProposalSent"));
        assertThat(here.isDeclared("ProposalSent")).isTrue();
        assertThat(here.isDeclared("DemoHeld")).isFalse();
    }
}
