package org.operatefirst.anonymizer.scrubbers.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** Kubernetes Events and other JSON documents through the scrubber: exact outputs, near misses, removals, rejections. */
class JsonFormatTest {

    private static final MasterSecret SECRET = MasterSecret.of(counting());

    // The pseudonyms of the fictional identities under SECRET, public tier, epoch 2026; the same as in
    // PrometheusTextFormatTest, and checked against log text in pseudonymsAreTheOnesOfLogText.
    static final String JDOE_EMAIL = "uagud7ktibcxm@dqzri27d7.invalid";
    static final String JDOE_ESCAPED = "uagud7ktibcxm-40dqzri27d7-2einvalid";
    static final String JDOE_NAME = "ualm3xjqybxes";
    static final String JANE_EMAIL = "uzrcgkzxghnar@dwbct6yep.invalid";
    static final String POD_IP = "66.252.13.89";
    static final String NODE_IP = "66.252.13.18";
    static final String HOST_IP = "208.198.17.128";
    static final String CLIENT_IPV6 = "6c07:8dd8:fc3d:83f8:3be0:7f0:f723:fc60";
    static final String REDACTED = "\"[REDACTED:password]\"";

    /** The seed's first event (multus adds an interface to a user's notebook pod), with a fictional user. */
    static final String SEED_EVENT = "{\"apiVersion\":\"v1\",\"count\":1,\"eventTime\":null,\"firstTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"involvedObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":"
            + "\"jupyterhub-nb-jdoe-40example-2eorg\",\"namespace\":\"opf-jupyterhub\",\"resourceVersion\":"
            + "\"209536743\",\"uid\":\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\"},\"kind\":\"Event\",\"lastTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"message\":\"Add eth0 [10.131.3.106/23]\",\"metadata\":{\"creationTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"managedFields\":[{\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\","
            + "\"fieldsV1\":{\"f:count\":{},\"f:firstTimestamp\":{},\"f:involvedObject\":{\"f:apiVersion\":{},"
            + "\"f:kind\":{},\"f:name\":{},\"f:namespace\":{},\"f:resourceVersion\":{},\"f:uid\":{}},"
            + "\"f:lastTimestamp\":{},\"f:message\":{},\"f:reason\":{},\"f:source\":{\"f:component\":{}},"
            + "\"f:type\":{}},\"manager\":\"multus\",\"operation\":\"Update\",\"time\":\"2021-05-05T10:07:31Z\"}],"
            + "\"name\":\"jupyterhub-nb-jdoe-40example-2eorg.167c23baee4d0e1c\",\"namespace\":\"opf-jupyterhub\","
            + "\"resourceVersion\":\"209537358\",\"selfLink\":\"/api/v1/namespaces/opf-jupyterhub/events/"
            + "jupyterhub-nb-jdoe-40example-2eorg.167c23baee4d0e1c\",\"uid\":\"40c934ef-4bd2-4f41-8686-e5c979adec62\"},"
            + "\"reason\":\"AddedInterface\",\"reportingComponent\":\"\",\"reportingInstance\":\"\",\"source\":"
            + "{\"component\":\"multus\"},\"type\":\"Normal\"}";

    /** {@link #SEED_EVENT} scrubbed: the pod's user and address rewritten, managedFields removed. */
    static final String SEED_EVENT_SCRUBBED = "{\"apiVersion\":\"v1\",\"count\":1,\"eventTime\":null,"
            + "\"firstTimestamp\":\"2021-05-05T10:07:31Z\",\"involvedObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
            + "\"name\":\"jupyterhub-nb-" + JDOE_ESCAPED + "\",\"namespace\":\"opf-jupyterhub\",\"resourceVersion\":"
            + "\"209536743\",\"uid\":\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\"},\"kind\":\"Event\",\"lastTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"message\":\"Add eth0 [" + POD_IP + "/23]\",\"metadata\":{"
            + "\"creationTimestamp\":\"2021-05-05T10:07:31Z\","
            + "\"name\":\"jupyterhub-nb-" + JDOE_ESCAPED + ".167c23baee4d0e1c\",\"namespace\":\"opf-jupyterhub\","
            + "\"resourceVersion\":\"209537358\",\"selfLink\":\"/api/v1/namespaces/opf-jupyterhub/events/"
            + "jupyterhub-nb-" + JDOE_ESCAPED + ".167c23baee4d0e1c\",\"uid\":\"40c934ef-4bd2-4f41-8686-e5c979adec62\"},"
            + "\"reason\":\"AddedInterface\",\"reportingComponent\":\"\",\"reportingInstance\":\"\",\"source\":"
            + "{\"component\":\"multus\"},\"type\":\"Normal\"}";

    private final Scrubber scrubber = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.defaults());

    static byte[] counting() {
        final byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        return secret;
    }

    private ScrubResult.Scrubbed scrub(final String input) {
        final ScrubResult result = scrubber.scrub(RecordKind.EVENTS, input);
        assertThat(result).as(input).isInstanceOf(ScrubResult.Scrubbed.class);
        return (ScrubResult.Scrubbed) result;
    }

    static Stream<Arguments> rewritten() {
        return Stream.of(
                arguments("the seed's core/v1 event", SEED_EVENT, SEED_EVENT_SCRUBBED),
                arguments("an events.k8s.io/v1 event: regarding.name kept, address in the note rewritten",
                        "{\"apiVersion\":\"events.k8s.io/v1\",\"kind\":\"Event\",\"regarding\":{\"kind\":\"Pod\","
                                + "\"name\":\"etcd-os-ctrl-0\"},\"note\":\"Readiness probe failed: Get "
                                + "\\\"https://203.0.113.110:9980/readyz\\\"\",\"type\":\"Warning\"}",
                        "{\"apiVersion\":\"events.k8s.io/v1\",\"kind\":\"Event\",\"regarding\":{\"kind\":\"Pod\","
                                + "\"name\":\"etcd-os-ctrl-0\"},\"note\":\"Readiness probe failed: Get "
                                + "\\\"https://" + HOST_IP + ":9980/readyz\\\"\",\"type\":\"Warning\"}"),
                arguments("a user's claim in regarding.name and the note",
                        "{\"regarding\":{\"name\":\"jupyterhub-nb-jdoe-40example-2eorg-pvc\"},\"note\":"
                                + "\"provisioned for opf-jupyterhub/jupyterhub-nb-jdoe-40example-2eorg-pvc\"}",
                        "{\"regarding\":{\"name\":\"jupyterhub-nb-" + JDOE_ESCAPED + "-pvc\"},\"note\":"
                                + "\"provisioned for opf-jupyterhub/jupyterhub-nb-" + JDOE_ESCAPED + "-pvc\"}"),
                arguments("a user name annotation holds the raw email, a label the escaped name",
                        "{\"metadata\":{\"annotations\":{\"hub.jupyter.org/username\":\"jdoe@example.org\"},"
                                + "\"labels\":{\"hub.jupyter.org/username\":\"jdoe-40example-2eorg\"}}}",
                        "{\"metadata\":{\"annotations\":{\"hub.jupyter.org/username\":\"" + JDOE_EMAIL + "\"},"
                                + "\"labels\":{\"hub.jupyter.org/username\":\"" + JDOE_ESCAPED + "\"}}}"),
                arguments("an alert's requester label, and the name it gives away in the description",
                        "{\"labels\":{\"namespace\":\"x\",\"requester\":\"jdoe\"},\"annotations\":{\"description\":"
                                + "\"Namespace x of user jdoe is using 95% of its quota\"}}",
                        "{\"labels\":{\"namespace\":\"x\",\"requester\":\"" + JDOE_NAME + "\"},\"annotations\":{"
                                + "\"description\":\"Namespace x of user " + JDOE_NAME + " is using 95% of its quota\"}}"),
                arguments("OpenShift's project requester annotation, and the name it gives away elsewhere in the record",
                        "{\"metadata\":{\"name\":\"jdoe-sandbox\",\"annotations\":{\"openshift.io/requester\":\"jdoe\"}}}",
                        "{\"metadata\":{\"name\":\"" + JDOE_NAME + "-sandbox\",\"annotations\":{"
                                + "\"openshift.io/requester\":\"" + JDOE_NAME + "\"}}}"),
                arguments("user name fields in any case; a plain name, an array of names, an empty one",
                        "{\"User\":\"jdoe\",\"owner\":[\"jdoe\",\"\"],\"LOGIN\":\"jane.roe@example.com\"}",
                        "{\"User\":\"" + JDOE_NAME + "\",\"owner\":[\"" + JDOE_NAME + "\",\"\"],\"LOGIN\":\""
                                + JANE_EMAIL + "\"}"),
                arguments("an object under a user name field is read by its own keys; its numbers are kept",
                        "{\"user\":{\"username\":\"jdoe\",\"groups\":[\"system:authenticated\"],\"uid\":1001}}",
                        "{\"user\":{\"username\":\"" + JDOE_NAME + "\",\"groups\":[\"system:authenticated\"],"
                                + "\"uid\":1001}}"),
                arguments("a service account in a user name field is kept",
                        "{\"username\":\"system:serviceaccount:opf-jupyterhub:jupyterhub-hub\"}",
                        "{\"username\":\"system:serviceaccount:opf-jupyterhub:jupyterhub-hub\"}"),
                arguments("secret names: strings and numbers redacted, an empty one kept",
                        "{\"password\":\"hunter2\",\"clientSecret\":\"x\",\"api-key\":12345,\"token\":\"\","
                                + "\"db.password\":\"y\"}",
                        "{\"password\":" + REDACTED + ",\"clientSecret\":" + REDACTED + ",\"api-key\":" + REDACTED
                                + ",\"token\":\"\",\"db.password\":" + REDACTED + "}"),
                arguments("under a secret name everything is secret; keys, nesting, booleans and nulls stay",
                        "{\"credentials\":{\"user\":\"jdoe\",\"password\":\"y\",\"ids\":[7,\"x\",true,null],"
                                + "\"more\":{}}}",
                        "{\"credentials\":{\"user\":" + REDACTED + ",\"password\":" + REDACTED + ",\"ids\":["
                                + REDACTED + "," + REDACTED + ",true,null],\"more\":{}}}"),
                arguments("a secret name wins over a user name field",
                        "{\"user_token\":\"jdoe\"}",
                        "{\"user_token\":" + REDACTED + "}"),
                arguments("a key that is an email is rewritten; the rules use the key as written",
                        "{\"jdoe@example.org\":{\"user\":\"jdoe\"}}",
                        "{\"" + JDOE_EMAIL + "\":{\"user\":\"" + JDOE_NAME + "\"}}"),
                arguments("free text in every string, also in arrays and at the root",
                        "[\"jdoe@example.org\",{\"a\":[[\"10.131.3.106\"]]}]",
                        "[\"" + JDOE_EMAIL + "\",{\"a\":[[\"" + POD_IP + "\"]]}]"),
                arguments("a key twice: each occurrence by the same rules",
                        "{\"user\":\"x\",\"user\":\"jdoe\",\"password\":\"a\",\"password\":\"b\"}",
                        "{\"user\":\"ukddwnsyafbdf\",\"user\":\"" + JDOE_NAME + "\",\"password\":" + REDACTED
                                + ",\"password\":" + REDACTED + "}"),
                arguments("a root string", "\"from [2001:db8::7]:51234\"", "\"from [" + CLIENT_IPV6 + "]:51234\""),
                arguments("a rewritten string is escaped again, an unchanged one keeps its escapes",
                        "{\"msg\":\"say \\\"hi\\\"\\tto \\u006Adoe@example.org\\n\",\"other\":\"\\u00e9\\/\"}",
                        "{\"msg\":\"say \\\"hi\\\"\\tto " + JDOE_EMAIL + "\\n\",\"other\":\"\\u00e9\\/\"}"),
                arguments("blanks and line breaks are kept",
                        "{\n  \"message\" : \"from 10.131.3.106\" ,\n  \"count\" : 1\n}\n",
                        "{\n  \"message\" : \"from " + POD_IP + "\" ,\n  \"count\" : 1\n}\n"),
                arguments("managedFields removed from a watch envelope's object",
                        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Event\",\"metadata\":{\"name\":\"e1\","
                                + "\"managedFields\":[{\"manager\":\"kubelet\"}]}}}",
                        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Event\",\"metadata\":{\"name\":\"e1\"}}}"),
                arguments("managedFields removed from eventrouter's event and old_event",
                        "{\"verb\":\"UPDATED\",\"event\":{\"metadata\":{\"managedFields\":[],\"name\":\"e1\"}},"
                                + "\"old_event\":{\"metadata\":{\"managedFields\":[]}}}",
                        "{\"verb\":\"UPDATED\",\"event\":{\"metadata\":{\"name\":\"e1\"}},"
                                + "\"old_event\":{\"metadata\":{}}}"),
                arguments("managedFields removed from ViaQ's kubernetes.event",
                        "{\"kubernetes\":{\"namespace_name\":\"opf-jupyterhub\",\"event\":{\"metadata\":"
                                + "{\"managedFields\":[{}]}}}}",
                        "{\"kubernetes\":{\"namespace_name\":\"opf-jupyterhub\",\"event\":{\"metadata\":{}}}}"),
                arguments("managedFields removed from each item of a list, and from a root array's objects",
                        "{\"kind\":\"EventList\",\"items\":[{\"metadata\":{\"managedFields\":[]}},{\"metadata\":"
                                + "{\"name\":\"e2\",\"managedFields\":[]}}]}",
                        "{\"kind\":\"EventList\",\"items\":[{\"metadata\":{}},{\"metadata\":{\"name\":\"e2\"}}]}"),
                arguments("removal between fields, with blanks",
                        "{ \"metadata\" : { \"a\" : 1 , \"managedFields\" : [ {\"x\":{}} ] , \"b\" : 2 } }",
                        "{ \"metadata\" : { \"a\" : 1  , \"b\" : 2 } }"),
                arguments("removal of the only field",
                        "{\"metadata\":{ \"managedFields\" : \"x\" }}",
                        "{\"metadata\":{ }}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewritten")
    void rewritesByTheRules(final String name, final String input, final String expected) throws IOException {
        final String output = scrub(input).output();
        assertThat(output).isEqualTo(expected);
        assertValidJson(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"count\":10,\"ratio\":1.50,\"big\":123456789012345678901234567890,\"e\":-0e+5,\"f\":1E400,\"n\":-0}",
        "{\"firstTimestamp\":\"2021-05-05T10:07:31Z\",\"eventTime\":\"2021-05-05T10:09:00.000000Z\"}",
        "{\"uid\":\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\",\"resourceVersion\":\"209536743\"}",
        "{\"message\":\"Container image \\\"quay.io/thoth-station/s2i-minimal-notebook@sha256:"
            + "eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af\\\" already present on machine\"}",
        "{\"ip\":10.131,\"port\":8443,\"version\":\"1.21.3\",\"cidr\":23}",
        "{\"secretName\":\"builder-dockercfg-x2b9k\",\"tokenSecretRef\":\"t\",\"token_type\":\"Bearer\","
            + "\"expires_in\":3600,\"password_set\":true,\"token\":null}",
        "{\"name\":\"jupyter-notebook-controller\",\"pod\":\"revision-pruner-22-os-ctrl-0\"}",
        "{\"involvedObject\":{\"managedFields\":[]},\"spec\":{\"metadata\":{\"managedFields\":[]}}}",
        "{\"metadata\":{\"managedfields\":[],\"ManagedFields\":[]},\"managedFields\":[]}",
        "{\"x\":[{\"metadata\":{\"managedFields\":[]}}],\"object\":[{\"metadata\":{\"managedFields\":[]}}]}",
        "{\"object\":{\"spec\":{\"object\":{\"metadata\":{\"managedFields\":[]}}}}}",
        "{}", "[]", "{\"a\":{}}", "1", "true", "null", "\"\"",
        "  {\"trailing\":\"blanks\"}  \n",
    })
    void keepsWhatHoldsNothingByteForByte(final String input) {
        final ScrubResult.Scrubbed result = scrub(input);
        assertThat(result.output()).isEqualTo(input);
        assertThat(result.findings()).isEqualTo(FindingCounts.none());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("empty", "", JsonFormat.REASON_INVALID_JSON),
                arguments("blank", " \n", JsonFormat.REASON_INVALID_JSON),
                arguments("plain text", "jdoe@example.org logged in", JsonFormat.REASON_INVALID_JSON),
                arguments("unclosed object", "{\"a\":[1,2", JsonFormat.REASON_INVALID_JSON),
                arguments("unclosed string", "{\"a\":\"jdoe@example.org", JsonFormat.REASON_INVALID_JSON),
                arguments("a second document", "{\"a\":1}{\"b\":2}", JsonFormat.REASON_INVALID_JSON),
                arguments("a second document after a newline", "{\"a\":1}\n{}", JsonFormat.REASON_INVALID_JSON),
                arguments("text after the document", "{\"a\":1} jdoe@example.org", JsonFormat.REASON_INVALID_JSON),
                arguments("a trailing comma", "{\"a\":1,}", JsonFormat.REASON_INVALID_JSON),
                arguments("single quotes", "{'a':1}", JsonFormat.REASON_INVALID_JSON),
                arguments("a comment", "{\"a\":1 /* jdoe */}", JsonFormat.REASON_INVALID_JSON),
                arguments("NaN", "{\"a\":NaN}", JsonFormat.REASON_INVALID_JSON),
                arguments("a leading zero", "{\"a\":01}", JsonFormat.REASON_INVALID_JSON),
                arguments("a raw control character", "{\"a\":\"x\ny\"}", JsonFormat.REASON_INVALID_JSON),
                arguments("a bad escape", "{\"a\":\"\\x41\"}", JsonFormat.REASON_INVALID_JSON),
                arguments("65 nested arrays", "[".repeat(65) + "]".repeat(65), JsonFormat.REASON_TOO_DEEP),
                arguments("65 nested objects", "{\"a\":".repeat(65) + "{}" + "}".repeat(64) + "}",
                        JsonFormat.REASON_TOO_DEEP),
                arguments("too deep inside a removed field",
                        "{\"metadata\":{\"managedFields\":" + "[".repeat(63) + "]".repeat(63) + "}}",
                        JsonFormat.REASON_TOO_DEEP),
                arguments("a number of 1001 digits", "{\"a\":" + "1".repeat(1001) + "}", JsonFormat.REASON_LIMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWhatIsNotOneBoundedJsonDocument(final String name, final String input, final String reason) {
        final ScrubResult result = scrubber.scrub(RecordKind.EVENTS, input);
        assertThat(result).isInstanceOf(ScrubResult.Failed.class);
        final ScrubResult.Failed failed = (ScrubResult.Failed) result;
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.detail()).doesNotContain("jdoe", "user", "example");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        assertThat(scrub("[".repeat(64) + "]".repeat(64)).output()).hasSize(128);
        assertThat(scrub("{\"metadata\":{\"managedFields\":" + "[".repeat(62) + "]".repeat(62) + "}}").output())
                .isEqualTo("{\"metadata\":{}}");
        final Scrubber shallow = Scrubber.create(SECRET, Tier.PUBLIC, 2026,
                ScrubPolicy.fromMap(Map.of("max-json-depth", 2)));
        assertThat(shallow.scrub(RecordKind.EVENTS, "{\"a\":{}}")).isInstanceOf(ScrubResult.Scrubbed.class);
        assertThat(shallow.scrub(RecordKind.EVENTS, "{\"a\":{\"b\":[]}}"))
                .isEqualTo(new ScrubResult.Failed(JsonFormat.REASON_TOO_DEEP,
                        "objects and arrays nest deeper than 2 at character 10"));
    }

    @Test
    void aPolicyNamesTheUserNameFieldsAndTheRemovedPaths() {
        final Scrubber custom = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.fromMap(Map.of(
                "username-fields", List.of("Requester"), "drop-fields", List.of("spec", "status.conditions"))));
        final ScrubResult result = custom.scrub(RecordKind.EVENTS, "{\"requester\":\"jdoe\",\"user\":\"rroe\","
                + "\"spec\":{\"x\":1},\"status\":{\"phase\":\"Running\",\"conditions\":[]},\"object\":{\"spec\":1}}");
        assertThat(result).isEqualTo(new ScrubResult.Scrubbed("{\"requester\":\"" + JDOE_NAME + "\",\"user\":"
                + "\"rroe\",\"status\":{\"phase\":\"Running\"},\"object\":{}}",
                FindingCounts.of(Map.of(FindingType.USERNAME, 1))));
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                arguments("{\"d1\":1,\"d2\":2,\"k\":3}", "{\"k\":3}"),
                arguments("{\"k\":1,\"d1\":2,\"d2\":3}", "{\"k\":1}"),
                arguments("{\"d1\":1,\"k\":2,\"d2\":3}", "{\"k\":2}"),
                arguments("{\"d1\":1,\"d2\":2}", "{}"),
                arguments("{\"k\":1,\"d1\":\"2\",\"j\":3,\"d2\":{\"x\":[]},\"m\":5}",
                        "{\"k\":1,\"j\":3,\"m\":5}"),
                arguments("{ \"d1\" : 1 ,\n \"k\" : 2 ,\n \"d2\" : null }", "{ \"k\" : 2  }"),
                arguments("[{\"d1\":true},{\"k\":{\"d1\":1}}]", "[{},{\"k\":{\"d1\":1}}]"));
    }

    @ParameterizedTest
    @MethodSource("removals")
    void removesFieldsWithTheirCommas(final String input, final String expected) throws IOException {
        final Scrubber custom = Scrubber.create(SECRET, Tier.PUBLIC, 2026,
                ScrubPolicy.fromMap(Map.of("drop-fields", List.of("d1", "d2"))));
        final String output = ((ScrubResult.Scrubbed) custom.scrub(RecordKind.EVENTS, input)).output();
        assertThat(output).isEqualTo(expected);
        assertValidJson(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "metadata..managedFields", ".metadata", "metadata."})
    void rejectsABadDropPathAtStartUp(final String path) {
        assertThatThrownBy(() -> new JsonFormat(Set.of(), List.of(path), 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop path '" + path + "'");
    }

    @Test
    void countsWhatItRewrites() {
        assertThat(scrub(SEED_EVENT).findings()).isEqualTo(FindingCounts.of(Map.of(
                FindingType.ESCAPED_USERNAME, 3, FindingType.IPV4, 1)));
        assertThat(scrub("{\"jdoe@example.org\":\"jdoe@example.org\",\"password\":1,\"user\":\"jdoe\"}").findings())
                .isEqualTo(FindingCounts.of(Map.of(FindingType.EMAIL, 2, FindingType.PASSWORD, 1,
                        FindingType.USERNAME, 1)));
    }

    @Test
    void pseudonymsAreTheOnesOfLogText() {
        assertThat(scrubber.scrubText("jdoe@example.org jane.roe@example.com 10.131.3.106 10.131.3.21 "
                + "203.0.113.110 [2001:db8::7]")).isEqualTo(new ScrubResult.Scrubbed(JDOE_EMAIL + " " + JANE_EMAIL
                        + " " + POD_IP + " " + NODE_IP + " " + HOST_IP + " [" + CLIENT_IPV6 + "]",
                        FindingCounts.of(Map.of(FindingType.EMAIL, 2, FindingType.IPV4, 3, FindingType.IPV6, 1))));
        assertThat(scrubber.scrub(RecordKind.METRICS, "x{user=\"jdoe\"} 1"))
                .isEqualTo(new ScrubResult.Scrubbed("x{user=\"" + JDOE_NAME + "\"} 1",
                        FindingCounts.of(Map.of(FindingType.USERNAME, 1))));
    }

    @Test
    void theUsersPodInAnEventIsTheSameAsInLogsAndMetrics() {
        final String pod = "jupyterhub-nb-" + JDOE_ESCAPED;
        assertThat(scrub(SEED_EVENT).output()).contains("\"name\":\"" + pod + "\"")
                .contains("\"name\":\"" + pod + ".167c23baee4d0e1c\"");
        assertThat(((ScrubResult.Scrubbed) scrubber.scrub(RecordKind.LOGS,
                "Successfully assigned opf-jupyterhub/jupyterhub-nb-jdoe-40example-2eorg to os-wrk-1")).output())
                .isEqualTo("Successfully assigned opf-jupyterhub/" + pod + " to os-wrk-1");
        assertThat(((ScrubResult.Scrubbed) scrubber.scrub(RecordKind.METRICS,
                "kube_pod_info{pod=\"jupyterhub-nb-jdoe-40example-2eorg\"} 1")).output())
                .isEqualTo("kube_pod_info{pod=\"" + pod + "\"} 1");
        assertThat(JDOE_EMAIL.replace("@", "-40").replace(".", "-2e")).isEqualTo(JDOE_ESCAPED);
    }

    @Test
    void neverFailsInternallyAndWritesValidJson() throws IOException {
        final String[] pieces = {"{", "}", "[", "]", ",", ":", "\"a\"", "\"user\"", "\"password\"", "\"metadata\"",
            "\"managedFields\"", "\"object\"", "\"items\"", "\"jdoe@example.org\"", "\"10.131.3.106\"", "\"\\\"\"",
            "\"\\u0040\"", "1", "1.50", "-0", "true", "null", " ", "\n", "\"jupyterhub-nb-jdoe-40example-2eorg\""};
        final Random random = new Random(7);
        final JsonFactory factory = plain();
        int valid = 0;
        for (int round = 0; round < 20_000; round++) {
            final StringBuilder sb = new StringBuilder();
            final int count = random.nextInt(24);
            for (int k = 0; k < count; k++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            final String input = sb.toString();
            final ScrubResult result = scrubber.scrub(RecordKind.EVENTS, input);
            if (result instanceof ScrubResult.Failed failed) {
                assertThat(failed.reason()).as(input).isIn(JsonFormat.REASON_INVALID_JSON,
                        JsonFormat.REASON_TOO_DEEP);
                assertThat(isJson(factory, input)).as(input).isFalse();
            } else {
                valid++;
                final String output = ((ScrubResult.Scrubbed) result).output();
                assertThat(isJson(factory, output)).as(input).isTrue();
                assertThat(output).as(input).doesNotContain("jdoe", "10.131.3.106");
            }
        }
        assertThat(valid).isGreaterThan(100);
    }

    private static boolean isJson(final JsonFactory factory, final String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (final com.fasterxml.jackson.core.JacksonException e) {
            return false;
        }
    }

    static void assertValidJson(final String text) throws IOException {
        assertThat(isJson(plain(), text)).as(text).isTrue();
    }

    private static JsonFactory plain() {
        return JsonFactory.builder().build();
    }

}
