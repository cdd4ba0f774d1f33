/** Sharing the user names one instance learned from context with the other instances (ADR-0024). */
package org.operatefirst.anonymizer.publisher.learned;
