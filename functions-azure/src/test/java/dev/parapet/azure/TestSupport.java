package dev.parapet.azure;

import dev.parapet.azure.app.AzureRules;
import dev.parapet.core.rules.RuleSet;

/** What every test class shares in one JVM: the compiled Azure rules and one stub server (reset per test). */
public final class TestSupport {
    private static AzureRules.Loaded loaded;
    private static StubArm stub;

    private TestSupport() {
    }

    public static RuleSet rules() {
        return loaded().rules();
    }

    /** Compiled once per JVM: compiling CEL is the slow part of every context. */
    public static synchronized AzureRules.Loaded loaded() {
        if (loaded == null) {
            loaded = AzureRules.load();
            if (!loaded.problems().isEmpty()) {
                throw new IllegalStateException("built-in Azure rules have problems: " + loaded.problems());
            }
        }
        return loaded;
    }

    /** A logger that keeps each message in {@code lines} (what the Functions host would send to Application Insights). */
    public static java.util.logging.Logger capturing(java.util.List<String> lines) {
        java.util.logging.Logger logger = java.util.logging.Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return logger;
    }

    /** The shared stub, emptied and loaded with the default estate. */
    public static synchronized StubArm stub() {
        if (stub == null) {
            stub = new StubArm();
            Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
        }
        stub.server.resetAll();
        Estate.register(stub.server);
        return stub;
    }
}
