package org.operatefirst.anonymizer.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rendered kustomize directory, every document parsed into its typed model.
 *
 * @param directory the directory, relative to {@code deploy/}, for example {@code overlays/openshift}
 * @param resources the resources in rendering order
 */
record Manifests(String directory, List<HasMetadata> resources) {

    /** The directories operators apply, relative to {@code deploy/}. */
    static final List<String> OVERLAYS = List.of("overlays/openshift", "overlays/kubernetes");

    /** Every kind the manifests may contain, by {@code apiVersion/kind}. Anything else is an error. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("route.openshift.io/v1/Route", Route.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("kafka.strimzi.io/v1/KafkaConnect", KafkaConnect.class),
            Map.entry("kafka.strimzi.io/v1/KafkaConnector", KafkaConnector.class));

    /** Rendered once per test JVM: the files do not change while the tests run. */
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The {@code deploy/} directory: the module's base directory when Maven runs the tests.
     *
     * @return the absolute path
     */
    static Path deployDirectory() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /**
     * Renders a directory and parses what it renders, once per test run.
     *
     * @param directory relative to {@code deploy/}
     * @return the typed resources
     * @throws IllegalStateException if rendering fails, a kind is unknown or a field is not in the model
     */
    static Manifests render(final String directory) {
        return RENDERED.computeIfAbsent(directory,
                d -> parse(d, Kustomize.render(deployDirectory().resolve(d))));
    }

    /**
     * Parses a YAML stream of Kubernetes resources into typed models, strictly: an unknown kind or a field the
     * model does not know (a typo such as {@code runAsNonroot}) is an error.
     *
     * @param name what the stream is, for messages
     * @param yaml the YAML documents
     * @return the typed resources
     */
    static Manifests parse(final String name, final String yaml) {
        final List<HasMetadata> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                final JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                final String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                final Class<? extends HasMetadata> model = KINDS.get(type);
                if (model == null) {
                    throw new IllegalStateException(name + ": no model for " + type + " (" + document.path("metadata")
                            .path("name").asText() + "); add it to Manifests.KINDS if it belongs here");
                }
                final HasMetadata resource = YAML.treeToValue(document, model);
                final List<String> unknown = UnknownFields.of(resource);
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException(name + ": " + type + " " + resource.getMetadata().getName()
                            + " has fields its model does not know: " + unknown);
                }
                resources.add(resource);
            }
        } catch (final IOException e) {
            throw new IllegalStateException(name + ": not valid YAML: " + e.getMessage(), e);
        }
        return new Manifests(name, List.copyOf(resources));
    }

    /**
     * The resources of one kind.
     *
     * @param kind the model class
     * @param <T>  the model type
     * @return the resources, in rendering order
     */
    <T extends HasMetadata> List<T> all(final Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /**
     * The resource of a kind with a name.
     *
     * @param kind the model class
     * @param name {@code metadata.name}
     * @param <T>  the model type
     * @return the resource, if rendered
     */
    <T extends HasMetadata> Optional<T> find(final Class<T> kind, final String name) {
        return all(kind).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    /**
     * The only resource of a kind.
     *
     * @param kind the model class
     * @param <T>  the model type
     * @return the resource
     * @throws IllegalStateException unless there is exactly one
     */
    <T extends HasMetadata> T only(final Class<T> kind) {
        final List<T> found = all(kind);
        if (found.size() != 1) {
            throw new IllegalStateException(directory + ": expected one " + kind.getSimpleName() + ", found "
                    + found.size());
        }
        return found.get(0);
    }

    @Override
    public String toString() {
        return directory;
    }
}
