package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In a {@link String} of a log line's length, the secret scan searches each trigger literal by a rare character of
 * it ({@link AnchoredLiteral}): the {@code J} of {@code eyJ}, the {@code _} of {@code ghp_} and {@code github_pat_},
 * the {@code ~} of {@code sha256~}, the {@code z} of {@code /authorizations/}, the {@code B} of {@code -----BEGIN}.
 * Each secret is found after decoys that hold the anchor but not the literal, the same as in any other
 * {@link CharSequence}.
 */
class SecretTriggersTest {

    private final SecretDetector detector = new SecretDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            JWT             | [I 2021-05-05 10:02:42.206 JupyterHub log:189] jwt=x «eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqZG9lIn0.c2lnbmF0dXJl»
            GITHUB_TOKEN    | [I 2021-05-05 10:02:42.206 JupyterHub log:189] named_thing «ghp_abcdefghijklmnopqrstuvwxyz0123456789AB»
            GITHUB_TOKEN    | [I 2021-05-05 10:02:42.206 JupyterHub log:189] my_var «github_pat_abcdefghijklmnopqrstuvwxyz_0123»
            OPENSHIFT_TOKEN | [I 2021-05-05 10:02:42.206 JupyterHub log:189] ~/x «sha256~abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG»
            BEARER_TOKEN    | [I 2021-05-05 10:02:42.206 JupyterHub log:189] DELETE /hub/api/authorizations/token/«0123456789abcdef» x
            PRIVATE_KEY     | Begin: BEGIN «-----BEGIN RSA PRIVATE KEY-----\\nMIIEabc\\n-----END RSA PRIVATE KEY-----» tail of the line
            BEARER_TOKEN    | E0503 19:37:02.866939 authentication.go:53] Authorization: Bearer «abcdefghijklmnop0123456789» zz
            AWS_ACCESS_KEY  | I0427 19:19:02.124830 «AKIA0123456789ABCDEF» ASIA012345 «AKIAIOSFODNN7EXAMPLE» and more text
            """)
    void findsEachSecretPastDecoysOfItsAnchor(final FindingType type, final String marked) {
        final String text = MarkedText.unmark(marked);
        final List<Finding> fast = new ArrayList<>();
        detector.detect(text, fast);
        final List<Finding> plain = new ArrayList<>();
        detector.detect(new StringBuilder(text), plain);
        assertThat(fast).isEqualTo(MarkedText.expected(marked, type)).isEqualTo(plain);
    }
}
