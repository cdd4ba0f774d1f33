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
    /**
     * An IPv4 address written with hyphens instead of dots inside a host name, {@code ip-10-0-3-17.ec2.internal},
     * {@code 203-0-113-7.dsl.example.net}: rewritten as the pseudonym of the dotted address, with hyphens.
     */
    IPV4_HYPHENATED,
    /** An IPv6 address in any RFC 4291 / RFC 5952 textual form, including IPv4-mapped and zone ids. */
    IPV6,
    /**
     * A MAC address (EUI-48), {@code 52:54:00:12:34:56}, {@code 52-54-00-12-34-56} or {@code 5254.0012.3456}:
     * rewritten as a keyed pseudonym in the same notation and case, keeping the vendor prefix if the policy says so
     * ({@link MacAddressDetector}).
     */
    MAC_ADDRESS,
    /**
     * A user name in KubeSpawner's escaped form ({@code jdoe-40example-2eorg} for {@code jdoe@example.org}), found
     * in a pod or volume claim name made from a {@link NameTemplate}. The span covers only the escaped user name,
     * not the template's prefix, separator, server name or suffix.
     */
    ESCAPED_USERNAME,
    /**
     * A user name in KubeSpawner 7's lossy {@code safe} slug form ({@link KubeSpawnerSafeSlug}), such as
     * {@code jdoe-example-org---1a2b3c4d}, in a pod or claim name or a label value; or the user part, server part
     * included, of a named server's name that the slug scheme made ambiguous. Matched against the slugs of known
     * identities; an unknown one is pseudonymized as a whole.
     */
    SAFE_SLUG,
    /**
     * A plain user name, known to be one from its context: a field, label or annotation that holds user names,
     * a URL path such as {@code /user/<name>/}, or a key-value pair such as {@code user="<name>"}.
     */
    USERNAME,
    /** A person's display name or other identifier from the identity directory. */
    PERSON_NAME,
    /** A bearer token, as in {@code Authorization: Bearer <token>}: a secret. */
    BEARER_TOKEN(true),
    /** An OpenShift OAuth access or authorize token, {@code sha256~<43 base64url>}: a secret. */
    OPENSHIFT_TOKEN(true),
    /** A JSON Web Token, {@code <header>.<payload>.<signature>} in base64url: a secret. */
    JWT(true),
    /** An OAuth {@code code}, {@code state} or {@code *_token} query or form value: a secret. */
    OAUTH_PARAMETER(true),
    /** The value of a {@code password}, {@code secret}, {@code token} or {@code api_key}-style field: a secret. */
    PASSWORD(true),
    /** The {@code user:password} part of a URL, {@code scheme://user:password@host}: a secret. */
    URL_CREDENTIALS(true),
    /** An AWS access key id, {@code AKIA...} or {@code ASIA...}: a secret. */
    AWS_ACCESS_KEY(true),
    /** An AWS secret access key: a secret. */
    AWS_SECRET_KEY(true),
    /** A GitHub token, {@code ghp_...}, {@code gho_...}, {@code github_pat_...}: a secret. */
    GITHUB_TOKEN(true),
    /** A Slack token, {@code xoxb-...}, {@code xoxp-...}: a secret. */
    SLACK_TOKEN(true),
    /** A Google API key, {@code AIza...}: a secret. */
    GOOGLE_API_KEY(true),
    /** A GitLab personal access token, {@code glpat-...}: a secret. */
    GITLAB_TOKEN(true),
    /** An npm access token, {@code npm_...}: a secret. */
    NPM_TOKEN(true),
    /** The base64 credentials of {@code Authorization: Basic ...}: a secret. */
    BASIC_AUTH(true),
    /** A session id in a URL, {@code ;jsessionid=...}, {@code ?sid=...}: a secret. */
    SESSION_ID(true),
    /** A PEM private key block, from its {@code BEGIN} line to its {@code END} line: a secret. */
    PRIVATE_KEY(true);

    private final boolean secret;

    FindingType() {
        this(false);
    }

    FindingType(final boolean secret) {
        this.secret = secret;
    }

    /**
     * Whether this is a secret: secrets are always removed, replaced by {@link #marker()}, never pseudonymized.
     *
     * @return true for secrets
     */
    public boolean isSecret() {
        return secret;
    }

    /**
     * The typed marker that replaces a secret, for example {@code [REDACTED:jwt]}. URL credentials are the one
     * exception: their marker stands in a URL's userinfo, where brackets are not allowed, so it is
     * {@code REDACTED:url-credentials}, which keeps {@code scheme://REDACTED:url-credentials@host} a valid URL.
     *
     * @return the marker
     */
    public String marker() {
        final String label = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return this == URL_CREDENTIALS ? "REDACTED:" + label : "[REDACTED:" + label + "]";
    }
}
