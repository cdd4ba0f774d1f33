package org.operatefirst.anonymizer.publisher.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the service's topics at start-up if they are missing: Kafka Streams refuses to start on missing source
 * topics, and the embedded broker does not auto-create them. Also the first contact with the cluster, so an
 * unreachable cluster fails here, within {@code anonymizer.startup-timeout}, with a message that says so.
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
     * Creates the named topics that do not exist yet, with the configured partitions and replication.
     *
     * @param names the topics
     * @throws IllegalStateException if the cluster cannot be reached or refuses, with the reason
     */
    public void ensureTopics(final Collection<String> names) {
        final Map<String, Object> properties = clientProperties.common();
        final int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        final Set<String> compacted = Set.copyOf(topics.names().compacted());
        final String bootstrap = String.valueOf(properties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(properties)) {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            for (final String name : names) {
                if (!existing.contains(name)) {
                    final NewTopic topic = new NewTopic(name, Optional.of(topics.partitions()),
                            Optional.of(topics.replicationFactor()));
                    if (compacted.contains(name)) {
                        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(topic);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
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

    private IllegalStateException unreachable(final String bootstrap, final Throwable cause) {
        return new IllegalStateException("Kafka at " + bootstrap + " did not answer within "
                + timeout.toMillis() + " ms (anonymizer.startup-timeout): is the cluster reachable?", cause);
    }
}
