/** Runs the publisher topology inside the service: lifecycle, health and metrics of the Kafka Streams client. */
package org.operatefirst.anonymizer.publisher.streams;
