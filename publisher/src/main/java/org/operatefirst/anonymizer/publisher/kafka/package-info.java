/**
 * The service's view of Kafka: which cluster (external or embedded), the client properties passed through from
 * configuration, and the topics created at start-up.
 */
package org.operatefirst.anonymizer.publisher.kafka;
