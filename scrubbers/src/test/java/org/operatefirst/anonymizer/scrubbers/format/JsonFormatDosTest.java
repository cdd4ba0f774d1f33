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
 * JSON built to make a careless walker quadratic, recursive or unbounded: megabyte strings, 100k keys, nesting up to
 * and far over the limit, runs of escapes and {@code @}. Each record must be scrubbed or rejected well inside the
 * timeout; a linear pass takes milliseconds.
 */
class JsonFormatDosTest {

    private static final int RUN = 100_000;
    private static final int MEGABYTE = 1_000_000;

    private static final Scrubber SCRUBBER = Scrubber.create(MasterSecret.of(new byte[32]), Tier.PUBLIC, 2026,
            ScrubPolicy.defaults());

    static Stream<Arguments> hostileRecords() {
        return Stream.of(
                arguments(RecordKind.EVENTS, "1 MB string of emails",
                        "{\"message\":\"" + repeatTo("jdoe@example.org ", MEGABYTE) + "\"}", null),
                arguments(RecordKind.EVENTS, "1 MB string of escapes around addresses",
                        "{\"message\":\"" + repeatTo("\\\"10.131.3.21\\\"\\n\\u0040", MEGABYTE) + "\"}", null),
                arguments(RecordKind.EVENTS, "1 MB key", "{\"" + repeatTo("jdoe@example.org", MEGABYTE) + "\":1}",
                        JsonFormat.REASON_LIMIT),
                arguments(RecordKind.EVENTS, "5 M characters in one string", "{\"a\":\"" + "b".repeat(5 << 20) + "\"}",
                        JsonFormat.REASON_LIMIT),
                arguments(RecordKind.EVENTS, "100k keys", keys(RUN, "jdoe@example.org"), null),
                arguments(RecordKind.EVENTS, "100k secret keys", keys(RUN, "password"), null),
                arguments(RecordKind.EVENTS, "100k user names in an array",
                        "{\"user\":[" + "\"jdoe\",".repeat(RUN) + "\"jdoe\"]}", null),
                arguments(RecordKind.EVENTS, "a removed field before 100k keys",
                        "{\"metadata\":{\"managedFields\":[1]," + keys(RUN, "k").substring(1) + "}", null),
                arguments(RecordKind.EVENTS, "a removed field of 100k elements",
                        "{\"metadata\":{\"managedFields\":[" + "{\"f:x\":{}},".repeat(RUN) + "{}]}}", null),
                arguments(RecordKind.EVENTS, "100k nested arrays", "[".repeat(RUN) + "]".repeat(RUN),
                        JsonFormat.REASON_TOO_DEEP),
                arguments(RecordKind.EVENTS, "100k nested objects", "{\"a\":".repeat(RUN) + "1" + "}".repeat(RUN),
                        JsonFormat.REASON_TOO_DEEP),
                arguments(RecordKind.EVENTS, "100k opening brackets, never closed", "[".repeat(RUN),
                        JsonFormat.REASON_TOO_DEEP),
                arguments(RecordKind.EVENTS, "100k nested arrays in a removed field",
                        "{\"metadata\":{\"managedFields\":" + "[".repeat(RUN) + "]".repeat(RUN) + "}}",
                        JsonFormat.REASON_TOO_DEEP),
                arguments(RecordKind.EVENTS, "nesting at the limit, 1000 times",
                        "[" + ("[".repeat(63) + "]".repeat(63) + ",").repeat(999) + "[".repeat(63)
                                + "]".repeat(63) + "]", null),
                arguments(RecordKind.EVENTS, "100k @ in a string", "{\"a\":\"" + "@".repeat(RUN) + "\"}", null),
                arguments(RecordKind.EVENTS, "100k @ in a user name field", "{\"user\":\"" + "@".repeat(RUN) + "\"}",
                        null),
                arguments(RecordKind.EVENTS, "100k escaped quotes", "{\"a\":\"" + "\\\"".repeat(RUN) + "\"}", null),
                arguments(RecordKind.EVENTS, "100k backslashes, one unpaired", "{\"a\":\"" + "\\".repeat(RUN + 1) + "\"}",
                        JsonFormat.REASON_INVALID_JSON),
                arguments(RecordKind.EVENTS, "100k array elements of addresses",
                        "[" + "\"10.131.3.21\",".repeat(RUN) + "1]", null),
                arguments(RecordKind.EVENTS, "100k values after the document", "{}" + " {}".repeat(RUN),
                        JsonFormat.REASON_INVALID_JSON),
                arguments(RecordKind.EVENTS, "100k digits", "{\"a\":" + "1".repeat(RUN) + "}", JsonFormat.REASON_LIMIT),
                arguments(RecordKind.EVENTS, "100k blanks", " ".repeat(RUN) + "{}" + " ".repeat(RUN), null),
                arguments(RecordKind.LOGS, "100k embedded log lines",
                        "{\"log\":\"" + "{\\\"log\\\":\\\"x\\\"} ".repeat(RUN) + "jdoe@example.org\"}", null),
                arguments(RecordKind.LOGS, "1 MB broken JSON line of emails",
                        "{\"a\":\"" + repeatTo("jdoe@example.org ", MEGABYTE), null),
                arguments(RecordKind.LOGS, "100k opening braces", "{".repeat(RUN), null),
                arguments(RecordKind.ALERTS, "100k alerts",
                        "{\"alerts\":[" + "{\"labels\":{\"pod\":\"10.131.3.21\"},\"fingerprint\":\"x\"},".repeat(RUN)
                                + "{}]}", null),
                arguments(RecordKind.ALERTS, "an alert of 100k labels",
                        "{\"alerts\":[{\"fingerprint\":\"x\",\"labels\":" + keys(RUN, "jdoe@example.org") + "}]}",
                        null),
                arguments(RecordKind.ALERTS, "a group key of 100k labels",
                        "{\"groupKey\":\"{}:{" + "user=\\\"jdoe\\\", ".repeat(RUN / 2) + "a=\\\"b\\\"}\"}", null),
                arguments(RecordKind.ALERTS, "a group key of 100k quotes",
                        "{\"groupKey\":\"" + "=\\\"".repeat(RUN) + "jdoe@example.org\"}", null));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostileRecords")
    // A linear pass takes milliseconds; the margin is for a cold JIT on a loaded build machine.
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void finishesInLinearTime(final RecordKind kind, final String name, final String record, final String reason) {
        final ScrubResult result = SCRUBBER.scrub(kind, record);
        if (reason == null) {
            assertThat(result).isInstanceOf(ScrubResult.Scrubbed.class);
            final String output = ((ScrubResult.Scrubbed) result).output();
            // Checked one by one: a failure must not print megabytes. Pseudonyms are random letters and may hold
            // "jdoe", so the user name is looked for between quotes.
            for (final String raw : new String[] {"example.org", "10.131.", "\"jdoe\"", "\\\"jdoe\\\""}) {
                assertThat(output.contains(raw)).as("%s in the output", raw).isFalse();
            }
        } else {
            assertThat(result).isInstanceOf(ScrubResult.Failed.class)
                    .extracting(r -> ((ScrubResult.Failed) r).reason()).isEqualTo(reason);
        }
    }

    /** An object of distinct keys, each a number and a suffix, with short values. */
    private static String keys(final int count, final String suffix) {
        final StringBuilder sb = new StringBuilder(count * (suffix.length() + 12)).append('{');
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(i).append(suffix).append("\":\"v").append(i).append('"');
        }
        return sb.append('}').toString();
    }

    private static String repeatTo(final String unit, final int length) {
        final StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        return sb.toString();
    }
}
