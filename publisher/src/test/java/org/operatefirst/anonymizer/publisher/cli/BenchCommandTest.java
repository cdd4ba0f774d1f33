package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code anonymizer bench} on a few records: the shape of its output, not its figures. */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine commandLine = AnonymizerCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    @Timeout(300)
    void measuresBothTopologiesAndPrintsOneJsonObject() throws Exception {
        final int status = run("bench", "--prime-records", "0", "--warmup-records", "100", "--records", "400",
                "--latency-records", "40", "--latency-rate", "200", "--partitions", "2",
                "--record-mix", "logs=2,events=1,metrics=1,alerts=1", "--json");

        assertThat(status).as(err.toString()).isZero();
        final JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("records").asInt()).isEqualTo(400);
        assertThat(result.get("partitions").asInt()).isEqualTo(2);
        assertThat(result.get("warmupRecords").asInt()).isEqualTo(100);
        assertThat(result.get("mix").asText()).isEqualTo("logs=2,events=1,metrics=1,alerts=1");
        assertThat(result.get("processingGuarantee").asText()).isEqualTo("exactly_once_v2");
        for (final String topology : new String[] {"scrub", "copy"}) {
            final JsonNode m = result.get("topologies").get(topology);
            assertThat(m.get("records").asInt()).as(topology).isEqualTo(400);
            assertThat(m.get("inputBytes").asLong()).as(topology).isPositive();
            assertThat(m.get("recordsPerSecond").asDouble()).as(topology).isPositive();
            assertThat(m.get("megabytesPerSecond").asDouble()).as(topology).isPositive();
            assertThat(m.get("latencyRecords").asInt()).as(topology).isEqualTo(40);
            // The public tier withholds the samples' workload records; the copy publishes all.
            assertThat(m.get("latencySamples").asInt()).as(topology).isBetween(1, 40);
            assertThat(m.get("latencyP50Ms").asLong()).as(topology).isPositive()
                    .isLessThanOrEqualTo(m.get("latencyP99Ms").asLong());
            assertThat(m.get("quarantined").asInt()).as(topology).isZero();
        }
        // Both ran on the same records.
        assertThat(result.get("topologies").get("scrub").get("inputBytes"))
                .isEqualTo(result.get("topologies").get("copy").get("inputBytes"));
        assertThat(result.get("ratio").asDouble()).isPositive();
        assertThat(result.get("target").asDouble()).isEqualTo(0.6);
        assertThat(result.get("targetMet").isBoolean()).isTrue();
    }

    @Test
    @Timeout(300)
    void withFrameAlsoMeasuresTheFrameTopologyAndItsRatio() throws Exception {
        final int status = run("bench", "--prime-records", "300", "--warmup-records", "0", "--records", "200",
                "--latency-records", "20",
                "--latency-rate", "200", "--partitions", "1", "--frame");

        assertThat(status).as(err.toString()).isZero();
        final String text = out.toString();
        assertThat(text).containsPattern("(?m)^scrub\\s+\\d+")
                .containsPattern("(?m)^frame\\s+\\d+")
                .containsPattern("(?m)^copy\\s+\\d+")
                .containsPattern("throughput frame/copy: \\d+\\.\\d\\d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--record-mix=logs", "--record-mix=traces=1", "--records=0", "--partitions=0",
        "--latency-rate=0", "--warmup-records=-1", "--prime-records=-1"})
    void aBadOptionPrintsUsageAndExitsWith2(final String option) {
        assertThat(run("bench", option)).isEqualTo(2);
        assertThat(err.toString()).contains("Usage:");
    }
}
