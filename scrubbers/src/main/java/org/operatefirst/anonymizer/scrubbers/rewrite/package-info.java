/**
 * Redaction: resolving overlapping findings and rewriting each into its pseudonym, in the representation it
 * appeared in.
 */
package org.operatefirst.anonymizer.scrubbers.rewrite;
