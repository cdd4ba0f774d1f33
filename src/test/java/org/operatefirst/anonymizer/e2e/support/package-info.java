/**
 * Support for the end-to-end tests: {@link org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension} gives
 * them a real Kafka broker, in a container where Docker is available and embedded otherwise;
 * {@link org.operatefirst.anonymizer.e2e.support.KafkaBrokerProcess} starts one in a JVM of its own.
 */
package org.operatefirst.anonymizer.e2e.support;
