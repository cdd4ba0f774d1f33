/**
 * Canaries: synthetic identities injected into the raw topics at an interval, and a monitor that raises a health
 * failure and a metric if one ever appears unpseudonymized in a sanitized or public topic.
 */
package org.operatefirst.anonymizer.publisher.canary;
