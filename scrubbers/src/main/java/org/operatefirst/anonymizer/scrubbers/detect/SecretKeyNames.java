package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names of fields whose value is a secret, wherever a name meets a value: JSON keys, {@code key=value} and
 * {@code key: value} pairs in text, query parameters, HTTP headers. The one place that list lives.
 *
 * <p>A name is compared after folding case and dropping {@code -}, {@code _} and {@code .}, so {@code api_key},
 * {@code API-Key} and {@code apiKey} are one name. It is a secret name if it is one of {@link #NAMES}, or ends in
 * {@code password}, {@code passwd}, {@code secret} or {@code token} ({@code access_token}, {@code clientSecret},
 * {@code db.password}). References to secrets are not secrets: {@code secretName}, {@code tokenSecretRef},
 * {@code token_type} and {@code expires_in} do not match.
 *
 * <p>A few names hold a secret only as a URL query or form parameter, where OAuth 2.0 puts them
 * ({@link #QUERY_NAMES}: {@code ?code=...&state=...}); elsewhere, as in a pod's {@code state: Running}, they do not.
 */
public final class SecretKeyNames {

    /** Folded names that are secret names on their own. */
    public static final Set<String> NAMES = Set.of("password", "passwd", "pwd", "pass", "secret", "token",
            "apikey", "xapikey", "authorization", "proxyauthorization", "privatekey", "secretkey",
            "secretaccesskey", "awssecretaccesskey", "sessiontoken", "credentials", "credential", "cookie",
            "setcookie", "xauthtoken", "clientsecret");

    /**
     * Folded names that are secret names only as query or form parameters: the OAuth 2.0 authorization code and
     * state (RFC 6749, section 4.1.2), the PKCE code verifier (RFC 7636) and OpenID Connect's session state.
     */
    public static final Set<String> QUERY_NAMES = Set.of("code", "state", "codeverifier", "sessionstate");

    private static final String[] SUFFIXES = {"password", "passwd", "secret", "token"};

    /** Longest folded name considered; longer keys are never secret names (bounds the work per key). */
    private static final int MAX_NAME_LENGTH = 64;

    /** How many folded characters at the end of a name {@link #mayBeName} compares. */
    private static final int TAIL = 3;

    /**
     * The last {@value #TAIL} characters of every name of {@link #NAMES}, {@link #QUERY_NAMES} and
     * {@link #SUFFIXES}, packed as by {@link #tail}: a key whose folded tail is not one of them is none of those.
     */
    private static final int[] TAILS = tails();
    /** One bit per {@link #tailBit} of each of {@link #TAILS}: most keys' tails are turned away by one test. */
    private static final long TAIL_BITS = tailBits();

    private SecretKeyNames() {
    }

    /**
     * Whether a field of this name holds a secret.
     *
     * @param name the field, key or parameter name, as written
     * @return true if its value must be redacted
     */
    public static boolean isSecretName(final CharSequence name) {
        return isSecretFolded(fold(name));
    }

    /**
     * Whether a URL query or form parameter of this name holds a secret: a secret name, or one of
     * {@link #QUERY_NAMES}.
     *
     * @param name the parameter name, as written
     * @return true if its value must be redacted
     */
    public static boolean isQuerySecretName(final CharSequence name) {
        final String folded = fold(name);
        return isSecretFolded(folded) || folded != null && QUERY_NAMES.contains(folded);
    }

    /**
     * Whether a folded name is a secret name.
     *
     * @param folded the name as {@link #fold} returns it, or {@code null}
     * @return true if its value must be redacted
     */
    static boolean isSecretFolded(final String folded) {
        if (folded == null || folded.isEmpty()) {
            return false;
        }
        if (NAMES.contains(folded)) {
            return true;
        }
        for (final String suffix : SUFFIXES) {
            if (folded.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap necessary condition of {@code fold(text, start, end)} being a secret name or a query secret name:
     * its last {@value #TAIL} folded characters are those of one of the names. Allocates nothing, so the many keys
     * of a text that are not secret names ({@code log:189}, {@code error:}) cost a few comparisons.
     *
     * @param text  text holding the key
     * @param start index of the key's first character
     * @param end   index after its last character
     * @return false only if the folded key is neither a secret name nor one of {@link #QUERY_NAMES}
     */
    static boolean mayBeName(final CharSequence text, final int start, final int end) {
        final int tail = tail(text, start, end);
        if (tail < 0 || (TAIL_BITS & 1L << tailBit(tail)) == 0) {
            return false;
        }
        for (final int candidate : TAILS) {
            if (candidate == tail) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last {@value #TAIL} characters of a key as {@link #fold} folds them, packed into an int.
     *
     * @return the packed characters, or -1 if the folded key is shorter or has a character fold rejects there
     */
    private static int tail(final CharSequence text, final int start, final int end) {
        int packed = 0;
        int found = 0;
        for (int i = end - 1; i >= start && found < TAIL; i--) {
            final char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                packed |= (c + ('a' - 'A')) << (8 * found++);
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                packed |= c << (8 * found++);
            } else if (c != '-' && c != '_' && c != '.') {
                return -1;
            }
        }
        return found == TAIL ? packed : -1;
    }

    /** A bit, 0 to 63, for a packed tail. */
    private static int tailBit(final int tail) {
        return (tail * 0x9E3779B9) >>> 26;
    }

    private static long tailBits() {
        long bits = 0;
        for (final int tail : TAILS) {
            bits |= 1L << tailBit(tail);
        }
        return bits;
    }

    private static int[] tails() {
        final Set<String> names = new HashSet<>(NAMES);
        names.addAll(QUERY_NAMES);
        names.addAll(List.of(SUFFIXES));
        return names.stream().mapToInt(name -> tail(name, 0, name.length())).distinct().toArray();
    }

    /**
     * Folds a name: lower case, without {@code -}, {@code _} and {@code .}.
     *
     * @param name the name
     * @return the folded name, or {@code null} if it is too long or holds characters no field name holds
     */
    static String fold(final CharSequence name) {
        return fold(name, 0, name.length());
    }

    /**
     * Folds the name {@code text[start, end)} without copying it first.
     *
     * @param text  text holding the name
     * @param start index of the name's first character
     * @param end   index after its last character
     * @return the folded name, or {@code null} if it is too long or holds characters no field name holds
     */
    static String fold(final CharSequence text, final int start, final int end) {
        if (end - start > MAX_NAME_LENGTH) {
            return null;
        }
        final StringBuilder folded = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                folded.append((char) (c + ('a' - 'A')));
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                folded.append(c);
            } else if (c != '-' && c != '_' && c != '.') {
                return null;
            }
        }
        return folded.toString();
    }
}
