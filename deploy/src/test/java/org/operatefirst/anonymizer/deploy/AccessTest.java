package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Who can read and write what: the KafkaUsers' ACLs, evaluated for every topic, are exactly the access model of
 * docs/adr/0008: collectors write raw topics only; the anonymizer reads raw topics and its tables and writes the
 * tiers and quarantine; operators read sanitized, researchers public, auditors quarantine.
 */
class AccessTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final Set<String> ROLES = Set.of("collector", "anonymizer", "operator", "researcher", "auditor");

    @ParameterizedTest(name = "{0}: read by [{1}], written by [{2}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # topic                                            | roles that may read | roles that may write
            raw.logs                                           | anonymizer          | anonymizer collector
            raw.events                                         | anonymizer          | anonymizer collector
            raw.metrics                                        | anonymizer          | anonymizer collector
            raw.alerts                                         | anonymizer          | anonymizer collector
            raw.traces                                         | anonymizer          | anonymizer collector
            sanitized.logs                                     | anonymizer operator | anonymizer
            sanitized.events                                   | operator            | anonymizer
            sanitized.metrics                                  | operator            | anonymizer
            sanitized.alerts                                   | operator            | anonymizer
            public.logs                                        | anonymizer researcher | anonymizer
            public.events                                      | researcher          | anonymizer
            public.metrics                                     | researcher          | anonymizer
            public.alerts                                      | researcher          | anonymizer
            quarantine                                         | auditor             | anonymizer
            identities                                         | anonymizer          | -
            consent                                            | anonymizer          | -
            anonymizer-publisher-KSTREAM-AGGREGATE-0-changelog | anonymizer          | anonymizer
            quarantine.old                                     | -                   | -
            rawlogs                                            | -                   | -
            publicity                                          | -                   | -
            __consumer_offsets                                 | -                   | -
            """)
    void theAclsGrantExactlyTheAccessModel(final String topic, final String readers, final String writers) {
        for (final String overlay : OVERLAYS) {
            final List<KafkaUser> users = Manifests.render(overlay).all(KafkaUser.class);

            assertThat(roles(users, AclOperation.READ, topic)).as("%s: roles that may read %s", overlay, topic)
                    .isEqualTo(split(readers));
            assertThat(roles(users, AclOperation.WRITE, topic)).as("%s: roles that may write %s", overlay, topic)
                    .isEqualTo(split(writers));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noRoleButTheAnonymizerCanReadAnyRawTopic(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final String rawPrefix = TopicsTest.config(manifests).topics().rawPrefix();

        for (final KafkaUser user : manifests.all(KafkaUser.class)) {
            if (Acls.role(user).equals("anonymizer")) {
                continue;
            }
            assertThat(Acls.rules(user)).as("%s: rules of %s that reach %s*", overlay, user.getMetadata().getName(),
                    rawPrefix).noneMatch(rule -> rule.getType() != AclRuleType.DENY
                            && Acls.grants(rule, AclOperation.READ)
                            && rule.getResource() instanceof AclRuleTopicResource resource
                            && Acls.reachesPrefix(resource, rawPrefix));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicAclNamesATopicOrAPrefixThatExists(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final Set<String> topics = TopicsTest.topics(manifests).keySet();
        final String internalPrefix = TopicsTest.config(manifests).applicationId() + "-";

        for (final KafkaUser user : manifests.all(KafkaUser.class)) {
            for (final AclRule rule : Acls.rules(user)) {
                if (!(rule.getResource() instanceof AclRuleTopicResource resource)) {
                    continue;
                }
                final String what = overlay + ": " + user.getMetadata().getName() + " names topic "
                        + resource.getName() + " (" + resource.getPatternType() + ")";
                if (resource.getPatternType() == AclResourcePatternType.PREFIX) {
                    if (Acls.role(user).equals("anonymizer") && resource.getName().equals(internalPrefix)) {
                        // Kafka Streams creates these internal topics itself.
                        continue;
                    }
                    assertThat(topics).as(what).anyMatch(topic -> topic.startsWith(resource.getName()));
                } else {
                    assertThat(topics).as(what).contains(resource.getName());
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theAnonymizerOwnsItsStreamsGroupTransactionalIdsAndInternalTopicsOnly(final String overlay) {
        final Manifests manifests = Manifests.render(overlay);
        final String applicationId = TopicsTest.config(manifests).applicationId();
        final KafkaUser anonymizer = manifests.find(KafkaUser.class, "anonymizer").orElseThrow();

        assertThat(Acls.rules(anonymizer)).filteredOn(r -> r.getResource() instanceof AclRuleGroupResource)
                .singleElement().satisfies(rule -> {
                    final AclRuleGroupResource group = (AclRuleGroupResource) rule.getResource();
                    assertThat(group.getName()).isEqualTo(applicationId);
                    assertThat(group.getPatternType()).isIn(null, AclResourcePatternType.LITERAL);
                });
        assertThat(Acls.rules(anonymizer)).filteredOn(r -> r.getResource() instanceof AclRuleTransactionalIdResource)
                .singleElement().satisfies(rule -> {
                    final AclRuleTransactionalIdResource id = (AclRuleTransactionalIdResource) rule.getResource();
                    assertThat(id.getName()).isEqualTo(applicationId + "-");
                    assertThat(id.getPatternType()).isEqualTo(AclResourcePatternType.PREFIX);
                });
        assertThat(Acls.rules(anonymizer)).filteredOn(r -> r.getResource() instanceof AclRuleTopicResource t
                && t.getName().startsWith(applicationId)).singleElement().satisfies(rule -> {
                    final AclRuleTopicResource topic = (AclRuleTopicResource) rule.getResource();
                    assertThat(topic.getName()).isEqualTo(applicationId + "-");
                    assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.PREFIX);
                });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void peopleUseConsumerGroupsOfTheirRoleAndNothingElse(final String overlay) {
        for (final KafkaUser user : Manifests.render(overlay).all(KafkaUser.class)) {
            final String role = Acls.role(user);
            assertThat(ROLES).as("role of %s", user.getMetadata().getName()).contains(role);
            for (final AclRule rule : Acls.rules(user)) {
                assertThat(rule.getType()).as("rule of %s", user.getMetadata().getName())
                        .isIn(null, AclRuleType.ALLOW);
                assertThat(rule.getResource()).as("cluster-wide rule of %s", user.getMetadata().getName())
                        .isNotInstanceOf(AclRuleClusterResource.class);
                if (rule.getResource() instanceof AclRuleTransactionalIdResource) {
                    assertThat(role).as("transactional ids of %s", user.getMetadata().getName())
                            .isEqualTo("anonymizer");
                }
                if (rule.getResource() instanceof AclRuleGroupResource group && !role.equals("anonymizer")) {
                    assertThat(group.getName()).as("group of %s", user.getMetadata().getName())
                            .isEqualTo(role + "-");
                    assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.PREFIX);
                }
            }
            assertThat(user.getSpec().getAuthentication()).as("authentication of %s", user.getMetadata().getName())
                    .isInstanceOf(KafkaUserTlsClientAuthentication.class);
        }
    }

    private static Set<String> roles(final List<KafkaUser> users, final AclOperation operation, final String topic) {
        final Set<String> roles = new TreeSet<>();
        for (final KafkaUser user : users) {
            if (Acls.allows(user, operation, topic)) {
                roles.add(Acls.role(user));
            }
        }
        return roles;
    }

    private static Set<String> split(final String roles) {
        return roles == null ? Set.of() : new TreeSet<>(Arrays.asList(roles.trim().split(" +")));
    }
}
