package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration.TopicSetting;

/**
 * Every topic the service uses has a KafkaTopic, with partitions, replication and retention that fit it, and the
 * retention the service gives the topics it creates is the KafkaTopics'.
 */
class TopicsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /** Raw data and quarantine hold personal data in clear: they must not be kept longer than this. */
    private static final long MAX_CLEAR_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    static Stream<Arguments> topicsOfEveryOverlay() {
        return OVERLAYS.stream().flatMap(overlay -> config(Manifests.render(overlay)).allTopics().stream()
                .map(topic -> Arguments.of(overlay, topic)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("topicsOfEveryOverlay")
    void everyTopicOfTheServiceHasAKafkaTopic(final String overlay, final String topic) {
        final Manifests manifests = Manifests.render(overlay);
        final ServiceConfig config = config(manifests);

        final KafkaTopic kafkaTopic = topics(manifests).get(topic);

        assertThat(kafkaTopic).as("KafkaTopic %s", topic).isNotNull();
        assertThat(kafkaTopic.getSpec().getReplicas()).as("replicas of %s", topic).isGreaterThanOrEqualTo(3);
        assertThat(Integer.parseInt(kafkaTopic.getSpec().getConfig().get("min.insync.replicas").toString()))
                .as("min.insync.replicas of %s", topic).isBetween(2, kafkaTopic.getSpec().getReplicas() - 1);
        final boolean table = config.topics().compacted().contains(topic);
        assertThat(kafkaTopic.getSpec().getConfig().getOrDefault("cleanup.policy", "delete"))
                .as("cleanup.policy of %s", topic).isEqualTo(table ? "compact" : "delete");
        if (!table) {
            // Kafka Streams gives one task per partition; the tiers keep the raw partitioning.
            assertThat(kafkaTopic.getSpec().getPartitions()).as("partitions of %s", topic)
                    .isEqualTo(config.partitions());
        }
        if (topic.startsWith(config.topics().rawPrefix()) || topic.equals(config.topics().quarantine())) {
            assertThat(Long.parseLong(kafkaTopic.getSpec().getConfig().get("retention.ms").toString()))
                    .as("retention.ms of %s, which holds personal data in clear", topic)
                    .isPositive().isLessThanOrEqualTo(MAX_CLEAR_RETENTION_MS);
        }
    }

    /**
     * A topic the service creates where it is missing (the embedded broker, a cluster without the KafkaTopics)
     * gets the cleanup policy and retention its KafkaTopic declares: the service's configuration, as the
     * overlay's Deployment runs it, and the KafkaTopics cannot drift apart.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("topicsOfEveryOverlay")
    void theServiceWouldCreateEveryTopicAsItsKafkaTopicDeclaresIt(final String overlay, final String topic) {
        final Manifests manifests = Manifests.render(overlay);

        assertCreatedAsDeclared(config(manifests).topicsConfiguration(), topic, topics(manifests).get(topic));
    }

    static Stream<String> topicsOfTheBase() {
        return config(Manifests.render("base")).allTopics().stream();
    }

    /** The defaults bundled with the service (application.yml, no configuration file) are deploy/base's. */
    @ParameterizedTest
    @MethodSource("topicsOfTheBase")
    void theServicesDefaultRetentionIsThatOfTheBaseKafkaTopics(final String topic) {
        final TopicsConfiguration defaults = ServiceConfig.bundled().topicsConfiguration();

        assertCreatedAsDeclared(defaults, topic, topics(Manifests.render("base")).get(topic));
    }

    private static void assertCreatedAsDeclared(final TopicsConfiguration service, final String topic,
            final KafkaTopic kafkaTopic) {
        assertThat(kafkaTopic).as("KafkaTopic %s", topic).isNotNull();
        final List<TopicSetting> settings = service.settingsOf(topic);
        assertThat(settings).as("settings the service creates %s with", topic).extracting(TopicSetting::name)
                .contains("cleanup.policy").containsAnyOf("retention.ms", "delete.retention.ms");
        final Map<String, Object> declared = kafkaTopic.getSpec().getConfig();
        for (final TopicSetting setting : settings) {
            final Object value = setting.name().equals("cleanup.policy")
                    ? declared.getOrDefault(setting.name(), "delete") : declared.get(setting.name());
            assertThat(value).as("%s of KafkaTopic %s, which the service (%s) creates with %s", setting.name(),
                    topic, setting.source(), setting.value()).isNotNull();
            assertThat(value.toString()).as("%s of KafkaTopic %s, which the service (%s) creates with %s",
                    setting.name(), topic, setting.source(), setting.value()).isEqualTo(setting.value());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noTopicTheServiceDoesNotUse(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);

        final ServiceConfig config = config(manifests);
        final List<String> used = new java.util.ArrayList<>(config.allTopics());
        // The topic the instances share learned names through (ADR-0024), which the service reads and writes but
        // does not create: declared here, and named by the configuration.
        config.setting("anonymizer.learned-names.topic").ifPresent(used::add);
        assertThat(topics(manifests).keySet()).containsExactlyInAnyOrderElementsOf(used);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void topicsAndUsersBelongToTheExampleCluster(final String overlay) {
        final String cluster = Manifests.render("kafka").only(Kafka.class).getMetadata().getName();

        assertThat(Manifests.render(overlay).resources())
                .filteredOn(r -> r.getApiVersion().startsWith("kafka.strimzi.io/"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getMetadata().getLabels())
                        .as("%s %s", r.getKind(), r.getMetadata().getName())
                        .containsEntry("strimzi.io/cluster", cluster));
    }

    /** Topic names by KafkaTopic: spec.topicName, or the resource's name. */
    static Map<String, KafkaTopic> topics(final Manifests manifests) {
        final Map<String, KafkaTopic> byName = new java.util.HashMap<>();
        for (final KafkaTopic topic : manifests.all(KafkaTopic.class)) {
            final String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName()
                    : topic.getMetadata().getName();
            assertThat(byName.put(name, topic)).as("two KafkaTopics for %s", name).isNull();
        }
        return byName;
    }

    static ServiceConfig config(final Manifests manifests) {
        return ServiceConfig.of(manifests);
    }
}
