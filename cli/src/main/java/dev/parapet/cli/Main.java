package dev.parapet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code parapet} command. */
@Command(name = "parapet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cloud security posture management for AWS, Azure and Google Cloud.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
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
