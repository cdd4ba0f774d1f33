package org.operatefirst.anonymizer.publisher.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration.TopicSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the service's topics at start-up if they are missing: Kafka Streams refuses to start on missing source
 * topics, and the embedded broker does not auto-create them. Created topics get the cleanup policy and retention
 * of their class from {@code anonymizer.topics.*}; existing topics are never altered, only compared, with a
 * warning for each difference. Also the first contact with the cluster, so an unreachable cluster fails here,
 * within {@code anonymizer.startup-timeout}, with a message that says so.
 */
@Singleton
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaClientProperties clientProperties;
    private final TopicsConfiguration topics;
    private final Duration timeout;

    TopicProvisioner(final KafkaClientProperties clientProperties, final TopicsConfiguration topics,
            @Value("${anonymizer.startup-timeout:30s}") final Duration timeout) {
        this.clientProperties = clientProperties;
        this.topics = topics;
        this.timeout = timeout;
    }

    /**
     * Creates every topic of the service that does not exist yet.
     *
     * @throws IllegalStateException if the cluster cannot be reached or refuses, with the reason
     */
    public void ensureTopics() {
        ensureTopics(topics.names().all());
    }

    /**
     * Creates the named topics that do not exist yet, with the configured partitions and replication and, for
     * topics of the service, the cleanup policy and retention of their class
     * ({@link TopicsConfiguration#settingsOf(String)}). Topics that exist are left as they are: where their
     * cleanup policy or retention differs from the configuration, a warning names the topic, the setting and
     * both values. Whoever created them owns them (a Strimzi KafkaTopic in production).
     *
     * @param names the topics
     * @throws IllegalStateException if the cluster cannot be reached or refuses, with the reason
     */
    public void ensureTopics(final Collection<String> names) {
        final Map<String, Object> properties = clientProperties.common();
        final int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        final String bootstrap = String.valueOf(properties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(properties)) {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            final List<String> present = new ArrayList<>();
            for (final String name : names) {
                if (existing.contains(name)) {
                    present.add(name);
                } else {
                    final Map<String, String> configs = new LinkedHashMap<>();
                    for (final TopicSetting setting : topics.settingsOf(name)) {
                        configs.put(setting.name(), setting.value());
                    }
                    missing.add(new NewTopic(name, Optional.of(topics.partitions()),
                            Optional.of(topics.replicationFactor())).configs(configs));
                }
            }
            if (!missing.isEmpty()) {
                create(admin, missing);
            }
            compare(admin, present);
        } catch (final TimeoutException e) {
            throw unreachable(bootstrap, e);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(bootstrap, e.getCause());
            }
            throw new IllegalStateException("Kafka at " + bootstrap + " refused to list or create topics: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private void create(final Admin admin, final List<NewTopic> missing)
            throws ExecutionException, InterruptedException, TimeoutException {
        final List<String> created = new ArrayList<>();
        for (final var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        LOG.info("Created {} topics: {}", created.size(), String.join(", ", created));
    }

    /**
     * Warns about existing topics whose settings differ from what the service would create them with. Never
     * fails the start-up: a cluster may refuse to describe topic configurations (the deployment's ACLs grant no
     * {@code DescribeConfigs}), and then there is nothing to compare.
     */
    private void compare(final Admin admin, final List<String> present) throws InterruptedException {
        final Map<ConfigResource, List<TopicSetting>> expected = new LinkedHashMap<>();
        for (final String name : present) {
            final List<TopicSetting> settings = topics.settingsOf(name);
            if (!settings.isEmpty()) {
                expected.put(new ConfigResource(ConfigResource.Type.TOPIC, name), settings);
            }
        }
        if (expected.isEmpty()) {
            return;
        }
        final Map<ConfigResource, KafkaFuture<Config>> described = admin.describeConfigs(expected.keySet()).values();
        // One deadline for all answers: they were asked for together.
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<String> unchecked = new ArrayList<>();
        String reason = "";
        for (final var entry : expected.entrySet()) {
            final String topic = entry.getKey().name();
            final Config actual;
            try {
                actual = described.get(entry.getKey()).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (final ExecutionException | TimeoutException e) {
                unchecked.add(topic);
                reason = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage())
                        : "no answer within " + timeout.toMillis() + " ms";
                continue;
            }
            for (final TopicSetting setting : entry.getValue()) {
                final ConfigEntry value = actual.get(setting.name());
                final String actualValue = value == null ? null : value.value();
                if (!setting.value().equals(actualValue)) {
                    LOG.warn("Topic {} has {}={} where the service would create it with {}={} ({}); left "
                            + "unchanged: whoever created the topic owns its settings", topic, setting.name(),
                            actualValue, setting.name(), setting.value(), setting.source());
                }
            }
        }
        if (!unchecked.isEmpty()) {
            LOG.info("Did not compare the settings of {} existing topics with the configuration ({}): {}",
                    unchecked.size(), reason, String.join(", ", unchecked));
        }
    }

    private IllegalStateException unreachable(final String bootstrap, final Throwable cause) {
        return new IllegalStateException("Kafka at " + bootstrap + " did not answer within "
                + timeout.toMillis() + " ms (anonymizer.startup-timeout): is the cluster reachable?", cause);
    }
}
