/**
 * Pseudonymization primitives and their keys: a {@link org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret}
 * from which independent keys are derived per tier, release epoch and purpose (HKDF-SHA-256);
 * {@link org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer} for HMAC-based tokens that stand in for
 * people, user names and email domains; and {@link org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan} for
 * prefix-preserving IP address anonymization. All are deterministic for a key, thread-safe, and never expose key
 * material in messages or {@code toString}.
 */
package org.operatefirst.anonymizer.scrubbers.pseudonym;
