package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

class DetectionTest {

    /** Finds every occurrence of a word, as one type. */
    private static Detector word(final String word, final FindingType type) {
        return (text, out) -> {
            for (int at = text.toString().indexOf(word); at >= 0; at = text.toString().indexOf(word, at + 1)) {
                out.add(new Finding(type, at, at + word.length()));
            }
        };
    }

    private final Detector emails = word("jdoe@example.org", FindingType.EMAIL);
    private final Detector names = word("jdoe", FindingType.USERNAME);
    private final Detector servers = word("gpu", FindingType.USERNAME);

    @Test
    void aDetectionWithOneMoreDetectorFindsWhatAllOfThemFindTogether() {
        final Detection base = new Detection(List.of(emails));
        final Detection together = new Detection(List.of(emails, names));
        final Detection with = base.with(names);

        for (final String text : List.of("mail jdoe@example.org", "user jdoe", "mail jdoe@example.org for jdoe",
                "nothing here", "")) {
            base.find(text);
            assertThat(with.find(text)).as(text).isEqualTo(together.find(text));
        }
    }

    @Test
    void whatTheExtraDetectorFindsNeverReachesTheBaseOrItsMemo() {
        final Detection base = new Detection(List.of(emails));
        final Detection with = base.with(names);

        assertThat(with.find("user jdoe")).hasSize(1);
        assertThat(base.find("user jdoe")).isEmpty();
    }

    @Test
    void aTextTheExtraDetectorFindsNothingInIsNotSearchedAgain() {
        final AtomicInteger searches = new AtomicInteger();
        final Detector counting = (text, out) -> searches.incrementAndGet();
        final Detection base = new Detection(List.of(counting));
        final Detection with = base.with(names);

        base.find("kubernetes_logs");
        with.find("kubernetes_logs");
        with.find("user jdoe");

        assertThat(searches).as("once for the base's memo, once for the text the extra detector found in")
                .hasValue(2);
    }

    @Test
    void aDetectionWithTwoMoreDetectorsKeepsBoth() {
        final Detection twice = new Detection(List.of(emails)).with(names).with(servers);
        final Detection together = new Detection(List.of(emails, names, servers));

        for (final String text : List.of("jdoe on gpu", "jdoe", "gpu", "jdoe@example.org on gpu", "none")) {
            assertThat(twice.find(text)).as(text).isEqualTo(together.find(text));
        }
    }
}
