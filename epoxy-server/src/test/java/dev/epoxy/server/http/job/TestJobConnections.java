package dev.epoxy.server.http.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.connection.ConnectionService;
import dev.epoxy.core.job.JobConfig;
import dev.epoxy.core.job.JobService;
import dev.epoxy.core.store.StoreSettings;
import dev.epoxy.core.store.Stores;
import dev.epoxy.core.store.StoresFactory;
import dev.epoxy.glue.model.ServiceModel;
import dev.epoxy.server.secret.ConnectionKeyring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CreateJob, UpdateJob and StartJobRun refuse connections that do not exist, naming them; the run's launch carries the names. */
final class TestJobConnections {
    private static final GlueArns ARNS = new GlueArns("us-east-1", "123456789012");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Stores stores;
    private TestingJobRunLauncher launcher;
    private JobService jobs;
    private ConnectionService connections;
    private JobOperations operations;

    @BeforeEach
    void start() {
        StoresFactory factory = ServiceLoader.load(StoresFactory.class).findFirst().orElseThrow();
        stores = factory.open(new StoreSettings("jdbc:h2:file:" + home.resolve("db/epoxy"), Optional.empty(), Optional.empty(), ARNS));
        launcher = new TestingJobRunLauncher();
        jobs = new JobService(stores.jobs(), stores.tags(), ARNS, launcher, new JobDocuments(ServiceModel.glue()), Clock.systemUTC(), JobConfig.defaults());
        connections = new ConnectionService(stores.connections(), stores.tags(), ARNS, ConnectionKeyring.openOrCreate(ConnectionKeyring.fileIn(home)), Clock.systemUTC());
        operations = new JobOperations(jobs, new JobDocuments(ServiceModel.glue()), Clock.systemUTC(), connections);
        connections.create("sales-db", "{\"ConnectionType\":\"JDBC\"}", Optional.of("pw"), Map.of());
    }

    @AfterEach
    void stop() {
        jobs.close();
        stores.close();
    }

    @Test
    void createAndUpdateRefuseAMissingConnection() throws Exception {
        assertThatThrownBy(() -> operations.createJob(job("etl", "\"Sales-DB\", \"nowhere\"")))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Cannot use connection nowhere for job etl: connection not found");
        assertThat(jobs.findJob("etl")).isEmpty();

        operations.createJob(job("etl", "\"Sales-DB\""));
        ObjectNode jobUpdate = (ObjectNode) job("etl", "\"gone\"");
        jobUpdate.remove("Name");
        ObjectNode update = JSON.createObjectNode().put("JobName", "etl");
        update.set("JobUpdate", jobUpdate);
        assertThatThrownBy(() -> operations.updateJob(update))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Cannot use connection gone for job etl: connection not found");
    }

    @Test
    void startJobRunRefusesAConnectionDeletedSinceCreateJob() throws Exception {
        operations.createJob(job("etl", "\"sales-db\""));
        connections.delete("sales-db");
        assertThatThrownBy(() -> operations.startJobRun(JSON.readTree("{\"JobName\":\"etl\"}")))
                .isInstanceOf(EpoxyException.class)
                .hasMessage("Cannot use connection sales-db for job etl: connection not found");
        assertThat(jobs.listRuns("etl", Optional.empty(), 10)).isEmpty();
    }

    private static JsonNode job(String name, String connectionNames) throws Exception {
        return JSON.readTree("{\"Name\":\"" + name + "\",\"Role\":\"arn:aws:iam::123456789012:role/R\","
                + "\"Command\":{\"Name\":\"pythonshell\",\"ScriptLocation\":\"s3://b/s.py\"},\"Connections\":{\"Connections\":[" + connectionNames + "]}}");
    }
}
