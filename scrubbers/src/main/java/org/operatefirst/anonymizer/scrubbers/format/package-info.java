/**
 * Record formats: how each kind of record is parsed, which of its parts are scrubbed and how, and how it is
 * written back in the same format.
 */
package org.operatefirst.anonymizer.scrubbers.format;
