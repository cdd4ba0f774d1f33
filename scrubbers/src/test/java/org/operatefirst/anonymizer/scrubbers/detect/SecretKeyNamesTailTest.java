package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SecretKeyNames#mayBeName} is a necessary condition of a key being a secret or query secret name. */
class SecretKeyNamesTailTest {

    private static final String[] PIECES = {"password", "passwd", "pwd", "pass", "secret", "token", "api", "key",
        "x", "auth", "authorization", "proxy", "private", "access", "aws", "session", "credential", "s", "cookie",
        "set", "client", "code", "state", "verifier", "PASS", "Word", "TOKEN", "Key", "-", "_", ".", "/", "1", "é"};

    @ParameterizedTest
    @ValueSource(strings = {"password", "DB_PASSWORD", "db.password", "passwd", "pwd", "PWD", "pass", "secret",
        "clientSecret", "token", "access_token", "X-Auth-Token", "apiKey", "api_key", "x-api-key", "Authorization",
        "Proxy-Authorization", "private_key", "secret_key", "aws_secret_access_key", "credentials", "credential",
        "Cookie", "Set-Cookie", "code", "state", "code_verifier", "session_state", "token_", "t-o-k-e-n",
        "password.."})
    void acceptsEverySecretName(final String key) {
        assertThat(SecretKeyNames.mayBeName(key, 0, key.length())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            log        | 0 | 3
            error      | 0 | 5
            pages      | 0 | 5
            serviceaccount | 0 | 14
            tokenSecretRef | 0 | 14
            token_type | 0 | 10
            pa         | 0 | 2
            xpassword  | 1 | 4
            tok en     | 0 | 6
            """)
    void rejectsKeysThatAreNoSecretName(final String text, final int start, final int end) {
        assertThat(SecretKeyNames.mayBeName(text, start, end)).isFalse();
        assertThat(SecretKeyNames.isQuerySecretName(text.substring(start, end))).isFalse();
    }

    @Test
    void neverRejectsASecretName() {
        final Random random = new Random(46);
        for (int round = 0; round < 200_000; round++) {
            final StringBuilder key = new StringBuilder();
            for (int k = random.nextInt(5); k >= 0; k--) {
                key.append(PIECES[random.nextInt(PIECES.length)]);
            }
            final String name = key.toString();
            if (SecretKeyNames.isQuerySecretName(name)) {
                assertThat(SecretKeyNames.mayBeName(name, 0, name.length())).as(name).isTrue();
            }
        }
    }
}
