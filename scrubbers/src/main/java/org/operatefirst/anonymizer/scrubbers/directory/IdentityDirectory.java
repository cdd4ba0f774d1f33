package org.operatefirst.anonymizer.scrubbers.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;

/**
 * The people a cluster knows, each with one or more identifiers: user name, email address, display name (what a
 * cluster's OpenShift {@code User} objects and its identity provider know). Every identifier of a person maps to
 * that person, so that all of them get the person's one pseudonym, derived from the person's canonical key: the
 * first identifier, lower-cased.
 *
 * <h2>File format</h2>
 * UTF-8 text, one person per line, identifiers separated by tabs; blanks around an identifier are dropped; blank
 * lines and lines whose first non-blank character is {@code #} are ignored. Put the hub's user name first: it is
 * the canonical key. For example (tabs shown as {@code \t}):
 * <pre>
 * # user name \t email \t display name
 * jdoe \t jdoe@example.org \t Jane Doe
 * rroe@example.com
 * </pre>
 *
 * <h2>Rules</h2>
 * Errors name the line (and the source), and the whole directory is refused: an empty identifier (two tabs in a
 * row), one longer than {@value #MAX_IDENTIFIER_LENGTH} characters or holding a control character, a line longer
 * than {@value #MAX_LINE_LENGTH} characters, bytes that are not UTF-8, service accounts and platform users
 * ({@code system:...}, {@code kube:admin}: they are not people and are kept in the data), and a user name or email
 * address that two lines list (one account cannot be two people; compared case-insensitively). An identifier
 * listed twice on one line counts once.
 *
 * <h2>Homonyms</h2>
 * A display name that several lines list is accepted, with a warning naming the lines: it is linked to none of
 * those people and gets a pseudonym of its own (keyed on the name itself, apart from every person's key), while
 * each person's other identifiers keep the person's pseudonym. A person's canonical key is then their first
 * identifier that is not a shared display name.
 *
 * <p>Every identifier is used where the context says a value is a user name (fields, labels, URL paths, pod
 * names). In free text, found by {@link #detector()}, only identifiers that are safe to search for: at least
 * {@value #MIN_MATCH_LENGTH} characters, holding a letter, and not a common word or platform name
 * ({@link #NOT_SEARCHED}). The others are accepted, and reported by {@link #warnings()}.
 *
 * <p>Messages name lines and positions, never identifiers, so they can be logged. Lookups are case-insensitive.
 * Immutable and thread-safe; the directory is swapped whole when it changes. An empty directory costs nothing:
 * lookups return at once and it adds no detector.
 */
public final class IdentityDirectory {

    /** The shortest identifier searched for in free text. */
    public static final int MIN_MATCH_LENGTH = 3;
    /** The longest identifier. */
    public static final int MAX_IDENTIFIER_LENGTH = 256;
    /** The longest line of a directory file. */
    public static final int MAX_LINE_LENGTH = 4096;
    /** The largest directory file, in bytes. */
    public static final int MAX_FILE_BYTES = 64 << 20;

    /**
     * Identifiers never searched for in free text, because they are common words or names of platform parts
     * that appear in logs for reasons other than a person (compared case-insensitively).
     */
    public static final Set<String> NOT_SEARCHED = Set.of("admin", "administrator", "alertmanager", "anonymous",
            "api", "app", "cluster", "controller", "data", "default", "demo", "dev", "grafana", "guest", "help",
            "hub", "info", "jupyter", "jupyterhub", "kube", "kubeadmin", "kubelet", "kubernetes", "master", "node",
            "nobody", "none", "notebook", "null", "openshift", "operator", "prod", "prometheus", "proxy", "root",
            "server", "service", "staging", "support", "system", "team", "test", "unknown", "user", "users",
            "web", "worker");

    /**
     * Prefix of the key of a display name several people share; no identifier holds a control character, so no
     * person's key starts with it.
     */
    static final String HOMONYM_KEY_PREFIX = "\u0000homonym\u0000";

    private static final IdentityDirectory EMPTY = new IdentityDirectory(Map.of(), Map.of(), null,
            new FindingType[0], 0, 0, List.of());

    private final Map<String, Identity> byIdentifier;
    private final Map<String, SlugMatch> bySlug;
    private final IdentifierTrie trie;
    private final FindingType[] patternTypes;
    private final int people;
    private final int homonyms;
    private final List<String> warnings;

    private IdentityDirectory(final Map<String, Identity> byIdentifier, final Map<String, SlugMatch> bySlug,
            final IdentifierTrie trie, final FindingType[] patternTypes, final int people, final int homonyms,
            final List<String> warnings) {
        this.homonyms = homonyms;
        this.byIdentifier = byIdentifier;
        this.bySlug = bySlug;
        this.trie = trie;
        this.patternTypes = patternTypes;
        this.people = people;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The directory that knows nobody.
     *
     * @return the empty directory
     */
    public static IdentityDirectory empty() {
        return EMPTY;
    }

    /**
     * Builds a directory from people, each a list of identifiers, for example from a compacted topic.
     *
     * @param people one list per person; the first identifier is the canonical key
     * @return the directory
     * @throws IllegalArgumentException if an identifier breaks a rule; the message names the entry (1-based)
     */
    public static IdentityDirectory of(final List<List<String>> people) {
        Objects.requireNonNull(people, "people");
        final Builder builder = new Builder();
        for (int i = 0; i < people.size(); i++) {
            builder.person(people.get(i), "entry " + (i + 1));
        }
        return builder.build();
    }

    /**
     * Loads a directory file (see the class documentation for the format).
     *
     * @param file the file
     * @return the directory
     * @throws IllegalArgumentException if the file cannot be read or breaks a rule; the message names the file
     *                                  and the line
     */
    public static IdentityDirectory load(final Path file) {
        final byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the identity directory " + file + ": " + e.getMessage(),
                    e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses the content of a directory file.
     *
     * @param utf8   the file's bytes
     * @param source the file's name, for error messages
     * @return the directory
     * @throws IllegalArgumentException if the content breaks a rule; the message names the source and the line
     */
    public static IdentityDirectory parse(final byte[] utf8, final String source) {
        if (utf8.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("identity directory " + source + " is larger than " + MAX_FILE_BYTES
                    + " bytes");
        }
        final Builder builder = new Builder();
        int lineStart = 0;
        int number = 0;
        while (lineStart < utf8.length) {
            int lineEnd = lineStart;
            while (lineEnd < utf8.length && utf8[lineEnd] != '\n') {
                lineEnd++;
            }
            number++;
            final String where = source + " line " + number;
            int contentEnd = lineEnd;
            if (contentEnd > lineStart && utf8[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            String line = decode(utf8, lineStart, contentEnd, where);
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.length() > MAX_LINE_LENGTH) {
                throw new IllegalArgumentException(where + ": longer than " + MAX_LINE_LENGTH + " characters");
            }
            final String content = line.strip();
            if (!content.isEmpty() && content.charAt(0) != '#') {
                builder.person(fields(line), where);
            }
            lineStart = lineEnd + 1;
        }
        return builder.build();
    }

    /** The tab-separated fields of a line, empty ones included. */
    private static List<String> fields(final String line) {
        final List<String> fields = new ArrayList<>();
        int start = 0;
        for (int tab = line.indexOf('\t'); tab >= 0; tab = line.indexOf('\t', start)) {
            fields.add(line.substring(start, tab));
            start = tab + 1;
        }
        fields.add(line.substring(start));
        return fields;
    }

    private static String decode(final byte[] bytes, final int from, final int to, final String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (final CharacterCodingException e) {
            throw new IllegalArgumentException(where + ": not UTF-8", e);
        }
    }

    /**
     * Looks an identifier up, ignoring case.
     *
     * @param identifier a user name, email address or display name, exactly as found
     * @return the identity, or empty if nobody has this identifier
     */
    public Optional<Identity> lookup(final CharSequence identifier) {
        if (byIdentifier.isEmpty() || identifier == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byIdentifier.get(fold(identifier)));
    }

    /**
     * Looks a KubeSpawner {@code safe} slug up: finds the identifier whose slug, as a pod or claim name part or as
     * a label value ({@link KubeSpawnerSafeSlug}), it is. Slugs of each identifier as written and lower-cased are
     * known, since JupyterHub lower-cases user names by default.
     *
     * @param slug for example {@code jdoe-example-org---1a2b3c4d}
     * @return the match, or empty if the slug is nobody's
     */
    public Optional<SlugMatch> lookupSlug(final CharSequence slug) {
        if (bySlug.isEmpty() || slug == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(bySlug.get(slug.toString()));
    }

    /**
     * Whether the directory knows nobody.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return people == 0;
    }

    /**
     * The number of people.
     *
     * @return the count
     */
    public int people() {
        return people;
    }

    /**
     * The number of display names that several people share (homonyms), each with a pseudonym of its own.
     *
     * @return the count
     */
    public int homonyms() {
        return homonyms;
    }

    /**
     * The number of distinct identifiers, of all people.
     *
     * @return the count
     */
    public int identifiers() {
        return byIdentifier.size();
    }

    /**
     * What the loader accepted but will not search for in free text, one message per identifier, naming its line
     * and its position on the line (not the identifier, so that the messages can be logged).
     *
     * @return the messages, possibly none
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * A detector of this directory's identifiers, and of the {@code safe} slugs made of them, in free text.
     *
     * @return the detector; for an empty directory, one that finds nothing
     */
    public Detector detector() {
        return trie == null ? (text, out) -> { } : new DirectoryDetector(trie, patternTypes);
    }

    /** Case folding of lookups: the same, character by character, as the trie's. */
    static String fold(final CharSequence text) {
        final char[] folded = new char[text.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = IdentifierTrie.fold(text.charAt(i));
        }
        return new String(folded);
    }

    /** Whether a person's identifier may be searched for in free text, or else why not. */
    private static String notSearchedBecause(final String identifier) {
        if (identifier.length() < MIN_MATCH_LENGTH) {
            return "shorter than " + MIN_MATCH_LENGTH + " characters";
        }
        if (NOT_SEARCHED.contains(identifier.toLowerCase(Locale.ROOT))) {
            return "a common word or platform name";
        }
        for (int i = 0; i < identifier.length(); i++) {
            if (Character.isLetter(identifier.charAt(i))) {
                return null;
            }
        }
        return "without a letter";
    }

    /**
     * Collects people and builds the directory; errors name where an identifier came from. People are collected
     * first and indexed at {@link #build()}, since whether a display name is shared is only known once every line
     * has been read.
     */
    private static final class Builder {
        private final Map<String, Identity> byIdentifier = new HashMap<>();
        private final Map<String, SlugMatch> bySlug = new HashMap<>();
        private final IdentifierTrie.Builder trie = new IdentifierTrie.Builder();
        private final List<FindingType> patternTypes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<Person> listed = new ArrayList<>();
        /** Where each folded identifier was first listed, and by whom. */
        private final Map<String, Integer> firstListedBy = new HashMap<>();
        /** Folded display names listed by more than one person, with the places that list them. */
        private final Map<String, List<String>> homonyms = new LinkedHashMap<>();

        /** One line (or entry): its identifiers, their 1-based positions, and where it came from. */
        private record Person(List<String> identifiers, List<Integer> positions, String where) {
        }

        void person(final List<String> fields, final String where) {
            final List<String> identifiers = new ArrayList<>();
            final List<Integer> positions = new ArrayList<>();
            final Set<String> folded = new LinkedHashSet<>();
            for (int k = 0; k < fields.size(); k++) {
                final String identifier = validate(fields.get(k), where);
                if (folded.add(fold(identifier))) {
                    identifiers.add(identifier);
                    positions.add(k + 1);
                }
            }
            if (identifiers.isEmpty()) {
                throw new IllegalArgumentException(where + ": no identifier");
            }
            final int index = listed.size();
            for (int k = 0; k < identifiers.size(); k++) {
                final String identifier = identifiers.get(k);
                final String key = fold(identifier);
                final Integer previous = firstListedBy.putIfAbsent(key, index);
                if (previous == null) {
                    continue;
                }
                if (IdentifierKind.of(identifier) != IdentifierKind.DISPLAY_NAME) {
                    throw new IllegalArgumentException(where + ": identifier " + positions.get(k)
                            + " is already listed at " + listed.get(previous).where()
                            + "; one identifier cannot be two people");
                }
                // Two people may share a display name; a user name or an email is one account.
                homonyms.computeIfAbsent(key, x -> new ArrayList<>(List.of(listed.get(previous).where())))
                        .add(where + " (identifier " + positions.get(k) + ")");
            }
            listed.add(new Person(List.copyOf(identifiers), List.copyOf(positions), where));
        }

        /** Indexes every person's identifiers; a shared display name gets an identity of its own. */
        private void index(final Person person) {
            String personKey = null;
            for (final String identifier : person.identifiers()) {
                if (!homonyms.containsKey(fold(identifier))) {
                    personKey = identifier.toLowerCase(Locale.ROOT);
                    break;
                }
            }
            for (int k = 0; k < person.identifiers().size(); k++) {
                final String identifier = person.identifiers().get(k);
                final String key = fold(identifier);
                if (homonyms.containsKey(key)) {
                    continue;
                }
                final Identity identity = new Identity(personKey, identifier, IdentifierKind.of(identifier));
                byIdentifier.put(key, identity);
                final String reason = notSearchedBecause(identifier);
                if (reason == null) {
                    addPattern(identifier, identity.kind().findingType());
                } else {
                    warnings.add(person.where() + ": identifier " + person.positions().get(k) + " is " + reason
                            + ": rewritten where a field or path says it is a user name, not searched for in text");
                }
                if (identity.kind() != IdentifierKind.DISPLAY_NAME) {
                    // Hubs name users by their login or email, never by a display name.
                    addSlugs(identity);
                }
            }
        }

        /**
         * Indexes a display name that several people share: it belongs to none of them, so it is keyed on itself
         * under a prefix no identifier can hold (identifiers have no control characters), which keeps its
         * pseudonym apart from every person's, including one whose line starts with that name.
         */
        private void indexHomonym(final String folded, final List<String> places) {
            String written = null;
            for (final Person person : listed) {
                for (final String identifier : person.identifiers()) {
                    if (fold(identifier).equals(folded)) {
                        written = identifier;
                        break;
                    }
                }
                if (written != null) {
                    break;
                }
            }
            final Identity identity = new Identity(HOMONYM_KEY_PREFIX + written.toLowerCase(Locale.ROOT), written,
                    IdentifierKind.DISPLAY_NAME);
            byIdentifier.put(folded, identity);
            final String reason = notSearchedBecause(written);
            if (reason == null) {
                addPattern(written, FindingType.PERSON_NAME);
            }
            warnings.add(String.join(", ", places) + ": a display name shared by " + places.size()
                    + " people; it gets a pseudonym of its own, linked to none of them"
                    + (reason == null ? "" : ", and is " + reason + ", not searched for in text"));
        }

        private void addSlugs(final Identity identity) {
            final String written = identity.identifier();
            final String lower = written.toLowerCase(Locale.ROOT);
            for (final String name : lower.equals(written) ? List.of(written) : List.of(lower, written)) {
                for (final KubeSpawnerSafeSlug.Form form : KubeSpawnerSafeSlug.Form.values()) {
                    final String slug = KubeSpawnerSafeSlug.slug(name, form);
                    if (bySlug.putIfAbsent(slug, new SlugMatch(identity, form)) == null
                            && slug.contains(KubeSpawnerSafeSlug.HASH_SEPARATOR)) {
                        // A hashed slug is specific enough to be searched for anywhere.
                        addPattern(slug, FindingType.SAFE_SLUG);
                    }
                }
            }
        }

        private void addPattern(final String pattern, final FindingType type) {
            if (trie.add(pattern) >= 0) {
                patternTypes.add(type);
            }
        }

        private static String validate(final String field, final String where) {
            final String identifier = field.strip();
            if (identifier.isEmpty()) {
                throw new IllegalArgumentException(where + ": empty identifier (two tabs in a row, or a tab at an"
                        + " end of the line?)");
            }
            if (identifier.length() > MAX_IDENTIFIER_LENGTH) {
                throw new IllegalArgumentException(where + ": an identifier is longer than "
                        + MAX_IDENTIFIER_LENGTH + " characters");
            }
            for (int i = 0; i < identifier.length(); i++) {
                if (Character.isISOControl(identifier.charAt(i))) {
                    throw new IllegalArgumentException(where + ": an identifier holds a control character");
                }
            }
            final String lower = identifier.toLowerCase(Locale.ROOT);
            if (lower.startsWith("system:") || lower.equals("kube:admin")) {
                throw new IllegalArgumentException(where + ": '" + identifier + "' is a service account or platform"
                        + " user, not a person; such names are kept in the data and must not be listed");
            }
            return identifier;
        }

        IdentityDirectory build() {
            if (listed.isEmpty()) {
                return EMPTY;
            }
            listed.forEach(this::index);
            homonyms.forEach(this::indexHomonym);
            return new IdentityDirectory(Map.copyOf(byIdentifier), Map.copyOf(bySlug),
                    trie.patterns() == 0 ? null : trie.build(),
                    patternTypes.toArray(new FindingType[0]), listed.size(), homonyms.size(), warnings);
        }
    }
}
