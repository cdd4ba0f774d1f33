/**
 * {@code anonymizer bench}: measures the publisher topology against a topology that only copies records, on the
 * same broker, topics layout and Kafka Streams configuration, with generated records of a realistic mix.
 */
package org.operatefirst.anonymizer.publisher.bench;
