package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In a {@link String}, the IP scan passes over separators that no address can start before (the colons of a time
 * stamp, the dots of a duration or a dotted name). Addresses next to such separators are still found, the same as in
 * any other {@link CharSequence}.
 */
class IpAddressSeparatorsTest {

    private final IpAddressDetector detector = new IpAddressDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            IPV4 | 10:02:47.190 «10.131.12.34»:8080
            IPV6 | at 19:21:28.160157 from «::ffff:198.51.100.7»
            IPV6 | t=10:02:42.206;«2001:db8:0:0:0:0:2:1»
            IPV6 | a:b:c:d:e:f «fe80::1»
            IPV6 | «1:2:3:4:5:6:192.0.2.1»
            IPV4 | v1.2.3.4 1.2.3 «192.0.2.1»
            IPV4 | 13.28ms 1.97ms «203.0.113.9».
            IPV6 | mac «00:1a:2b:3c:4d:5e:6f:70»
            IPV6 | mac 00:1a:2b:3c:4d:5e up
            IPV4 | time 10:02
            IPV6 | u=%5B«2001%3Adb8%3A%3A1»%5D
            IPV6 | 0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0 «::1»
            IPV6 | «ab:cd::ef» 12:34:56
            IPV6 | «12:34::1»
            """)
    void findsAddressesBesideTimeStampsAndDottedWords(final FindingType type, final String marked) {
        final String text = MarkedText.unmark(marked);
        final List<Finding> fast = new ArrayList<>();
        detector.detect(text, fast);
        final List<Finding> plain = new ArrayList<>();
        detector.detect(new StringBuilder(text), plain);
        assertThat(fast).isEqualTo(MarkedText.expected(marked, type)).isEqualTo(plain);
    }
}
