package dev.epoxy.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestJobArguments {
    @Test
    void runArgumentsReplaceDefaultsAndNonOverridableOnesWin() {
        // One row per case of the precedence table: only default, default+run, run only, default+non-overridable, run+non-overridable, all three.
        Map<String, String> defaults = Map.of("--a", "default", "--b", "default", "--d", "default", "--f", "default");
        Map<String, String> run = Map.of("--b", "run", "--c", "run", "--e", "run", "--f", "run");
        Map<String, String> nonOverridable = Map.of("--d", "fixed", "--e", "fixed", "--f", "fixed");

        Map<String, String> merged = JobArguments.merge(defaults, run, nonOverridable);

        assertThat(merged).containsOnly(
                Map.entry("--a", "default"),
                Map.entry("--b", "run"),
                Map.entry("--c", "run"),
                Map.entry("--d", "fixed"),
                Map.entry("--e", "fixed"),
                Map.entry("--f", "fixed"));
    }

    @Test
    void serverArgumentsNameTheRunAndFillTheDefaults() {
        Map<String, String> merged = Map.of("--output_path", "s3://b/out/");

        Map<String, String> arguments = JobArguments.withServerArguments(merged, "job-1", "jr_1", "s3://tmp/");

        assertThat(arguments).containsOnly(
                Map.entry("--output_path", "s3://b/out/"),
                Map.entry("--JOB_NAME", "job-1"),
                Map.entry("--JOB_RUN_ID", "jr_1"),
                Map.entry("--job-bookmark-option", "job-bookmark-disable"),
                Map.entry("--TempDir", "s3://tmp/"));
    }

    @Test
    void givenBookmarkOptionAndTempDirAreKeptButTheRunIdentityIsTheServers() {
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put("--JOB_NAME", "spoofed");
        merged.put("--JOB_RUN_ID", "jr_spoofed");
        merged.put("--job-bookmark-option", "job-bookmark-enable");
        merged.put("--TempDir", "s3://mine/tmp/");

        Map<String, String> arguments = JobArguments.withServerArguments(merged, "job-1", "jr_1", "s3://tmp/");

        assertThat(arguments).containsOnly(
                Map.entry("--JOB_NAME", "job-1"),
                Map.entry("--JOB_RUN_ID", "jr_1"),
                Map.entry("--job-bookmark-option", "job-bookmark-enable"),
                Map.entry("--TempDir", "s3://mine/tmp/"));
    }

    @Test
    void defaultTempDirIsTheAccountsGlueAssetsBucket() {
        assertThat(JobArguments.defaultTempDir("123456789012", "eu-west-1")).isEqualTo("s3://aws-glue-assets-123456789012-eu-west-1/temporary/");
    }
}
