/**
 * The embedded Kafka broker: a single-node KRaft cluster that runs inside the service's JVM when no external
 * Kafka cluster is configured, and in tests.
 *
 * <p>{@link org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker} is the only public type.
 */
package org.operatefirst.anonymizer.publisher.broker;
