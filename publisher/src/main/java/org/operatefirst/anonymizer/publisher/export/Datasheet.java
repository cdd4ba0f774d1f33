package org.operatefirst.anonymizer.publisher.export;

import org.operatefirst.anonymizer.publisher.topology.PublisherTopology;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * {@code datasheet.md}: the dataset described after "Datasheets for Datasets" (Gebru et al., CACM 64(12), 2021):
 * motivation, composition, collection, what was removed and how, uses, distribution, maintenance, and the limits
 * a researcher must know. The facts (counts, time range, key epochs, policy versions) come from what was exported.
 */
final class Datasheet {

    private Datasheet() {
    }

    static String render(final ExportState state, final String publicPrefix) {
        final StringBuilder md = new StringBuilder();
        md.append("# Datasheet: operational data of an OpenShift cluster, pseudonymized\n\n");
        md.append("Exported by `anonymizer export` from the public topics (`").append(publicPrefix)
                .append("<kind>`), ").append(state.runs).append(state.runs == 1 ? " run" : " runs")
                .append(". Licence: ").append(PublisherTopology.DATASET_LICENSE)
                .append(" (full text in `LICENSE`); columns in `schema.json`.\n\n");

        md.append("## Composition\n\n");
        md.append("| kind | records | rows | one row is |\n| --- | ---: | ---: | --- |\n");
        for (final RecordKind kind : RecordKind.values()) {
            md.append("| ").append(kind.topicSuffix()).append(" | ").append(state.records(kind)).append(" | ")
                    .append(state.rows(kind)).append(" | ").append(ExportSchema.rowDescription(kind)).append(" |\n");
        }
        md.append('\n');
        md.append("* Time range (Kafka record time, UTC): ")
                .append(state.first == null ? "no records" : state.first + " to " + state.last).append('\n');
        md.append("* Key epochs: ").append(list(state.keyEpochs)).append(". Pseudonyms are stable within an epoch and"
                + " cannot be joined across epochs.\n");
        md.append("* Data policy versions: ").append(list(state.policyVersions)).append('\n');
        md.append("* Scrubber versions: ").append(list(state.scrubberVersions)).append('\n');
        md.append("* Files: `<kind>/day=<yyyy-mm-dd>/part-<run>.parquet`, one directory per UTC day, one file per"
                + " export run and day.\n\n");

        md.append("## Motivation\n\n");
        md.append("The operational data of an open cloud (platform and application logs, Kubernetes events,"
                + " Prometheus metrics, Alertmanager alerts) published for research on operating clusters, without"
                + " personal data and without secrets.\n\n");

        md.append("## Collection process\n\n");
        md.append("Collectors (Prometheus remote_write, Alertmanager webhooks, log and event shippers) wrote the"
                + " records unchanged to raw Kafka topics. The anonymizer read each raw record once, scrubbed it and"
                + " wrote it to the public topic of its kind in a Kafka transaction; the export read only committed"
                + " records of the public topics. The record time is when the collector's record reached Kafka.\n\n");

        md.append("## What was removed, and how\n\n");
        md.append("* Email addresses, user names and names of people listed in the identity directory: replaced by"
                + " keyed pseudonyms of the same shape (`u<12>@d<8>.invalid`, `u<12>`), HMAC-SHA-256 under a key of"
                + " the public tier and the epoch; also where they are percent-encoded, obfuscated (`&#64;`,"
                + " `(at)`, `[at]`, ...) or embedded in KubeSpawner pod and claim names, and where a user name that an"
                + " earlier record gave away appears without context (ADR-0004, ADR-0007, ADR-0008, ADR-0024,"
                + " ADR-0025).\n");
        md.append("* IPv4 and IPv6 addresses: prefix-preserving Crypto-PAn under a key of the public tier and the epoch;"
                + " subnet structure is kept on purpose (ADR-0005).\n");
        md.append("* MAC addresses: a keyed permutation under a key of the public tier and the epoch, in the same"
                + " notation; the vendor prefix (OUI) of a universally administered address is kept unless the"
                + " policy says otherwise; multicast and broadcast addresses are kept (ADR-0025).\n");
        md.append("* Secrets (tokens, passwords, private keys, URL credentials, secret-named fields): replaced by"
                + " `[REDACTED:<type>]` markers (ADR-0009).\n");
        md.append("* Workload data: logs, alerts and metric series of namespaces that are not platform namespaces and"
                + " did not opt in are not published at all; CPU and memory metrics of workload pods are (ADR-0014).\n");
        md.append("* Records that could not be decoded or scrubbed were quarantined and are not here; every published"
                + " record was re-checked by an independent leak guard (ADR-0015).\n");
        md.append("* Each row's `findings` column counts what was rewritten in its record, by type.\n\n");

        md.append("## Known limits\n\n");
        md.append("* Pseudonymized, not anonymous: the pseudonyms of one epoch link all records of a person, and"
                + " rare events, timing and subnet structure may still single someone out. Do not attempt to"
                + " re-identify anyone.\n");
        md.append("* Detection is by shape, field name and the identity directory: an identifier in a form none of"
                + " these recognise stays. Report suspected personal data or secrets to the project's security"
                + " contact.\n");
        md.append("* Only what the collectors sent and the public tier's policy allowed is here; records older than"
                + " the public topics' retention at export time are missing.\n");
        md.append("* The namespace, pod and node columns are taken from the record's own fields and labels; a"
                + " record that names none has nulls there.\n");
        md.append("* Metrics lines that are not exposition samples: ").append(state.unreadLines(RecordKind.METRICS))
                .append(" (their text is in `value_text`).\n");
        md.append("* Collectors retry, so the same sample or line can occur twice with different Kafka offsets.\n");
        md.append("* The service's canaries (synthetic records of fictional users, injected to prove the pipeline"
                + " scrubs) are withheld from the public tier unless the site's policy publishes them"
                + " (`publish.canaries`); published ones carry the `anonymizer-canary` header and their message"
                + " holds `anonymizer-canary-`: leave them out with"
                + " `WHERE message NOT LIKE '%anonymizer-canary-%'`.\n\n");

        md.append("## Uses\n\n");
        md.append("Research on the operation of clusters: failure analysis, capacity, scheduling, alert quality,"
                + " log parsing. Not for decisions about individual people.\n\n");

        md.append("## Distribution and maintenance\n\n");
        md.append("Licensed under ").append(PublisherTopology.DATASET_LICENSE).append(": whoever shares the data"
                + " shares `LICENSE` with it; results (models, statistics, papers) carry no obligation. The"
                + " operators may withdraw a release that turns out to contain personal data; stop using a withdrawn"
                + " release. Exporting into the same directory again adds what was published since.\n");
        return md.toString();
    }

    private static String list(final java.util.Collection<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values.stream()
                .map(value -> "`" + value.replace("`", "'") + "`").toList());
    }
}
