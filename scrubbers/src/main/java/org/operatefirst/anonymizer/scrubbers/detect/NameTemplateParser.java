package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.Objects;

/**
 * Parses and validates {@link NameTemplate}s. Templates come from configuration, so this runs once at start-up
 * and every error names the template it rejects.
 */
final class NameTemplateParser {

    private NameTemplateParser() {
    }

    /**
     * Parses a template; see {@link NameTemplate#parse} for the rules.
     *
     * @param template the template text
     * @return the template
     * @throws IllegalArgumentException if the template breaks a rule
     */
    static NameTemplate parse(final String template) {
        Objects.requireNonNull(template, "template");
        final int username = template.indexOf(NameTemplate.USERNAME);
        if (username < 0) {
            throw invalid(template, "it has no " + NameTemplate.USERNAME);
        }
        final int afterUsername = username + NameTemplate.USERNAME.length();
        if (template.indexOf(NameTemplate.USERNAME, afterUsername) >= 0) {
            throw invalid(template, "it has more than one " + NameTemplate.USERNAME);
        }
        final int servername = template.indexOf(NameTemplate.SERVERNAME);
        if (servername >= 0 && servername < username) {
            throw invalid(template, NameTemplate.SERVERNAME + " must come after " + NameTemplate.USERNAME);
        }
        if (servername >= 0
                && template.indexOf(NameTemplate.SERVERNAME, servername + NameTemplate.SERVERNAME.length()) >= 0) {
            throw invalid(template, "it has more than one " + NameTemplate.SERVERNAME);
        }
        final String prefix = template.substring(0, username);
        final String separator;
        final String suffix;
        if (servername < 0) {
            separator = "";
            suffix = template.substring(afterUsername);
        } else {
            separator = template.substring(afterUsername, servername);
            suffix = template.substring(servername + NameTemplate.SERVERNAME.length());
        }
        checkLiteral(template, "prefix", prefix);
        checkLiteral(template, "separator", separator);
        checkLiteral(template, "suffix", suffix);
        if (prefix.isEmpty() || prefix.charAt(0) == '-') {
            throw invalid(template, "it must start with a letter or digit before " + NameTemplate.USERNAME
                    + ", such as jupyter-; without a prefix every word would be taken for a user name");
        }
        if (servername >= 0 && (separator.length() < 2 || separator.charAt(0) != KubeSpawnerEscape.ESCAPE
                || isHexDigit(separator.charAt(1)))) {
            throw invalid(template, "the separator between " + NameTemplate.USERNAME + " and "
                    + NameTemplate.SERVERNAME + " must start with '-' and a character that is not a hex digit,"
                    + " such as --, or the end of the user name is ambiguous");
        }
        return new NameTemplate(template, prefix, separator, suffix);
    }

    /** Literal text: a-z, 0-9 and '-', as in the Kubernetes names that templates produce. */
    private static void checkLiteral(final String template, final String part, final String literal) {
        for (int i = 0; i < literal.length(); i++) {
            final char c = literal.charAt(i);
            if (c == '{' || c == '}') {
                throw invalid(template, "unknown placeholder in the " + part + "; only " + NameTemplate.USERNAME
                        + " and " + NameTemplate.SERVERNAME + " are supported");
            }
            if (!KubeSpawnerEscape.isSafe(c) && c != '-') {
                throw invalid(template, "the " + part + " may hold only a-z, 0-9 and '-', not '" + c + "'");
            }
        }
    }

    private static boolean isHexDigit(final char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }

    private static IllegalArgumentException invalid(final String template, final String why) {
        return new IllegalArgumentException("invalid KubeSpawner name template \"" + template + "\": " + why);
    }
}
