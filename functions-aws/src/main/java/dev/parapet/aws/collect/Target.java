package dev.parapet.aws.collect;

import dev.parapet.aws.sdk.AwsClients;

import java.util.List;

/**
 * One account to collect: its clients (its own credentials in hub mode) and its enabled regions.
 *
 * @param regions every region the account's resources may live in; account-level settings are read in each
 */
public record Target(String account, AwsClients clients, List<String> regions) {
    public Target {
        regions = List.copyOf(regions);
    }
}
