package dev.parapet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StoreCommandTest {
    @TempDir
    Path dir;

    private String store() {
        return "sqlite:" + dir.resolve("store.db");
    }

    @Test
    void migrateThenOpenWithoutFlyway() {
        CliRun migrate = CliRun.of("store", "migrate", "--store", store());
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);
        assertThat(migrate.out()).contains("schema versions 1", "applied now: 1");
        assertThat(CliRun.of("store", "migrate", "--store", store()).out()).contains("applied now: none");

        CliRun info = CliRun.of("store", "info", "--store", store() + "?migrate=never");
        assertThat(info.exitCode()).as(info.err()).isEqualTo(ExitCodes.OK);
        assertThat(info.out()).contains("all applied", "migrate=never, Flyway skipped");
        assertThat(CliRun.of("store", "info", "--store", store() + "?migrate=always").out()).contains("Flyway ran");
    }

    @Test
    void pruneAppliesTheRetention() {
        CliRun prune = CliRun.of("store", "prune", "--store", store(), "--days", "30");
        assertThat(prune.exitCode()).as(prune.err()).isEqualTo(ExitCodes.OK);
        assertThat(prune.out()).contains("retention 30 days (before ", "0 rows deleted");
        assertThat(CliRun.of("store", "prune", "--store", store(), "--days", "off").out())
                .contains("retention keep everything: 0 rows deleted");

        CliRun bad = CliRun.of("store", "prune", "--store", store(), "--days", "a month");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--days='a month' is not a number of days");
    }

    @Test
    void anUnreachableStoreIsARuntimeErrorWithoutItsPassword() {
        CliRun run = CliRun.of("store", "info", "--store", "postgresql://app:hunter2@127.0.0.1:1/x?retryBudget=0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(run.err()).contains("unavailable", "127.0.0.1:1").doesNotContain("hunter2");
    }

    @Test
    void benchStoreReportsRatesAndTheScoreTime() {
        CliRun run = CliRun.of("bench-store", "--store", store(), "--findings", "200", "--batch", "50");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("findings      200 (50 resources) in parts of 50", "insert scan", "update scan",
                "account score", "score 50.0%");
    }
}
