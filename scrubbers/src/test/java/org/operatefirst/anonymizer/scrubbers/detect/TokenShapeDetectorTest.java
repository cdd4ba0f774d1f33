package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenShapeDetectorTest {

    private static final String AWS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final TokenShapeDetector detector = new TokenShapeDetector();

    static Stream<Arguments> secrets() {
        return Stream.of(
                arguments("slack bot", FindingType.SLACK_TOKEN, "token «xoxb-123456789012-abcdefABCDEF» sent"),
                arguments("slack user", FindingType.SLACK_TOKEN, "«xoxp-1234-5678-abcdef0123»"),
                arguments("google", FindingType.GOOGLE_API_KEY, "key=«AIzaSyA1234567890abcdefghijklmnopqrstuv»&q=1"),
                arguments("gitlab", FindingType.GITLAB_TOKEN, "PRIVATE-TOKEN: «glpat-abcdefghij0123456789»"),
                arguments("npm", FindingType.NPM_TOKEN, "//registry.npmjs.org/:_authToken=«npm_abcdefghijklmnopqrstuvwxyz0123456789»"),
                arguments("basic", FindingType.BASIC_AUTH, "Authorization: Basic «dXNlcjpwYXNz»"),
                arguments("basic in json", FindingType.BASIC_AUTH, "{\"authorization\":\"Basic «dXNlcjpwYXNzd29yZA==»\"}"),
                arguments("jsessionid", FindingType.SESSION_ID, "GET /app;jsessionid=«0123456789ABCDEF»?x=1"),
                arguments("sid", FindingType.SESSION_ID, "/x?a=1&sid=«abcdef0123456789»&b=2"),
                arguments("session_id", FindingType.SESSION_ID, "/x?session_id=«abcdef0123456789»"),
                arguments("phpsessid", FindingType.SESSION_ID, "/x?PHPSESSID=«abcdef0123456789» HTTP/1.1"),
                arguments("url credentials with #", FindingType.URL_CREDENTIALS, "https://«admin:p#ss»@db.example.org/x"),
                arguments("url credentials with ! and @", FindingType.URL_CREDENTIALS,
                        "postgres://«app:p!w@rd»@db.example.org:5432/db"),
                arguments("aws secret, named", FindingType.AWS_SECRET_KEY, "aws_secret_access_key «" + AWS_KEY + "»"),
                arguments("aws secret, prose", FindingType.AWS_SECRET_KEY, "AWS secret is «" + AWS_KEY + "», rotate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void findsSecretsWithExactSpans(final String name, final FindingType type, final String marked) {
        assertThat(MarkedText.detect(detector, marked)).containsExactlyElementsOf(MarkedText.expected(marked, type));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "xoxb-short",
        "xoxz-123456789012-abcdef",
        "AIzaShort",
        "glpat-short",
        "npm_short and npm_install",
        "Basic authentication is enabled",
        "Authorization: Bearer abc",
        "/x?sid=short&session=1",
        "/x?consider=abcdef0123456789",
        "https://user:plainpassword@db.example.org/ (the secret detector's)",
        "https://db.example.org/a@b",
        "mailto:jdoe@example.org",
        "digest " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4" + " for aws",
        "aws region us-east-1, commit 0123456789abcdef0123456789abcdef01234567",
        "550e8400-e29b-41d4-a716-446655440000 v1.2.3 1.3.6.1.4.1 13.28ms system:serviceaccount:ns:sa",
        "a key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY before the word aws is not taken",
        "aws: the key is more than eighty characters after the word, which is the limit, so it is not taken"
                + " wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    })
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }
}
