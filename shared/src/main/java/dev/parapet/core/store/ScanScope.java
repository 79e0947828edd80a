package dev.parapet.core.store;

import dev.parapet.core.model.Provider;

/**
 * What a complete scan covered: an AWS account and region, an Azure subscription, a GCP project.
 *
 * @param region null when the scan covered every region of the account
 */
public record ScanScope(Provider provider, String account, String region) {
}
