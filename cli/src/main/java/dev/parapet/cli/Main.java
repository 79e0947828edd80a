package dev.parapet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code parapet} command. */
@Command(name = "parapet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cloud security posture management for AWS, Azure and Google Cloud.",
        subcommands = {AssessCommand.class, ScanCommand.class, ComplianceCommand.class, DemoCommand.class,
                ReportCommand.class, RulesCommand.class, BenchCommand.class, SampleCommand.class, TicketsCommand.class,
                StoreCommand.class, StoreBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("parapet: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("parapet: " + commandLine.getCommandName() + " failed: " + describe(e));
            return ExitCodes.RUNTIME;
        });
        return cli.execute(args);
    }

    /** The message chain of an exception, without a stack trace: operators act on the words. */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
                b.append(": ").append(c.getMessage());
            }
        }
        return b.toString();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"parapet " + (v == null ? "dev" : v)};
        }
    }
}
