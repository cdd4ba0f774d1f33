package org.operatefirst.anonymizer.scrubbers.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A dotted path of JSON keys whose field is removed from records, such as {@code metadata.managedFields}: the keys,
 * compared exactly (JSON keys are case-sensitive). A path runs through objects only, never into array elements.
 *
 * @param keys the keys from the anchor object to the removed field, at least one
 */
record DropPath(List<String> keys) {

    /** Copies and validates the keys. */
    DropPath {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a drop path needs at least one key");
        }
    }

    /**
     * Parses a dotted path. A key that holds a dot cannot be named; no Kubernetes field path needs one.
     *
     * @param dotted for example {@code metadata.managedFields}
     * @return the path
     * @throws IllegalArgumentException naming the path, if it is blank or has an empty key
     */
    static DropPath parse(final String dotted) {
        final List<String> keys = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= dotted.length(); i++) {
            if (i == dotted.length() || dotted.charAt(i) == '.') {
                if (i == from) {
                    throw new IllegalArgumentException("drop path '" + dotted + "' has an empty key");
                }
                keys.add(dotted.substring(from, i));
                from = i + 1;
            }
        }
        return new DropPath(keys);
    }

    /**
     * The key of the removed field itself.
     *
     * @return the last key
     */
    String last() {
        return keys.get(keys.size() - 1);
    }
}
