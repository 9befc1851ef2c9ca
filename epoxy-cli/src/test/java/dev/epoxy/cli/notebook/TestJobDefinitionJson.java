package dev.epoxy.cli.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJobDefinitionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySettingWithAwsMemberNames() throws Exception {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--enable-glue-datacatalog", "true");
        arguments.put("--conf", "a=b");
        JobDefinition job = new JobDefinition("nightly", "from nb.ipynb", "arn:aws:iam::1:role/r", JobType.STREAMING, "s3://scripts/nightly.py",
                "5.0", Optional.of("G.2X"), Optional.of(3), Optional.empty(), Optional.of(60), Optional.of("sec"), List.of("c1", "c2"),
                arguments, Map.of("team", "data"));

        JsonNode written = JSON.readTree(JobDefinitionJson.write(job));

        assertThat(written).isEqualTo(JSON.readTree("""
                {
                  "Name": "nightly",
                  "Description": "from nb.ipynb",
                  "Role": "arn:aws:iam::1:role/r",
                  "Command": {"Name": "gluestreaming", "ScriptLocation": "s3://scripts/nightly.py", "PythonVersion": "3"},
                  "DefaultArguments": {"--enable-glue-datacatalog": "true", "--conf": "a=b"},
                  "Connections": {"Connections": ["c1", "c2"]},
                  "WorkerType": "G.2X",
                  "NumberOfWorkers": 3,
                  "Timeout": 60,
                  "SecurityConfiguration": "sec",
                  "GlueVersion": "5.0",
                  "Tags": {"team": "data"}
                }"""));
    }

    @Test
    void absentSettingsAreLeftOut() throws Exception {
        JobDefinition job = new JobDefinition("j", "d", "r", JobType.ETL, "/srv/j.py", "4.0", Optional.empty(), Optional.empty(),
                Optional.of(2.0), Optional.empty(), Optional.empty(), List.of(), Map.of(), Map.of());

        JsonNode written = JSON.readTree(JobDefinitionJson.write(job));

        assertThat(written.fieldNames()).toIterable().containsExactly(
                "Name", "Description", "Role", "Command", "DefaultArguments", "MaxCapacity", "GlueVersion");
        assertThat(written.get("MaxCapacity").doubleValue()).isEqualTo(2.0);
    }
}
