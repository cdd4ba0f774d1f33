package org.operatefirst.anonymizer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;

/**
 * The service's configuration as a Deployment runs it: the defaults of {@code application.yml}, overridden by the
 * Deployment's environment variables (Micronaut maps {@code ANONYMIZER_TOPICS_PARTITIONS} to
 * {@code anonymizer.topics.partitions}).
 *
 * @param topics        the topic names the service reads and writes
 * @param partitions    {@code anonymizer.topics.partitions}
 * @param applicationId {@code kafka.streams.publisher.application.id}: the consumer group, the prefix of the
 *                      transactional ids and of the internal topics
 */
record ServiceConfig(TopicNames topics, int partitions, String applicationId) {

    /**
     * Compacted topics the publisher will read as global tables; not in {@link TopicNames} yet, so named here.
     * When the publisher adds them to its configuration, read them from there.
     */
    static final List<String> TABLE_TOPICS = List.of("identities", "consent");

    /** The service's defaults, from {@code publisher/src/main/resources/application.yml}. */
    static Path applicationYml() {
        return Manifests.deployDirectory().resolveSibling("publisher/src/main/resources/application.yml");
    }

    /**
     * The configuration of the service as a Deployment starts it.
     *
     * @param deployment the Deployment; its first container is the service
     * @return the effective configuration
     */
    static ServiceConfig of(final Deployment deployment) {
        final JsonNode defaults;
        try {
            defaults = new ObjectMapper(new YAMLFactory()).readTree(applicationYml().toFile());
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read " + applicationYml() + ": " + e.getMessage(), e);
        }
        final Map<String, String> env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        final Function<String, String> setting = key -> Optional.ofNullable(env.get(environmentName(key)))
                .or(() -> Optional.ofNullable(lookup(defaults, key)))
                .orElseThrow(() -> new IllegalStateException(applicationYml() + " has no " + key));
        final TopicNames names = new TopicNames(setting.apply("anonymizer.topics.raw-prefix"),
                setting.apply("anonymizer.topics.sanitized-prefix"), setting.apply("anonymizer.topics.public-prefix"),
                setting.apply("anonymizer.topics.quarantine"));
        return new ServiceConfig(names, Integer.parseInt(setting.apply("anonymizer.topics.partitions")),
                setting.apply("kafka.streams.publisher.application.id"));
    }

    /**
     * Every topic the service uses: its raw, output and quarantine topics, and the global tables.
     *
     * @return topic names
     */
    List<String> allTopics() {
        final List<String> all = new ArrayList<>(topics.all());
        all.addAll(TABLE_TOPICS);
        return List.copyOf(all);
    }

    /**
     * The environment variable Micronaut reads for a key: upper case, dots and dashes as underscores.
     *
     * @param key for example {@code anonymizer.topics.raw-prefix}
     * @return for example {@code ANONYMIZER_TOPICS_RAW_PREFIX}
     */
    static String environmentName(final String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Finds a key in nested YAML maps, trying every split of its dots (Kafka keys such as application.id). */
    private static String lookup(final JsonNode node, final String key) {
        if (node.has(key) && node.get(key).isValueNode()) {
            return node.get(key).asText();
        }
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
            final JsonNode child = node.get(key.substring(0, dot));
            if (child != null && child.isObject()) {
                final String found = lookup(child, key.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
