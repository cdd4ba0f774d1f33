package org.operatefirst.anonymizer.scrubbers.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operatefirst.anonymizer.scrubbers.detect.SecretKeyNames;
import org.operatefirst.anonymizer.scrubbers.rewrite.FindingCounter;
import org.operatefirst.anonymizer.scrubbers.rewrite.TextRewriter;
import org.operatefirst.anonymizer.scrubbers.rewrite.UnrewritableException;

/**
 * One JSON document per record, such as a Kubernetes Event (core/v1 or events.k8s.io/v1, also inside a watch
 * envelope {@code {"type":"ADDED","object":{...}}}) or one line of NDJSON. Read with jackson-core's streaming parser,
 * in one pass, without building a tree.
 *
 * <h2>What is rewritten</h2>
 * Every string is scanned, keys included; how a string value is scrubbed depends on the key it belongs to (its
 * original key, before the key itself is scrubbed):
 * <ul>
 *   <li>a secret name ({@link org.operatefirst.anonymizer.scrubbers.detect.SecretKeyNames#isSecretName}, such as
 *       {@code password}, {@code clientSecret} or {@code credentials}): the value becomes
 *       {@code "[REDACTED:password]"}, unless it is the empty string. Everything below a secret name is a secret
 *       too: strings and numbers in an object or array under it become the marker (a number becomes the marker
 *       string), while keys, nesting, booleans and nulls stay, so {@code "credentials":{"user":"x","password":"y"}}
 *       keeps its shape and loses both values;</li>
 *   <li>a user name field (the policy's {@code username-fields}, compared in lower case, such as {@code user} or the
 *       annotation key {@code hub.jupyter.org/username}): a string value is a user name as a whole and becomes its
 *       pseudonym; an escaped KubeSpawner name ({@code jdoe-40example-2eorg}, as in pod labels) becomes the escaped
 *       pseudonym that also replaces it in the pod's name. Strings directly in an array under such a key are user
 *       names too; an object under it is read by its own keys (an audit event's {@code "user":{"username":...,
 *       "groups":[...]}}), and numbers (uids) are kept;</li>
 *   <li>any other key, and every key itself: free text ({@link TextRewriter#rewrite}), which finds email
 *       addresses, IP addresses, KubeSpawner pod names ({@code involvedObject.name}, {@code regarding.name}, event
 *       names, self links) and, as detectors are added, secrets in text.</li>
 * </ul>
 * Numbers, booleans and nulls are kept as written: {@code 1.50} stays {@code 1.50}, and a big integer keeps its
 * digits. Timestamps, uids, resource versions and image digests are strings in which no detector finds anything.
 *
 * <h2>What is removed</h2>
 * The policy's {@code drop-fields} are dotted key paths, such as {@code metadata.managedFields}; a matching field is
 * removed with its value and its comma. A path is matched from an <em>anchor</em> object, never across an array:
 * <ul>
 *   <li>the root object of the record is an anchor;</li>
 *   <li>an object under one of the envelope keys {@code object}, {@code event}, {@code old_event} and {@code kubernetes} of an anchor is an anchor: a watch
 *       event's {@code object}, eventrouter's {@code event} and {@code old_event}, the {@code kubernetes} object of
 *       Vector and of OpenShift Logging (ViaQ), and so ViaQ's {@code kubernetes.event};</li>
 *   <li>each object in the {@code items} array of an anchor is an anchor (a {@code List} of objects).</li>
 * </ul>
 * So {@code metadata.managedFields} is removed from an Event, from {@code {"type":"ADDED","object":{...}}} and from
 * {@code {"kubernetes":{"event":{...}}}}, but not from an event's {@code involvedObject} or from anything a workload
 * logged under a key of its own. Removal is data minimisation, not protection: a field that is not removed is
 * scrubbed like every other.
 *
 * <h2>What is copied</h2>
 * The output is the input, copied character for character, except where a string was rewritten or a field removed:
 * whitespace, key order, number forms and the escapes of every unchanged string stay as they were. A rewritten string
 * is written again with the minimal JSON escapes ({@code \"}, {@code \\}, control characters).
 *
 * <h2>What is rejected</h2>
 * The record fails, and is quarantined, with {@value #REASON_INVALID_JSON} if it is not exactly one JSON value
 * (syntax errors, a second value or other text after it); with {@value #REASON_TOO_DEEP} if objects and arrays nest deeper than the policy's
 * {@code max-json-depth} (the root container has depth 1), also inside a removed field; and with
 * {@value #REASON_LIMIT} if a string is longer than {@value #MAX_STRING_LENGTH} characters, a number longer than
 * {@value #MAX_NUMBER_LENGTH} or a key longer than {@value #MAX_NAME_LENGTH}. Failure details name a character
 * position, never record data. A key that occurs twice in one object is accepted, as jackson-core's parser accepts
 * it by default: each occurrence is scrubbed by the same rules, so neither can carry a value past them, and
 * detecting duplicates would cost a set per object of every record.
 *
 * <p>Reads each character a bounded number of times: linear in the length of the record. Immutable and
 * thread-safe; its parser factory is shared by every record.
 */
public final class JsonFormat implements RecordFormat {

    /** Reason of a record that is not exactly one valid JSON value. */
    public static final String REASON_INVALID_JSON = "invalid-json";
    /** Reason of a record whose objects and arrays nest deeper than the policy allows. */
    public static final String REASON_TOO_DEEP = "json-too-deep";
    /** Reason of a record with a string, number or key over its length limit. */
    public static final String REASON_LIMIT = "json-limit";

    /** The longest string accepted, in characters: four times the publisher's default record limit. */
    public static final int MAX_STRING_LENGTH = 4 << 20;
    /** The longest number accepted, in characters: Jackson's default. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** The longest key accepted, in characters: Jackson's default. */
    public static final int MAX_NAME_LENGTH = 50_000;

    /** Keys under which an object is an anchor of drop paths, if their object is one. */
    static final Set<String> ENVELOPE_KEYS = Set.of("object", "event", "old_event", "kubernetes");
    /** The key of an array whose objects are anchors of drop paths. */
    static final String ITEMS_KEY = "items";

    /** How the value of a field is scrubbed, from its key alone. */
    enum KeyRole {
        /** Free text. */
        TEXT,
        /** A user name as a whole. */
        USERNAME,
        /** A secret: redacted, with everything below it. */
        SECRET
    }

    /** How many keys' roles are remembered: far more than the distinct keys of Kubernetes objects and envelopes. */
    private static final int KEY_ROLE_CACHE_SIZE = 4096;
    /** Longer keys are not remembered: a map keyed by user data must not grow the cache. */
    private static final int KEY_ROLE_CACHE_KEY_LENGTH = 64;

    /** What kind of document, beyond the common rules. */
    enum Profile {
        /** Kubernetes objects and any other JSON document: the common rules only. */
        DOCUMENT,
        /** Log envelopes: a {@code message} or {@code log} string that holds a JSON object is read as JSON. */
        LOG,
        /** Alertmanager webhook payloads: fingerprints are recomputed, group keys read as label sets. */
        ALERTMANAGER
    }

    private final Set<String> usernameFields;
    private final List<DropPath> dropPaths;
    private final Set<String> dropKeys;
    private final int maxDepth;
    private final Profile profile;
    private final JsonFactory factory;
    /** The role of keys seen before: keys repeat in every record, and the role is a function of the key. */
    private final Map<String, KeyRole> keyRoles = new ConcurrentHashMap<>();

    /**
     * Creates the format of JSON documents such as Kubernetes Events.
     *
     * @param usernameFields keys whose whole value is a user name, such as the policy's {@code usernameFields()};
     *                       compared in lower case
     * @param dropFields     dotted key paths of fields to remove, such as the policy's {@code dropFields()}
     * @param maxDepth       the deepest nesting of objects and arrays accepted, such as the policy's
     *                       {@code maxJsonDepth()}
     * @throws IllegalArgumentException if a drop path is blank or has an empty key, or the depth is not positive
     */
    public JsonFormat(final Set<String> usernameFields, final List<String> dropFields, final int maxDepth) {
        this(usernameFields, dropFields, maxDepth, Profile.DOCUMENT);
    }

    JsonFormat(final Set<String> usernameFields, final List<String> dropFields, final int maxDepth,
            final Profile profile) {
        final Set<String> lower = new HashSet<>();
        for (final String field : Objects.requireNonNull(usernameFields, "usernameFields")) {
            lower.add(field.toLowerCase(Locale.ROOT));
        }
        this.usernameFields = Set.copyOf(lower);
        final List<DropPath> paths = new ArrayList<>();
        final Set<String> lastKeys = new HashSet<>();
        for (final String field : Objects.requireNonNull(dropFields, "dropFields")) {
            final DropPath path = DropPath.parse(field);
            paths.add(path);
            lastKeys.add(path.last());
        }
        this.dropPaths = List.copyOf(paths);
        this.dropKeys = Set.copyOf(lastKeys);
        if (maxDepth < 1) {
            throw new IllegalArgumentException("the JSON depth limit must be positive, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        // A backstop only: the walk stops at maxDepth itself, with its own reason.
                        .maxNestingDepth(maxDepth + 1)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                // Parser messages quote the input; ours name positions only.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    @Override
    public String scrub(final String input, final TextRewriter rewriter, final FindingCounter counter) {
        return scrub(input, rewriter, counter, maxDepth);
    }

    /**
     * Scrubs one document within a depth budget: the whole record's limit, or what is left of it for a document
     * embedded in a string of another.
     */
    String scrub(final String input, final TextRewriter rewriter, final FindingCounter counter, final int depthLimit) {
        try (JsonParser parser = factory.createParser(input)) {
            return new JsonRewrite(this, input, parser, rewriter, counter, depthLimit).run();
        } catch (final StreamConstraintsException e) {
            throw new UnrewritableException(REASON_LIMIT, "a JSON string, number or key over its length limit"
                    + at(e));
        } catch (final JacksonException e) {
            throw new UnrewritableException(REASON_INVALID_JSON, "not valid JSON" + at(e));
        } catch (final IOException e) {
            // A parser over a string reads no I/O; kept apart so that the detail never holds the input.
            throw new UnrewritableException(REASON_INVALID_JSON, "not valid JSON: " + e.getClass().getSimpleName());
        }
    }

    private static String at(final JacksonException e) {
        return e.getLocation() == null || e.getLocation().getCharOffset() < 0 ? ""
                : " at character " + e.getLocation().getCharOffset();
    }

    Profile profile() {
        return profile;
    }

    /**
     * How the value of a key is scrubbed: a secret name ({@link SecretKeyNames#isSecretName}) wins over a user name
     * field (compared in lower case); any other key's value is free text.
     *
     * @param key the key as written
     * @return its role
     */
    KeyRole roleOf(final String key) {
        final KeyRole known = keyRoles.get(key);
        if (known != null) {
            return known;
        }
        final KeyRole role;
        if (SecretKeyNames.isSecretName(key)) {
            role = KeyRole.SECRET;
        } else if (!usernameFields.isEmpty() && usernameFields.contains(key.toLowerCase(Locale.ROOT))) {
            role = KeyRole.USERNAME;
        } else {
            role = KeyRole.TEXT;
        }
        if (key.length() <= KEY_ROLE_CACHE_KEY_LENGTH && keyRoles.size() < KEY_ROLE_CACHE_SIZE) {
            keyRoles.put(key, role);
        }
        return role;
    }

    /**
     * Whether some drop path ends in this key: the cheap test before the path is compared.
     *
     * @param key the key as written
     * @return true if a drop path ends in it
     */
    boolean mayDrop(final String key) {
        return dropKeys.contains(key);
    }

    List<DropPath> dropPaths() {
        return dropPaths;
    }
}
