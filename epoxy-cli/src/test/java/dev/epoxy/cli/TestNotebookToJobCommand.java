package dev.epoxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's local part (files) and its error paths; the server part runs in python/tests/e2e/test_notebook_to_job.py. */
class TestNotebookToJobCommand {
    private static final String NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
              {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
               "source": ["%glue_version 5.0\\n", "%idle_timeout 10\\n", "%iam_role arn:aws:iam::1:role/FromNotebook"]},
              {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [], "source": "print(spark.range(3).count())"}
            ]}""";

    @TempDir
    Path directory;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private void run(String... args) {
        new NotebookToJobCommand(NotebookToJobOptions.parse(List.of(args)), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    }

    private Path notebook(String json) throws IOException {
        Path file = directory.resolve("work.ipynb");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void writesTheScriptAndTheDefinitionWithoutAServer() throws IOException {
        Path notebook = notebook(NOTEBOOK);
        Path output = directory.resolve("out/jobs");

        run(notebook.toString(), "--job-name", "nightly", "--output-dir", output.toString());

        Path script = output.resolve("nightly.py");
        assertThat(Files.readString(script))
                .startsWith("# Glue job nightly, converted from the notebook work.ipynb by ./epoxy notebook-to-job.\n")
                .contains("\nprint(spark.range(3).count())\n")
                .endsWith("job.commit()\n");
        JsonNode definition = new ObjectMapper().readTree(output.resolve("nightly.job.json").toFile());
        assertThat(definition.get("Name").textValue()).isEqualTo("nightly");
        assertThat(definition.get("GlueVersion").textValue()).isEqualTo("5.0");
        assertThat(definition.get("Role").textValue()).isEqualTo("arn:aws:iam::1:role/FromNotebook");
        // Without --script-location the job runs the file just written.
        assertThat(definition.get("Command").get("ScriptLocation").textValue()).isEqualTo(script.toAbsolutePath().toString());
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("Wrote " + script.toAbsolutePath() + " (the job script) and "
                + output.resolve("nightly.job.json").toAbsolutePath() + " (its CreateJob request).\n"
                + "Dropped (no meaning for a job; comments in the script say why): %idle_timeout\n");
    }

    @Test
    void roleOptionWinsOverTheNotebooks() throws IOException {
        run(notebook(NOTEBOOK).toString(), "--job-name", "nightly", "--output-dir", directory.toString(), "--role", "arn:aws:iam::2:role/Cli");

        JsonNode definition = new ObjectMapper().readTree(directory.resolve("nightly.job.json").toFile());
        assertThat(definition.get("Role").textValue()).isEqualTo("arn:aws:iam::2:role/Cli");
    }

    @Test
    void unreachableS3EndpointIsOneLineToo() throws IOException {
        Path notebook = notebook(NOTEBOOK);
        int port = closedPort();

        assertThatThrownBy(() -> run(notebook.toString(), "--job-name", "nightly", "--output-dir", directory.toString(),
                "--script-location", "s3://scripts/nightly.py", "--s3-endpoint", "http://127.0.0.1:" + port))
                .isInstanceOf(NotebookToJobCommand.CommandException.class)
                .hasMessageStartingWith("Cannot reach Epoxy's S3 endpoint at http://127.0.0.1:" + port + " (");
        JsonNode definition = new ObjectMapper().readTree(directory.resolve("nightly.job.json").toFile());
        assertThat(definition.get("Command").get("ScriptLocation").textValue()).isEqualTo("s3://scripts/nightly.py");
    }

    @Test
    void unreachableServerIsOneLineNamingTheEndpoint() throws IOException {
        Path notebook = notebook(NOTEBOOK);
        int port = closedPort();

        assertThatThrownBy(() -> run(notebook.toString(), "--job-name", "nightly", "--output-dir", directory.toString(), "--create",
                "--endpoint", "http://127.0.0.1:" + port))
                .isInstanceOf(NotebookToJobCommand.CommandException.class)
                .hasMessageStartingWith("Cannot reach Epoxy's Glue endpoint at http://127.0.0.1:" + port + " (")
                .hasMessageEndingWith("); is ./epoxy server running there? (--endpoint / --s3-endpoint)")
                .hasMessageNotContaining("\n");
        // The local files come first, so they are there even when the server is not.
        assertThat(directory.resolve("nightly.py")).exists();
        assertThat(directory.resolve("nightly.job.json")).exists();
    }

    @Test
    void badNotebooksAreOneLineNamingTheFile() throws IOException {
        Path broken = notebook("{\"cells\": [");
        assertThatThrownBy(() -> run(broken.toString(), "--job-name", "j", "--output-dir", directory.toString()))
                .isInstanceOf(NotebookToJobCommand.CommandException.class)
                .hasMessageStartingWith(broken + ": Not a notebook: the file is not valid JSON (");

        Path unknownMagic = notebook("{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"%glue_versio 5.0\"]}]}");
        assertThatThrownBy(() -> run(unknownMagic.toString(), "--job-name", "j", "--output-dir", directory.toString()))
                .hasMessage(unknownMagic + ": Cell 1, line 1: unknown magic %glue_versio (not a magic of the Glue kernel; remove the line or "
                        + "replace it with Python code)");
        assertThat(directory.resolve("j.py")).doesNotExist();

        Path missing = directory.resolve("missing.ipynb");
        assertThatThrownBy(() -> run(missing.toString(), "--job-name", "j")).hasMessage(missing + ": no such file");
    }

    @Test
    void mainPrintsOneLineAndExitsWithOne() throws IOException {
        Path notebook = notebook("not json");
        PrintStream standardError = System.err;
        ByteArrayOutputStream error = new ByteArrayOutputStream();
        System.setErr(new PrintStream(error, true, StandardCharsets.UTF_8));
        int usage;
        int failed;
        try {
            failed = NotebookToJobMain.run(List.of(notebook.toString(), "--job-name", "j", "--output-dir", directory.toString()));
            usage = NotebookToJobMain.run(List.of(notebook.toString()));
        }
        finally {
            System.setErr(standardError);
        }

        assertThat(failed).isEqualTo(1);
        assertThat(usage).isEqualTo(2);
        List<String> lines = new ArrayList<>(error.toString(StandardCharsets.UTF_8).lines().toList());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("epoxy notebook-to-job: " + notebook + ": Not a notebook: the file is not valid JSON");
        assertThat(lines.get(1)).isEqualTo("epoxy notebook-to-job: --job-name is missing");
        assertThat(lines.get(2)).isEqualTo(NotebookToJobOptions.USAGE);
    }

    /** A port nothing listens on: bound and released, so the connection is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
