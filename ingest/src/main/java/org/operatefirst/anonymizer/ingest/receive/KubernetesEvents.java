package org.operatefirst.anonymizer.ingest.receive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The receiver of Kubernetes Events: one record per Event, {@code core/v1} ({@code apiVersion: v1}) or
 * {@code events.k8s.io/v1}. The body is JSON: one Event, several (NDJSON, as {@code kubectl get events -w -o json}
 * prints them), a JSON array of Events, a list ({@code kind: EventList} or {@code List}, as
 * {@code kubectl get events -o json} prints it) or watch notifications ({@code {"type":"ADDED","object":{...}}}).
 *
 * <p>Reads {@code apiVersion}, {@code kind}, and the object the Event is about: {@code involvedObject} (core/v1)
 * or {@code regarding} (events.k8s.io/v1), whose {@code namespace/name} is the record key, so that the Events of
 * one pod stay in order on one partition. Writes each Event, unchanged but for whitespace, as a record value.
 * Thread-safe.
 */
public final class KubernetesEvents {

    private static final Set<String> API_VERSIONS = Set.of("v1", "events.k8s.io/v1", "events.k8s.io/v1beta1");

    private final JsonDocuments documents;

    /**
     * Creates the receiver.
     *
     * @param limits the bounds
     */
    public KubernetesEvents(final Limits limits) {
        this.documents = new JsonDocuments(limits);
    }

    /**
     * Turns a request body into records.
     *
     * @param body the decoded body
     * @return one record per Event, or a refusal
     */
    public Received receive(final byte[] body) {
        return documents.split(body, KubernetesEvents::shape);
    }

    static JsonDocuments.Outcome shape(final JsonNode node) {
        if (!node.isObject()) {
            return reject("not a JSON object");
        }
        final String kind = JsonDocuments.text(node, "kind");
        if (kind != null && kind.endsWith("List") && node.path("items").isArray()) {
            final List<JsonDocuments.Keyed> events = new ArrayList<>();
            final JsonNode items = node.get("items");
            for (int i = 0; i < items.size(); i++) {
                final JsonDocuments.Outcome item = event(items.get(i));
                if (item instanceof JsonDocuments.Reject reject) {
                    return new JsonDocuments.Reject(reject.error(), "item " + (i + 1) + ": " + reject.detail());
                }
                events.addAll(((JsonDocuments.Accept) item).documents());
            }
            return new JsonDocuments.Accept(events);
        }
        if (kind == null && node.path("object").isObject() && JsonDocuments.text(node, "type") != null) {
            return event(node.get("object"));
        }
        return event(node);
    }

    private static JsonDocuments.Outcome event(final JsonNode node) {
        if (!node.isObject() || !"Event".equals(JsonDocuments.text(node, "kind"))) {
            return reject("\"kind\" must be \"Event\"");
        }
        final String apiVersion = JsonDocuments.text(node, "apiVersion");
        if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
            return reject("\"apiVersion\" must be v1 or events.k8s.io/v1");
        }
        final JsonNode about = "v1".equals(apiVersion) ? node.get("involvedObject") : node.get("regarding");
        String key = null;
        if (about != null && about.isObject()) {
            final String name = JsonDocuments.text(about, "name");
            if (name != null) {
                final String namespace = JsonDocuments.text(about, "namespace");
                key = (namespace == null ? "" : namespace) + "/" + name;
            }
        }
        return new JsonDocuments.Accept(List.of(new JsonDocuments.Keyed(node, key)));
    }

    private static JsonDocuments.Outcome reject(final String detail) {
        return new JsonDocuments.Reject(ErrorCodes.NOT_EVENT, detail);
    }
}
