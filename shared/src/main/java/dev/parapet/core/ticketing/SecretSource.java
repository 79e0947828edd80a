package dev.parapet.core.ticketing;

/**
 * Where credentials come from, by name: the environment locally; a function passes its cloud's secret store
 * (Secrets Manager, Key Vault, Secret Manager). Returns null when the name is unknown.
 */
@FunctionalInterface
public interface SecretSource {
    String get(String name);

    static SecretSource environment() {
        return System::getenv;
    }
}
