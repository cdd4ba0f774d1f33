/**
 * Checks of the deployment manifests without a cluster: every kustomize overlay is rendered with
 * {@code kubectl kustomize}, parsed into typed Kubernetes (fabric8) and Strimzi models, and checked against the
 * service's configuration: topics, ACLs, references to ConfigMaps and Secrets, security contexts.
 */
package org.operatefirst.anonymizer.deploy;
