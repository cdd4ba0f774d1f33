/**
 * Detection: scanners that return typed spans ({@link org.operatefirst.anonymizer.scrubbers.detect.Finding}) of
 * personal data and secrets in text, in linear time. Detection never rewrites; redaction works from the spans.
 */
package org.operatefirst.anonymizer.scrubbers.detect;
