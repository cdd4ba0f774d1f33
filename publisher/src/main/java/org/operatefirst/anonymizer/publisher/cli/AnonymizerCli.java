package org.operatefirst.anonymizer.publisher.cli;

import org.operatefirst.anonymizer.scrubbers.Scrubber;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code anonymizer}: the one command people type. Unknown subcommands and options print the usage and exit
 * with status 2.
 */
@Command(name = "anonymizer",
        mixinStandardHelpOptions = true,
        versionProvider = AnonymizerCli.Version.class,
        description = "Publishes operational data of an OpenShift cluster as an open dataset, with personal data "
                + "pseudonymized and secrets removed.",
        subcommands = {ServeCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class AnonymizerCli implements Runnable {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, for tests and embedding.
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        return new CommandLine(new AnonymizerCli());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Reports the scrubber version, which is also the version written into every output record. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anonymizer " + Scrubber.VERSION};
        }
    }
}
