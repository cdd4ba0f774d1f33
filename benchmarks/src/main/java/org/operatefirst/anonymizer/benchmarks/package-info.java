/** JMH benchmarks of the scrubbers; results and the commands that reproduce them are in docs/benchmarks.md. */
package org.operatefirst.anonymizer.benchmarks;
