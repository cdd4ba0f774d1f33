package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Names that stand where a user name may stand but are not people, and are kept as they are: Kubernetes and
 * OpenShift system users and service accounts, and placeholders.
 *
 * <ul>
 *   <li>anything that starts with {@code system:}, ignoring case: service accounts
 *       ({@code system:serviceaccount:<namespace>:<name>}), nodes ({@code system:node:<name>}),
 *       {@code system:admin}, {@code system:anonymous}, {@code system:kube-scheduler} and the other control-plane
 *       users;</li>
 *   <li>exactly, ignoring case: {@value #KUBE_ADMIN} (OpenShift's temporary cluster administrator), {@code admin},
 *       {@code root}, {@code anonymous}, {@code unknown}, and the placeholders {@code null}, {@code none},
 *       {@code nil}, {@code undefined}, {@code -};</li>
 *   <li>numbers: a numeric user id such as {@code 1000680000} is assigned per namespace, not to a person.</li>
 * </ul>
 * Stateless.
 */
public final class PlatformUsers {

    /** The prefix of every Kubernetes system user and service account. */
    public static final String SYSTEM_PREFIX = "system:";
    /** OpenShift's temporary cluster administrator. */
    public static final String KUBE_ADMIN = "kube:admin";

    private static final Set<String> KEPT = Set.of(KUBE_ADMIN, "admin", "root", "anonymous", "unknown", "null",
            "none", "nil", "undefined", "-");

    private PlatformUsers() {
    }

    /**
     * Whether a value that stands for a user is a platform user or placeholder, to be kept.
     *
     * @param name the value, without surrounding blanks or quotes
     * @return true if it is not a person
     */
    public static boolean isPlatformUser(final CharSequence name) {
        final int n = name.length();
        if (n == 0) {
            return true;
        }
        if (n >= SYSTEM_PREFIX.length()
                && name.subSequence(0, SYSTEM_PREFIX.length()).toString().equalsIgnoreCase(SYSTEM_PREFIX)) {
            return true;
        }
        boolean digits = true;
        for (int i = 0; i < n && digits; i++) {
            digits = name.charAt(i) >= '0' && name.charAt(i) <= '9';
        }
        return digits || n <= 10 && KEPT.contains(name.toString().toLowerCase(Locale.ROOT));
    }
}
