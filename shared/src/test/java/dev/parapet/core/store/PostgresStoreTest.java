package dev.parapet.core.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store suite on a real PostgreSQL (embedded, started once per test run), a fresh database per test. */
class PostgresStoreTest extends StoreGuardsSuite {
    @Override
    String newUrl() {
        return EmbeddedPg.newDatabase();
    }

    @Test
    void theJdbcFormOpensTheSameDatabase() {
        store.recordChange(Docs.assess(Docs.bucket("b", "2026-03-04T10:00:00Z", Docs.Block.PARTIAL)));
        String jdbc = "jdbc:" + url.replace("postgres@", "") + "?user=postgres&password=unused";
        try (Store again = Stores.open(jdbc)) {
            assertThat(again.findings(FindingFilter.CURRENT)).hasSize(2);
        }
    }

    @Test
    void anUnreachableServerIsReportedWithoutThePassword() {
        assertThatThrownBy(() -> Stores.open("postgresql://parapet:s3cr%21t-pw@127.0.0.1:1/parapet?retryBudget=0"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("user parapet")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr");
                    }
                });
    }
}
