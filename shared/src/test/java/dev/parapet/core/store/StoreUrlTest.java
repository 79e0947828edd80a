package dev.parapet.core.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUrlTest {
    @Test
    void sqliteForms() {
        Path file = Path.of("data/parapet.db").toAbsolutePath();
        for (String form : new String[]{"sqlite:data/parapet.db", "data/parapet.db", "jdbc:sqlite:data/parapet.db",
                "sqlite:file:data/parapet.db"}) {
            StoreUrl url = StoreUrl.parse(form);
            assertThat(url.kind()).as(form).isEqualTo(StoreUrl.Kind.SQLITE);
            assertThat(url.sqliteFile()).as(form).isEqualTo(file);
            assertThat(url.jdbcUrl()).as(form).isEqualTo("jdbc:sqlite:" + file);
        }
    }

    @Test
    void postgresCredentialsLeaveTheJdbcUrl() {
        StoreUrl url = StoreUrl.parse("postgresql://parapet:p%40ss+w0rd@db.internal:6432/findings?sslmode=require");
        assertThat(url.kind()).isEqualTo(StoreUrl.Kind.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/findings?sslmode=require");
        assertThat(url.user()).isEqualTo("parapet");
        assertThat(url.password()).isEqualTo("p@ss+w0rd");
        assertThat(url.describe()).doesNotContain("ss+w0rd");
        assertThat(url.toString()).doesNotContain("ss+w0rd");

        StoreUrl jdbc = StoreUrl.parse("jdbc:postgresql://db:5432/findings?user=app&password=hunter2&sslmode=verify-full");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/findings?sslmode=verify-full");
        assertThat(jdbc.user()).isEqualTo("app");
        assertThat(jdbc.password()).isEqualTo("hunter2");

        assertThat(StoreUrl.parse("postgres://app@db/findings").password()).isNull();
    }

    @Test
    void pgpasswordSuppliesAPasswordTheUrlLacks() {
        Map<String, String> env = Map.of("PGPASSWORD", "from-env");
        assertThat(Stores.config(StoreUrl.parse("postgresql://app@db/x"), env).getPassword()).isEqualTo("from-env");
        assertThat(Stores.config(StoreUrl.parse("postgresql://app:in-url@db/x"), env).getPassword()).isEqualTo("in-url");
        assertThat(Stores.config(StoreUrl.parse("postgresql://app@db/x"), Map.of()).getPassword()).isNull();
        assertThat(Stores.config(StoreUrl.parse("postgresql://app@db/x"), env).getJdbcUrl()).doesNotContain("from-env");
    }

    @Test
    void maskHidesPasswordsInEveryForm() {
        assertThat(StoreUrl.mask("postgresql://app:hunter2@db:5432/x")).isEqualTo("postgresql://app:***@db:5432/x");
        assertThat(StoreUrl.mask("jdbc:postgresql://db/x?user=app&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=app&password=***&ssl=true");
        assertThat(StoreUrl.mask("postgresql://app@db/x")).isEqualTo("postgresql://app@db/x");
        assertThat(StoreUrl.mask("sqlite:/tmp/a.db")).isEqualTo("sqlite:/tmp/a.db");
    }

    @Test
    void badUrlsAreNamedWithoutTheirPassword() {
        assertThatThrownBy(() -> StoreUrl.parse(" ")).hasMessageContaining("store URL is empty");
        assertThatThrownBy(() -> StoreUrl.parse("mysql://app:hunter2@db/x"))
                .hasMessageContaining("unsupported store URL 'mysql://app:***@db/x'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://app:hunter2@db")).hasMessageContaining("names no database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite::memory:")).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:")).hasMessageContaining("names no SQLite file");
    }

    @Test
    void parapetParametersLeaveTheJdbcUrl() {
        StoreUrl pg = StoreUrl.parse("postgresql://app@db/x?sslmode=require&migrate=never&retryBudget=750ms");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x?sslmode=require");
        assertThat(pg.options()).isEqualTo(new StoreOptions(StoreOptions.Migrate.NEVER, java.time.Duration.ofMillis(750)));

        StoreUrl sqlite = StoreUrl.parse("sqlite:data/p.db?migrate=false&retryBudget=2s");
        assertThat(sqlite.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("data/p.db").toAbsolutePath());
        assertThat(sqlite.options()).isEqualTo(new StoreOptions(StoreOptions.Migrate.NEVER, java.time.Duration.ofSeconds(2)));

        assertThat(StoreUrl.parse("postgres://app@db/x").options()).isEqualTo(StoreOptions.DEFAULT);
        assertThat(StoreUrl.parse("jdbc:postgresql://db/x?MIGRATE=always").options().migrate())
                .isEqualTo(StoreOptions.Migrate.ALWAYS);
        assertThat(Stores.attemptTimeoutMillis(StoreOptions.DEFAULT)).isEqualTo(1_000);
        assertThat(Stores.attemptTimeoutMillis(new StoreOptions(StoreOptions.Migrate.AUTO, java.time.Duration.ZERO)))
                .isEqualTo(250);
    }

    @Test
    void badParapetParametersAreNamed() {
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://app:hunter2@db/x?migrate=sometimes"))
                .hasMessageContaining("migrate='sometimes' is not one of auto, always, never");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:a.db?retryBudget=5m"))
                .hasMessageContaining("retryBudget='5m' is not a duration");
    }
}
