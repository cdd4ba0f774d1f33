package org.operatefirst.anonymizer.ingest.receive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The receiver of Alertmanager webhook notifications ({@code webhook_config}, payload version 4): one record per
 * notification, keyed by its {@code groupKey} so that the notifications of one alert group stay in order on one
 * partition.
 *
 * <p>Reads {@code version} (must be {@code "4"}), {@code status}, {@code groupKey}, and checks that
 * {@code alerts} is an array of objects that each have a {@code status} and a {@code labels} object. Writes the
 * whole payload, unchanged but for whitespace, as the record value. Thread-safe.
 */
public final class AlertmanagerWebhook {

    private final JsonDocuments documents;

    /**
     * Creates the receiver.
     *
     * @param limits the bounds
     */
    public AlertmanagerWebhook(final Limits limits) {
        this.documents = new JsonDocuments(limits);
    }

    /**
     * Turns a request body into records.
     *
     * @param body the decoded body
     * @return one record per notification in the body (Alertmanager sends one), or a refusal
     */
    public Received receive(final byte[] body) {
        return documents.split(body, AlertmanagerWebhook::shape);
    }

    static JsonDocuments.Outcome shape(final JsonNode node) {
        if (!node.isObject()) {
            return reject("the payload is not a JSON object");
        }
        if (!"4".equals(JsonDocuments.text(node, "version"))) {
            return reject("\"version\" must be \"4\" (Alertmanager webhook payload version 4)");
        }
        if (JsonDocuments.text(node, "status") == null) {
            return reject("\"status\" is missing or not a string");
        }
        final JsonNode alerts = node.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            return reject("\"alerts\" is missing or not an array");
        }
        for (int i = 0; i < alerts.size(); i++) {
            final JsonNode alert = alerts.get(i);
            if (!alert.isObject() || JsonDocuments.text(alert, "status") == null
                    || alert.get("labels") == null || !alert.get("labels").isObject()) {
                return reject("alert " + (i + 1) + " lacks a \"status\" string or a \"labels\" object");
            }
        }
        return new JsonDocuments.Accept(List.of(new JsonDocuments.Keyed(node,
                JsonDocuments.text(node, "groupKey"))));
    }

    private static JsonDocuments.Outcome reject(final String detail) {
        return new JsonDocuments.Reject(ErrorCodes.NOT_ALERTMANAGER, detail);
    }
}
