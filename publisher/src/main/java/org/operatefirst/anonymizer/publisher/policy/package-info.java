/** The data policy file: reading and validating the YAML policy into the scrubbers' policy record. */
package org.operatefirst.anonymizer.publisher.policy;
