package org.operatefirst.anonymizer.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerWebhookTest {

    /** A payload as Alertmanager 0.27 posts it to a webhook receiver, with fictional identities. */
    static final String PAYLOAD = """
            {
              "receiver": "anonymizer",
              "status": "firing",
              "alerts": [
                {
                  "status": "firing",
                  "labels": {"alertname": "KubePodCrashLooping", "namespace": "jupyterhub",
                             "pod": "jupyterhub-nb-jdoe-40example-2eorg", "severity": "warning"},
                  "annotations": {"description": "Pod jupyterhub/jupyterhub-nb-jdoe-40example-2eorg is crash looping",
                                  "summary": "Pod is crash looping."},
                  "startsAt": "2021-05-05T10:02:42.21Z",
                  "endsAt": "0001-01-01T00:00:00Z",
                  "generatorURL": "https://prometheus.example.org/graph?g0.expr=...",
                  "fingerprint": "3b6a0c1e5c6b3a1d"
                }
              ],
              "groupLabels": {"alertname": "KubePodCrashLooping"},
              "commonLabels": {"alertname": "KubePodCrashLooping", "namespace": "jupyterhub"},
              "commonAnnotations": {},
              "externalURL": "https://alertmanager.example.org",
              "version": "4",
              "groupKey": "{}:{alertname=\\"KubePodCrashLooping\\"}",
              "truncatedAlerts": 0
            }
            """;

    private final AlertmanagerWebhook receiver = new AlertmanagerWebhook(new Limits(1 << 20, 1 << 16, 10, 16));

    @Test
    void makesOneCompactRecordPerNotificationKeyedByItsGroup() {
        final Received received = receiver.receive(PAYLOAD.getBytes(StandardCharsets.UTF_8));

        assertThat(received).isInstanceOfSatisfying(Received.Records.class, records -> {
            assertThat(records.records()).hasSize(1);
            final RawRecord record = records.records().get(0);
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo("{}:{alertname=\"KubePodCrashLooping\"}");
            final String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain("\n").startsWith("{\"receiver\":\"anonymizer\",\"status\":\"firing\"")
                    .contains("\"pod\":\"jupyterhub-nb-jdoe-40example-2eorg\"").endsWith("\"truncatedAlerts\":0}");
            assertThat(record.contentType()).isEqualTo(RawRecord.JSON);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | receiver=x                                               | bad_json
            unterminated              | {"version":"4","status":"firing","alerts":[              | bad_json
            duplicate member          | {"version":"4","version":"4","status":"firing","alerts":[]} | bad_json
            an array of numbers       | [1]                                                      | not_alertmanager_webhook
            version 3                 | {"version":"3","status":"firing","alerts":[]}            | not_alertmanager_webhook
            version as a number       | {"version":4,"status":"firing","alerts":[]}              | not_alertmanager_webhook
            no alerts                 | {"version":"4","status":"firing"}                        | not_alertmanager_webhook
            alert without labels      | {"version":"4","status":"firing","alerts":[{"status":"firing"}]} | not_alertmanager_webhook
            empty body                | ''                                                       | empty
            too deep                  | {"version":"4","status":"firing","alerts":[],"x":[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]} | bad_json
            """)
    void refusesWhatIsNotAVersion4Payload(final String name, final String body, final String error) {
        final Received received = receiver.receive(body.getBytes(StandardCharsets.UTF_8));

        assertThat(received).isInstanceOfSatisfying(Received.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo(error);
        });
    }

    @Test
    void errorsNameTheLineButNeverQuoteTheData() {
        final Received received = receiver.receive("{\"version\":\"4\",\n\"status\": jdoe@example.org}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(received).isInstanceOfSatisfying(Received.Refused.class, refused -> assertThat(refused.detail())
                .contains("line 2").doesNotContain("jdoe", "example"));
    }
}
