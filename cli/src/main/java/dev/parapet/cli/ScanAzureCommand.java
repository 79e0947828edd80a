package dev.parapet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code parapet scan azure}: not available until the CLI is wired to the Azure collector (functions-azure). */
@Command(name = "azure", mixinStandardHelpOptions = true,
        description = {"Not available yet: the CLI is not yet wired to the Azure collector (functions-azure).",
                "Planned: scan subscriptions or a management group with Azure CLI, environment or managed identity "
                        + "credentials."})
final class ScanAzureCommand implements Callable<Integer> {
    @Option(names = "--subscription", paramLabel = "ID", description = "Subscription to scan (repeatable).")
    List<String> subscriptions = new ArrayList<>();

    @Option(names = "--management-group", paramLabel = "ID", description = "Management group to scan.")
    String managementGroup;

    @Override
    public Integer call() {
        System.err.println("parapet: scan azure is not available yet: the CLI is not yet wired to the Azure collector. "
                + "Export Resource Graph JSON and use 'parapet assess --input' meanwhile.");
        return ExitCodes.RUNTIME;
    }
}
