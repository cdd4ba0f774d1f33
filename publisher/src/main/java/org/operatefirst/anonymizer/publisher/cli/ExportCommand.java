package org.operatefirst.anonymizer.publisher.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.operatefirst.anonymizer.publisher.export.DatasetExport;
import org.operatefirst.anonymizer.publisher.export.ExportRefusedException;
import org.operatefirst.anonymizer.publisher.export.ExportRequest;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer export}: writes the public topics into a dataset directory of Parquet files with the licence,
 * a datasheet and a schema ({@link DatasetExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports the public topics into a dataset directory: Parquet files per kind and UTC day,",
            "LICENSE, datasheet.md and schema.json. Reads committed records only, never a non-public topic.",
            "Exporting into the same directory again resumes where the last run stopped."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The dataset directory.")
    private Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "The Kafka cluster (default: $KAFKA_BOOTSTRAP_SERVERS, else ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties, for example security.protocol and SSL or SASL settings.")
    private Path clientConfig;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "Kinds to export (default: all): logs, events, metrics, alerts.")
    private List<String> kinds = List.of();

    @Option(names = "--from", paramLabel = "TIME", description = "Start at this record time (ISO-8601, e.g. "
            + "2026-12-01T00:00:00Z); first run of a directory only.")
    private Instant from;

    @Option(names = "--to", paramLabel = "TIME", description = "Stop before this record time (default: until caught"
            + " up).")
    private Instant to;

    @Option(names = "--from-offset", paramLabel = "N", description = "Start every partition at this offset; first"
            + " run of a directory only.")
    private Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "N", description = "Stop every partition before this offset.")
    private Long toOffset;

    @Option(names = "--public-prefix", defaultValue = "public.", paramLabel = "PREFIX",
            description = "Prefix of the public topics (default: ${DEFAULT-VALUE}).")
    private String publicPrefix;

    @Option(names = "--progress-interval", defaultValue = "PT5S", paramLabel = "DURATION",
            description = "How often progress is printed (ISO-8601 duration, default ${DEFAULT-VALUE}).")
    private Duration progressInterval;

    @Override
    public Integer call() throws IOException {
        final Set<RecordKind> selected = EnumSet.noneOf(RecordKind.class);
        for (final String name : kinds) {
            selected.add(RecordKind.fromName(name.strip()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "unknown kind '" + name + "': choose logs, events, metrics or alerts")));
        }
        refuseOtherTiers();
        final Map<String, Object> properties = ClientProperties.of(bootstrapServers, clientConfig);
        final PrintWriter err = spec.commandLine().getErr();
        final ExportRequest request;
        try {
            request = new ExportRequest(out, properties, publicPrefix, selected, from, to, fromOffset, toOffset, err,
                    progressInterval, Duration.ofSeconds(60));
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        final DatasetExport.Summary summary;
        try {
            summary = new DatasetExport(request).run();
        } catch (final ExportRefusedException e) {
            err.println("anonymizer export: " + e.getMessage());
            err.flush();
            return 1;
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        for (final RecordKind kind : RecordKind.values()) {
            if (summary.records().containsKey(kind)) {
                stdout.printf("%-8s %d records, %d rows%n", kind.topicSuffix(), summary.records().get(kind),
                        summary.rows().get(kind));
            }
        }
        stdout.printf("run %d: %d files written to %s (%s, %s)%n", summary.run(), summary.files().size(), out,
                DatasetExport.DATASHEET_FILE, DatasetExport.LICENSE_FILE);
        stdout.flush();
        return 0;
    }

    /** The other tiers' and quarantine's names cannot serve as the public prefix, even by mistake. */
    private void refuseOtherTiers() {
        final TopicNames defaults = TopicNames.DEFAULTS;
        for (final String other : List.of(defaults.rawPrefix(), defaults.sanitizedPrefix(), defaults.quarantine(),
                defaults.identities(), defaults.consent())) {
            if (publicPrefix.startsWith(other) || other.startsWith(publicPrefix)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--public-prefix '" + publicPrefix
                        + "' names non-public topics ('" + other + "...'); only public topics may be exported");
            }
        }
    }
}
