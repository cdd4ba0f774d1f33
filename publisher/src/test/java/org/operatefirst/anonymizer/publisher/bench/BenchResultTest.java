package org.operatefirst.anonymizer.publisher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    private static final RecordMix MIX = RecordMix.parse("logs=60,events=20,metrics=15,alerts=5");

    private static Measurement measured(final String topology, final long records, final double seconds) {
        return new Measurement(topology, records, records * 400, seconds, 0, 0, 0, 0, 0, -1, -1);
    }

    private static final BenchResult WITH_FRAME = new BenchResult(MIX, 2, 100, 500,
            measured("scrub", 100_000, 4.0), measured("copy", 100_000, 1.0), measured("frame", 100_000, 2.5));

    @Test
    void printsTheScrubbersShareOfTheFrameTopologyBesideTheCopyRatio() {
        final StringWriter text = new StringWriter();
        WITH_FRAME.printText(new PrintWriter(text, true));
        assertThat(WITH_FRAME.frameShare()).isEqualTo(0.625);
        assertThat(text.toString())
                .contains("throughput scrub/copy: 0.25 (target 0.60: missed)")
                .contains("throughput frame/copy: 0.40")
                .contains("throughput scrub/frame: 0.63 (target 0.50: met)");
    }

    @Test
    void writesTheShareInJson() {
        final StringWriter json = new StringWriter();
        WITH_FRAME.printJson(new PrintWriter(json, true));
        assertThat(json.toString()).contains("\"ratio\":0.2500,\"frameRatio\":0.4000,\"frameShare\":0.6250,");
    }

    @Test
    void leavesTheShareOutWithoutAFrameRun() {
        final BenchResult withoutFrame = new BenchResult(MIX, 2, 100, 500, measured("scrub", 100_000, 4.0),
                measured("copy", 100_000, 1.0), null);
        final StringWriter text = new StringWriter();
        withoutFrame.printText(new PrintWriter(text, true));
        assertThat(withoutFrame.frameShare()).isNaN();
        assertThat(text.toString()).doesNotContain("scrub/frame");
    }

    @Test
    void printsTheCpuEachRecordCostAndTheirRatio() {
        final BenchResult result = new BenchResult(MIX, 2, 100, 500,
                new Measurement("scrub", 100_000, 40_000_000, 4.0, 0, 0, 0, 0, 0, 6_000_000_000L, 3_000_000_000L),
                new Measurement("copy", 100_000, 40_000_000, 1.0, 0, 0, 0, 0, 0, 1_000_000_000L, 500_000_000L),
                new Measurement("frame", 100_000, 40_000_000, 2.5, 0, 0, 0, 0, 0, 2_400_000_000L, 1_200_000_000L));
        final StringWriter text = new StringWriter();
        result.printText(new PrintWriter(text, true));
        final StringWriter json = new StringWriter();
        result.printJson(new PrintWriter(json, true));
        assertThat(text.toString()).contains("CPU us/rec").contains("60.0").contains("24.0")
                .contains("30.0").contains("CPU per record frame/scrub: 0.40");
        assertThat(json.toString()).contains("\"cpuMicrosPerRecord\":60.00").contains("\"cpuMicrosPerRecord\":24.00")
                .contains("\"streamsCpuMicrosPerRecord\":30.00");
        assertThat(measured("scrub", 10, 1.0).cpuMicrosPerRecord()).isNaN();
    }
}
