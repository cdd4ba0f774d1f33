package org.operatefirst.anonymizer.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.slf4j.LoggerFactory;

/**
 * Topics created at start-up on the embedded broker carry the cleanup policy and retention of their class; a topic
 * that exists keeps its own settings, and each difference from the configuration is logged as a warning. Each test
 * uses its own topic names on one broker.
 */
class TopicProvisionerTest {

    private static final String WEEK_MS = "604800000";

    @TempDir
    static Path dataDirectory;

    private static EmbeddedKafkaBroker broker;
    private static ApplicationContext context;
    private static Admin admin;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void startTheBroker() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Settings.of(dataDirectory));
        context = ApplicationContext.builder().environmentPropertySource(false).build();
        context.getEnvironment().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopTheBroker() {
        if (admin != null) {
            admin.close();
        }
        if (context != null) {
            context.getEnvironment().stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void captureTheLog() {
        log.start();
        provisionerLogger().addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        provisionerLogger().detachAppender(log);
    }

    @Test
    void createdTopicsCarryTheRetentionOfTheirClass() throws Exception {
        final TopicsConfiguration topics = topics("created-");

        provisioner(topics).ensureTopics();

        final Map<String, String> settings = settings(topics.names().all());
        assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("created-raw.logs", "delete retention.ms=7200000"),
                Map.entry("created-raw.events", "delete retention.ms=7200000"),
                Map.entry("created-raw.metrics", "delete retention.ms=7200000"),
                Map.entry("created-raw.alerts", "delete retention.ms=7200000"),
                Map.entry("created-sanitized.logs", "delete retention.ms=18000000"),
                Map.entry("created-sanitized.events", "delete retention.ms=18000000"),
                Map.entry("created-sanitized.metrics", "delete retention.ms=18000000"),
                Map.entry("created-sanitized.alerts", "delete retention.ms=18000000"),
                Map.entry("created-public.logs", "delete retention.ms=950400000"),
                Map.entry("created-public.events", "delete retention.ms=950400000"),
                Map.entry("created-public.metrics", "delete retention.ms=950400000"),
                Map.entry("created-public.alerts", "delete retention.ms=950400000"),
                Map.entry("created-quarantine", "delete retention.ms=10800000"),
                Map.entry("created-identities", "compact delete.retention.ms=1200000"),
                Map.entry("created-consent", "compact delete.retention.ms=1200000")));
        final Map<String, TopicDescription> described = admin.describeTopics(topics.names().all())
                .allTopicNames().get();
        assertThat(described.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(1));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aTopicThatIsNotTheServicesGetsTheBrokersDefaults() {
        final TopicsConfiguration topics = topics("other-");

        provisioner(topics).ensureTopics(List.of("other-copy.logs"));

        assertThat(settings(List.of("other-copy.logs"))).containsExactly(
                Map.entry("other-copy.logs", "delete retention.ms=" + WEEK_MS));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void anExistingTopicIsLeftAsItIsAndEachDifferenceIsWarnedAbout() throws Exception {
        final TopicsConfiguration topics = topics("existing-");
        admin.createTopics(List.of(
                new NewTopic("existing-raw.logs", 1, (short) 1).configs(Map.of("retention.ms", WEEK_MS)),
                new NewTopic("existing-identities", 1, (short) 1).configs(Map.of("cleanup.policy", "delete")),
                new NewTopic("existing-public.logs", 1, (short) 1).configs(Map.of("retention.ms", "950400000"))))
                .all().get();

        provisioner(topics).ensureTopics();

        final Map<String, String> settings = settings(topics.names().all());
        assertThat(settings).containsEntry("existing-raw.logs", "delete retention.ms=" + WEEK_MS)
                .containsEntry("existing-identities", "delete retention.ms=" + WEEK_MS)
                .containsEntry("existing-public.logs", "delete retention.ms=950400000")
                .containsEntry("existing-raw.events", "delete retention.ms=7200000")
                .containsEntry("existing-consent", "compact delete.retention.ms=1200000");
        assertThat(warnings()).containsExactlyInAnyOrder(
                "Topic existing-raw.logs has retention.ms=604800000 where the service would create it with "
                        + "retention.ms=7200000 (anonymizer.topics.raw-retention); left unchanged: whoever created "
                        + "the topic owns its settings",
                "Topic existing-identities has cleanup.policy=delete where the service would create it with "
                        + "cleanup.policy=compact (anonymizer.topics.identities); left unchanged: whoever created "
                        + "the topic owns its settings",
                "Topic existing-identities has delete.retention.ms=86400000 where the service would create it "
                        + "with delete.retention.ms=1200000 (anonymizer.topics.tombstone-retention); left "
                        + "unchanged: whoever created the topic owns its settings");
    }

    @Test
    void aSecondStartFindsItsOwnTopicsAsItLeftThem() {
        final TopicsConfiguration topics = topics("again-");
        final TopicProvisioner provisioner = provisioner(topics);
        provisioner.ensureTopics();
        log.list.clear();

        provisioner.ensureTopics();

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /** The service's topics under a prefix of the test, one partition each, with retention unlike the defaults. */
    private static TopicsConfiguration topics(final String prefix) {
        return new TopicsConfiguration(prefix + "raw.", prefix + "sanitized.", prefix + "public.",
                prefix + "quarantine", prefix + "identities", prefix + "consent", 1, (short) -1,
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofDays(11), Duration.ofHours(3),
                Duration.ofMinutes(20));
    }

    private static TopicProvisioner provisioner(final TopicsConfiguration topics) {
        return new TopicProvisioner(new KafkaClientProperties(context.getEnvironment(),
                new KafkaCluster.External(broker.bootstrapServers())), topics, Duration.ofSeconds(30));
    }

    /**
     * Per topic: its cleanup policy and the retention that applies to it, as the broker reports them once it
     * knows every topic (a topic just created may take a moment to reach the broker's metadata).
     */
    private static Map<String, String> settings(final Collection<String> names) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> describe(names),
                described -> true);
    }

    private static Map<String, String> describe(final Collection<String> names)
            throws ExecutionException, InterruptedException {
        final List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        final Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        final Map<String, String> settings = new TreeMap<>();
        configs.forEach((resource, config) -> {
            final String policy = config.get("cleanup.policy").value();
            final String retention = policy.equals("compact") ? "delete.retention.ms" : "retention.ms";
            settings.put(resource.name(), policy + " " + retention + "=" + config.get(retention).value());
        });
        return settings;
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger provisionerLogger() {
        return (Logger) LoggerFactory.getLogger(TopicProvisioner.class);
    }
}
