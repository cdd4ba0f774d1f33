/** Load generators whose results are recorded in docs/benchmarks.md; not part of the test run. */
package org.operatefirst.anonymizer.e2e.bench;
