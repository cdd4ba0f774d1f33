package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationTls;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Deployment and what surrounds it: restricted-v2 security, every reference resolvable, the scaling bound,
 * and the Service, monitoring, Route or Ingress and NetworkPolicy wired to the right pods and ports.
 */
class DeploymentTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /** Keys of the Secret the User Operator writes for a KafkaUser with TLS authentication. */
    private static final Set<String> USER_SECRET_KEYS = Set.of("ca.crt", "user.crt", "user.key", "user.p12",
            "user.password");
    /** Keys of the Secret the Cluster Operator writes with the cluster CA certificate. */
    private static final Set<String> CLUSTER_CA_KEYS = Set.of("ca.crt", "ca.p12", "ca.password");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podMeetsRestrictedV2(final String overlay) {
        final PodSpec pod = pod(Manifests.render(overlay));
        final PodSecurityContext podContext = pod.getSecurityContext();

        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(podContext.getRunAsUser()).as("a fixed UID; OpenShift assigns one").isNull();
        assertThat(podContext.getRunAsGroup()).isNull();
        assertThat(podContext.getFsGroup()).as("fsGroup; OpenShift assigns one").isNull();
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getHostPath()).isNull());
        for (final Container container : containers(pod)) {
            final SecurityContext context = container.getSecurityContext();
            assertThat(context).as("securityContext of %s", container.getName()).isNotNull();
            assertThat(context.getAllowPrivilegeEscalation()).isFalse();
            assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(context.getReadOnlyRootFilesystem()).isTrue();
            assertThat(context.getRunAsNonRoot()).isNotEqualTo(Boolean.FALSE);
            assertThat(context.getRunAsUser()).isNull();
            assertThat(context.getRunAsGroup()).isNull();
            assertThat(context.getSeccompProfile() == null
                    || "RuntimeDefault".equals(context.getSeccompProfile().getType())).isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theOnlyWritablePathsAreEmptyDirsForTmpAndStreamsState(final String overlay) {
        final PodSpec pod = pod(Manifests.render(overlay));
        final Container service = pod.getContainers().get(0);
        final List<String> writable = new ArrayList<>();

        for (final Container container : containers(pod)) {
            for (final VolumeMount mount : container.getVolumeMounts()) {
                final Volume volume = volume(pod, mount.getName());
                if (volume.getEmptyDir() != null) {
                    writable.add(mount.getMountPath());
                } else {
                    assertThat(mount.getReadOnly()).as("mount %s of a %s", mount.getMountPath(), mount.getName())
                            .isTrue();
                }
            }
        }

        assertThat(writable).contains("/tmp");
        assertThat(ServiceConfig.of(Manifests.render(overlay)).setting("kafka.streams.publisher.state.dir"))
                .hasValueSatisfying(dir -> assertThat(writable).anyMatch(path -> dir.startsWith(path + "/")));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyFileTheServiceIsPointedAtIsMountedFromAVolumeThatHasIt(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final PodSpec pod = pod(manifests);
        final Container service = pod.getContainers().get(0);
        final ServiceConfig config = ServiceConfig.of(manifests);
        final Map<String, String> files = new java.util.TreeMap<>();
        config.configFile().forEach((key, value) -> {
            if (key.endsWith(".location") || key.endsWith("-file")) {
                files.put(key, value);
            }
        });
        env(service, "MICRONAUT_CONFIG_FILES").ifPresent(value -> files.put("MICRONAUT_CONFIG_FILES", value));

        assertThat(files).containsKeys("MICRONAUT_CONFIG_FILES", "anonymizer.keys.secret-file",
                "anonymizer.policy-file", "kafka.ssl.keystore.location", "kafka.ssl.truststore.location");
        files.forEach((key, value) -> {
            final VolumeMount mount = service.getVolumeMounts().stream()
                    .filter(m -> value.startsWith(m.getMountPath() + "/")).findFirst().orElse(null);
            assertThat(mount).as("%s=%s is under no mount", key, value).isNotNull();
            final String item = value.substring(mount.getMountPath().length() + 1);
            final Volume volume = volume(pod, mount.getName());
            assertThat(keys(manifests, volume)).as("%s: volume %s has %s", key, volume.getName(), item)
                    .contains(item);
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPlaceholderOfTheConfigFileIsAnEnvironmentVariableFromASecret(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final Container service = pod(manifests).getContainers().get(0);
        final ServiceConfig config = ServiceConfig.of(manifests);

        config.configFile().forEach((key, value) -> {
            if (!value.contains("${")) {
                return;
            }
            assertThat(value).as(key).matches("\\$\\{[A-Z][A-Z0-9_]*\\}");
            final String name = value.substring(2, value.length() - 1);
            assertThat(service.getEnv()).as("%s reads %s", key, name)
                    .anySatisfy(e -> {
                        assertThat(e.getName()).isEqualTo(name);
                        assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull();
                    });
        });
        assertThat(config.configFile()).as("passwords come from Secrets, never from the ConfigMap")
                .allSatisfy((key, value) -> {
                    if (key.endsWith("password") || key.endsWith(".secret")) {
                        assertThat(value).startsWith("${");
                    }
                });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyConfigMapAndSecretReferencedExistsOrIsDocumentedAsCreatedByTheOperator(final String overlay)
            throws IOException {
        final Manifests manifests = Manifests.render(overlay);
        final PodSpec pod = pod(manifests);
        final String readme = Files.readString(Manifests.deployDirectory().resolve("README.md"),
                StandardCharsets.UTF_8);
        final List<String[]> secretKeys = new ArrayList<>();
        final List<String[]> configMapKeys = new ArrayList<>();

        for (final Container container : containers(pod)) {
            assertThat(container.getEnvFrom()).as("envFrom hides which keys are used").isNullOrEmpty();
            for (final EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() == null) {
                    continue;
                }
                final var from = variable.getValueFrom();
                if (from.getSecretKeyRef() != null) {
                    assertThat(from.getSecretKeyRef().getOptional()).isNotEqualTo(Boolean.TRUE);
                    secretKeys.add(new String[] {from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey()});
                } else if (from.getConfigMapKeyRef() != null) {
                    configMapKeys.add(new String[] {from.getConfigMapKeyRef().getName(),
                            from.getConfigMapKeyRef().getKey()});
                }
            }
        }
        for (final Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null) {
                assertThat(volume.getSecret().getOptional()).isNotEqualTo(Boolean.TRUE);
                for (final String key : keysOf(volume.getSecret().getItems())) {
                    secretKeys.add(new String[] {volume.getSecret().getSecretName(), key});
                }
            } else if (volume.getConfigMap() != null) {
                for (final String key : keysOf(volume.getConfigMap().getItems())) {
                    configMapKeys.add(new String[] {volume.getConfigMap().getName(), key});
                }
            } else {
                assertThat(volume.getEmptyDir()).as("volume %s: only Secrets, ConfigMaps and emptyDirs",
                        volume.getName()).isNotNull();
            }
        }
        manifests.all(Ingress.class).forEach(ingress -> ingress.getSpec().getTls()
                .forEach(tls -> secretKeys.add(new String[] {tls.getSecretName(), "tls.crt"})));

        for (final String[] ref : configMapKeys) {
            final Optional<ConfigMap> map = manifests.find(ConfigMap.class, ref[0]);
            assertThat(map).as("ConfigMap %s", ref[0]).isPresent();
            if (!ref[1].isEmpty()) {
                assertThat(map.orElseThrow().getData()).as("ConfigMap %s", ref[0]).containsKey(ref[1]);
            }
        }
        final String cluster = Manifests.render("kafka").only(Kafka.class).getMetadata().getName();
        for (final String[] ref : secretKeys) {
            final String name = ref[0];
            final String key = ref[1];
            if (manifests.find(KafkaUser.class, name).isPresent()) {
                assertThat(USER_SECRET_KEYS).as("Secret %s of KafkaUser %s", key, name).contains(key);
            } else if (name.equals(cluster + "-cluster-ca-cert")) {
                assertThat(CLUSTER_CA_KEYS).as("key %s of the cluster CA Secret", key).contains(key);
            } else {
                assertThat(readme).as("deploy/README.md tells how to create Secret %s with key %s", name, key)
                        .containsPattern("create secret (generic|tls) " + name + " [^\\n]*"
                                + (key.isEmpty() || key.startsWith("tls.") ? "" : "--from-[a-z]+=" + key + "="));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void connectsToTheExampleClustersTlsListenerAsTheAnonymizerUser(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final Container service = pod(manifests).getContainers().get(0);
        final Kafka kafka = Manifests.render("kafka").only(Kafka.class);
        final GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.getType() == KafkaListenerType.INTERNAL && l.isTls()).findFirst().orElseThrow();

        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationTls.class);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).as("simple authorization enforces the ACLs")
                .isNotNull();
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
        final ServiceConfig config = ServiceConfig.of(manifests);
        assertThat(config.setting("kafka.bootstrap.servers"))
                .contains(kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort());
        assertThat(config.setting("kafka.security.protocol")).contains("SSL");
        assertThat(config.setting("anonymizer.embedded-broker.mode")).contains("never");
        final String password = config.require("kafka.ssl.keystore.password");
        final String keystoreSecret = service.getEnv().stream()
                .filter(e -> password.equals("${" + e.getName() + "}"))
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).findFirst().orElseThrow();
        assertThat(manifests.find(KafkaUser.class, keystoreSecret)).as("KafkaUser %s", keystoreSecret)
                .hasValueSatisfying(user -> assertThat(Acls.role(user)).isEqualTo("anonymizer"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesUseLivenessAndReadinessNotTheWholeHealthWithItsCanary(final String overlay) {
        final Container service = pod(Manifests.render(overlay)).getContainers().get(0);

        assertThat(service.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(service.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(service.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theAutoscalerNeverRunsMoreInstancesThanThereArePartitions(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final HorizontalPodAutoscaler autoscaler = manifests.only(HorizontalPodAutoscaler.class);
        final Deployment deployment = manifests.only(Deployment.class);
        final String rawPrefix = TopicsTest.config(manifests).topics().rawPrefix();
        final int partitions = manifests.all(KafkaTopic.class).stream()
                .filter(t -> t.getMetadata().getName().startsWith(rawPrefix))
                .mapToInt(t -> t.getSpec().getPartitions()).min().orElseThrow();

        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMaxReplicas()).isLessThanOrEqualTo(partitions);
        assertThat(autoscaler.getSpec().getMinReplicas()).isBetween(2, autoscaler.getSpec().getMaxReplicas());
        assertThat(deployment.getSpec().getReplicas()).as("replicas: the autoscaler owns them").isNull();
        final PodDisruptionBudget budget = manifests.only(PodDisruptionBudget.class);
        assertThat(podLabels(manifests)).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceMonitoringAndRoutingReachTheHttpPort(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final Service service = manifests.only(Service.class);
        final Container container = pod(manifests).getContainers().get(0);

        assertThat(podLabels(manifests)).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(container.getPorts()).anyMatch(p -> p.getName().equals(port.getTargetPort().getStrVal()));
        });
        final ServiceMonitor monitor = manifests.only(ServiceMonitor.class);
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("http");
            assertThat(endpoint.getPath()).isEqualTo("/prometheus");
        });
        final List<Route> routes = manifests.all(Route.class);
        final List<Ingress> ingresses = manifests.all(Ingress.class);
        assertThat(routes.size() + ingresses.size()).as("one Route or Ingress").isEqualTo(1);
        routes.forEach(route -> {
            assertThat(route.getSpec().getTo().getName()).isEqualTo(service.getMetadata().getName());
            assertThat(route.getSpec().getPort().getTargetPort().getStrVal()).isEqualTo("http");
            assertThat(route.getSpec().getTls().getTermination()).isEqualTo("edge");
            assertThat(route.getSpec().getTls().getInsecureEdgeTerminationPolicy()).isEqualTo("Redirect");
            assertThat(route.getSpec().getPath()).as("only the API is routed, not /health or /prometheus")
                    .isEqualTo("/api");
        });
        ingresses.forEach(ingress -> {
            assertThat(ingress.getSpec().getTls()).isNotEmpty();
            assertThat(ingress.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                    .allSatisfy(path -> {
                        assertThat(path.getPath()).isEqualTo("/api");
                        assertThat(path.getBackend().getService().getName())
                                .isEqualTo(service.getMetadata().getName());
                    }));
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void networkPolicyLetsOnlyNamedPeersInAndOnlyKafkaAndDnsOut(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final NetworkPolicy policy = manifests.only(NetworkPolicy.class);
        final Kafka kafka = Manifests.render("kafka").only(Kafka.class);

        assertThat(podLabels(manifests)).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).isNotEmpty();
        for (final NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertThat(rule.getFrom()).as("an ingress rule without peers admits everyone").isNotEmpty();
            assertThat(rule.getFrom()).allSatisfy(peer -> {
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getNamespaceSelector().getMatchLabels()).isNotEmpty();
            });
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080));
        }
        assertThat(policy.getSpec().getEgress()).allSatisfy(rule -> {
            assertThat(rule.getTo()).isNotEmpty();
            assertThat(rule.getPorts()).isNotEmpty().allSatisfy(port -> assertThat(port.getPort().getIntVal())
                    .isIn(53, 5353, 9093));
        });
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo()).anySatisfy(peer ->
                assertThat(peer.getPodSelector().getMatchLabels())
                        .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName())));
    }

    private static PodSpec pod(final Manifests manifests) {
        return manifests.find(Deployment.class, "anonymizer").orElseThrow().getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> podLabels(final Manifests manifests) {
        return manifests.find(Deployment.class, "anonymizer").orElseThrow().getSpec().getTemplate().getMetadata()
                .getLabels();
    }

    private static List<Container> containers(final PodSpec pod) {
        return Stream.concat(pod.getContainers().stream(),
                pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();
    }

    private static Volume volume(final PodSpec pod, final String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Optional<String> env(final Container container, final String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst();
    }

    /** The files a volume shows: its items, or for a rendered ConfigMap without items, its keys. */
    private static List<String> keys(final Manifests manifests, final Volume volume) {
        if (volume.getSecret() != null && volume.getSecret().getItems() != null) {
            return volume.getSecret().getItems().stream().map(i -> i.getPath()).toList();
        }
        if (volume.getConfigMap() != null) {
            if (volume.getConfigMap().getItems() != null && !volume.getConfigMap().getItems().isEmpty()) {
                return volume.getConfigMap().getItems().stream().map(i -> i.getPath()).toList();
            }
            return manifests.find(ConfigMap.class, volume.getConfigMap().getName())
                    .map(map -> List.copyOf(map.getData().keySet())).orElse(List.of());
        }
        return List.of();
    }

    /** The keys a volume projects; an empty string stands for "all keys". */
    private static List<String> keysOf(final List<io.fabric8.kubernetes.api.model.KeyToPath> items) {
        return items == null || items.isEmpty() ? List.of("") : items.stream().map(i -> i.getKey()).toList();
    }
}
