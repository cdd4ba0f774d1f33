/**
 * The Kafka Streams topology that turns raw topics into sanitized, public and quarantine topics. Fails closed:
 * a record reaches a sanitized or public topic only as the output of a scrubber.
 */
package org.operatefirst.anonymizer.publisher.topology;
