package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnchoredLiteralTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jupyter-         | pod jupyter-jdoe                  | 0  | 4
            jupyter-         | pod jupyter-jdoe                  | 5  | -1
            jupyter-         | jupyterhub jupyter jupyter-a      | 0  | 19
            jupyter-         | JUPYTER-jdoe                      | 0  | -1
            claim-           | a claim-jdoe and claim-x          | 3  | 17
            sha256~          | sha256:ab sha256~abc              | 0  | 10
            --               | 2021-05-05 jupyter-jdoe--server   | 0  | 23
            ---              | a-b--c---d                        | 0  | 6
            """)
    void findsTheFirstOccurrenceFromAnIndex(final String literal, final String text, final int from,
            final int expected) {
        assertThat(AnchoredLiteral.of(literal).next(text, from)).isEqualTo(expected);
        // The same occurrence as a search of the whole literal, whichever character anchors it.
        assertThat(text.indexOf(literal, from)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jupyter-   | j
            claim-     | c
            sha256~    | ~
            hub_name   | _
            """)
    void anchorsALiteralByItsRarestCharacter(final String literal, final char anchor) {
        final AnchoredLiteral search = AnchoredLiteral.of(literal);
        assertThat(search.anchor()).isEqualTo(anchor);
        if (search.offset() >= 0) {
            assertThat(literal.charAt(search.offset())).isEqualTo(anchor);
        }
    }

    @Test
    void findsAShapeByAnAnchorAfterTheLiteral() {
        final AnchoredLiteral gitHub = new AnchoredLiteral("gh", '_', 3);
        assertThat(gitHub.next("high ghp ghx_1 ghp_abc", 0)).isEqualTo(9);
        assertThat(gitHub.next("high ghp ghx_1 ghp_abc", 10)).isEqualTo(15);
        assertThat(gitHub.next("gh_ ghp", 0)).isEqualTo(-1);
    }

    @Test
    void refusesAnAnchorOutsideTheLiteral() {
        assertThatThrownBy(() -> AnchoredLiteral.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnchoredLiteral.of("claim-", 'z')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnchoredLiteral("claim-", 'z', 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
