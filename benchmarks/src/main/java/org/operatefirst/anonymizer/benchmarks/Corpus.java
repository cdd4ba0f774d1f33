package org.operatefirst.anonymizer.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * Synthetic records shaped like the seed's samples (JupyterHub and klog log lines, Kubernetes Events, cAdvisor
 * and kube-state-metrics series, Alertmanager webhooks), with fictional identities.
 *
 * <p>Two variants. {@link Variety#SEED}: the seed's shapes with a user of a thousand and a pod address of
 * 10.131.0.0/16 per record. {@link Variety#VARIED}: every field that holds an identifier draws from a large
 * population (a hundred thousand users, of whom the identity directory of {@link #directory()} names four
 * thousand, addresses anywhere in 10.0.0.0/8 and 2001:db8::/32, four hundred nodes, a fresh uid and timestamp per
 * record), and log lines come in more shapes (sshd, haproxy, OAuth logins, Vector JSON), so that no cache of
 * pseudonyms or memo of findings sees the same value often enough to flatter the figure.
 */
final class Corpus {

    /** How often the values of a corpus repeat. */
    enum Variety {
        /** The seed's shapes, a thousand users, 65,536 pod addresses. */
        SEED,
        /** Many distinct values per field, more log shapes, and an identity directory. */
        VARIED;

        static Variety of(final String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The size of the varied corpus's population of users. */
    private static final int VARIED_USERS = 100_000;
    /** How many of them the identity directory of the varied corpus names. */
    private static final int DIRECTORY_PEOPLE = 4_000;
    private static final String[] GIVEN = {"ada", "alan", "alice", "amir", "anna", "aron", "bea", "boris", "carla",
        "chen", "dana", "dario", "eda", "elif", "emil", "ester", "farah", "felix", "gita", "goran", "hana", "hugo",
        "ines", "ivan", "jana", "jonas", "kai", "kira", "lars", "lena", "lucia", "malik", "mara", "milo", "nadia",
        "nils", "olga", "omar", "paula", "petr", "quinn", "rahel", "rui", "sara", "sven", "tara", "timo", "ulla"};
    private static final String[] FAMILY = {"abara", "bakker", "castell", "dvorak", "eklund", "fontaine", "garcia",
        "horvath", "ibarra", "jansen", "kowalski", "lindqvist", "moreau", "novak", "okafor", "petrov", "quintero",
        "rossi", "silva", "tanaka", "ulrich", "varga", "weber", "xu", "yilmaz", "zeller", "almeida", "brandt",
        "costa", "demir", "engel", "fischer", "gruber", "haas", "iversen", "jovanovic", "kraus", "lehmann",
        "marin", "nielsen"};
    private static final String[] NAMESPACES = {"opf-jupyterhub", "opf-monitoring", "opf-trino", "opf-argo",
        "opf-superset", "openshift-ingress", "openshift-monitoring", "opf-kafka"};

    /**
     * The varied corpus's log lines, with {@code %1$s} the user's email, {@code %2$s} their login, {@code %3$s} a
     * pod address, {@code %4$s} a node address, {@code %5$s} an IPv6 address, {@code %6$s} a display name,
     * {@code %7$s} the escaped user of a KubeSpawner pod, {@code %8$s} a namespace and {@code %9$d} a number.
     */
    private static final String[] VARIED_LOG_TEMPLATES = {
        "[I 2021-05-05 10:02:42.%9$03d JupyterHub pages:402] %1$s is pending spawn",
        "[I 2021-05-05 10:02:42.%9$03d JupyterHub log:189] 200 GET /hub/spawn-pending/%1$s (%1$s@::ffff:%3$s) 13.28ms",
        "2021-05-05 10:03:00.%9$03d JupyterHub proxy:282] Adding user %1$s to proxy /user/%1$s/ => http://%3$s:8080",
        "I0427 19:19:02.1248%9$02d       1 httplog.go:109] \"HTTP\" verb=\"GET\" URI=\"/api/v1/namespaces/%8$s/pods\""
            + " latency=\"4.1ms\" userAgent=\"oc/4.7.0\" audit-ID=\"3f2c%9$04d\" srcIP=\"%4$s:4%9$04d\""
            + " resp=200 user=\"%2$s\"",
        "Accepted publickey for %2$s from %4$s port 5%9$04d ssh2: ED25519 SHA256:Qm9vJz1c3Rvcm0%9$d",
        "haproxy[%9$d]: %3$s:4%9$04d [05/May/2021:10:03:00.%9$03d] public be_http:%8$s:jupyterhub/pod:"
            + "jupyterhub-nb-%7$s:%5$s 0/0/1/12/13 200 1534 - - --NI 12/12/0/0/0 0/0 \"GET /user/%2$s/lab HTTP/1.1\"",
        "time=\"2021-05-05T10:03:00Z\" level=info msg=\"login succeeded\" user=\"%6$s\" email=%1$s ip=%3$s",
        "{\"message\":\"200 GET /user/%2$s/api/kernels?%9$d\",\"kubernetes\":{\"pod_name\":\"jupyterhub-nb-%7$s\","
            + "\"pod_namespace\":\"%8$s\",\"pod_ip\":\"%3$s\",\"pod_node_name\":\"worker-%9$d.example.org\"},"
            + "\"timestamp\":\"2021-05-05T10:03:00.%9$03dZ\"}",
        "E0503 19:37:02.8669%9$02d       1 authentication.go:53] Unable to authenticate the request due to an error: "
            + "[invalid bearer token, context canceled]",
        "10:02:47.%9$03d [ConfigProxy] info: 200 GET /api/routes",
    };

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
        return of(kind, count, Variety.SEED);
    }

    /**
     * The corpus of a kind, in a variety.
     *
     * @param kind    the record kind
     * @param count   how many records
     * @param variety how often its values repeat
     * @return the records
     */
    static List<String> of(final RecordKind kind, final int count, final Variety variety) {
        if (variety == Variety.VARIED) {
            return varied(kind, count);
        }
        return switch (kind) {
            case LOGS -> logLines(count);
            case EVENTS -> events(count);
            case METRICS -> metrics(count);
            case ALERTS -> alerts(count);
        };
    }

    /**
     * The identity directory of the varied corpus: its first four thousand users, each with their email, login
     * and display name.
     *
     * @return one list of identifiers per person
     */
    static List<List<String>> directory() {
        final List<List<String>> people = new ArrayList<>(DIRECTORY_PEOPLE);
        for (int user = 0; user < DIRECTORY_PEOPLE; user++) {
            people.add(List.of(email(user), login(user), displayName(user)));
        }
        return people;
    }

    /** The given and family name of a user: distinct for every user of the population. */
    private static String given(final int user) {
        return GIVEN[user % GIVEN.length];
    }

    private static String family(final int user) {
        final int rest = user / GIVEN.length;
        final String family = FAMILY[rest % FAMILY.length];
        final int generation = rest / FAMILY.length;
        return generation == 0 ? family : family + generation;
    }

    private static String email(final int user) {
        return given(user) + "." + family(user) + "@example.org";
    }

    private static String login(final int user) {
        return given(user) + family(user);
    }

    private static String displayName(final int user) {
        return capital(given(user)) + " " + capital(family(user));
    }

    private static String capital(final String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A user drawn from the population: one in four from the directory's people, as staff are in the logs. */
    private static int user(final Random random) {
        return random.nextInt(4) == 0 ? random.nextInt(DIRECTORY_PEOPLE) : random.nextInt(VARIED_USERS);
    }

    /** How KubeSpawner escapes an email in a pod name: {@code -40} for {@code @}, {@code -2e} for {@code .}. */
    private static String escaped(final String email) {
        return email.replace("-", "-2d").replace("@", "-40").replace(".", "-2e");
    }

    private static String podAddress(final Random random) {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static String nodeAddress(final Random random) {
        return "192.0.2." + (1 + random.nextInt(254));
    }

    private static String ipv6(final Random random) {
        return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(
                random.nextInt(0x10000)) + "::" + Integer.toHexString(1 + random.nextInt(0xfffe));
    }

    private static String uid(final Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static List<String> varied(final RecordKind kind, final int count) {
        final Random random = new Random(46 + kind.ordinal());
        final List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int user = user(random);
            final String email = email(user);
            final String pod = escaped(email);
            final String namespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
            records.add(switch (kind) {
                case LOGS -> String.format(VARIED_LOG_TEMPLATES[random.nextInt(VARIED_LOG_TEMPLATES.length)],
                        email, login(user), podAddress(random), nodeAddress(random), ipv6(random),
                        displayName(user), pod, namespace, random.nextInt(1000));
                case EVENTS -> String.format(EVENT, pod, podAddress(random), pod, pod)
                        .replace("7a27741f-a72d-4f0d-bf17-3cd0d3ede494", uid(random))
                        .replace("40c934ef-4bd2-4f41-8686-e5c979adec62", uid(random))
                        .replace("10:07:31Z", "10:" + two(random.nextInt(60)) + ":" + two(random.nextInt(60)) + "Z")
                        .replace("opf-jupyterhub", namespace);
                case METRICS -> String.format(METRICS, pod, nodeAddress(random), podAddress(random), login(user))
                        .replace("worker-3", "worker-" + random.nextInt(400))
                        .replace("7a27741f-a72d-4f0d-bf17-3cd0d3ede494", uid(random))
                        .replace("1234.56 1620209251000", random.nextInt(100_000) + ".25 16202" + random.nextInt(
                                100_000_000));
                case ALERTS -> String.format(ALERT, pod, podAddress(random))
                        .replace("3b1e6c7d0f2a4b5c", Long.toHexString(random.nextLong()))
                        .replace("opf-jupyterhub", namespace);
            });
        }
        return records;
    }

    private static String two(final int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
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
