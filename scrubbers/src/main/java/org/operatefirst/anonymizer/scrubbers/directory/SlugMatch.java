package org.operatefirst.anonymizer.scrubbers.directory;

import java.util.Objects;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerSafeSlug;

/**
 * A KubeSpawner {@code safe} slug that the directory recognised: whose identifier it was made from, and for which
 * use, so that the person's pseudonym can be made into the same kind of slug.
 *
 * @param identity the identifier the slug was made from
 * @param form     the form of the slug: a pod or claim name part, or a label value
 */
public record SlugMatch(Identity identity, KubeSpawnerSafeSlug.Form form) {

    /** Checks the components. */
    public SlugMatch {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(form, "form");
    }
}
