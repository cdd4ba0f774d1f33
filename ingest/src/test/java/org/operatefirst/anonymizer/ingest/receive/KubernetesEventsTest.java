package org.operatefirst.anonymizer.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesEventsTest {

    static final String CORE_V1 = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"jupyterhub-nb-jdoe-40example-2eorg.16b",\
            "namespace":"jupyterhub"},"involvedObject":{"apiVersion":"v1","kind":"Pod",\
            "name":"jupyterhub-nb-jdoe-40example-2eorg","namespace":"jupyterhub"},"reason":"Scheduled",\
            "message":"Successfully assigned jupyterhub/jupyterhub-nb-jdoe-40example-2eorg to node-1",\
            "type":"Normal","count":1}""";

    static final String EVENTS_V1 = """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"claim-jdoe.17a",\
            "namespace":"jupyterhub"},"regarding":{"kind":"PersistentVolumeClaim","name":"claim-jdoe-40example-2eorg",\
            "namespace":"jupyterhub"},"reason":"ProvisioningSucceeded","note":"Successfully provisioned volume",\
            "type":"Normal","eventTime":"2021-05-05T10:02:42.210000Z"}""";

    private final KubernetesEvents receiver = new KubernetesEvents(new Limits(1 << 20, 1 << 16, 10, 16));

    static Stream<Arguments> bodies() {
        final String podKey = "jupyterhub/jupyterhub-nb-jdoe-40example-2eorg";
        final String claimKey = "jupyterhub/claim-jdoe-40example-2eorg";
        return Stream.of(
                Arguments.of("one core/v1 Event", CORE_V1, new String[] {podKey}),
                Arguments.of("one events.k8s.io/v1 Event", EVENTS_V1, new String[] {claimKey}),
                Arguments.of("NDJSON", CORE_V1 + "\n" + EVENTS_V1 + "\n", new String[] {podKey, claimKey}),
                Arguments.of("a JSON array", "[" + CORE_V1 + "," + EVENTS_V1 + "]", new String[] {podKey, claimKey}),
                Arguments.of("kubectl get events -o json", "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                        + CORE_V1 + "," + CORE_V1 + "],\"metadata\":{}}", new String[] {podKey, podKey}),
                Arguments.of("watch notifications", "{\"type\":\"ADDED\",\"object\":" + CORE_V1 + "}\n"
                        + "{\"type\":\"MODIFIED\",\"object\":" + EVENTS_V1 + "}", new String[] {podKey, claimKey}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void makesOneRecordPerEventKeyedByTheObjectItIsAbout(final String name, final String body, final String[] keys) {
        final Received received = receiver.receive(body.getBytes(StandardCharsets.UTF_8));

        assertThat(received).isInstanceOfSatisfying(Received.Records.class, records -> {
            assertThat(records.records()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly(keys);
            assertThat(records.records()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .allSatisfy(value -> assertThat(value).startsWith("{\"apiVersion\":").doesNotContain("\n")
                            .contains("\"kind\":\"Event\""));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Pod                 | {"apiVersion":"v1","kind":"Pod","metadata":{}}            | not_kubernetes_event
            no kind               | {"apiVersion":"v1","reason":"Scheduled"}                  | not_kubernetes_event
            unknown version       | {"apiVersion":"events.k8s.io/v2","kind":"Event"}          | not_kubernetes_event
            a list with a Pod     | {"kind":"List","items":[{"apiVersion":"v1","kind":"Pod"}]} | not_kubernetes_event
            a string              | "Scheduled"                                               | not_kubernetes_event
            trailing garbage      | {"apiVersion":"v1","kind":"Event"} x                      | bad_json
            """)
    void refusesWhatIsNotAnEvent(final String name, final String body, final String error) {
        final Received received = receiver.receive(body.getBytes(StandardCharsets.UTF_8));

        assertThat(received).isInstanceOfSatisfying(Received.Refused.class,
                refused -> assertThat(refused.error()).isEqualTo(error));
    }

    @ParameterizedTest(name = "{0} events, limit 10")
    @CsvSource({"10, true", "11, false"})
    void boundsTheEventsOfOneRequest(final int count, final boolean accepted) {
        final String[] events = new String[count];
        Arrays.fill(events, CORE_V1);

        final Received received = receiver.receive(String.join("\n", events).getBytes(StandardCharsets.UTF_8));

        if (accepted) {
            assertThat(received).isInstanceOf(Received.Records.class);
        } else {
            assertThat(received).isEqualTo(new Received.Refused(413, ErrorCodes.TOO_MANY_RECORDS,
                    "the body holds more than 10 records"));
        }
    }
}
