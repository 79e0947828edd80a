package dev.parapet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code parapet scan}: read a live account with the caller's credentials and assess it. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Collect a live cloud account with your own credentials (each cloud's standard chain) and "
                + "assess it: the collectors of the deployed functions, the same rules, store and reports.",
                "Progress and a summary go to stderr; the report to stdout or --output."},
        subcommands = {ScanAwsCommand.class, ScanAzureCommand.class, ScanGcpCommand.class})
final class ScanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "name a cloud: scan aws, scan azure or scan gcp");
    }
}
