/**
 * The scrubbing engine: {@link org.operatefirst.anonymizer.scrubbers.Scrubber} finds personal data and secrets in
 * operational data and rewrites them into keyed pseudonyms. A pure library: no Kafka, no Micronaut.
 */
package org.operatefirst.anonymizer.scrubbers;
