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
        subcommands = {ServeCommand.class, DemoCommand.class, ScrubCommand.class, PseudonymCommand.class,
            BenchCommand.class, ExportCommand.class,
            CommandLine.HelpCommand.class})
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
        return new CommandLine(new AnonymizerCli())
                .setParameterExceptionHandler(AnonymizerCli::reportUsageError)
                .setExecutionExceptionHandler(AnonymizerCli::reportFailure);
    }

    /** Reports a wrong command line: the error, picocli's suggestions if any, and always the usage. */
    private static int reportUsageError(final CommandLine.ParameterException error, final String[] args) {
        final CommandLine commandLine = error.getCommandLine();
        final java.io.PrintWriter err = commandLine.getErr();
        err.println(error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        commandLine.usage(err);
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Reports a failed command as one line per cause, without a stack trace: start-up failures are configuration
     * or environment problems, and their messages name the key or the address at fault.
     */
    private static int reportFailure(final Exception failure, final CommandLine commandLine,
            final CommandLine.ParseResult parseResult) {
        final java.io.PrintWriter err = commandLine.getErr();
        err.println("anonymizer " + commandLine.getCommandName() + ": failed");
        String previous = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            final String message = cause.getMessage();
            if (message != null && !message.equals(previous) && !isDependencyInjectionWrapper(cause)) {
                err.println("  " + message.lines().findFirst().orElse(""));
                previous = message;
            }
        }
        err.flush();
        return 1;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Micronaut wraps start-up failures in exceptions that name beans, not the problem: skip those. */
    private static boolean isDependencyInjectionWrapper(final Throwable cause) {
        return cause instanceof io.micronaut.context.exceptions.BeanInstantiationException
                || cause instanceof io.micronaut.context.exceptions.DependencyInjectionException
                || cause.getClass() == io.micronaut.context.exceptions.BeanContextException.class;
    }

    /**
     * Reports the project's version as Maven built it, and the version of the scrubbing rules, which is written
     * into every output record and changes on its own schedule.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anonymizer " + projectVersion() + " (scrubbing rules " + Scrubber.VERSION + ")"};
        }

        /** The {@code project.version} filtered into {@code version.properties} by the build. */
        static String projectVersion() {
            try (java.io.InputStream in = AnonymizerCli.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                final java.util.Properties properties = new java.util.Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            } catch (final java.io.IOException e) {
                return "unknown";
            }
        }
    }
}
