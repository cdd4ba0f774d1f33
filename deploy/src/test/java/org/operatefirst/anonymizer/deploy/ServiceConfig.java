package org.operatefirst.anonymizer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;

/**
 * The service's configuration as the Deployment runs it, layered the way Micronaut layers it: the bundled
 * {@code application.yml}, then the file named by {@code MICRONAUT_CONFIG_FILES} (from a rendered ConfigMap),
 * then environment variables ({@code ANONYMIZER_TOPICS_PARTITIONS} for {@code anonymizer.topics.partitions}).
 *
 * @param settings      every setting, flattened to dotted keys, the later layers winning
 * @param configFile    the file the Deployment adds, flattened, or empty
 * @param topics        the topic names the service reads and writes
 * @param partitions    {@code anonymizer.topics.partitions}
 * @param applicationId {@code kafka.streams.publisher.application.id}: the consumer group, the prefix of the
 *                      transactional ids and of the internal topics
 */
record ServiceConfig(Map<String, String> settings, Map<String, String> configFile, TopicNames topics,
        int partitions, String applicationId) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The service's defaults, from {@code publisher/src/main/resources/application.yml}. */
    static Path applicationYml() {
        return Manifests.deployDirectory().resolveSibling("publisher/src/main/resources/application.yml");
    }

    /**
     * The configuration of the service as the overlay's Deployment starts it.
     *
     * @param manifests a rendered overlay with the Deployment {@code anonymizer}
     * @return the effective configuration
     */
    static ServiceConfig of(final Manifests manifests) {
        final Deployment deployment = manifests.find(Deployment.class, "anonymizer").orElseThrow();
        final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        final Container container = pod.getContainers().get(0);
        final Map<String, String> env = new LinkedHashMap<>();
        for (final EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        final Map<String, String> settings = new LinkedHashMap<>();
        final Map<String, String> file = new LinkedHashMap<>();
        try {
            flatten("", YAML.readTree(Files.readString(applicationYml(), StandardCharsets.UTF_8)), settings);
            final String configFiles = env.get("MICRONAUT_CONFIG_FILES");
            if (configFiles != null) {
                for (final String path : configFiles.split(",")) {
                    flatten("", YAML.readTree(fileOf(manifests, pod, container, path.trim())), file);
                }
            }
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read the configuration: " + e.getMessage(), e);
        }
        settings.putAll(file);
        for (final String key : List.copyOf(settings.keySet())) {
            final String override = env.get(environmentName(key));
            if (override != null) {
                settings.put(key, override);
            }
        }
        return of(settings, file);
    }

    /**
     * The service's own defaults: the bundled {@code application.yml} alone, as the service runs without a
     * configuration file or environment variables.
     *
     * @return the default configuration
     */
    static ServiceConfig bundled() {
        final Map<String, String> settings = new LinkedHashMap<>();
        try {
            flatten("", YAML.readTree(Files.readString(applicationYml(), StandardCharsets.UTF_8)), settings);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read the configuration: " + e.getMessage(), e);
        }
        return of(settings, Map.of());
    }

    private static ServiceConfig of(final Map<String, String> settings, final Map<String, String> file) {
        final ServiceConfig incomplete = new ServiceConfig(settings, file, null, 0, null);
        final TopicNames names = new TopicNames(incomplete.require("anonymizer.topics.raw-prefix"),
                incomplete.require("anonymizer.topics.sanitized-prefix"),
                incomplete.require("anonymizer.topics.public-prefix"),
                incomplete.require("anonymizer.topics.quarantine"),
                incomplete.require("anonymizer.topics.identities"),
                incomplete.require("anonymizer.topics.consent"));
        return new ServiceConfig(Map.copyOf(settings), Map.copyOf(file), names,
                Integer.parseInt(incomplete.require("anonymizer.topics.partitions")),
                incomplete.require("kafka.streams.publisher.application.id"));
    }

    /**
     * One setting.
     *
     * @param key a dotted key, for example {@code kafka.bootstrap.servers}
     * @return its effective value
     */
    Optional<String> setting(final String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /**
     * One setting that must be there.
     *
     * @param key a dotted key
     * @return its effective value
     * @throws IllegalStateException if no layer sets it
     */
    String require(final String key) {
        return setting(key).orElseThrow(() -> new IllegalStateException("no layer of the configuration sets "
                + key));
    }

    /**
     * The service's topic configuration as it binds it: names, partitions, replication and retention, read and
     * validated by the service's own code ({@link TopicsConfiguration}).
     *
     * @return the bound configuration
     * @throws IllegalArgumentException naming the key of a value the service would refuse
     */
    TopicsConfiguration topicsConfiguration() {
        return new TopicsConfiguration(topics.rawPrefix(), topics.sanitizedPrefix(), topics.publicPrefix(),
                topics.quarantine(), topics.identities(), topics.consent(), partitions,
                Short.parseShort(require("anonymizer.topics.replication-factor")),
                require("anonymizer.topics.raw-retention"), require("anonymizer.topics.sanitized-retention"),
                require("anonymizer.topics.public-retention"), require("anonymizer.topics.quarantine-retention"),
                require("anonymizer.topics.tombstone-retention"));
    }

    /**
     * Every topic the service uses: its raw, output and quarantine topics, and the compacted tables.
     *
     * @return topic names
     */
    List<String> allTopics() {
        return topics.all();
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

    /** The text of a file in the container, from the ConfigMap mounted at its directory. */
    private static String fileOf(final Manifests manifests, final PodSpec pod, final Container container,
            final String path) {
        for (final VolumeMount mount : container.getVolumeMounts()) {
            if (!path.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            final String key = path.substring(mount.getMountPath().length() + 1);
            final Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            if (volume.getConfigMap() != null) {
                final ConfigMap map = manifests.find(ConfigMap.class, volume.getConfigMap().getName())
                        .orElseThrow(() -> new IllegalStateException("no ConfigMap " + volume.getConfigMap()
                                .getName()));
                final String text = map.getData().get(key);
                if (text != null) {
                    return text;
                }
            }
        }
        throw new IllegalStateException(path + " is in no mounted ConfigMap");
    }

    private static void flatten(final String prefix, final JsonNode node, final Map<String, String> into) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), into));
        } else if (node.isArray()) {
            final List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            into.put(prefix, String.join(",", items));
        } else {
            into.put(prefix, node.asText());
        }
    }
}
