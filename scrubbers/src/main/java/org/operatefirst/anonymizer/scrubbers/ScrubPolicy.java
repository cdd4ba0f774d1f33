package org.operatefirst.anonymizer.scrubbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.detect.NameTemplate;
import org.operatefirst.anonymizer.scrubbers.rewrite.IpRange;

/**
 * What the scrubber does beyond its fixed rules: one immutable, validated record, built once at start-up from the
 * policy file (or from a map in tests) and shared by every scrubber.
 *
 * @param version          the policy's version, written into the provenance of output records
 * @param nameTemplates    KubeSpawner name templates whose {@code {username}} part is a person
 * @param keptRanges       IP ranges that are not people's addresses (for example a cluster's service network) and
 *                         are kept as they are
 * @param keptEmailDomains email domains kept in pseudonymized addresses (lower case); other domains are
 *                         pseudonymized
 * @param usernameFields   JSON keys, metric label names and annotation or label keys whose whole value is a
 *                         username (lower case)
 * @param dropFields       dotted JSON paths removed from records, for example {@code metadata.managedFields}
 * @param maxJsonDepth     the deepest JSON nesting accepted; deeper records are quarantined
 * @param learnedNamesCapacity the most user names remembered across records (ADR-0024); 0 for none
 * @param learnedNamesTtl  how long the service remembers a user name after a record last gave it away
 * @param keepMacVendor    whether a pseudonymized MAC address keeps the vendor prefix (OUI) of a universally
 *                         administered address; locally administered addresses are pseudonymized whole anyway
 */
public record ScrubPolicy(
        String version,
        List<NameTemplate> nameTemplates,
        List<IpRange> keptRanges,
        Set<String> keptEmailDomains,
        Set<String> usernameFields,
        List<String> dropFields,
        int maxJsonDepth,
        int learnedNamesCapacity,
        java.time.Duration learnedNamesTtl,
        boolean keepMacVendor) {

    /** The keys a policy map may hold. */
    public static final Set<String> KEYS = Set.of("version", "name-templates", "kept-cidrs", "kept-email-domains",
            "username-fields", "drop-fields", "max-json-depth",
            "keep-mac-vendor", "learned-names-capacity", "learned-names-ttl");

    private static final ScrubPolicy DEFAULTS = new ScrubPolicy("default-1", NameTemplate.defaults(), List.of(),
            Set.of(), Set.of("user", "username", "user_name", "login", "owner", "hub.jupyter.org/username",
                    "label_hub_jupyter_org_username", "annotation_hub_jupyter_org_username", "requester",
                    "openshift.io/requester", "label_openshift_io_requester", "annotation_openshift_io_requester"),
            List.of("metadata.managedFields"), 64, 10_000, java.time.Duration.ofHours(24), true);

    /** Validates and copies the components. */
    public ScrubPolicy {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("policy key 'version' must not be blank");
        }
        nameTemplates = List.copyOf(nameTemplates);
        keptRanges = List.copyOf(keptRanges);
        keptEmailDomains = lowerCase(keptEmailDomains);
        usernameFields = lowerCase(usernameFields);
        dropFields = List.copyOf(dropFields);
        if (nameTemplates.isEmpty()) {
            throw new IllegalArgumentException("policy key 'name-templates' must list at least one template");
        }
        Objects.requireNonNull(learnedNamesTtl, "learnedNamesTtl");
        if (learnedNamesCapacity < 0 || learnedNamesCapacity > 1_000_000) {
            throw new IllegalArgumentException("policy key 'learned-names-capacity' must be between 0 and 1000000, got "
                    + learnedNamesCapacity);
        }
        if (learnedNamesTtl.isNegative() || learnedNamesTtl.isZero()) {
            throw new IllegalArgumentException("policy key 'learned-names-ttl' must be positive, got "
                    + learnedNamesTtl);
        }
        if (maxJsonDepth < 1 || maxJsonDepth > 1000) {
            throw new IllegalArgumentException("policy key 'max-json-depth' must be between 1 and 1000, got "
                    + maxJsonDepth);
        }
    }

    /**
     * The documented default policy.
     *
     * @return the defaults
     */
    public static ScrubPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Builds a policy from a map, as parsed from the YAML policy file: missing keys take their default values.
     *
     * @param map the policy's keys and values
     * @return the validated policy
     * @throws IllegalArgumentException naming the key, if a key is unknown or a value is invalid
     */
    public static ScrubPolicy fromMap(final Map<String, ?> map) {
        for (final String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown policy key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        final ScrubPolicy d = DEFAULTS;
        final List<NameTemplate> templates = new ArrayList<>();
        for (final String template : strings(map, "name-templates", null)) {
            try {
                templates.add(NameTemplate.parse(template));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("policy key 'name-templates': " + e.getMessage(), e);
            }
        }
        final List<IpRange> ranges = new ArrayList<>();
        for (final String cidr : strings(map, "kept-cidrs", List.of())) {
            try {
                ranges.add(IpRange.parse(cidr));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("policy key 'kept-cidrs': " + e.getMessage(), e);
            }
        }
        final Object depth = map.get("max-json-depth");
        if (depth != null && !(depth instanceof Integer)) {
            throw new IllegalArgumentException("policy key 'max-json-depth' must be a whole number, got " + depth);
        }
        final Object capacity = map.get("learned-names-capacity");
        if (capacity != null && !(capacity instanceof Integer)) {
            throw new IllegalArgumentException("policy key 'learned-names-capacity' must be a whole number, got "
                    + capacity);
        }
        final Object ttl = map.get("learned-names-ttl");
        final java.time.Duration learnedNamesTtl = ttl == null ? d.learnedNamesTtl() : duration(ttl);
        final Object keepMacVendor = map.get("keep-mac-vendor");
        if (keepMacVendor != null && !(keepMacVendor instanceof Boolean)) {
            throw new IllegalArgumentException("policy key 'keep-mac-vendor' must be true or false, got "
                    + keepMacVendor);
        }
        return new ScrubPolicy(
                map.containsKey("version") ? String.valueOf(map.get("version")) : d.version(),
                map.containsKey("name-templates") ? templates : d.nameTemplates(),
                ranges,
                new LinkedHashSet<>(strings(map, "kept-email-domains", List.copyOf(d.keptEmailDomains()))),
                new LinkedHashSet<>(strings(map, "username-fields", List.copyOf(d.usernameFields()))),
                strings(map, "drop-fields", d.dropFields()),
                depth == null ? d.maxJsonDepth() : (Integer) depth,
                capacity == null ? d.learnedNamesCapacity() : (Integer) capacity,
                learnedNamesTtl,
                keepMacVendor == null ? d.keepMacVendor() : (Boolean) keepMacVendor);
    }

    /** A duration as {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT24H}). */
    private static java.time.Duration duration(final Object value) {
        final String text = String.valueOf(value).strip();
        try {
            if (text.length() >= 2 && Character.isDigit(text.charAt(0))) {
                final long amount = Long.parseLong(text.substring(0, text.length() - 1));
                switch (text.charAt(text.length() - 1)) {
                    case 's' -> {
                        return java.time.Duration.ofSeconds(amount);
                    }
                    case 'm' -> {
                        return java.time.Duration.ofMinutes(amount);
                    }
                    case 'h' -> {
                        return java.time.Duration.ofHours(amount);
                    }
                    case 'd' -> {
                        return java.time.Duration.ofDays(amount);
                    }
                    default -> {
                        // not a unit: try ISO-8601 below
                    }
                }
            }
            return java.time.Duration.parse(text);
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("policy key 'learned-names-ttl' must be a duration such as 24h or 7d, "
                    + "got " + value, e);
        }
    }

    private static List<String> strings(final Map<String, ?> map, final String key, final List<String> fallback) {
        final Object value = map.get(key);
        if (value == null) {
            return fallback == null ? List.of() : fallback;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("policy key '" + key + "' must be a list, got " + value);
        }
        final List<String> strings = new ArrayList<>(list.size());
        for (final Object element : list) {
            if (!(element instanceof String string) || string.isBlank()) {
                throw new IllegalArgumentException("policy key '" + key + "' must list non-blank strings, got "
                        + element);
            }
            strings.add(string.strip());
        }
        return strings;
    }

    private static Set<String> lowerCase(final Set<String> values) {
        final Set<String> lower = new LinkedHashSet<>();
        for (final String value : values) {
            lower.add(value.toLowerCase(Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSet(lower);
    }
}
