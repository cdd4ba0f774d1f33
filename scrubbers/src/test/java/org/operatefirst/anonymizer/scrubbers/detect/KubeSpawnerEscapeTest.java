package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubeSpawnerEscapeTest {

    /** Pairs as KubeSpawner's escape_slug writes them (escapism, safe a-z0-9, escape char '-', lower-cased). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdoe@example.org   | jdoe-40example-2eorg",
        "tcoufal@redhat.com | tcoufal-40redhat-2ecom",
        "jane.roe           | jane-2eroe",
        "j-doe              | j-2ddoe",
        "JDoe               | -4a-44oe",
        "a_b                | a-5fb",
        "'a b'              | a-20b",
        "jürgen             | j-c3-bcrgen",
        "€                  | -e2-82-ac",
        "😀                 | -f0-9f-98-80",
        "gpu                | gpu",
        "007                | 007",
    })
    void escapesAndUnescapesLikeKubeSpawner(final String name, final String escaped) {
        assertThat(KubeSpawnerEscape.escape(name)).isEqualTo(escaped);
        assertThat(KubeSpawnerEscape.unescape(escaped)).contains(name);
        assertThat(KubeSpawnerEscape.scan(escaped, 0, escaped.length())).isEqualTo(escaped.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "-61bc",            // 'a' is never escaped
        "x-30",             // nor is '0'
        "a-0a",             // a control character
        "a-7f",             // DEL
        "a-c2-80",          // a C1 control character
        "a-de",             // a lead byte without its continuation
        "a-dez",            // ... followed by a plain character
        "a-80",             // a stray continuation byte
        "a-c0-af",          // overlong '/'
        "a-e0-80-af",       // overlong, three bytes
        "a-ed-a0-80",       // a surrogate
        "a-f4-90-80-80",    // above U+10FFFF
        "a-ff",             // never valid in UTF-8
    })
    void rejectsWhatEscapismNeverWrites(final String text) {
        assertThat(KubeSpawnerEscape.unescape(text)).isEmpty();
        if (!text.isEmpty()) {
            assertThat(KubeSpawnerEscape.scan(text, 0, text.length())).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "notebook-controller, 8",   // '-co' is not an escape: the name ends before it
        "jdoe--gpu, 4",             // '--' ends a user name and starts the server name separator
        "jdoe-40example-2eorg.167c, 20",
        "jdoe-4, 4",                // an escape cut short by the end of the text
        "jdoe-4A, 4",               // upper-case hex is not KubeSpawner's
        "-nb, 0",
        "Jdoe, 0",
    })
    void scanStopsAtTheFirstCharacterThatCannotContinueAName(final String text, final int end) {
        assertThat(KubeSpawnerEscape.scan(text, 0, text.length())).isEqualTo(end);
        assertThat(KubeSpawnerEscape.unescape(text)).isEmpty();
    }

    @Test
    void scanRespectsItsBounds() {
        final String text = "xxjdoe-40example-2eorgxx";
        assertThat(KubeSpawnerEscape.scan(text, 2, 22)).isEqualTo(22);
        // An escape that the upper bound cuts in two ends the name before it.
        assertThat(KubeSpawnerEscape.scan(text, 2, 8)).isEqualTo(6);
        // A multi-byte character cut in two is not a name.
        assertThat(KubeSpawnerEscape.scan("j-c3-bc", 0, 4)).isEqualTo(-1);
    }

    @Test
    void toleratesNullAndUnpairedSurrogates() {
        assertThat(KubeSpawnerEscape.unescape(null)).isEmpty();
        assertThat(KubeSpawnerEscape.escape("a\ud800b")).isEqualTo("a-3fb");
    }
}
