package org.operatefirst.anonymizer.publisher.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the data policy, a versioned YAML file (see {@code policy/default-policy.yaml}), into the immutable
 * {@link DataPolicy}: its {@link ScrubPolicy} and its {@link PublicationPolicy}. Validated once, at start-up: every error names the file and the key at fault.
 */
public final class PolicyFile {

    /** The bundled default policy, on the class path. */
    public static final String DEFAULT_RESOURCE = "/policy/default-policy.yaml";

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "scrub", "publish", "identities");
    private static final int MAX_BYTES = 1 << 20;

    private PolicyFile() {
    }

    /**
     * Loads a policy file.
     *
     * @param file the YAML file
     * @return the validated policy
     * @throws IllegalArgumentException if the file cannot be read or is invalid, naming the file and the key
     */
    public static ScrubPolicy load(final Path file) {
        return loadDataPolicy(file).scrub();
    }

    /**
     * Loads a policy file, both its sections.
     *
     * @param file the YAML file
     * @return the validated policy
     * @throws IllegalArgumentException if the file cannot be read or is invalid, naming the file and the key
     */
    public static DataPolicy loadDataPolicy(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), file.toAbsolutePath().getParent());
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the policy file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the bundled default policy.
     *
     * @return the default policy
     */
    public static ScrubPolicy defaults() {
        return defaultDataPolicy().scrub();
    }

    /**
     * Loads the bundled default policy, both its sections.
     *
     * @return the default policy
     */
    public static DataPolicy defaultDataPolicy() {
        try (InputStream in = PolicyFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + DEFAULT_RESOURCE);
            }
            return parse(in, DEFAULT_RESOURCE, null);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataPolicy parse(final InputStream in, final String name, final Path folder)
            throws IOException {
        final byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("policy file " + name + " is larger than " + MAX_BYTES + " bytes");
        }
        final Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (final YAMLException e) {
            throw new IllegalArgumentException("policy file " + name + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("policy file " + name + " must be a YAML mapping with the keys "
                    + TOP_LEVEL_KEYS);
        }
        for (final Object key : root.keySet()) {
            if (!TOP_LEVEL_KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("policy file " + name + ": unknown key '" + key
                        + "'; known keys: " + new java.util.TreeSet<>(TOP_LEVEL_KEYS));
            }
        }
        final Map<String, Object> map = section(root, "scrub", name);
        if (root.get("version") != null) {
            map.put("version", String.valueOf(root.get("version")));
        }
        final ScrubPolicy scrub;
        try {
            scrub = ScrubPolicy.fromMap(map);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("policy file " + name + ": " + e.getMessage().replace(
                    "policy key '", "key 'scrub."), e);
        }
        final PublicationPolicy publish;
        try {
            publish = PublicationPolicy.fromMap(section(root, "publish", name));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("policy file " + name + ": " + e.getMessage(), e);
        }
        return new DataPolicy(scrub, publish, identitiesFile(section(root, "identities", name), name, folder));
    }

    /** The {@code identities} section: {@code file}, a path relative to the policy file's folder or absolute. */
    private static Optional<Path> identitiesFile(final Map<String, Object> section, final String name,
            final Path folder) {
        for (final String key : section.keySet()) {
            if (!"file".equals(key)) {
                throw new IllegalArgumentException("policy file " + name + ": unknown key 'identities." + key
                        + "'; known keys: [file]");
            }
        }
        final Object file = section.get("file");
        if (file == null) {
            return Optional.empty();
        }
        if (!(file instanceof String path) || path.isBlank()) {
            throw new IllegalArgumentException("policy file " + name + ": key 'identities.file' must be a path");
        }
        final Path resolved = Path.of(path);
        return Optional.of(resolved.isAbsolute() || folder == null ? resolved : folder.resolve(resolved));
    }

    private static Map<String, Object> section(final Map<?, ?> root, final String key, final String name) {
        final Object section = root.get(key);
        if (section != null && !(section instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("policy file " + name + ": key '" + key + "' must be a mapping");
        }
        final Map<String, Object> map = new HashMap<>();
        if (section != null) {
            ((Map<?, ?>) section).forEach((k, value) -> map.put(String.valueOf(k), value));
        }
        return map;
    }
}
