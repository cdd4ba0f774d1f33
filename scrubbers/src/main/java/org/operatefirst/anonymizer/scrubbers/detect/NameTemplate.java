package org.operatefirst.anonymizer.scrubbers.detect;

import java.util.List;
import java.util.Objects;

/**
 * A KubeSpawner name template, such as {@code jupyterhub-nb-{username}} or {@code jupyter-{username}--{servername}}:
 * how a hub names a user's pod or volume claim from the escaped user name (see {@link KubeSpawnerEscape}).
 *
 * <p>A template is a literal prefix, {@code {username}}, optionally a separator and {@code {servername}}, and a
 * literal suffix. Literals are made of {@code a-z}, {@code 0-9} and {@code -}. See {@link #parse} for the rules a
 * template must follow. Immutable; equal when the template text is equal.
 */
public final class NameTemplate {

    /** The placeholder for the escaped user name. */
    public static final String USERNAME = "{username}";
    /** The placeholder for the escaped server name of a named server. */
    public static final String SERVERNAME = "{servername}";

    private static final List<NameTemplate> DEFAULTS = List.of(
            // Open Data Hub's JupyterHub: notebook pods, and their volume claims.
            parse("jupyterhub-nb-{username}"),
            parse("jupyterhub-nb-{username}-pvc"),
            // KubeSpawner's own defaults for pods, pods of named servers, and volume claims.
            parse("jupyter-{username}"),
            parse("jupyter-{username}--{servername}"),
            parse("claim-{username}"),
            parse("claim-{username}--{servername}"),
            // JupyterHub's OAuth client of a user's server, in client_id= of its OAuth requests.
            parse("jupyterhub-user-{username}"));

    private final String text;
    private final String prefix;
    private final String separator;
    private final String suffix;

    NameTemplate(final String text, final String prefix, final String separator, final String suffix) {
        this.text = text;
        this.prefix = prefix;
        this.separator = separator;
        this.suffix = suffix;
    }

    /**
     * Parses and validates a template. Rules:
     * <ul>
     *   <li>exactly one {@code {username}}, and at most one {@code {servername}}, after it; no other
     *       placeholder;</li>
     *   <li>literal text only from {@code a-z}, {@code 0-9} and {@code -};</li>
     *   <li>a prefix before {@code {username}} that starts with a letter or digit: without one, every word of
     *       every record would be read as a user name;</li>
     *   <li>between {@code {username}} and {@code {servername}}, a separator that starts with {@code -} and a
     *       character that is not a hex digit, such as KubeSpawner's {@code --}, so that the end of the escaped
     *       user name is never in doubt.</li>
     * </ul>
     *
     * @param template for example {@code jupyter-{username}--{servername}}
     * @return the template
     * @throws IllegalArgumentException if the template breaks a rule; the message names the template
     */
    public static NameTemplate parse(final String template) {
        return NameTemplateParser.parse(template);
    }

    /**
     * Parses several templates, for example from configuration.
     *
     * @param templates template texts
     * @return the templates, in the same order
     * @throws IllegalArgumentException if any template breaks a rule; the message names it
     */
    public static List<NameTemplate> parseAll(final List<String> templates) {
        Objects.requireNonNull(templates, "templates");
        return templates.stream().map(NameTemplate::parse).toList();
    }

    /**
     * The templates of KubeSpawner's defaults and of Open Data Hub's JupyterHub: {@code jupyterhub-nb-{username}},
     * {@code jupyterhub-nb-{username}-pvc}, {@code jupyter-{username}}, {@code jupyter-{username}--{servername}}
     * {@code claim-{username}} and {@code claim-{username}--{servername}}.
     *
     * @return an immutable list
     */
    public static List<NameTemplate> defaults() {
        return DEFAULTS;
    }

    /**
     * The literal text before {@code {username}}.
     *
     * @return for example {@code jupyter-}; never empty
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The literal text between {@code {username}} and {@code {servername}}.
     *
     * @return for example {@code --}; empty if the template has no {@code {servername}}
     */
    public String separator() {
        return separator;
    }

    /**
     * Whether the template names a named server.
     *
     * @return true if it has a {@code {servername}}
     */
    public boolean hasServername() {
        return !separator.isEmpty();
    }

    /**
     * The literal text after the last placeholder.
     *
     * @return for example {@code -pvc}; often empty
     */
    public String suffix() {
        return suffix;
    }

    /**
     * The number of literal characters in a name made from this template.
     *
     * @return the length of prefix, separator and suffix together
     */
    public int literalLength() {
        return prefix.length() + separator.length() + suffix.length();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof NameTemplate that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * The template as it was written.
     *
     * @return for example {@code jupyter-{username}--{servername}}
     */
    @Override
    public String toString() {
        return text;
    }
}
