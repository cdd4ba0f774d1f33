/**
 * The dry run for policy authors: {@code POST /api/v1/scrub} scrubs one record the way the topology would, under
 * the service's data policy and limits, and answers with the output and the findings, without touching Kafka.
 */
package org.operatefirst.anonymizer.publisher.dryrun;
