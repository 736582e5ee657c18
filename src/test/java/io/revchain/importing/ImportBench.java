package io.revchain.importing;

import io.revchain.bench.BenchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Import throughput and disk per step on realistic history (issue 13): {@link ImportMeasurement} on the embedded
 * default, figures to target/bench/import-bench.txt and results.md. Run: mvn -Pbench test -Dtest=ImportBench
 * (-Dbench.traces=N to resize, default 25,000 traces, about 231,000 steps; -Dbench.backend=memory;
 * -DargLine=-XX:StartFlightRecording=filename=target/bench/import.jfr for a profile).
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/import-${random.uuid}"})
class ImportBench {

    @Autowired
    ApplicationContext context;

    @Test
    void xesImportThroughTheChain_versusRawInsertMany() throws Exception {
        Path dir = Path.of("target/bench");
        ImportMeasurement.Figures figures = ImportMeasurement.run(context, Integer.getInteger("bench.traces", 25_000),
                                                                  dir, !"memory".equals(System.getProperty(
                                                                          "bench.backend")));
        System.out.println(figures.report());
        Files.writeString(dir.resolve("import-bench.txt"), figures.report());
        BenchReport.heading("Import and disk");
        figures.report().lines().forEach(line -> BenchReport.line("    %s", line));
    }
}
