package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObfuscatedEmailDetectorTest {

    private final ObfuscatedEmailDetector detector = new ObfuscatedEmailDetector();

    static Stream<Arguments> addresses() {
        return Stream.of(
                arguments("decimal entity", "<a>«jane&#64;example.org»</a>"),
                arguments("decimal entity, zero", "mail «jane&#064;example.org»."),
                arguments("hex entity", "«jane.doe&#x40;example.org», «j&#X40;example.co.uk»"),
                arguments("JSON escape in text", "msg=\"{\\\"email\\\":\\\"«jane\\u0040example.org»\\\"}\""),
                arguments("double escape", "«jane\\\\u0040example.org»"),
                arguments("round brackets", "contact «jane(at)example.org» today"),
                arguments("square brackets, spaced", "contact «jane [at] example [dot] org»; thanks"),
                arguments("round, spaced, upper", "«jane (AT) example (DOT) org»"),
                arguments("spaced at, plain dots", "by «jane.doe [at] mail.example.org»."),
                arguments("plus and digits", "«j+1(at)ex-ample.org»"),
                arguments("two", "«a&#64;example.org» «b[at]example.org»"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void findsObfuscatedAddressesWithExactSpans(final String name, final String marked) {
        assertThat(MarkedText.detect(detector, marked))
                .containsExactlyElementsOf(MarkedText.expected(marked, FindingType.EMAIL));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "look (at) this",
        "meet me (at) the office",
        "as shown (at) line 12 of main.go",
        "&#64; alone",
        "&#64;example.org",
        "user&#64;localhost",
        "jane&#64;example.1",
        "jane&#65;example.org &#x41; &#64 &#6;",
        "\\u0040Override public void run()",
        "jane\\u0041example.org",
        "jane at example dot org",
        "jane(at)example",
        "(at)example.org, [at] example.org",
        "jane [dot] doe [at]",
        "jane@example.org plain, found by the email detector",
        "[Az] (Ab) [a] (a &#",
    })
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jane&#64;example.org            | jane@example.org | &#64;     | .",
        "jane&#x40;example.org           | jane@example.org | &#x40;    | .",
        "jane\\u0040example.org          | jane@example.org | \\u0040   | .",
        "jane(at)example.org             | jane@example.org | (at)      | .",
        "jane [at] example [dot] org     | jane@example.org | ' [at] '  | ' [dot] '",
        "Jane (AT) Example (DOT) Org     | Jane@Example.Org | ' (AT) '  | ' (DOT) '",
    })
    void takesAnAddressApartAsWritten(final String span, final String address, final String at, final String dot) {
        assertThat(ObfuscatedEmailDetector.parse(span))
                .contains(new ObfuscatedEmailDetector.Obfuscation(address, at, dot));
    }
}
