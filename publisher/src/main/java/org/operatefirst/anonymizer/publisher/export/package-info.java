/**
 * {@code anonymizer export}: the public topics as a dataset directory that researchers open with DuckDB, pandas
 * or Spark. Parquet files per kind and day with typed columns, the licence, a datasheet and a schema; resumable
 * from the offsets it recorded, and unable to read anything but public-tier records
 * (ADR-0021, docs/adr/0021-dataset-export-with-parquet-java.md).
 */
package org.operatefirst.anonymizer.publisher.export;
