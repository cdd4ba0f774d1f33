package org.operatefirst.anonymizer.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Synthetic records shaped like the seed's samples (JupyterHub and klog log lines, Kubernetes Events, cAdvisor
 * and kube-state-metrics series, Alertmanager webhooks), with
 * fictional identities that vary from record to record, so caches of pseudonyms cannot make the benchmark look
 * better than the real mix.
 */
final class Corpus {

    private static final String[] LOG_TEMPLATES = {
        "[I 2021-05-05 10:02:42.206 JupyterHub pages:402] %s is pending spawn",
        "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/%s (%s@::ffff:%s) 13.28ms",
        "10:02:47.190 [ConfigProxy] info: 200 GET /api/routes",
        "2021-05-05 10:03:00.462 JupyterHub proxy:282] Adding user %s to proxy /user/%s/ => http://%s:8080",
        "[I 2021-05-05 10:03:00.468 JupyterHub log:189] 200 GET /hub/api (@%s) 1.97ms",
        "E0427 19:21:28.160157       1 osinserver.go:91] internal error: system:serviceaccount:opf-jupyterhub:"
            + "jupyterhub-hub has no redirectURIs; set serviceaccounts.openshift.io/oauth-redirecturi.<some-value>"
            + "=<redirect> or create a dynamic URI using serviceaccounts.openshift.io/oauth-redirectreference."
            + "<some-value>=<reference>",
        "I0427 19:19:02.124830       1 named_certificates.go:53] loaded SNI cert [0/\"self-signed loopback\"]: "
            + "\"apiserver-loopback-client@1619551141\" [serving] validServingFor=[apiserver-loopback-client] "
            + "issuer=\"apiserver-loopback-client-ca@1619551141\" (2021-04-27 18:19:00 +0000 UTC to 2022-04-27 "
            + "18:19:00 +0000 UTC (now=2021-04-27 19:19:02.124819977 +0000 UTC))",
        "[I 2021-05-05 10:03:00.528 JupyterHub log:189] 200 POST /hub/api/users/%s/activity (%s@%s) 33.95ms",
        "E0503 19:37:02.866939       1 authentication.go:53] Unable to authenticate the request due to an error: "
            + "[invalid bearer token, context canceled]",
    };

    private static final String EVENT = "{\"apiVersion\":\"v1\",\"count\":1,\"eventTime\":null,\"firstTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"involvedObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":"
            + "\"jupyterhub-nb-%s\",\"namespace\":\"opf-jupyterhub\",\"resourceVersion\":\"209536743\",\"uid\":"
            + "\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\"},\"kind\":\"Event\",\"lastTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"message\":\"Add eth0 [%s/23]\",\"metadata\":{\"creationTimestamp\":"
            + "\"2021-05-05T10:07:31Z\",\"managedFields\":[{\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\","
            + "\"fieldsV1\":{\"f:count\":{},\"f:firstTimestamp\":{},\"f:involvedObject\":{\"f:apiVersion\":{},"
            + "\"f:kind\":{},\"f:name\":{},\"f:namespace\":{},\"f:resourceVersion\":{},\"f:uid\":{}},"
            + "\"f:lastTimestamp\":{},\"f:message\":{},\"f:reason\":{},\"f:source\":{\"f:component\":{}},"
            + "\"f:type\":{}},\"manager\":\"multus\",\"operation\":\"Update\",\"time\":\"2021-05-05T10:07:31Z\"}],"
            + "\"name\":\"jupyterhub-nb-%s.167c23baee4d0e1c\",\"namespace\":\"opf-jupyterhub\","
            + "\"resourceVersion\":\"209537358\",\"selfLink\":\"/api/v1/namespaces/opf-jupyterhub/events/"
            + "jupyterhub-nb-%s.167c23baee4d0e1c\",\"uid\":\"40c934ef-4bd2-4f41-8686-e5c979adec62\"},\"reason\":"
            + "\"AddedInterface\",\"reportingComponent\":\"\",\"reportingInstance\":\"\",\"source\":{\"component\":"
            + "\"multus\"},\"type\":\"Normal\"}";

    /** A scrape of one user's notebook pod: cAdvisor and kube-state-metrics series, as Prometheus exposes them. */
    private static final String METRICS = """
            # HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.
            # TYPE container_cpu_usage_seconds_total counter
            container_cpu_usage_seconds_total{container="notebook",cpu="total",id="/kubepods/burstable/pod7a27741f",\
            image="quay.io/thoth-station/s2i-minimal-notebook:v0.0.7",instance="%2$s:10250",job="kubelet",\
            namespace="opf-jupyterhub",node="worker-3.example.org",pod="jupyterhub-nb-%1$s"} 1234.56 1620209251000
            # HELP container_memory_working_set_bytes Current working set in bytes.
            # TYPE container_memory_working_set_bytes gauge
            container_memory_working_set_bytes{container="notebook",id="/kubepods/burstable/pod7a27741f",\
            image="quay.io/thoth-station/s2i-minimal-notebook:v0.0.7",instance="%2$s:10250",job="kubelet",\
            namespace="opf-jupyterhub",node="worker-3.example.org",pod="jupyterhub-nb-%1$s"} 5.36870912e+08
            # HELP kube_pod_info Information about pod.
            # TYPE kube_pod_info gauge
            kube_pod_info{created_by_kind="<none>",host_ip="%2$s",namespace="opf-jupyterhub",node="worker-3",\
            pod="jupyterhub-nb-%1$s",pod_ip="%3$s",priority_class="",uid="7a27741f-a72d-4f0d-bf17-3cd0d3ede494"} 1
            # HELP kube_pod_labels Kubernetes labels converted to Prometheus labels.
            # TYPE kube_pod_labels gauge
            kube_pod_labels{label_app="jupyterhub",label_component="singleuser-server",\
            label_hub_jupyter_org_username="%4$s",namespace="opf-jupyterhub",pod="jupyterhub-nb-%1$s"} 1
            """;

    /** An Alertmanager webhook about one user's notebook pod. */
    private static final String ALERT = "{\"receiver\":\"opf-alerts\",\"status\":\"firing\",\"alerts\":[{\"status\":"
            + "\"firing\",\"labels\":{\"alertname\":\"KubePodCrashLooping\",\"container\":\"notebook\","
            + "\"namespace\":\"opf-jupyterhub\",\"pod\":\"jupyterhub-nb-%1$s\",\"severity\":\"warning\","
            + "\"instance\":\"%2$s:8443\"},\"annotations\":{\"description\":\"Pod opf-jupyterhub/jupyterhub-nb-%1$s"
            + " (notebook) is restarting 1.05 times / 10 minutes.\",\"summary\":\"Pod is crash looping.\"},"
            + "\"startsAt\":\"2021-05-05T10:07:31Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":"
            + "\"https://prometheus.example.org/graph?g0.expr=rate%%28kube_pod_container_status_restarts_total%%5B10m"
            + "%%5D%%29\",\"fingerprint\":\"3b1e6c7d0f2a4b5c\"}],\"groupLabels\":{\"alertname\":"
            + "\"KubePodCrashLooping\"},\"commonLabels\":{\"alertname\":\"KubePodCrashLooping\",\"namespace\":"
            + "\"opf-jupyterhub\",\"pod\":\"jupyterhub-nb-%1$s\"},\"commonAnnotations\":{},\"externalURL\":"
            + "\"https://alertmanager.example.org\",\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"KubePodCrashLooping"
            + "\\\"}\",\"truncatedAlerts\":0}";

    private Corpus() {
    }

    /**
     * The corpus of a kind.
     *
     * @param kind  the record kind
     * @param count how many records
     * @return the records
     */
    static List<String> of(final RecordKind kind, final int count) {
        return switch (kind) {
            case LOGS -> logLines(count);
            case EVENTS -> events(count);
            case METRICS -> metrics(count);
            case ALERTS -> alerts(count);
        };
    }

    /**
     * Log lines, each with its own user and addresses drawn from a population of a thousand users.
     *
     * @param count how many lines
     * @return the lines
     */
    static List<String> logLines(final int count) {
        final Random random = new Random(42);
        final List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final String user = "user" + random.nextInt(1000) + "@example.org";
            final String ip = "10.131." + random.nextInt(256) + "." + random.nextInt(256);
            final String template = LOG_TEMPLATES[i % LOG_TEMPLATES.length];
            lines.add(String.format(template, user, user, ip, ip).replace("%s", ""));
        }
        return lines;
    }

    /**
     * Kubernetes Events like the seed's, each about a user's notebook pod.
     *
     * @param count how many events
     * @return the events, one JSON document each
     */
    static List<String> events(final int count) {
        final Random random = new Random(43);
        final List<String> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final String pod = "user" + random.nextInt(1000) + "-40example-2eorg";
            final String ip = "10.131." + random.nextInt(256) + "." + random.nextInt(256);
            events.add(String.format(EVENT, pod, ip, pod, pod));
        }
        return events;
    }

    /**
     * Prometheus exposition text, one scrape of a user's notebook pod per record (four series with their HELP and
     * TYPE lines).
     *
     * @param count how many scrapes
     * @return the scrapes
     */
    static List<String> metrics(final int count) {
        final Random random = new Random(44);
        final List<String> scrapes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int user = random.nextInt(1000);
            scrapes.add(String.format(METRICS, "user" + user + "-40example-2eorg", address(random), address(random),
                    "user" + user + "@example.org"));
        }
        return scrapes;
    }

    /**
     * Alertmanager webhook payloads, each about a user's notebook pod.
     *
     * @param count how many payloads
     * @return the payloads, one JSON document each
     */
    static List<String> alerts(final int count) {
        final Random random = new Random(45);
        final List<String> alerts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            alerts.add(String.format(ALERT, "user" + random.nextInt(1000) + "-40example-2eorg", address(random)));
        }
        return alerts;
    }

    private static String address(final Random random) {
        return "10.131." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /**
     * The total size of records in UTF-8.
     *
     * @param records the records
     * @return bytes
     */
    static long bytes(final List<String> records) {
        long total = 0;
        for (final String record : records) {
            total += record.getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }
}
