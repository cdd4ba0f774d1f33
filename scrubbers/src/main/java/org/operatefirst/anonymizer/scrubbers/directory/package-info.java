/**
 * The identity directory: the people a cluster knows (user names, email addresses, display names, one person per
 * entry), so that every identifier of one person gets that person's one pseudonym, and identifiers are found in
 * free text by a trie walked from word starts. An immutable value, built once and swapped whole when it changes.
 */
package org.operatefirst.anonymizer.scrubbers.directory;
