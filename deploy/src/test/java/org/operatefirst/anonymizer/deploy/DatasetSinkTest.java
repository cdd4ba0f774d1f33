package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.common.ClientTls;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationTls;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deploy/connect}: the Kafka Connect cluster that sinks the public tier to a bucket as Parquet. It renders
 * into typed models; its KafkaUser reads the public topics and none of the anonymizer's other topics; the Connect
 * cluster, its connector and its user name the same groups, topics and secrets; the connector is the pinned,
 * Apache-licensed Aiven S3 sink, writes Parquet, and sinks exactly the public KafkaTopics of the base.
 */
class DatasetSinkTest {

    private static final String DIRECTORY = "connect";
    /** Aiven's S3 sink connector for Apache Kafka, Apache-2.0; the version docs/adr/0019 names. */
    private static final String CONNECTOR_GROUP = "io.aiven";
    private static final String CONNECTOR_ARTIFACT = "s3-connector-for-apache-kafka";
    private static final String CONNECTOR_VERSION = "2.15.0";
    private static final String CONNECTOR_CLASS = "io.aiven.kafka.connect.s3.AivenKafkaConnectS3SinkConnector";

    private final Manifests manifests = Manifests.render(DIRECTORY);
    private final KafkaConnect connect = manifests.only(KafkaConnect.class);
    private final KafkaConnector connector = manifests.only(KafkaConnector.class);
    private final KafkaUser user = manifests.only(KafkaUser.class);

    @Test
    void rendersIntoTypedModelsLabelledAsPartOfTheAnonymizer() {
        assertThat(manifests.resources()).isNotEmpty().allSatisfy(resource -> {
            assertThat(resource.getMetadata().getNamespace()).isNull();
            assertThat(resource.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "anonymizer");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.logs", "public.events", "public.metrics", "public.alerts"})
    void theUserReadsThePublicTopicsAndWritesNone(final String topic) {
        assertThat(Acls.allows(user, AclOperation.READ, topic)).as("read %s", topic).isTrue();
        assertThat(Acls.allows(user, AclOperation.WRITE, topic)).as("write %s", topic).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw.logs", "raw.metrics", "sanitized.logs", "sanitized.alerts", "quarantine",
        "identities", "consent", "learned-names", "anonymizer-publisher-KSTREAM-AGGREGATE-0-changelog", "publicity",
        "__consumer_offsets"})
    void theUserCannotReadOrWriteAnyOtherTopicOfTheAnonymizer(final String topic) {
        assertThat(Acls.allows(user, AclOperation.READ, topic)).as("read %s", topic).isFalse();
        assertThat(Acls.allows(user, AclOperation.WRITE, topic)).as("write %s", topic).isFalse();
        assertThat(Acls.allows(user, AclOperation.DESCRIBE, topic)).as("describe %s", topic).isFalse();
    }

    @Test
    void theUserHasNoDenyRulesNoClusterRightsAndOnlyItsOwnGroups() {
        final Set<String> groups = new TreeSet<>();
        for (final AclRule rule : Acls.rules(user)) {
            assertThat(rule.getType()).isNotEqualTo(AclRuleType.DENY);
            assertThat(rule.getResource()).isInstanceOfAny(AclRuleTopicResource.class, AclRuleGroupResource.class);
            if (rule.getResource() instanceof AclRuleGroupResource group) {
                groups.add(group.getName());
                assertThat(rule.getOperations()).containsOnly(AclOperation.READ, AclOperation.DESCRIBE);
            }
        }
        final KafkaConnectSpec spec = connect.getSpec();
        assertThat(groups).containsExactlyInAnyOrder(spec.getGroupId(), "connect-" + connector.getMetadata().getName());
    }

    @Test
    void theConnectClusterUsesTheUsersCertificateAndItsOwnStateTopics() {
        final KafkaConnectSpec spec = connect.getSpec();
        assertThat(spec.getAuthentication()).isInstanceOfSatisfying(KafkaClientAuthenticationTls.class,
                tls -> assertThat(tls.getCertificateAndKey().getSecretName()).isEqualTo(user.getMetadata().getName()));
        final ClientTls tls = spec.getTls();
        assertThat(tls.getTrustedCertificates()).isNotEmpty();
        final Set<String> stateTopics = Set.of(spec.getConfigStorageTopic(), spec.getOffsetStorageTopic(),
                spec.getStatusStorageTopic());
        assertThat(manifests.all(KafkaTopic.class)).extracting(topic -> topic.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(stateTopics);
        for (final KafkaTopic topic : manifests.all(KafkaTopic.class)) {
            assertThat(topic.getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
            for (final AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE)) {
                assertThat(Acls.allows(user, operation, topic.getMetadata().getName())).isTrue();
            }
        }
        assertThat(spec.getConfig()).containsEntry("consumer.isolation.level", "read_committed");
        assertThat(connect.getMetadata().getAnnotations()).containsEntry("strimzi.io/use-connector-resources", "true");
    }

    @Test
    void theImageIsBuiltWithThePinnedApacheLicensedConnector() {
        final List<Plugin> plugins = connect.getSpec().getBuild().getPlugins();
        assertThat(plugins).singleElement().satisfies(plugin -> assertThat(plugin.getArtifacts()).singleElement()
                .isInstanceOfSatisfying(MavenArtifact.class, artifact -> {
                    assertThat(artifact.getGroup()).isEqualTo(CONNECTOR_GROUP);
                    assertThat(artifact.getArtifact()).isEqualTo(CONNECTOR_ARTIFACT);
                    assertThat(artifact.getVersion()).isEqualTo(CONNECTOR_VERSION);
                    assertThat(artifact.getRepository()).startsWith("https://");
                }));
        assertThat(connector.getSpec().getClassName()).isEqualTo(CONNECTOR_CLASS);
        assertThat(connector.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
                connect.getMetadata().getName());
    }

    @Test
    void theConnectorSinksExactlyThePublicTopicsOfTheBaseAsParquet() {
        final Map<String, Object> config = connector.getSpec().getConfig();
        final Set<String> sunk = Arrays.stream(config.get("topics").toString().split(",")).map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
        final Set<String> published = Manifests.render("base").all(KafkaTopic.class).stream()
                .map(topic -> topic.getMetadata().getName()).filter(name -> name.startsWith("public."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sunk).isEqualTo(published).isNotEmpty();
        assertThat(config).doesNotContainKey("topics.regex");
        assertThat(config).containsEntry("format.output.type", "parquet")
                .containsEntry("value.converter", "org.apache.kafka.connect.storage.StringConverter")
                .containsEntry("errors.tolerance", "none");
        assertThat(config.get("format.output.fields").toString()).contains("headers", "value", "timestamp");
    }

    @Test
    void theBucketsCredentialsAreReferencesNotValues() {
        final Map<String, Object> config = connector.getSpec().getConfig();
        assertThat(config.get("aws.access.key.id")).isEqualTo("${env:AWS_ACCESS_KEY_ID}");
        assertThat(config.get("aws.secret.access.key")).isEqualTo("${env:AWS_SECRET_ACCESS_KEY}");
        assertThat(connect.getSpec().getTemplate().getConnectContainer().getEnv())
                .allSatisfy(env -> {
                    assertThat(env.getValue()).as(env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("dataset-bucket");
                });
    }
}
