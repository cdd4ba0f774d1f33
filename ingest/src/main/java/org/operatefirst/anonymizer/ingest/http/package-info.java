/**
 * The HTTP receivers (Micronaut controllers served by the service's HTTP server): collector authentication,
 * request limits, and the producer that answers only once the broker acknowledged. The service supplies an
 * {@link org.operatefirst.anonymizer.ingest.http.IngestKafka} bean; configuration is
 * {@link org.operatefirst.anonymizer.ingest.http.IngestConfiguration} ({@code anonymizer.ingest.*}).
 */
package org.operatefirst.anonymizer.ingest.http;
