package org.operatefirst.anonymizer.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.publisher.topology.PublicationFilter.Decision;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

class PublicationFilterTest {

    private static final Predicate<String> NOBODY = namespace -> false;
    private static final Predicate<String> DATA_SCIENCE = "data-science"::equals;

    private final PublicationFilter filter = new PublicationFilter(PublicationPolicy.defaults());

    private boolean published(final RecordKind kind, final String text, final Predicate<String> consent) {
        return switch (filter.decide(kind, text, consent)) {
            case Decision.Publish publish -> true;
            case Decision.Withhold withhold -> false;
            case Decision.Part part -> throw new AssertionError("a part of a " + kind + " record: " + part);
        };
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [I 2021-05-05 10:02:42.206 JupyterHub pages:402] jdoe@example.org is pending spawn | true
            {not json, a plain line with braces                                             | true
            {"message":"hi","kubernetes":{"namespace_name":"openshift-monitoring"}}          | true
            {"message":"hi","kubernetes":{"pod_namespace":"kube-system"}}                    | true
            {"message":"hi","kubernetes":{"namespace_name":"default"}}                       | true
            {"message":"hi","kubernetes":{"namespace_name":"jdoe-project"}}                  | false
            {"message":"hi","kubernetes":{"namespace_name":"data-science"}}                  | true
            {"message":"hi","kubernetes":{"namespace_name":"openshiftish"}}                  | false
            {"message":"hi","log_type":"infrastructure","kubernetes":{"namespace_name":"x"}} | true
            {"message":"hi","log_type":"audit"}                                              | true
            {"message":"hi","log_type":"application"}                                        | false
            {"message":"hi","log_type":"application","kubernetes":{"namespace_name":"data-science"}} | true
            {"message":"hi"}                                                                 | true
            {"message":"hi","labels":{"kubernetes":{"namespace_name":"jdoe-project"}}}        | false
            {"namespace":"jdoe-project","message":"hi"}                                      | false
            """)
    void logs(final String line, final boolean published) {
        assertThat(published(RecordKind.LOGS, line, DATA_SCIENCE)).isEqualTo(published);
    }

    @Test
    void eventsArePlatformDataWhateverTheirNamespaceUnlessThePolicySaysOtherwise() {
        final String event = "{\"kind\":\"Event\",\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"jdoe-project\"},"
                + "\"metadata\":{\"namespace\":\"jdoe-project\"},\"message\":\"Started container\"}";
        assertThat(published(RecordKind.EVENTS, event, NOBODY)).isTrue();

        final PublicationFilter strict = new PublicationFilter(PublicationPolicy.fromMap(
                Map.of("events-follow-namespace", true)));
        assertThat(strict.decide(RecordKind.EVENTS, event, NOBODY)).isInstanceOf(Decision.Withhold.class);
        assertThat(strict.decide(RecordKind.EVENTS, event, "jdoe-project"::equals)).isInstanceOf(Decision.Publish.class);
        assertThat(strict.decide(RecordKind.EVENTS, event.replace("jdoe-project", "openshift-etcd"), NOBODY))
                .isInstanceOf(Decision.Publish.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"alerts":[{"labels":{"alertname":"KubePodCrashLooping","namespace":"openshift-etcd"}}]}       | true
            {"alerts":[{"labels":{"alertname":"A","namespace":"openshift-etcd"}},{"labels":{"namespace":"jdoe-project"}}]} | false
            {"alerts":[{"labels":{"alertname":"Watchdog"}}],"commonLabels":{"alertname":"Watchdog"}}       | true
            {"alerts":[],"commonLabels":{"namespace":"data-science"}}                                    | true
            not an alert payload                                                                         | false
            {"alerts":[{"labels":{"namespace":"kube-system"}}]} trailing                                 | false
            """)
    void alerts(final String payload, final boolean published) {
        assertThat(published(RecordKind.ALERTS, payload, DATA_SCIENCE)).isEqualTo(published);
    }

    @Test
    void metricsKeepPlatformSeriesAndWorkloadResourceUsageAndDropApplicationSeries() {
        final String exposition = """
                # HELP container_cpu_usage_seconds_total Cumulative cpu time consumed.
                # TYPE container_cpu_usage_seconds_total counter
                container_cpu_usage_seconds_total{namespace="jdoe-project",pod="nb-0"} 12.5
                container_cpu_usage_seconds_total{namespace="openshift-etcd",pod="etcd-0"} 99
                # TYPE shop_orders_total counter
                shop_orders_total{namespace="jdoe-project",pod="shop-1"} 3
                shop_orders_total{namespace="data-science",pod="model-1"} 4
                shop_orders_total{namespace="say \\"hi\\"",pod="x"} 5
                node_load1 0.5
                kube_pod_info{namespace="jdoe-project",pod="nb-0"} 1
                """;
        final Decision decision = filter.decide(RecordKind.METRICS, exposition, DATA_SCIENCE);

        assertThat(decision).isInstanceOf(Decision.Part.class);
        final Decision.Part part = (Decision.Part) decision;
        assertThat(part.withheld()).isEqualTo(2);
        assertThat(part.text()).isEqualTo("""
                # HELP container_cpu_usage_seconds_total Cumulative cpu time consumed.
                # TYPE container_cpu_usage_seconds_total counter
                container_cpu_usage_seconds_total{namespace="jdoe-project",pod="nb-0"} 12.5
                container_cpu_usage_seconds_total{namespace="openshift-etcd",pod="etcd-0"} 99
                # TYPE shop_orders_total counter
                shop_orders_total{namespace="data-science",pod="model-1"} 4
                node_load1 0.5
                kube_pod_info{namespace="jdoe-project",pod="nb-0"} 1
                """);
    }

    @Test
    void metricsAllOrNothing() {
        assertThat(filter.decide(RecordKind.METRICS, "up{namespace=\"kube-system\"} 1\n", NOBODY))
                .isInstanceOf(Decision.Publish.class);
        assertThat(filter.decide(RecordKind.METRICS, "app_hits{namespace=\"jdoe-project\"} 1\n", NOBODY))
                .isEqualTo(new Decision.Withhold(PublicationFilter.REASON_WORKLOAD));
        // A sample line that cannot be read is withheld, not guessed at.
        assertThat(filter.decide(RecordKind.METRICS, "broken{namespace=\"kube-system 1\n", NOBODY))
                .isInstanceOf(Decision.Withhold.class);
    }

    @Test
    void seriesParsing() {
        assertThat(PublicationFilter.Series.parse("up 1")).isEqualTo(new PublicationFilter.Series("up", List.of()));
        assertThat(PublicationFilter.Series.parse("a{b=\"c\", namespace=\"n\\\\s\",exported_namespace=\"m\"} 1"))
                .isEqualTo(new PublicationFilter.Series("a", List.of("n\\s", "m")));
        assertThat(PublicationFilter.Series.parse("a{b=c} 1")).isNull();
        assertThat(PublicationFilter.Series.parse("{} 1")).isNull();
    }

    @Test
    void kindsOutsideThePublicKindsAreWithheld() {
        final PublicationFilter logsOnly = new PublicationFilter(PublicationPolicy.fromMap(
                Map.of("public-kinds", List.of("logs"))));
        assertThat(logsOnly.decide(RecordKind.METRICS, "up 1\n", NOBODY))
                .isEqualTo(new Decision.Withhold(PublicationFilter.REASON_KIND));
        assertThat(logsOnly.decide(RecordKind.LOGS, "a line", NOBODY)).isInstanceOf(Decision.Publish.class);
    }

    @Test
    void unattributedRecordsCanBeTreatedAsWorkload() {
        final PublicationFilter strict = new PublicationFilter(PublicationPolicy.fromMap(
                Map.of("unattributed", "workload")));
        assertThat(strict.decide(RecordKind.LOGS, "a plain line", NOBODY)).isInstanceOf(Decision.Withhold.class);
        assertThat(strict.decide(RecordKind.METRICS, "node_load1 1\n", NOBODY)).isInstanceOf(Decision.Withhold.class);
        assertThat(PublicationPolicy.fromMap(Map.of("consent-default", "opt-in")).consentByDefault()).isTrue();
        assertThat(PublicationPolicy.defaults().platformLogTypes()).isEqualTo(Set.of("infrastructure", "audit"));
    }
}
