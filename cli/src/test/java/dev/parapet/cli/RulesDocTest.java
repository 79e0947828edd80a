package dev.parapet.cli;

import dev.parapet.core.compliance.Standards;
import dev.parapet.core.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class RulesDocTest {
    /** Maven runs the tests in the module folder: the repository root is its parent. */
    static final Path COMMITTED = Path.of("..", "docs", "rules.md");

    @Test
    void theCommittedRuleReferenceMatchesTheCatalog() throws IOException {
        RuleCatalog.Loaded catalog = RuleCatalog.load(true, List.of());
        assertThat(catalog.problems()).isEmpty();
        String expected = RulesDoc.render(catalog.rules(), Standards.builtIn());
        String stale = "docs/rules.md is stale: run `" + RulesDoc.REGENERATE + "` in the repository root and commit it";
        if (!Files.isRegularFile(COMMITTED)) {
            fail(stale + " (the file is missing)");
        }
        String committed = Files.readString(COMMITTED);
        if (!committed.equals(expected)) {
            fail(stale + "; first difference: " + firstDifference(committed, expected));
        }
    }

    private static String firstDifference(String committed, String expected) {
        String[] a = committed.split("\n", -1);
        String[] b = expected.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "(end of file)";
            String right = i < b.length ? b[i] : "(end of file)";
            if (!left.equals(right)) {
                return "line " + (i + 1) + " is\n  " + left + "\nand should be\n  " + right;
            }
        }
        return "none";
    }

    @Test
    void aCatalogIsCountedAndGroupedByProviderAndServiceWithItsReferences(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Path.of(RulesDocTest.class.getResource("/test-rules/bucket-public-access-block.yaml").toURI()),
                rules.resolve("s3.yaml"));
        Files.writeString(rules.resolve("azure.yaml"), """
                id: team-storage-https-only
                title: Storage account accepts HTTPS only | no plain HTTP
                provider: azure
                resourceTypes: [Microsoft.Storage/storageAccounts]
                severity: MEDIUM
                control: encrypt-data-in-transit
                mcsb: [DP-3]
                compliance:
                  CIS-Azure-6.0.0: ["9.3.4"]
                expression: resource.properties.supportsHttpsTrafficOnly == true
                """);
        Path out = dir.resolve("out/rules.md");
        CliRun run = CliRun.of("rules", "docs", "--no-builtin-rules", "--rules", rules.toString(), "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        String md = Files.readString(out);
        assertThat(md).contains("**2 rules**: AWS 1, Azure 1.")
                .contains("| AWS | 1 | 0 | 1 | 0 | 0 | 0 |")
                .contains("| all | 2 | 0 | 1 | 1 | 0 | 0 |")
                .containsPattern("\\| CIS-AWS-7\\.0\\.0 \\(CIS Amazon Web Services Foundations Benchmark 7\\.0\\.0\\) \\| \\d+ \\| \\d+ \\| 1 \\|")
                .contains("## AWS (1 rules)\n\nCIS ids refer to CIS-AWS-7.0.0.\n\n### S3 (1)")
                .contains("| `test-s3-bucket-public-access-block` | S3 bucket blocks public access with all four bucket-level "
                        + "settings | HIGH | `AWS::S3::Bucket` | restrict-unauthorized-network-access | NS-2, DP-2 | 3.1.4 | S3.8 |")
                .contains("## Azure (1 rules)")
                .contains("### Storage (1)\n\n| id | title | severity | resource types | control | MCSB | CIS |\n")
                .contains("| `team-storage-https-only` | Storage account accepts HTTPS only \\| no plain HTTP | MEDIUM | "
                        + "`Microsoft.Storage/storageAccounts` | encrypt-data-in-transit | DP-3 | 9.3.4 |\n");
        assertThat(md.indexOf("## AWS")).isLessThan(md.indexOf("## Azure"));
    }

    @Test
    void nothingIsWrittenWhileARuleDoesNotLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "id: team-bad\n");
        Path out = dir.resolve("rules.md");
        CliRun run = CliRun.of("rules", "docs", "--no-builtin-rules", "--rules", dir.toString(), "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad.yaml rule team-bad");
        assertThat(out).doesNotExist();
    }

    @Test
    void servicesComeFromTheNativeTypes() {
        assertThat(RulesDoc.service("AWS::S3::Bucket")).isEqualTo("S3");
        assertThat(RulesDoc.service("AWS::::Account")).isEqualTo("Account");
        assertThat(RulesDoc.service("Microsoft.Storage/storageAccounts/blobServices")).isEqualTo("Storage");
        assertThat(RulesDoc.service("microsoft.sql/servers")).isEqualTo("sql");
        assertThat(RulesDoc.service("storage.googleapis.com/Bucket")).isEqualTo("storage");
    }
}
