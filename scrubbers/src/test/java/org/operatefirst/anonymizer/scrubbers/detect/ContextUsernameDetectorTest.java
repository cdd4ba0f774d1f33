package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;

class ContextUsernameDetectorTest {

    private final ContextUsernameDetector detector =
            new ContextUsernameDetector(ScrubPolicy.defaults().usernameFields());

    static Stream<Arguments> userNames() {
        return Stream.of(
                arguments("jupyterlab", "GET /user/«jdoe»/lab?redirect=1"),
                arguments("angle brackets", "imap-login: Login: user=<«jdoe»>, method=PLAIN, rip=192.0.2.1"),
                arguments("a key as a value", "login: user=«jdoe» uid=1000"),
                arguments("end of text", "GET /hub/user/«jdoe»"),
                arguments("before a query", "GET /user/«jdoe»?token=x"),
                arguments("before a fragment", "/user/«jdoe»#top"),
                arguments("api", "POST /hub/api/users/«jdoe»/server 201"),
                arguments("spawn pending", "302 GET /hub/spawn-pending/«jdoe» -> /hub/"),
                arguments("spawn", "GET /hub/spawn/«jdoe»/gpu"),
                arguments("hyphen and dot", "/user/«jane.roe-2»/tree"),
                arguments("quoted url", "\"/user/«jdoe»\""),
                arguments("two paths", "/user/«jdoe»/ and /user/«rroe»/"),
                arguments("user name key", "user=«jdoe» status=ok"),
                arguments("username key, colon", "username: «jdoe»"),
                arguments("klog", "I0505 10:02:42.210 httplog.go:89] \"HTTP\" verb=\"GET\" user=\"«jdoe»\" code=200"),
                arguments("json", "{\"user\": \"«jdoe»\", \"x\": 1}"),
                arguments("json, no blanks", "{\"username\":\"«jdoe»\"}"),
                arguments("single quotes", "{'user': '«jdoe»'}"),
                arguments("query", "/hub/login?user=«jdoe»&next=%2F"),
                arguments("key in any case", "User=«jdoe»; Login=«rroe»"),
                arguments("last segment of a dotted key", "metadata.labels.user=«jdoe»"),
                arguments("annotation key", "hub.jupyter.org/username: «jdoe»"),
                arguments("blanks around", "user  =  «jdoe» x"),
                arguments("comma ends", "user=«jdoe»,uid=1"),
                arguments("quoted value with a blank", "owner=\"«Jane Doe»\""),
                arguments("escaped quote inside", "user=\"«j\\\"doe»\""));
    }

    static Stream<Arguments> emails() {
        return Stream.of(
                arguments("path", "GET /user/«jdoe@example.org»/lab"),
                arguments("encoded at sign", "GET /user/«jdoe%40example.org»/lab"),
                arguments("encoded path", "redirect_uri=%2Fuser%2F«jane%40example.org»%2Foauth_callback"),
                arguments("encoded twice", "next=%252Fuser%252F«jane%2540example.org»%252Flab"),
                arguments("klog", "user=\"«jdoe@example.org»\" verb=get"),
                arguments("json", "{\"user\":\"«JDoe@Example.org»\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userNames")
    void findsUserNamesWithExactSpans(final String name, final String marked) {
        assertThat(MarkedText.detect(detector, marked)).as(marked)
                .containsExactlyElementsOf(MarkedText.expected(marked, FindingType.USERNAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emails")
    void reportsEmailsInThoseContextsAsEmails(final String name, final String marked) {
        assertThat(MarkedText.detect(detector, marked)).as(marked)
                .containsExactlyElementsOf(MarkedText.expected(marked, FindingType.EMAIL));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "user=<jdoe, no closing bracket",
        "user=<>",
        "user=<a b>",
        "/user/",
        "/user//lab",
        "/user",
        "/usr/jdoe/",
        "/username/jdoe",
        "/myuser/jdoe",
        "/User/jdoe",
        "%2Fuser/jdoe",
        "user=system:serviceaccount:opf-jupyterhub:jupyterhub-hub",
        "user=\"system:serviceaccount:openshift-monitoring:prometheus-k8s\"",
        "user=system:admin",
        "{\"user\":\"system:node:ip-10-0-1-1\"}",
        "user=kube:admin",
        "user=KUBE:ADMIN",
        "user=root",
        "user=1000680000",
        "user=-",
        "{\"user\": null}",
        "{\"user\": {\"name\": \"x\"}}",
        "user=\"\"",
        "user=",
        "users=jdoe",
        "superuser=jdoe",
        "user_id=jdoe",
        "userx: jdoe",
        "user=\"unterminated",
        "http://example.org:8080/x"})
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/user/%s/lab", "user=%s x", "user=\"%s\""})
    void ignoresValuesTooLongForAUserName(final String format) {
        final String text = format.formatted("a".repeat(ContextUsernameDetector.MAX_VALUE_LENGTH + 1));
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "user_name"})
    void takesKeysFromThePolicy(final String key) {
        final ContextUsernameDetector custom = new ContextUsernameDetector(Set.of("login"));
        final String marked = key + "=«jdoe»";
        final var expected = key.equals("login")
                ? MarkedText.expected(marked, FindingType.USERNAME)
                : java.util.List.<Finding>of();
        assertThat(MarkedText.detect(custom, marked)).containsExactlyElementsOf(expected);
    }
}
