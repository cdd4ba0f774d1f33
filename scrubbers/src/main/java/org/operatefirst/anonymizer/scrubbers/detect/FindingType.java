package org.operatefirst.anonymizer.scrubbers.detect;

/**
 * What a detector found. Each type has one rewrite rule: personal data becomes a keyed pseudonym of the same
 * shape, secrets become a typed redaction marker.
 */
public enum FindingType {
    /** An email address, possibly percent-encoded one or more times. */
    EMAIL,
    /** An IPv4 address in dotted-quad form. */
    IPV4,
    /** An IPv6 address in any RFC 4291 / RFC 5952 textual form, including IPv4-mapped and zone ids. */
    IPV6,
    /**
     * A user name in KubeSpawner's escaped form ({@code jdoe-40example-2eorg} for {@code jdoe@example.org}), found
     * in a pod or volume claim name made from a {@link NameTemplate}. The span covers only the escaped user name,
     * not the template's prefix, separator, server name or suffix.
     */
    ESCAPED_USERNAME
}
