package org.operatefirst.anonymizer.deploy;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.List;

/** What a KafkaUser's simple-authorization ACLs allow, evaluated the way Kafka's StandardAuthorizer does. */
final class Acls {

    /** The label that names a KafkaUser's role. */
    static final String ROLE_LABEL = "anonymizer.operatefirst.org/role";

    private Acls() {
    }

    /**
     * The user's role.
     *
     * @param user a KafkaUser
     * @return the value of {@link #ROLE_LABEL}, or an empty string
     */
    static String role(final KafkaUser user) {
        return user.getMetadata().getLabels() == null ? ""
                : user.getMetadata().getLabels().getOrDefault(ROLE_LABEL, "");
    }

    /**
     * The user's ACL rules.
     *
     * @param user a KafkaUser with simple authorization
     * @return the rules, empty if it has none
     */
    static List<AclRule> rules(final KafkaUser user) {
        return user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple
                && simple.getAcls() != null ? simple.getAcls() : List.of();
    }

    /**
     * Whether the user may perform an operation on a topic: an allow rule grants it and no deny rule takes it.
     *
     * @param user      the user
     * @param operation {@code Read} or {@code Write}, for example
     * @param topic     the topic name
     * @return whether Kafka would authorize it
     */
    static boolean allows(final KafkaUser user, final AclOperation operation, final String topic) {
        boolean allowed = false;
        for (final AclRule rule : rules(user)) {
            if (rule.getResource() instanceof AclRuleTopicResource resource && grants(rule, operation)
                    && matches(resource.getName(), resource.getPatternType(), topic)) {
                if (rule.getType() == AclRuleType.DENY) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /**
     * Whether a topic rule could match any topic whose name starts with a prefix (a literal name inside it, a
     * prefix that overlaps it, or the wildcard).
     *
     * @param resource the rule's topic resource
     * @param prefix   for example {@code raw.}
     * @return whether some topic of that prefix matches
     */
    static boolean reachesPrefix(final AclRuleTopicResource resource, final String prefix) {
        final String name = resource.getName();
        if (resource.getPatternType() == AclResourcePatternType.PREFIX) {
            return name.startsWith(prefix) || prefix.startsWith(name);
        }
        return name.equals("*") || name.startsWith(prefix);
    }

    /**
     * Whether a rule's operations include an operation ({@code All} includes every one).
     *
     * @param rule      the rule
     * @param operation the operation
     * @return whether it is granted
     */
    static boolean grants(final AclRule rule, final AclOperation operation) {
        final List<AclOperation> operations = rule.getOperations() == null ? List.of() : rule.getOperations();
        return operations.contains(operation) || operations.contains(AclOperation.ALL);
    }

    private static boolean matches(final String name, final AclResourcePatternType type, final String topic) {
        if (type == AclResourcePatternType.PREFIX) {
            return topic.startsWith(name);
        }
        return name.equals("*") || name.equals(topic);
    }
}
