package org.operatefirst.anonymizer.scrubbers.format;

import java.util.Set;

/** What the value of a metric label holds, known from the label's name; decides how the value is scrubbed. */
enum LabelRole {
    /** A user name as a whole, such as {@code user} or {@code label_hub_jupyter_org_username}. */
    USERNAME,
    /** A secret as a whole, such as {@code password} or {@code client_secret}: redacted. */
    SECRET,
    /** Anything else: scanned as free text. */
    TEXT;

    /** Exact label names whose value is a secret. */
    private static final Set<String> SECRET_NAMES = Set.of("password", "passwd", "token", "api_key", "apikey");
    /** Suffixes of label names whose value is a secret, {@code client_secret} or {@code bearer_token}. */
    private static final String[] SECRET_SUFFIXES = {"_password", "_passwd", "_token", "_secret", "_api_key",
        "_apikey"};

    /**
     * The role of a label. A name that names a secret wins over a configured user name label. A label called
     * just {@code secret} is not one: in kube-state-metrics ({@code kube_secret_info}, {@code kube_secret_type},
     * ...) it holds the name of a Secret object, not its content, and redacting it would merge every Secret's
     * series into one.
     *
     * @param lowerName      the label name, lower case
     * @param usernameLabels label names (lower case) whose whole value is a user name
     * @return the role
     */
    static LabelRole of(final String lowerName, final Set<String> usernameLabels) {
        if (SECRET_NAMES.contains(lowerName)) {
            return SECRET;
        }
        for (final String suffix : SECRET_SUFFIXES) {
            if (lowerName.endsWith(suffix)) {
                return SECRET;
            }
        }
        return usernameLabels.contains(lowerName) ? USERNAME : TEXT;
    }
}
