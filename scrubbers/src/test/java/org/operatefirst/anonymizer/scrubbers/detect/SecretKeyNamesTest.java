package org.operatefirst.anonymizer.scrubbers.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeyNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "passwd", "pwd", "secret", "token", "api_key", "API-Key",
        "apiKey", "x-api-key", "Authorization", "access_token", "refresh_token", "id_token", "client_secret",
        "clientSecret", "db.password", "aws_secret_access_key", "AWS_SESSION_TOKEN", "X-Auth-Token", "Cookie",
        "github_token", "private_key"})
    void secretNames(final String name) {
        assertTrue(SecretKeyNames.isSecretName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "state", "code_verifier", "session_state", "access_token", "client_secret",
        "password"})
    void querySecretNames(final String name) {
        assertTrue(SecretKeyNames.isQuerySecretName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "client_id", "response_type", "redirect_uri", "token_type", "expires_in", "scope",
        "codes", "grant_type", "a b"})
    void otherQueryNames(final String name) {
        assertFalse(SecretKeyNames.isQuerySecretName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user", "username", "secretName", "tokenSecretRef", "token_type", "expires_in",
        "tokens", "passwords_changed", "resourceVersion", "uid", "message", "pass word", "state", "code",
        "keypassword-is-much-too-long-to-be-any-field-name-anyone-has-ever-written-x"})
    void otherNames(final String name) {
        assertFalse(SecretKeyNames.isSecretName(name), name);
    }
}
