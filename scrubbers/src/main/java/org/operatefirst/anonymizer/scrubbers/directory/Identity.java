package org.operatefirst.anonymizer.scrubbers.directory;

import java.util.Objects;

/**
 * One identifier of one person, as the directory knows it.
 *
 * @param personKey  the person's canonical key: their first identifier, lower-cased; every identifier of the
 *                   person is pseudonymized from it
 * @param identifier this identifier as it is written in the directory
 * @param kind       what the identifier is
 */
public record Identity(String personKey, String identifier, IdentifierKind kind) {

    /** Checks the components. */
    public Identity {
        Objects.requireNonNull(personKey, "personKey");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(kind, "kind");
    }
}
