package org.operatefirst.anonymizer.publisher.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The playground's highlights: where a dry run's output differs from its input, and what replaced it. */
class ChangeSpansTest {

    @Test
    void eachRewrittenIdentifierIsOneChangeWithItsPositionsOnBothSides() {
        final String input = "GET /user/jdoe@example.org/ from 192.0.2.7 ok";
        final String output = "GET /user/uabcdefghijkl@dabcdefgh.invalid/ from 198.18.4.1 ok";
        final List<ChangeSpans.Change> changes = ChangeSpans.between(input, output);
        assertThat(changes).hasSize(2);
        assertThat(input.substring(changes.get(0).inputStart(), changes.get(0).inputEnd()))
                .isEqualTo("jdoe@example.org");
        assertThat(output.substring(changes.get(0).outputStart(), changes.get(0).outputEnd()))
                .isEqualTo("uabcdefghijkl@dabcdefgh.invalid");
        assertThat(changes.get(0).type()).isEqualTo("email");
        assertThat(input.substring(changes.get(1).inputStart(), changes.get(1).inputEnd())).isEqualTo("192.0.2.7");
        assertThat(changes.get(1).type()).isEqualTo("ip");
    }

    @Test
    void aRemovedJsonFieldIsAChangeWithAnEmptyOutputSpan() {
        final String input = "{\"a\":1,\"password\":\"hunter2\"}";
        final String output = "{\"a\":1,\"password\":\"[REDACTED:secret-field]\"}";
        final List<ChangeSpans.Change> changes = ChangeSpans.between(input, output);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo("secret:secret-field");
            assertThat(input.substring(change.inputStart(), change.inputEnd())).isEqualTo("hunter2");
        });
    }

    @Test
    void identicalTextsHaveNoChanges() {
        assertThat(ChangeSpans.between("nothing personal here", "nothing personal here")).isEmpty();
        assertThat(ChangeSpans.between("", "")).isEmpty();
    }

    @Test
    void aHugeDifferenceIsOneChangeInsteadOfAQuadraticComparison() {
        final String input = "x ".repeat(3000);
        final String output = "y ".repeat(3000);
        assertThat(ChangeSpans.between(input, output)).singleElement()
                .satisfies(change -> assertThat(change.inputEnd() - change.inputStart()).isEqualTo(5999));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "uabcdefghijkl@dabcdefgh.invalid          | email",
        "uabcdefghijkl%40dabcdefgh.invalid        | email",
        "/user/uabcdefghijkl/                     | username",
        "198.18.4.1                               | ip",
        "2001:db8::9                              | ip",
        "[REDACTED:github-token]                  | secret:github-token",
        "00:50:56:9a:3c:01                        | mac",
        "ether 06-A1-7F-22-3C-01 up               | mac",
        "0050.569a.3c01                           | mac",
        "uabcdefghijkl@dabcdefgh.invalid@198.18.4.1 | email+ip",
        "jupyterhub-nb-x                          | rewritten",
        // near misses: too short for a pseudonym, not an address
        "uabc                                     | rewritten",
        "1.2.3                                    | rewritten",
    })
    void aChangeIsTypedByTheShapeOfItsReplacement(final String replacement, final String type) {
        assertThat(ChangeSpans.type(replacement)).isEqualTo(type);
    }
}
