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

/** Every topic the service uses has a KafkaTopic, with partitions, replication and retention that fit it. */
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

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noTopicTheServiceDoesNotUse(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);

        assertThat(topics(manifests).keySet())
                .containsExactlyInAnyOrderElementsOf(config(manifests).allTopics());
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
