package org.operatefirst.anonymizer.scrubbers.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * Exposition text built to make a careless parser quadratic or unbounded: megabyte lines, label sets of 100k labels,
 * runs of quotes, backslashes and braces. Each record must be scrubbed or rejected well inside the timeout; a
 * linear scan takes milliseconds.
 */
class PrometheusTextFormatDosTest {

    private static final int RUN = 100_000;
    private static final int MEGABYTE = 1_000_000;

    private static final Scrubber SCRUBBER = Scrubber.create(MasterSecret.of(new byte[32]), Tier.PUBLIC, 2026,
            ScrubPolicy.defaults());

    /** Whether a hostile record is scrubbed or rejected, and with what. */
    private enum Outcome { SCRUBBED, NOT_EXPOSITION }

    static Stream<Arguments> hostileRecords() {
        return Stream.of(
                arguments("1 MB label value of emails",
                        "x{msg=\"" + repeatTo("jdoe@example.org ", MEGABYTE) + "\"} 1", Outcome.SCRUBBED),
                arguments("1 MB label value of addresses",
                        "x{instance=\"" + repeatTo("10.131.3.21:9100,", MEGABYTE) + "\"} 1", Outcome.SCRUBBED),
                arguments("1 MB line of 1000 labels of 1 kB",
                        "x{" + "a=\"".concat(repeatTo("b", 1000)).concat("\",").repeat(1000) + "} 1",
                        Outcome.SCRUBBED),
                arguments("1 MB value", "x " + "1".repeat(MEGABYTE), Outcome.SCRUBBED),
                arguments("1 MB comment of emails", "#" + repeatTo(" jdoe@example.org", MEGABYTE), Outcome.SCRUBBED),
                arguments("line over the limit",
                        "x{a=\"" + "b".repeat(PrometheusTextFormat.MAX_LINE_LENGTH) + "\"} 1", Outcome.NOT_EXPOSITION),
                arguments("100k labels", "x{" + "a=\"b\",".repeat(RUN) + "} 1", Outcome.NOT_EXPOSITION),
                arguments("100k exemplar labels", "x 1 # {" + "a=\"b\",".repeat(RUN) + "} 1", Outcome.NOT_EXPOSITION),
                arguments("100k escaped quotes", "x{a=\"" + "\\\"".repeat(RUN) + "\"} 1", Outcome.SCRUBBED),
                arguments("100k escaped backslashes", "x{a=\"" + "\\\\".repeat(RUN) + "\"} 1", Outcome.SCRUBBED),
                arguments("100k escapes around an email",
                        "x{a=\"" + "\\\"\\\\\\n".repeat(RUN / 6) + "jdoe@example.org"
                                + "\\n\\\\\\\"".repeat(RUN / 6) + "\"} 1",
                        Outcome.SCRUBBED),
                arguments("100k quotes", "x{a=\"" + "\"".repeat(RUN) + "} 1", Outcome.NOT_EXPOSITION),
                arguments("100k backslashes, one unpaired", "x{a=\"" + "\\".repeat(RUN + 1) + "\"} 1",
                        Outcome.NOT_EXPOSITION),
                arguments("100k escaped quotes, never closed", "x{a=\"" + "\\\"".repeat(RUN), Outcome.NOT_EXPOSITION),
                arguments("100k opening braces", "x" + "{".repeat(RUN), Outcome.NOT_EXPOSITION),
                arguments("100k equals signs", "x{a" + "=".repeat(RUN), Outcome.NOT_EXPOSITION),
                arguments("100k commas", "x{a=\"b\"" + ",".repeat(RUN) + "} 1", Outcome.NOT_EXPOSITION),
                arguments("100k hashes", "#".repeat(RUN), Outcome.SCRUBBED),
                arguments("100k exemplar hashes", "x 1 " + "# ".repeat(RUN), Outcome.NOT_EXPOSITION),
                arguments("100k HELP escapes and an email",
                        "# HELP x " + "\\\\\\n\\\"".repeat(RUN) + " jdoe@example.org", Outcome.SCRUBBED),
                arguments("100k series of distinct addresses", series(RUN), Outcome.SCRUBBED),
                arguments("100k CRLF", "\r\n".repeat(RUN), Outcome.SCRUBBED),
                arguments("100k blanks before a value", "x" + " ".repeat(RUN) + "1", Outcome.SCRUBBED),
                arguments("100k signs", "x " + "+".repeat(RUN), Outcome.NOT_EXPOSITION),
                arguments("JSON key with 100k escapes", "{\"" + "\\\"".repeat(RUN) + "\":1}", Outcome.SCRUBBED),
                arguments("JSON key never closed", "{\"" + "a\\".repeat(RUN), Outcome.NOT_EXPOSITION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRecords")
    // Quadratic work on these inputs takes minutes; 10 s leaves room for a busy 2-core machine.
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void finishesInLinearTime(final String name, final String record, final Outcome expected) {
        final ScrubResult result = SCRUBBER.scrub(RecordKind.METRICS, record);
        switch (expected) {
            case SCRUBBED -> {
                assertThat(result).isInstanceOf(ScrubResult.Scrubbed.class);
                assertThat(((ScrubResult.Scrubbed) result).output()).doesNotContain("jdoe", "10.131.");
            }
            case NOT_EXPOSITION -> assertThat(result).isInstanceOf(ScrubResult.Failed.class)
                    .extracting(r -> ((ScrubResult.Failed) r).reason())
                    .isEqualTo(PrometheusTextFormat.REASON_NOT_EXPOSITION);
        }
    }

    private static String series(final int count) {
        final StringBuilder sb = new StringBuilder(count * 40);
        for (int i = 0; i < count; i++) {
            sb.append("up{instance=\"10.").append(130 + (i >> 16)).append('.').append(i >> 8 & 0xff).append('.')
                    .append(i & 0xff).append(":9100\"} 1\n");
        }
        return sb.toString();
    }

    private static String repeatTo(final String unit, final int length) {
        final StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        return sb.toString();
    }
}
