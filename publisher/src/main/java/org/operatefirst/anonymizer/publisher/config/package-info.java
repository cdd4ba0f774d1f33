/**
 * Typed, validated configuration of the service, bound from {@code application.yml}, environment variables and
 * system properties. Each record validates its values at start-up and names the key when one is wrong.
 */
package org.operatefirst.anonymizer.publisher.config;
