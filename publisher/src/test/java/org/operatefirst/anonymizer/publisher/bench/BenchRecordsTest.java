package org.operatefirst.anonymizer.publisher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

class BenchRecordsTest {

    private static final Map<RecordKind, List<String>> SAMPLES = Map.of(
            RecordKind.LOGS, List.of("GET /user/jdoe@example.org/ from 192.0.2.7:8080"),
            RecordKind.EVENTS, List.of("{\"name\":\"jupyterhub-nb-jdoe-40example-2eorg\",\"ip\":\"198.51.100.106/23\"}"),
            RecordKind.METRICS, List.of("up{instance=\"203.0.113.110:9100\",user=\"jdoe%40example.org\"} 1\n"),
            RecordKind.ALERTS, List.of("{\"owner\":\"Jane.Roe+lab@Example.ORG\",\"host\":\"2001:db8::1\"}"));

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(RecordKind.LOGS, "GET /user/user{u}@example.org/ from 192.0.2.{o}:8080"),
                Arguments.of(RecordKind.EVENTS,
                        "{\"name\":\"jupyterhub-nb-user{u}-40example-2eorg\",\"ip\":\"198.51.100.{o}/23\"}"),
                Arguments.of(RecordKind.METRICS,
                        "up{instance=\"203.0.113.{o}:9100\",user=\"user{u}%40example.org\"} 1\n"),
                Arguments.of(RecordKind.ALERTS,
                        "{\"owner\":\"Jane.Roe{u}+lab@Example.ORG\",\"host\":\"2001:db8::1\"}"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void variesTheUserInEveryEncodingAndTheLastOctetOfDocumentationAddresses(final RecordKind kind,
            final String shape) {
        final BenchRecords records = new BenchRecords(SAMPLES, new RecordMix(Map.of(kind, 1)), 7, 1000);
        final Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            final BenchRecords.Generated record = records.next();
            assertThat(record.kind()).isEqualTo(kind);
            final String text = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("jdoe").doesNotContain("Roe+");
            assertThat(matchesShape(text, shape)).as(text).isTrue();
            distinct.add(text);
        }
        assertThat(distinct).hasSizeGreaterThan(150);
    }

    /** Whether the text is the shape with {u} a number below 1000 and {o} an octet from 1 to 254. */
    private static boolean matchesShape(final String text, final String shape) {
        final String regex = java.util.regex.Pattern.quote(shape)
                .replace("{u}", "\\E([0-9]{1,3})\\Q").replace("{o}", "\\E([1-9][0-9]{0,2})\\Q");
        final java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (Integer.parseInt(matcher.group(group)) > 999) {
                return false;
            }
        }
        return !shape.contains("{o}") || octetInRange(text);
    }

    private static boolean octetInRange(final String text) {
        for (final String prefix : List.of("192.0.2.", "198.51.100.", "203.0.113.")) {
            final int at = text.indexOf(prefix);
            if (at >= 0) {
                int end = at + prefix.length();
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                final int octet = Integer.parseInt(text.substring(at + prefix.length(), end));
                return octet >= 1 && octet <= 254;
            }
        }
        return false;
    }

    @Test
    void followsTheMixAndIsDeterministicForASeed() {
        final RecordMix mix = RecordMix.parse("logs=60,events=20,metrics=15,alerts=5");
        final BenchRecords first = new BenchRecords(SAMPLES, mix, 42, 10_000);
        final BenchRecords second = new BenchRecords(SAMPLES, mix, 42, 10_000);
        final Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        final List<String> firstTexts = new ArrayList<>();
        final List<String> secondTexts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            final BenchRecords.Generated record = first.next();
            counts.merge(record.kind(), 1, Integer::sum);
            firstTexts.add(new String(record.value(), StandardCharsets.UTF_8));
            secondTexts.add(new String(second.next().value(), StandardCharsets.UTF_8));
        }
        assertThat(firstTexts).isEqualTo(secondTexts);
        assertThat(counts.get(RecordKind.LOGS)).isBetween(5_700, 6_300);
        assertThat(counts.get(RecordKind.EVENTS)).isBetween(1_800, 2_200);
        assertThat(counts.get(RecordKind.METRICS)).isBetween(1_300, 1_700);
        assertThat(counts.get(RecordKind.ALERTS)).isBetween(400, 600);
    }

    @Test
    void refusesAMixWithAKindThatHasNoSamples() {
        final RecordMix mix = RecordMix.parse("logs=1,alerts=1");
        assertThatThrownBy(() -> new BenchRecords(Map.of(RecordKind.LOGS, List.of("x")), mix, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alerts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1192.0.2.7 is not a documentation address",
        "192.0.2.x has no octet",
        "version 10.192.0.2 stays",
    })
    void leavesNearMissesOfDocumentationAddressesAlone(final String text) {
        final BenchRecords records = new BenchRecords(Map.of(RecordKind.LOGS, List.of(text)),
                RecordMix.parse("logs=1"), 3, 5);
        assertThat(new String(records.next().value(), StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
