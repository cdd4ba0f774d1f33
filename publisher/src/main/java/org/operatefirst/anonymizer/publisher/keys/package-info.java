/** Key custody: where the service's pseudonymization master secret comes from. */
package org.operatefirst.anonymizer.publisher.keys;
