package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.EmailDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** Detections shared between the scrubbings of one record for several tiers: less work, the same results. */
class DetectionsTest {

    private static final MasterSecret SECRET = MasterSecret.of(new byte[32]);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "logs    | `[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/user/jdoe/ (jdoe@example.org@198.51.100.7) 9ms`",
        "logs    | `{\"message\":\"{\\\"user\\\":\\\"jdoe\\\",\\\"ip\\\":\\\"203.0.113.9\\\"}\",\"kubernetes\":{\"pod_name\":\"jupyterhub-nb-jdoe-40example-2eorg\"}}`",
        "logs    | `{\"message\":\"{not json jdoe@example.org\"}`",
        "events  | `{\"kind\":\"Event\",\"involvedObject\":{\"name\":\"jupyter-jdoe\"},\"message\":\"Pulled for jdoe@example.org on 192.0.2.1\"}`",
        "metrics | `container_cpu_usage_seconds_total{pod=\"jupyterhub-nb-jdoe-40example-2eorg\",instance=\"192.0.2.4:9100\"} 1.5`",
        "alerts  | `{\"receiver\":\"r\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"pod\":\"jupyter-jdoe\",\"user\":\"jdoe@example.org\"},\"annotations\":{\"summary\":\"token=abcdef0123456789 from 2001:db8::1\"},\"startsAt\":\"2021-05-05T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://p/graph\",\"fingerprint\":\"0123456789abcdef\"}],\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://a\",\"version\":\"4\",\"groupKey\":\"{}:{}\"}`",
    })
    void scrubbingEveryTierWithSharedDetectionsGivesWhatEachTierGivesAlone(final String kind, final String record) {
        final Map<Tier, Integer> epochs = new EnumMap<>(Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026));
        final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(SECRET, epochs, ScrubPolicy.defaults(),
                IdentityDirectory.empty());
        final RecordKind recordKind = RecordKind.fromName(kind).orElseThrow();
        final Detections detections = new Detections();

        final List<ScrubResult> alone = new ArrayList<>();
        final List<ScrubResult> shared = new ArrayList<>();
        for (final Tier tier : Tier.values()) {
            alone.add(scrubbers.get(tier).scrub(recordKind, record));
            shared.add(scrubbers.get(tier).scrub(recordKind, record, detections));
        }

        assertThat(shared).isEqualTo(alone);
        assertThat(alone).allSatisfy(result -> assertThat(result).isInstanceOf(ScrubResult.Scrubbed.class));
        assertThat(((ScrubResult.Scrubbed) alone.get(0)).output())
                .isNotEqualTo(((ScrubResult.Scrubbed) alone.get(1)).output());
    }

    private static final String LONG = "[I 2021-05-05 10:02:42.206 JupyterHub pages:402] jdoe@example.org is pending spawn";
    private static final String SHORT = "owner jdoe@example.org";

    @Test
    void aLongTextIsSearchedOnceByTheRewritersOfOneDetectionWithinARecord() {
        final AtomicInteger searches = new AtomicInteger();
        final Detection detection = new Detection(List.of(counting(searches)));
        final TextRewriter sanitized = new TextRewriter(detection, pseudonymizer(Tier.SANITIZED));
        final TextRewriter open = new TextRewriter(detection, pseudonymizer(Tier.PUBLIC));
        final FindingCounter counter = new FindingCounter(new Detections());

        final String first = sanitized.rewrite(LONG, counter);
        final String second = open.rewrite(LONG, counter);

        assertThat(LONG.length()).isGreaterThan(Detection.MAX_REMEMBERED_LENGTH);
        assertThat(searches).hasValue(1);
        assertThat(first).isEqualTo(sanitized.rewrite(LONG, new FindingCounter()));
        assertThat(second).isEqualTo(open.rewrite(LONG, new FindingCounter()))
                .isNotEqualTo(first).doesNotContain("jdoe");
        // Without a record's detections, a long text is searched every time.
        assertThat(searches).hasValue(3);
    }

    @Test
    void aShortTextIsSearchedOnceAcrossRecordsAndTiers() {
        final AtomicInteger searches = new AtomicInteger();
        final Detection detection = new Detection(List.of(counting(searches)));
        final TextRewriter sanitized = new TextRewriter(detection, pseudonymizer(Tier.SANITIZED));
        final TextRewriter open = new TextRewriter(detection, pseudonymizer(Tier.PUBLIC));

        final String first = sanitized.rewrite(SHORT, new FindingCounter());
        final String again = sanitized.rewrite(new String(SHORT), new FindingCounter(new Detections()));
        final String other = open.rewrite(SHORT, new FindingCounter());

        assertThat(searches).hasValue(1);
        assertThat(again).isEqualTo(first).startsWith("owner u").doesNotContain("jdoe");
        assertThat(other).isNotEqualTo(first).startsWith("owner u");
    }

    @Test
    void rewritersOfOtherDetectionsSearchForThemselves() {
        final AtomicInteger searches = new AtomicInteger();
        final TextRewriter one = new TextRewriter(List.of(counting(searches)), pseudonymizer(Tier.PUBLIC));
        final TextRewriter other = new TextRewriter(List.of(counting(searches), new EmailDetector()),
                pseudonymizer(Tier.PUBLIC));
        final FindingCounter counter = new FindingCounter(new Detections());

        one.rewrite(LONG, counter);
        other.rewrite(LONG, counter);
        one.rewrite(SHORT, counter);
        other.rewrite(SHORT, counter);

        assertThat(searches).hasValue(4);
    }

    /** The email detector, counting its searches. */
    private static Detector counting(final AtomicInteger searches) {
        final Detector emails = new EmailDetector();
        return (text, out) -> {
            searches.incrementAndGet();
            emails.detect(text, out);
        };
    }

    private static Pseudonymizer pseudonymizer(final Tier tier) {
        return new Pseudonymizer(
                new KeyedTokenizer(SECRET.deriveKey(tier.label(), 1, MasterSecret.Purpose.IDENTITY)),
                new KeyedTokenizer(SECRET.deriveKey(tier.label(), 1, MasterSecret.Purpose.DOMAIN)),
                new CryptoPan(SECRET.deriveKey(tier.label(), 1, MasterSecret.Purpose.IP)));
    }

    @Test
    void findingsAreRememberedByContentNotByInstance() {
        final Detections detections = new Detections();
        final Object owner = new Object();
        final List<Finding> found = detections.of(new String("a b"), owner, text -> List.of());
        final List<Finding> again = detections.of(new String("a b"), owner, text -> {
            throw new AssertionError("searched again");
        });
        assertThat(again).isSameAs(found);
    }
}
