package org.operatefirst.anonymizer.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;

/**
 * A JupyterHub-style corpus that no rule was written against, through the publisher topology without an identity
 * directory: the hub's own log lines, KubeSpawner's, the single-user servers', and a log shipper's JSON with the
 * pod's labels, for three hundred users of several name shapes (plain logins, dotted and hyphenated ones, email
 * logins). No user name and no pod name may survive in any output, and hardly any record may be quarantined: a
 * record that the scrubber gets only partly right is corrected, not withheld from the operators.
 */
class HeldOutJupyterHubCorpusTest {

    private static final int USERS = 300;
    private static final int RECORDS = 3_000;
    private static final String[] GIVEN = {"amara", "bastian", "chiara", "dmitri", "elif", "farid", "greta",
        "hiroshi", "ines", "jonas", "kalani", "liesel", "mateo", "nadia", "oskar", "priya", "quentin", "rosa",
        "soren", "tamsin", "umar", "vesna", "wendell", "ximena", "yusuf", "zofia"};
    private static final String[] FAMILY = {"achterberg", "bellweather", "castellanos", "delacroix", "eriksen",
        "fairbairn", "gallagher", "halvorsen", "ishikawa", "jankowski", "kowalczyk", "lindqvist", "marchetti",
        "novakova", "oyelaran", "pellegrini", "quartermain", "rasmussen", "szabo", "thorvaldsen", "underhill",
        "vasquez", "whitcombe", "yamaguchi", "zielinski"};

    private TopologyTestDriver driver;
    private final TopicNames topics = TopicNames.DEFAULTS;

    @BeforeEach
    void startDriver() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 5);
        final MasterSecret master = MasterSecret.of(secret);
        // As the service builds them: both tiers share one memory of the user names records give away.
        final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(master,
                new EnumMap<>(Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026)), ScrubPolicy.defaults(),
                IdentityDirectory.empty(), LearnedIdentities.of(10_000, Duration.ofHours(24)));
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "held-out-corpus-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(PublisherTopology.build(
                new TopologySettings(topics, scrubbers, new TextDecoder(1 << 16), "held-out-1")), properties);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void noUserOrPodNameSurvivesAndAlmostNothingIsQuarantined() {
        final Random random = new Random(20261207);
        final List<String> users = users(random);
        final Set<String> planted = new LinkedHashSet<>();
        final TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(topics.raw(RecordKind.LOGS),
                new ByteArraySerializer(), new ByteArraySerializer());
        for (int i = 0; i < RECORDS; i++) {
            final String user = users.get(random.nextInt(users.size()));
            final String pod = "jupyterhub-nb-" + KubeSpawnerEscape.escape(user);
            planted.add(user);
            planted.add(pod);
            final String ip = "10." + (128 + random.nextInt(4)) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254));
            raw.pipeInput(null, line(random.nextInt(15), user, pod, ip, random).getBytes(StandardCharsets.UTF_8));
        }

        final List<String> outputs = new ArrayList<>();
        for (final Tier tier : Tier.values()) {
            driver.createOutputTopic(topics.output(tier, RecordKind.LOGS), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readValuesToList()
                    .forEach(value -> outputs.add(new String(value, StandardCharsets.UTF_8)));
        }
        final long quarantined = driver.createOutputTopic(topics.quarantine(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).getQueueSize();

        assertThat(quarantined).as("records quarantined of %d", RECORDS).isLessThan(RECORDS / 1000 + 1);
        assertThat(outputs).hasSizeGreaterThanOrEqualTo(RECORDS);
        final List<String> survivors = new ArrayList<>();
        for (final String value : planted) {
            final Pattern token = Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(value)
                    + "(?![\\p{Alnum}_])", Pattern.CASE_INSENSITIVE);
            outputs.stream().filter(output -> token.matcher(output).find()).findFirst()
                    .ifPresent(output -> survivors.add(value + " in: " + output));
        }
        assertThat(survivors).isEmpty();
    }

    /** Logins of several shapes: given name and family name, dotted, hyphenated, an email address as the login. */
    private static List<String> users(final Random random) {
        final Set<String> users = new LinkedHashSet<>();
        while (users.size() < USERS) {
            final String given = GIVEN[random.nextInt(GIVEN.length)];
            final String family = FAMILY[random.nextInt(FAMILY.length)];
            users.add(switch (random.nextInt(5)) {
                case 0 -> given.charAt(0) + family;
                case 1 -> given + "." + family;
                case 2 -> given + "-" + family.substring(0, 4);
                case 3 -> given + family.charAt(0) + (10 + random.nextInt(90));
                default -> given + "." + family + "@example.org";
            });
        }
        return new ArrayList<>(users);
    }

    private static String line(final int shape, final String user, final String pod, final String ip,
            final Random random) {
        final String time = String.format(Locale.ROOT, "2026-12-07 %02d:%02d:%02d.%03d", random.nextInt(24),
                random.nextInt(60), random.nextInt(60), random.nextInt(1000));
        final String millis = String.format(Locale.ROOT, "%.2fms", random.nextDouble() * 100);
        final String url = user.replace("@", "%40");
        return switch (shape) {
            case 0 -> "[I " + time + " JupyterHub log:191] 200 POST /hub/api/users/" + url + "/activity (" + user
                    + "@" + ip + ") " + millis;
            case 1 -> "[I " + time + " JupyterHub log:191] 302 GET /hub/spawn/" + url + " -> /hub/spawn-pending/"
                    + url + " (" + user + "@" + ip + ") " + millis;
            case 2 -> "[I " + time + " JupyterHub base:1090] User " + user + " took 14.512 seconds to start";
            case 3 -> "[I " + time + " JupyterHub proxy:356] Adding user " + user + " to proxy /user/" + url
                    + "/ => http://" + ip + ":8888";
            case 4 -> "[I " + time + " JupyterHub spawner:2513] Attempting to create pod " + pod
                    + ", with timeout 3";
            case 5 -> "[W " + time + " JupyterHub user:881] " + user + "'s server failed to start in 300 seconds,"
                    + " giving up";
            case 6 -> "[I " + time + " JupyterHub log:191] 200 GET /user/" + url + "/api/kernels?1733560000 ("
                    + user + "@" + ip + ") " + millis;
            case 7 -> "{\"message\":\"[I " + time + " SingleUserNotebookApp handlers:453] Kernel started\","
                    + "\"kubernetes\":{\"namespace_name\":\"opf-jupyterhub\",\"pod_name\":\"" + pod + "\","
                    + "\"labels\":{\"component\":\"singleuser-server\",\"hub.jupyter.org/username\":\"" + user
                    + "\"},\"pod_ip\":\"" + ip + "\"}}";
            case 8 -> "[I " + time + " JupyterHub reflector:289] pod " + pod + " is Running on node "
                    + "worker-2.example.org";
            case 9 -> "[I " + time + " JupyterHub cull_idle_servers:150] Culling server for " + user
                    + " (inactive for 01:00:12)";
            case 10 -> "[W " + time + " JupyterHub base:1055] User " + user + " is slow to start (timeout=10)";
            // The name alone, without a path or a pod that also names the user.
            case 11 -> "[I " + time + " JupyterHub log:191] 200 GET /hub/api (" + user + "@::ffff:" + ip + ") "
                    + millis;
            case 12 -> "[I " + time + " JupyterHub base:991] User logged in: " + user;
            case 13 -> "[I " + time + " JupyterHub proxy:360] Removing user " + user + " from proxy (/user/x/)";
            default -> "[I " + time + " JupyterHub log:191] 101 GET /user/" + url + "/api/kernels/"
                    + "7f3c9a2e-5d41-4b8a-9e6f-0a1b2c3d4e5f/channels?session_id=" + Integer.toHexString(
                            random.nextInt()) + " (" + user + "@" + ip + ") " + millis;
        };
    }
}
