package org.operatefirst.anonymizer.publisher.policy;

import java.util.Objects;

/**
 * The identity directory's file as it was read at start-up, kept so the directory can be rebuilt with the people
 * of the {@code identities} topic added.
 *
 * @param name  where it came from, for messages (a path), or empty
 * @param bytes the file's content, UTF-8; empty if there is no file
 */
public record IdentitySource(String name, byte[] bytes) {

    /** No file. */
    public static final IdentitySource NONE = new IdentitySource("", new byte[0]);

    /** Validates the components. */
    public IdentitySource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }
}
