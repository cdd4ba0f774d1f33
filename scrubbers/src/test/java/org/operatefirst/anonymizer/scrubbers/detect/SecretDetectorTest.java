package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each row shows the text with every finding replaced by {@code <type>}: the exact span and type at once. All
 * secrets here are made up; AKIAIOSFODNN7EXAMPLE is AWS's documentation example.
 */
class SecretDetectorTest {

    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZG9lIn0.c2lnbmF0dXJlLW5vdC1yZWFs";
    static final String OPENSHIFT = "sha256~Q2hhbmdlVGhpc0lzTm90QVJlYWxUb2tlbkF0QWxsMTI";
    static final String GITHUB = "ghp_EXAMPLE0example1EXAMPLE2example3EXAM";
    static final String GITHUB_PAT = "github_pat_11EXAMPLE0_" + "aB3".repeat(20);
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DIGEST = "sha256:eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af";

    private final SecretDetector detector = new SecretDetector();

    /** Backslashes are written as {@code §} in the rows below, so that escaped JSON stays readable. */
    private static String bs(final String text) {
        return text.replace('§', '\\');
    }

    static Stream<Arguments> secrets() {
        return Stream.of(
                // secret fields in text
                arguments("key=value", "login password=hunter2 user=x", "login password=<password> user=x"),
                arguments("key: value", "password: hunter2", "password: <password>"),
                arguments("blanks around =", "password = hunter2", "password = <password>"),
                arguments("json", "{\"password\":\"Tr0ub4dor&3\",\"user\":\"x\"}",
                        "{\"password\":\"<password>\",\"user\":\"x\"}"),
                arguments("json, blank after colon", "{\"password\": \"a b\"}", "{\"password\": \"<password>\"}"),
                arguments("json, escaped quote in value", bs("{\"password\":\"a§\"b\",\"u\":1}"),
                        "{\"password\":\"<password>\",\"u\":1}"),
                arguments("json, escaped backslash ends value", bs("{\"password\":\"a§§\",\"u\":1}"),
                        "{\"password\":\"<password>\",\"u\":1}"),
                arguments("json in a json string", bs("{\"log\":\"{§\"password§\":§\"p§§§\"q§\",§\"u§\":1}\"}"),
                        bs("{\"log\":\"{§\"password§\":§\"<password>§\",§\"u§\":1}\"}")),
                arguments("single quotes", "passwd='s3cr3t' ok", "passwd='<password>' ok"),
                arguments("klog quoted", "I0505 audit.go:42] token=\"abc123\" verb=\"get\"",
                        "I0505 audit.go:42] token=\"<password>\" verb=\"get\""),
                arguments("unterminated quote runs to the end", "password=\"abc def", "password=\"<password>"),
                arguments("env", "AWS_SECRET_ACCESS_KEY=" + AWS_SECRET, "AWS_SECRET_ACCESS_KEY=<aws_secret_key>"),
                arguments("json aws secret", "{\"SecretAccessKey\":\"" + AWS_SECRET + "\"}",
                        "{\"SecretAccessKey\":\"<aws_secret_key>\"}"),
                arguments("flag", "run --password=hunter2 --user=x", "run --password=<password> --user=x"),
                arguments("go assignment", "password := \"x1\"", "password := \"<password>\""),
                arguments("yaml", "  client_secret: abc123\n  name: x", "  client_secret: <password>\n  name: x"),
                arguments("dotted name", "db.password=x", "db.password=<password>"),
                arguments("header-style name", "x-api-key: 123abc", "x-api-key: <password>"),
                arguments("comma ends an unquoted value", "api_key: abc,def", "api_key: <password>,def"),
                arguments("quote ends an unquoted value", bs("\"msg\":\"password=abc§\" x\""),
                        bs("\"msg\":\"password=<password>§\" x\"")),
                arguments("shape wins over field", "\"password\":\"" + JWT + "\"", "\"password\":\"<jwt>\""),
                arguments("pem in a field", "private_key: \"-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\"",
                        "private_key: \"<private_key>\""),
                arguments("pem header alone runs to the end", "private_key: \"-----BEGIN PRIVATE KEY-----\" x",
                        "private_key: \"<private_key>"),
                arguments("value takes a quoted pair it runs into", bs("password=a<token=§\"b c§\"< x"),
                        bs("password=<password>§\"< x")),
                arguments("value takes a pair after blanks", "password=a/token= \"b c\" x",
                        "password=<password>\" x"),
                arguments("value takes an unquoted pair after blanks", "password=a/token= b c",
                        "password=<password> c"),
                arguments("value takes a header it runs into", "password=a<Authorization: Bearer abcdefghijklmnop1234 x",
                        "password=<password> x"),
                arguments("base64 padding is no separator", "password=YWJj= next", "password=<password> next"),
                // header-like fields
                arguments("authorization bearer", "Authorization: Bearer abcdefghijklmnop1234",
                        "Authorization: Bearer <bearer_token>"),
                arguments("authorization bearer jwt, quoted", "authorization=\"Bearer " + JWT + "\" x",
                        "authorization=\"Bearer <jwt>\" x"),
                arguments("authorization basic", "Authorization: Basic dXNlcjpwYXNzd29yZA== next",
                        "Authorization: Basic <password> next"),
                arguments("authorization token", "Authorization: token 0123456789abcdef",
                        "Authorization: token <bearer_token>"),
                arguments("authorization other scheme", "Authorization: Digest username=jdoe, response=abc\nx",
                        "Authorization: Digest <password>\nx"),
                arguments("cookie header", "Cookie: jupyterhub-session-id=abc123; _xsrf=2|x\nnext",
                        "Cookie: <password>\nnext"),
                arguments("quoted cookie value", "Cookie: a=\"x y\"; b=1\nnext", "Cookie: <password>\nnext"),
                arguments("header in a json string", bs("{\"msg\":\"Cookie: a=1; b=2§nnext\"}"),
                        bs("{\"msg\":\"Cookie: <password>§nnext\"}")),
                arguments("header value takes a private key whole",
                        "Cookie: a=1\t-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY----- x\ny",
                        "Cookie: <password> x\ny"),
                arguments("token glued to a private key", "Bearer abcdefghijklmnop1234-----BEGIN PRIVATE KEY-----\n"
                        + "MII\n-----END PRIVATE KEY-----\nnext", "Bearer <bearer_token>\nnext"),
                arguments("quoted value with a private key and more", "password=\"-----BEGIN PRIVATE KEY-----\nMII\n"
                        + "-----END PRIVATE KEY----- more\" x", "password=\"<private_key>\" x"),
                // query and form parameters
                arguments("oauth redirect, seed shape",
                        "GET /hub/api/oauth2/authorize?client_id=x&response_type=code&state=3f8bV0xQ1rT9wLmN2kP7 -> "
                                + "/user/x/oauth_callback?code=kx92mAq7ZtW4eR1yU8sD&state=Zq1Wx2Ec3Rv4Tb5Yn6Um (x)",
                        "GET /hub/api/oauth2/authorize?client_id=x&response_type=code&state=<oauth_parameter> -> "
                                + "/user/x/oauth_callback?code=<oauth_parameter>&state=<oauth_parameter> (x)"),
                arguments("fragment", "#access_token=abc&token_type=Bearer&expires_in=3600",
                        "#access_token=<oauth_parameter>&token_type=Bearer&expires_in=3600"),
                arguments("form body", "grant_type=authorization_code&code=abc123&client_secret=s3cr3t",
                        "grant_type=authorization_code&code=<oauth_parameter>&client_secret=<oauth_parameter>"),
                arguments("percent escapes stay inside", "/login?password=x%26y%20z&u=1",
                        "/login?password=<password>&u=1"),
                arguments("token before fragment", "/cb?token=abc#frag", "/cb?token=<oauth_parameter>#frag"),
                // query parameters of a percent-encoded URL inside another URL
                arguments("encoded oauth callback in redirect_uri",
                        "/authorize?redirect_uri=https%3A%2F%2Fhub.example.org%2Fhub%2Foauth_callback%3Fcode%3D"
                                + "kx92mAq7ZtW4eR1yU8sD%26state%3DZq1Wx2Ec3Rv4Tb5Yn6Um&client_id=jupyterhub",
                        "/authorize?redirect_uri=https%3A%2F%2Fhub.example.org%2Fhub%2Foauth_callback%3Fcode%3D"
                                + "<oauth_parameter>%26state%3D<oauth_parameter>&client_id=jupyterhub"),
                arguments("encoded twice, lower-case hex", "/login?next=%252Fcb%253fcode%253dabc%2526x%253D1",
                        "/login?next=%252Fcb%253fcode%253d<oauth_parameter>%2526x%253D1"),
                arguments("encoded name after a plain delimiter", "/cb?access_token%3Dabc%2Bdef&x=1",
                        "/cb?access_token%3D<oauth_parameter>&x=1"),
                arguments("encoded password parameter", "next=%2Flogin%3Fuser%3Dx%26password%3Dhunter2%23top",
                        "next=%2Flogin%3Fuser%3Dx%26password%3D<password>%23top"),
                arguments("encoded value ends at a quote", "\"next\":\"%2Fcb%3Fstate%3Dabc123\"}",
                        "\"next\":\"%2Fcb%3Fstate%3D<oauth_parameter>\"}"),
                arguments("jwt in query", "/logout?id_token_hint=" + JWT + "&x=1", "/logout?id_token_hint=<jwt>&x=1"),
                arguments("openshift token in query", "/cb?access_token=" + OPENSHIFT + " 200",
                        "/cb?access_token=<openshift_token> 200"),
                // bearer tokens
                arguments("bearer in prose", "sent Bearer abcDEFghiJKLmnoPQR to hub",
                        "sent Bearer <bearer_token> to hub"),
                arguments("bearer, lower case, padding", "bearer abcdefghijklmnop12==", "bearer <bearer_token>"),
                arguments("bearer openshift", "bearer " + OPENSHIFT, "bearer <openshift_token>"),
                // openshift and path tokens
                arguments("openshift token", "token " + OPENSHIFT + " expired", "token <openshift_token> expired"),
                arguments("jupyterhub token path", "200 GET /hub/api/authorizations/token/b7Hn3Jk9Lp2Qw5Er8Ty1 (x)",
                        "200 GET /hub/api/authorizations/token/<bearer_token> (x)"),
                arguments("jupyterhub token path, openshift",
                        "GET /hub/api/authorizations/token/" + OPENSHIFT + " (x)",
                        "GET /hub/api/authorizations/token/<openshift_token> (x)"),
                arguments("jupyterhub cookie path", "GET /hub/api/authorizations/cookie/jupyterhub-services/abc123?x",
                        "GET /hub/api/authorizations/cookie/jupyterhub-services/<bearer_token>?x"),
                // JWTs
                arguments("jwt", "jwt " + JWT + " end", "jwt <jwt> end"),
                arguments("jwt in a path", "/verify/" + JWT, "/verify/<jwt>"),
                arguments("two segments", "t=x " + JWT.substring(0, JWT.lastIndexOf('.')) + ".", "t=x <jwt>."),
                arguments("jwe, five segments", "a " + JWT + ".eyJ4In0.c2ln b", "a <jwt> b"),
                arguments("base64 json alone", ".dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7fX19==",
                        ".dockerconfigjson: <jwt>"),
                // URL credentials
                arguments("url credentials", "postgres://app:s3cr3t@db.example.org:5432/x",
                        "postgres://<url_credentials>@db.example.org:5432/x"),
                arguments("at sign in password", "https://jdoe:p@ss@example.org/", "https://<url_credentials>@example.org/"),
                arguments("password only", "redis://:s3cr3t@192.0.2.10:6379", "redis://<url_credentials>@192.0.2.10:6379"),
                arguments("token as user", "https://0123456789abcdefABCD@example.org/x",
                        "https://<url_credentials>@example.org/x"),
                // AWS, GitHub
                arguments("aws access key", "key " + AWS_KEY + " used", "key <aws_access_key> used"),
                arguments("aws temporary key in json", "{\"AccessKeyId\":\"ASIAIOSFODNN7EXAMPLE\"}",
                        "{\"AccessKeyId\":\"<aws_access_key>\"}"),
                arguments("github token", "push with " + GITHUB + ".", "push with <github_token>."),
                arguments("github oauth token", "(gho_" + GITHUB.substring(4) + ")", "(<github_token>)"),
                arguments("github fine-grained token", "t " + GITHUB_PAT, "t <github_token>"),
                arguments("github token in url", "https://x-access-token:" + GITHUB + "@github.com/o/r",
                        "https://<url_credentials>@github.com/o/r"),
                // PEM private keys
                arguments("pem", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nnext",
                        "key:\n<private_key>\nnext"),
                arguments("pem in a json string",
                        bs("{\"key\":\"-----BEGIN PRIVATE KEY-----§nMIIE§n-----END PRIVATE KEY-----§n\"}"),
                        bs("{\"key\":\"<private_key>§n\"}")),
                arguments("pem without end line", "x -----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\nmore",
                        "x <private_key>"),
                arguments("encrypted pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII\n-----END ENCRYPTED PRIVATE KEY-----",
                        "<private_key>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void findsSecretsWithExactSpans(final String name, final String text, final String expected) {
        assertThat(marked(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "quay.io/x/s2i-minimal-notebook@" + DIGEST,
        "Container image \"quay.io/x/notebook@" + DIGEST + "\" already present",
        "\"uid\":\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\"",
        "\"resourceVersion\":\"209536743\"",
        "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "free-standing " + AWS_SECRET,
        "token_type=Bearer&expires_in=3600",
        "{\"token_type\":\"Bearer\",\"expires_in\":3600}",
        "tokenReviewed: true",
        "password changed for jdoe",
        "secretName: builder-dockercfg",
        "tokenSecretRef: x",
        "kind: Secret",
        "MountVolume.SetUp failed for volume \"x\" : secret \"builder-dockercfg\" not found",
        "E0503 19:37:02.866939       1 authentication.go:53] Unable to authenticate the request due to an error: "
            + "[invalid bearer token, context canceled]",
        "Bearer realm=\"example\"",
        "Bearer authentication_failed_for_user",
        "WWW-Authenticate: Bearer",
        "BearerabcdefghijklmnopQRSTU1234",
        "forbearer abcdefghijklmnopQRSTU1234",
        "[I 2021-05-05 10:03:01.215 JupyterHub log:189] 200 POST /hub/api/oauth2/token (x@192.0.2.1) 53.71ms",
        "/hub/api/authorizations/token/",
        "pod state=Running",
        "%2Fsearch%3Fpage%3D2%26sort%3Dname",
        "pod state%3DRunning",
        "x%3Fcode%3D",
        "x%3Fcode%3D%26state%3D",
        "%3Fcode%3",
        "%25%3Fcode",
        "100%25 done",
        "exit code=137",
        "/authorize?response_type=code&code=&state=",
        "password=",
        "password: ",
        "\"password\":\"\"",
        "\"password\":{\"x\":1}",
        "system:serviceaccount:opf-jupyterhub:jupyterhub-hub has no redirectURIs",
        "loaded SNI cert [1/\"sni-serving-cert::/var/config/system/secrets/v4-0-config-system-router-certs/x\"]",
        "ssh://git@github.com/org/repo.git",
        "http://10.131.2.139:9090!=http://10.131.2.139:8080",
        "https://example.org/user/a@b",
        "https://jdoe@example.org/",
        "AKIAIOSFODNN7EXAMPL",
        "AKIAIOSFODNN7EXAMPLEX",
        "XAKIAIOSFODNN7EXAMPLE",
        "AKIAiosfodnn7example",
        "eyJ",
        "eyJhbGci",
        "keyJsonValue",
        "ghp_short",
        "ghx_EXAMPLE0example1EXAMPLE2example3EXAM",
        "xghp_EXAMPLE0example1EXAMPLE2example3EXAM",
        "sha256~short",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
        "-----BEGIN PRIVATE KEY",
    })
    void ignoresNearMisses(final String text) {
        assertThat(marked(text)).isEqualTo(text);
    }

    @Test
    void findsSeveralSecretsInOneLineInOrder() {
        final String text = "Authorization: Bearer " + JWT + " password=x https://u:p@example.org " + AWS_KEY;
        assertThat(marked(text)).isEqualTo("Authorization: Bearer <jwt> password=<password> "
                + "https://<url_credentials>@example.org <aws_access_key>");
    }

    @Test
    void acceptsAnyCharSequence() {
        final List<Finding> out = new ArrayList<>();
        detector.detect(new StringBuilder("password=x"), out);
        assertThat(out).containsExactly(new Finding(FindingType.PASSWORD, 9, 10));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "2, 0", "3, 2", "5, 1", "7, 3", "15, 4", "11, 2"})
    void quoteLevelUndoesOneEscapePerLevel(final int backslashes, final int level) {
        assertThat(SecretKeyValues.level(backslashes)).isEqualTo(level);
    }

    private String marked(final String text) {
        final List<Finding> findings = new ArrayList<>();
        detector.detect(text, findings);
        final StringBuilder out = new StringBuilder();
        int copied = 0;
        for (final Finding f : findings) {
            out.append(text, copied, f.start()).append('<').append(f.type().name().toLowerCase(Locale.ROOT))
                    .append('>');
            copied = f.end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
