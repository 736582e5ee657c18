package io.revchain.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.analytics.Cut;
import io.revchain.analytics.HistorySlice;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyFilter;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.Window;
import io.revchain.analytics.flow.FlowParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The writers stream: the first bytes before any selection, then chunks of bounded size that add up to one log. */
class ChunkWritersTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Supplier<HistorySlice> NOT_YET = () -> {
        throw new AssertionError("the history was selected before the first bytes left");
    };

    @Test
    void theFirstChunkLeavesBeforeTheHistoryIsSelected() {
        String xes = new String(new XesWriter(NOT_YET, parameters()).next(), StandardCharsets.UTF_8);
        assertThat(xes).startsWith("<?xml").contains("<log", "xes.version=\"2.0\"").doesNotContain("<trace>");
        assertThat(new String(new OcelWriter(NOT_YET).next(), StandardCharsets.UTF_8)).isEqualTo("{\"objects\":[");
    }

    @Test
    void aLargeHistory_isWrittenInBoundedChunks_thatFormOneValidLog() throws Exception {
        // 1,000 journeys of 10 steps, 10,000 events: many chunks, none much over the chunk size.
        HistorySlice slice = slice(1_000, 10);
        List<byte[]> xesChunks = drain(new XesWriter(() -> slice, parameters()));
        List<byte[]> ocelChunks = drain(new OcelWriter(() -> slice));
        for (List<byte[]> chunks : List.of(xesChunks, ocelChunks)) {
            assertThat(chunks.size()).isGreaterThan(20);
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length).isLessThan(ChunkSource.CHUNK + 16_384));
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xes = factory.newDocumentBuilder().parse(new ByteArrayInputStream(concat(xesChunks)));
        assertThat(xes.getElementsByTagNameNS(XesWriter.NAMESPACE, "trace").getLength()).isEqualTo(1_000);
        assertThat(xes.getElementsByTagNameNS(XesWriter.NAMESPACE, "event").getLength()).isEqualTo(10_000);
        JsonNode ocel = JsonMapper.builder().build().readTree(concat(ocelChunks));
        assertThat(ocel.get("events").size()).isEqualTo(10_000);
        assertThat(ocel.get("objects").size()).isEqualTo(1_000);
        assertThat(OcelExportTest.schemaErrors(ocel)).isEmpty();
    }

    @Test
    void charactersXmlCannotCarry_areReplaced_soTheLogStaysWellFormed() throws Exception {
        StepFact odd = new StepFact("s1", "LeadCaptured", T0, T0, 1,
                                    Map.of("note", "bell\u0007 and nul\u0000 and \uD800 alone; emoji \uD83D\uDE00 ok"));
        HistorySlice slice = HistorySlice.of(List.of(new JourneyFacts("j\u0001", List.of(odd))), List.of(),
                                             List.of(), Window.ALL, Cut.asOf(T0), JourneyFilter.NONE);
        byte[] xes = concat(drain(new XesWriter(() -> slice, parameters())));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                                                  .parse(new ByteArrayInputStream(xes));
        String text = new String(xes, StandardCharsets.UTF_8);
        assertThat(text).contains("bell\uFFFD and nul\uFFFD and \uFFFD alone; emoji \uD83D\uDE00 ok", "j\uFFFD");
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("log");
    }

    private static HistorySlice slice(int journeys, int steps) {
        List<JourneyFacts> facts = new ArrayList<>();
        long seq = 0;
        for (int j = 0; j < journeys; j++) {
            List<StepFact> journey = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                Instant at = T0.plus(Duration.ofHours(j + 5L * s));
                journey.add(new StepFact("j" + j + "-" + s, s == 0 ? "LeadCaptured" : "DemoHeld", at, at, ++seq,
                                         Map.of("owner", "rep-" + j % 9, "product", "GTX", "note", "step " + s)));
            }
            facts.add(new JourneyFacts("j" + j, journey));
        }
        return HistorySlice.of(facts, List.of(), List.of(), Window.ALL, Cut.asOf(T0.plus(Duration.ofDays(3650))),
                               JourneyFilter.NONE);
    }

    private static FlowParameters parameters() {
        return FlowParameters.parse(new LinkedMultiValueMap<>(), T0, Set.of());
    }

    private static List<byte[]> drain(ChunkSource source) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] chunk; (chunk = source.next()) != null; ) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
