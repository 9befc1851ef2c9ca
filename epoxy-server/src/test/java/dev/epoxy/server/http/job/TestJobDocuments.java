package dev.epoxy.server.http.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.job.Job;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.glue.model.ServiceModel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestJobDocuments {
    private static final ObjectMapper JSON = GlueJson.newObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-02-01T10:00:00Z");
    private final JobDocuments documents = new JobDocuments(ServiceModel.glue());

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void storedJobsKeepWhatTheModelDefinesAndNotTagsOrNames() throws Exception {
        ObjectNode job = documents.bind("CreateJobRequest", json("""
                {"Name": "j", "Role": "r", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/s.py", "Bogus": 1},
                 "Tags": {"team": "a"}, "NotAMember": true, "DefaultArguments": {"--a": "1"}, "Description": "d"}"""));

        assertThat(job).isEqualTo(json("""
                {"Description": "d", "Role": "r", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/s.py"}, "DefaultArguments": {"--a": "1"}}"""));
    }

    @Test
    void readJobsCarryGluesDefaults() throws Exception {
        String stored = "{\"Role\":\"r\",\"Command\":{\"Name\":\"glueetl\",\"ScriptLocation\":\"s3://b/s.py\"},\"GlueVersion\":\"4.0\"}";
        Job job = new Job("j", stored, CREATED, CREATED.plusSeconds(1));

        ObjectNode rendered = documents.render(job, documents.parse("j", stored));

        assertThat(rendered.get("Name").asText()).isEqualTo("j");
        assertThat(rendered.get("Role").asText()).isEqualTo("r");
        assertThat(rendered.get("Command")).isEqualTo(json("{\"Name\": \"glueetl\", \"ScriptLocation\": \"s3://b/s.py\", \"PythonVersion\": \"3\"}"));
        assertThat(rendered.get("CreatedOn").decimalValue()).isEqualByComparingTo("1769940000");
        assertThat(rendered.get("LastModifiedOn").decimalValue()).isEqualByComparingTo("1769940001");
        assertThat(rendered.get("ExecutionProperty")).isEqualTo(json("{\"MaxConcurrentRuns\": 1}"));
        // Glue 4.0: 2880 minutes; 10 DPUs as 10 x G.1X.
        assertThat(rendered.get("GlueVersion").asText()).isEqualTo("4.0");
        assertThat(rendered.get("MaxRetries").asInt()).isZero();
        assertThat(rendered.get("Timeout").asInt()).isEqualTo(2880);
        assertThat(rendered.get("WorkerType").asText()).isEqualTo("G.1X");
        assertThat(rendered.get("NumberOfWorkers").asInt()).isEqualTo(10);
        assertThat(rendered.get("MaxCapacity").asDouble()).isEqualTo(10.0);
        assertThat(rendered.get("AllocatedCapacity").asInt()).isEqualTo(10);
    }

    @Test
    void pythonShellJobsReportTheirDpusAndNoWorkers() throws Exception {
        String stored = "{\"Role\":\"r\",\"Command\":{\"Name\":\"pythonshell\",\"PythonVersion\":\"3.9\"},\"MaxCapacity\":1}";
        ObjectNode rendered = documents.render(new Job("p", stored, CREATED, CREATED), documents.parse("p", stored));

        assertThat(rendered.get("MaxCapacity").asDouble()).isEqualTo(1.0);
        assertThat(rendered.has("WorkerType")).isFalse();
        assertThat(rendered.get("Command").get("PythonVersion").asText()).isEqualTo("3.9");
        assertThat(rendered.get("Timeout").asInt()).isEqualTo(2880);
    }
}
