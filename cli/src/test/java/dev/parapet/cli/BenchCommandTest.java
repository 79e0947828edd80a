package dev.parapet.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    void measuresTheEngineOnAGeneratedEstate() {
        CliRun run = CliRun.of("bench", "--resources", "150", "--iterations", "1", "--warmup", "0", "--seed", "5");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("150 resources (aws 50, azure 50, gcp 50), seed 5")
                .contains("median").contains("resources/s").contains("rule evaluations/s").contains("peak");
        Matcher findings = Pattern.compile("findings +(\\d+) \\(PASS (\\d+), FAIL (\\d+), ERROR (\\d+)\\)").matcher(run.out());
        assertThat(findings.find()).as(run.out()).isTrue();
        int total = Integer.parseInt(findings.group(1));
        int pass = Integer.parseInt(findings.group(2));
        int fail = Integer.parseInt(findings.group(3));
        assertThat(total).isEqualTo(pass + fail + Integer.parseInt(findings.group(4)));
        assertThat(pass).isGreaterThan(fail).isPositive();
        assertThat(fail).isPositive();
        // the end-to-end run writes to a scratch SQLite store twice and says how fast
        assertThat(run.out()).containsPattern("with store    first scan +[0-9.]+ ms: [0-9,]+ resources/s")
                .containsPattern("with store    same scan again +[0-9.]+ ms")
                .contains("store size");
    }

    @Test
    void rejectsNonsensicalSizesAsUsageErrors() {
        CliRun run = CliRun.of("bench", "--resources", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--resources must be at least 1, got 0");
        assertThat(CliRun.of("bench", "--resources", "10", "--iterations", "0").err()).contains("--iterations must be at least 1");
        assertThat(CliRun.of("bench", "--resources", "10", "--warmup", "-1").err()).contains("--warmup must be 0 or more");
    }
}
