package org.operatefirst.anonymizer.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogEnvelopeDecoderTest {

    /** As Vector 0.34's kubernetes_logs source and kafka sink (codec json) write it; fictional identities. */
    static final String VECTOR = """
            {"file":"/var/log/pods/jupyterhub_hub-7d9_0b1c/hub/0.log","kubernetes":{"container_id":"cri-o://5e1",\
            "container_image":"quay.io/example/jupyterhub:1.4","container_name":"hub","namespace_labels":\
            {"kubernetes.io/metadata.name":"jupyterhub"},"node_labels":{"kubernetes.io/hostname":"node-1"},\
            "pod_ip":"198.51.100.17","pod_ips":["198.51.100.17"],"pod_labels":{"app":"jupyterhub"},\
            "pod_name":"hub-7d9","pod_namespace":"jupyterhub","pod_node_name":"node-1","pod_uid":"0b1c"},\
            "message":"[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/jdoe@example.org",\
            "source_type":"kubernetes_logs","stream":"stderr","timestamp":"2021-05-05T10:02:42.210123Z"}""";

    /** As Fluent Bit 2.2's kafka output writes it after the kubernetes filter. */
    static final String FLUENT_BIT = """
            {"@timestamp":1620208962.210123,"log":"GET /user/jdoe@example.org/ 200","stream":"stdout",\
            "time":"2021-05-05T10:02:42.210123Z","kubernetes":{"pod_name":"jupyterhub-nb-jdoe-40example-2eorg",\
            "namespace_name":"jupyterhub","pod_id":"7e2f","labels":{"hub.jupyter.org/username":"jdoe-40example-2eorg"},\
            "host":"node-1","container_name":"notebook","docker_id":"9a8b","container_image":"jupyter/base:2021"}}""";

    /** As OpenShift Logging 5.x forwards it to a Kafka output (ViaQ data model). */
    static final String VIAQ = """
            {"@timestamp":"2021-05-05T10:02:42.210123+00:00","message":"Failed login for jdoe@example.org from \
            192.0.2.7","docker":{"container_id":"5e1"},"kubernetes":{"container_name":"hub","namespace_name":\
            "jupyterhub","pod_name":"hub-7d9","pod_ip":"198.51.100.17","host":"node-1.example.org",\
            "labels":{"app":"jupyterhub"}},"hostname":"node-1.example.org","level":"warning","log_type":\
            "application","pipeline_metadata":{"collector":{"name":"vector","version":"0.28"}},\
            "openshift":{"cluster_id":"c0ffee","sequence":42},"viaq_msg_id":"ZGE2"}""";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"VECTOR", "FLUENT_BIT", "VIAQ"})
    void givesBackTheWholeEnvelopeAsOneCompactLine(final LogEnvelopeDecoder.Shape shape) {
        final String input = switch (shape) {
            case VECTOR -> VECTOR;
            case FLUENT_BIT -> FLUENT_BIT;
            case VIAQ -> VIAQ;
        };
        final DecodeResult result = new LogEnvelopeDecoder(shape, 1 << 16, 16).decode(pretty(input));

        assertThat(result).isEqualTo(new DecodeResult.Decoded(input));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            VECTOR     | {"message":"x","kubernetes":{"pod_namespace":"ns"}}                         | kubernetes.pod_name
            VECTOR     | {"message":"x","source_type":"file","kubernetes":{"pod_namespace":"n","pod_name":"p"}} | source_type
            VECTOR     | {"message":1,"kubernetes":{"pod_namespace":"n","pod_name":"p"}}             | message
            FLUENT_BIT | {"message":"x","kubernetes":{"namespace_name":"n","pod_name":"p"}}          | log
            VIAQ       | {"@timestamp":"t","message":"x","log_type":"debug"}                         | log_type
            VIAQ       | {"message":"x","log_type":"audit"}                                          | @timestamp
            """)
    void rejectsOtherShapesNamingTheMissingField(final LogEnvelopeDecoder.Shape shape, final String input,
            final String field) {
        final DecodeResult result = new LogEnvelopeDecoder(shape, 1 << 16, 16).decode(utf8(input));

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(LogEnvelopeDecoder.REASON_SHAPE);
            assertThat(rejected.detail()).contains(field);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain text                 | GET /user/jdoe@example.org/          | not-json
            an array                   | [1,2]                                | not-json
            two documents              | {"log":"a"} {"log":"b"}              | not-json
            duplicate member           | {"log":"a","log":"b","kubernetes":{}} | not-json
            too deep                   | {"a":{"b":{"c":{"d":{}}}}}            | not-json
            """)
    void rejectsWhatIsNotOneJsonObject(final String name, final String input, final String reason) {
        final DecodeResult result = new LogEnvelopeDecoder(LogEnvelopeDecoder.Shape.FLUENT_BIT, 1 << 16, 3)
                .decode(utf8(input));

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.detail()).doesNotContain("jdoe");
        });
    }

    private static byte[] pretty(final String json) {
        return utf8(json.replace(",\"", ",\n  \"") + "\n");
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
