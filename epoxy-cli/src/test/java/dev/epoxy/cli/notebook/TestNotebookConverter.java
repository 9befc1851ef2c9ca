package dev.epoxy.cli.notebook;

import static dev.epoxy.cli.notebook.TestingNotebook.notebook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestNotebookConverter {
    private static final ConversionTarget TARGET = new ConversionTarget("daily_summary", "s3://scripts/daily_summary.py", "seed.ipynb");
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole";
    private static final String INTRO = """
            # Glue job daily_summary, converted from the notebook seed.ipynb by ./epoxy notebook-to-job.
            # The notebook's session magics became the job's settings (see the job definition); they stay here as comments.
            # Lines under "Added for the job" make the notebook's code a job script; everything else is the notebook's.
            """;

    private static ConvertedNotebook convert(TestingNotebook notebook) {
        return NotebookConverter.convert(notebook.json(), TARGET);
    }

    private static JobDefinition job(TestingNotebook notebook) {
        return convert(notebook).job();
    }

    @Test
    void seedNotebookBecomesTheJobScriptTheArticleDescribes() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/notebooks/seed.ipynb")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        ConvertedNotebook converted = NotebookConverter.convert(json, TARGET);

        assertThat(converted.script()).isEqualTo(INTRO + """

                # Added for the job:
                import sys
                from awsglue.utils import getResolvedOptions
                from awsglue.job import Job

                args = getResolvedOptions(sys.argv, ['JOB_NAME'])

                # %% Cell 1 [markdown]
                # # Daily order summary
                #
                # Developed in a Glue interactive session.

                # %% Cell 2
                # Session configuration magic commands
                # These must be in the first cell of your notebook

                # %glue_version 4.0  (job setting GlueVersion)
                # %worker_type G.1X  (job setting WorkerType)
                # %number_of_workers 2  (job setting NumberOfWorkers)
                # %idle_timeout 30  (dropped: a setting of the interactive session, not of a job)
                # %region us-east-1  (dropped: it configures the notebook's connection to Glue, not the job)
                # %iam_role arn:aws:iam::123456789012:role/GlueInteractiveSessionRole  (job setting Role)

                # %% Cell 3
                # Initialize the Glue context
                from awsglue.context import GlueContext
                from awsglue.transforms import *
                from pyspark.context import SparkContext
                from awsglue.dynamicframe import DynamicFrame

                sc = SparkContext.getOrCreate()
                glueContext = GlueContext(sc)
                spark = glueContext.spark_session

                # Added for the job:
                job = Job(glueContext)
                job.init(args['JOB_NAME'], args)

                # %% Cell 4
                # Read data from the Glue Data Catalog
                # This uses the same catalog your production jobs use
                orders_dyf = glueContext.create_dynamic_frame.from_catalog(
                    database="sales_db",
                    table_name="raw_orders"
                )

                # Check the schema - this returns instantly since it uses the catalog
                orders_dyf.printSchema()

                # Look at a sample of the data
                orders_dyf.toDF().show(5)

                # %% Cell 5
                # Transform the data
                # Apply mappings to rename and recast columns
                mapped_orders = ApplyMapping.apply(
                    frame=orders_dyf,
                    mappings=[
                        ("order_id", "string", "order_id", "string"),
                        ("customer_id", "string", "customer_id", "long"),
                        ("order_date", "string", "order_date", "date"),
                        ("total_amount", "string", "total_amount", "decimal(10,2)"),
                        ("status", "string", "order_status", "string"),
                        ("region", "string", "region", "string")
                    ]
                )

                # Resolve any choice types (columns with ambiguous types)
                resolved = ResolveChoice.apply(
                    frame=mapped_orders,
                    choice="make_struct"
                )

                # Drop null fields
                cleaned = DropNullFields.apply(frame=resolved)

                # %% Cell 6
                # Aggregate the data to create a summary
                orders_df = cleaned.toDF()

                from pyspark.sql import functions as F

                daily_summary = orders_df.groupBy(
                    "region",
                    F.date_format("order_date", "yyyy-MM-dd").alias("order_day")
                ).agg(
                    F.count("order_id").alias("total_orders"),
                    F.sum("total_amount").alias("total_revenue"),
                    F.avg("total_amount").alias("avg_order_value"),
                    F.countDistinct("customer_id").alias("unique_customers")
                )

                daily_summary.show(10)

                # %% Cell 7
                # Write the results back to S3 in Parquet format
                summary_dyf = DynamicFrame.fromDF(daily_summary, glueContext, "summary")

                glueContext.write_dynamic_frame.from_options(
                    frame=summary_dyf,
                    connection_type="s3",
                    connection_options={
                        "path": "s3://my-data-lake/processed/daily-order-summary/",
                        "partitionKeys": ["region"]
                    },
                    format="parquet"
                )

                print("Write complete!")

                # Added for the job:
                job.commit()
                """);
        assertThat(converted.job()).isEqualTo(new JobDefinition("daily_summary",
                "Converted from the notebook seed.ipynb by ./epoxy notebook-to-job", ROLE, JobType.ETL, "s3://scripts/daily_summary.py", "4.0",
                Optional.of("G.1X"), Optional.of(2), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Map.of("--enable-glue-datacatalog", "true"), Map.of()));
        assertThat(converted.droppedMagics()).containsExactly("%idle_timeout", "%region");
    }

    @Test
    void notebookThatReliesOnTheSessionGetsTheWholeScaffolding() {
        ConvertedNotebook converted = convert(notebook().code("df = spark.range(3)\ndf.show()"));

        assertThat(converted.script()).isEqualTo(INTRO + """

                # Added for the job:
                import sys
                from awsglue.utils import getResolvedOptions
                from awsglue.context import GlueContext
                from awsglue.job import Job
                from pyspark.context import SparkContext

                args = getResolvedOptions(sys.argv, ['JOB_NAME'])
                sc = SparkContext.getOrCreate()
                glueContext = GlueContext(sc)
                spark = glueContext.spark_session
                job = Job(glueContext)
                job.init(args['JOB_NAME'], args)

                # %% Cell 1
                df = spark.range(3)
                df.show()

                # Added for the job:
                job.commit()
                """);
    }

    @Test
    void jobScriptNotebookGetsNothingAdded() {
        String code = """
                import sys
                from awsglue.transforms import *
                from awsglue.utils import getResolvedOptions
                from awsglue.context import GlueContext
                from awsglue.job import Job
                from pyspark.context import SparkContext

                args = getResolvedOptions(sys.argv, ['JOB_NAME', 'output_path'])

                sc = SparkContext.getOrCreate()
                glueContext = GlueContext(sc)
                spark = glueContext.spark_session
                job = Job(glueContext)
                job.init(args['JOB_NAME'], args)
                spark.range(3).write.parquet(args['output_path'])
                job.commit()""";

        String script = convert(notebook().code(code)).script();

        assertThat(script).isEqualTo(INTRO + "\n# %% Cell 1\n" + code + "\n");
    }

    @Test
    void notebookThatReadsItsOwnArgumentsGetsJobInitAfterThatCell() {
        String arguments = """
                import sys
                from awsglue.utils import getResolvedOptions
                if "--JOB_NAME" in sys.argv:
                    options = getResolvedOptions(sys.argv, ["JOB_NAME", "output_path"])
                else:
                    options = {"JOB_NAME": "notebook", "output_path": "s3://out/notebook/"}""";

        String script = convert(notebook().code("spark.range(1).count()").code(arguments).code("print(options['output_path'])")).script();

        assertThat(script).isEqualTo(INTRO + """

                # Added for the job:
                from awsglue.context import GlueContext
                from awsglue.job import Job
                from pyspark.context import SparkContext

                sc = SparkContext.getOrCreate()
                glueContext = GlueContext(sc)
                spark = glueContext.spark_session

                # %% Cell 1
                spark.range(1).count()

                # %% Cell 2
                """ + arguments + """


                # Added for the job:
                job = Job(glueContext)
                job.init(options['JOB_NAME'], options)

                # %% Cell 3
                print(options['output_path'])

                # Added for the job:
                job.commit()
                """);
    }

    @Test
    void ownGlueContextUnderAnotherNameIsTheJobsAndSparkComesFromTheBuilder() {
        String script = convert(notebook()
                .code("spark.sql('select 1').show()")
                .code("from awsglue.context import GlueContext\nfrom awsglue.job import Job\nctx = GlueContext(sc)")).script();

        assertThat(script).isEqualTo(INTRO + """

                # Added for the job:
                import sys
                from awsglue.utils import getResolvedOptions
                from pyspark.context import SparkContext
                from pyspark.sql import SparkSession

                args = getResolvedOptions(sys.argv, ['JOB_NAME'])
                sc = SparkContext.getOrCreate()
                spark = SparkSession.builder.getOrCreate()

                # %% Cell 1
                spark.sql('select 1').show()

                # %% Cell 2
                from awsglue.context import GlueContext
                from awsglue.job import Job
                ctx = GlueContext(sc)

                # Added for the job:
                job = Job(ctx)
                job.init(args['JOB_NAME'], args)

                # Added for the job:
                job.commit()
                """);
    }

    @Test
    void anImportUnderAnotherNameOrAfterTheUseDoesNotCount() {
        String script = convert(notebook()
                .code("from awsglue.job import Job as GlueJob\nimport sys as system")
                .code("glueContext = GlueContext(sc)")
                .code("from awsglue.job import Job")).script();

        // Job is needed after cell 2 (job = Job(glueContext)); cell 1 binds GlueJob, cell 3 comes too late.
        assertThat(script).contains("# Added for the job:\nimport sys\nfrom awsglue.utils import getResolvedOptions\nfrom awsglue.job import Job\n"
                + "from pyspark.context import SparkContext\nfrom pyspark.sql import SparkSession\n\nargs = ");
    }

    @Test
    void notebookSparkContextIsNotReplacedButTheHeaderDoesNotDependOnIt() {
        String script = convert(notebook().code("from pyspark import SparkContext\nsc = SparkContext.getOrCreate()")).script();

        assertThat(script)
                .contains("glueContext = GlueContext(SparkContext.getOrCreate())\n")
                .doesNotContain("\nsc = SparkContext.getOrCreate()\nglueContext")
                .contains("from pyspark.context import SparkContext\n");
    }

    @Test
    void commentsAndStringsDoNotCountAsScaffolding() {
        String script = convert(notebook().code("""
                # job.commit() at the end, glueContext = GlueContext(sc)
                text = \"\"\"
                args = getResolvedOptions(sys.argv, ['JOB_NAME'])
                job.init('x', {})
                \"\"\"
                print('job.commit()')""")).script();

        assertThat(script)
                .contains("\nargs = getResolvedOptions(sys.argv, ['JOB_NAME'])\nsc = SparkContext.getOrCreate()\nglueContext = GlueContext(sc)\n")
                .contains("job = Job(glueContext)\njob.init(args['JOB_NAME'], args)\n")
                .endsWith("# Added for the job:\njob.commit()\n");
    }

    @Test
    void existingJobWithoutCommitGetsOnlyTheCommit() {
        String script = convert(notebook().code("""
                import sys
                from awsglue.context import GlueContext
                from awsglue.job import Job
                from awsglue.utils import getResolvedOptions
                args = getResolvedOptions(sys.argv, ['JOB_NAME'])
                glueContext = GlueContext(sc)
                spark = glueContext.spark_session
                etl = Job(glueContext)
                etl.init(args['JOB_NAME'], args)""")).script();

        assertThat(script)
                .contains("\n# Added for the job:\nfrom pyspark.context import SparkContext\n\nsc = SparkContext.getOrCreate()\n\n# %% Cell 1\n")
                .endsWith("etl.init(args['JOB_NAME'], args)\n\n# Added for the job:\netl.commit()\n")
                .doesNotContain("job = Job");
    }

    @Test
    void sessionMagicsBecomeJobSettings() {
        JobDefinition job = job(notebook().code("""
                %glue_version 5.0
                %worker_type G.2X
                %number_of_workers 10
                %timeout 120
                %connections my-rds, other-conn
                %additional_python_modules pyarrow==14.0.1,s3://libs/x.whl
                %extra_py_files [s3://libs/a.py, s3://libs/b.zip]
                %extra_jars s3://libs/x.jar
                %spark_conf spark.sql.shuffle.partitions=4 --conf spark.executor.memory=2g
                %security_config 'encrypted'
                %iam_role "arn:aws:iam::111122223333:role/Etl"
                %streaming
                print('configured')"""));

        assertThat(job.glueVersion()).isEqualTo("5.0");
        assertThat(job.workerType()).contains("G.2X");
        assertThat(job.numberOfWorkers()).contains(10);
        assertThat(job.timeoutMinutes()).contains(120);
        assertThat(job.connections()).containsExactly("my-rds", "other-conn");
        assertThat(job.securityConfiguration()).contains("encrypted");
        assertThat(job.role()).isEqualTo("arn:aws:iam::111122223333:role/Etl");
        assertThat(job.type()).isEqualTo(JobType.STREAMING);
        assertThat(job.defaultArguments()).containsExactly(
                Map.entry("--enable-glue-datacatalog", "true"),
                Map.entry("--additional-python-modules", "pyarrow==14.0.1,s3://libs/x.whl"),
                Map.entry("--extra-py-files", "s3://libs/a.py,s3://libs/b.zip"),
                Map.entry("--extra-jars", "s3://libs/x.jar"),
                Map.entry("--conf", "spark.sql.shuffle.partitions=4 --conf spark.executor.memory=2g"));
    }

    @Test
    void withoutMagicsTheJobGetsWhatTheKernelGaveTheSession() {
        JobDefinition job = job(notebook().code("print(1)"));

        assertThat(job.glueVersion()).isEqualTo("4.0");
        assertThat(job.role()).isEqualTo(ROLE);
        assertThat(job.type()).isEqualTo(JobType.ETL);
        assertThat(job.workerType()).contains("G.1X");
        assertThat(job.numberOfWorkers()).contains(5);
        assertThat(job.maxCapacity()).isEmpty();
        assertThat(job.timeoutMinutes()).isEmpty();
        assertThat(job.defaultArguments()).isEqualTo(Map.of("--enable-glue-datacatalog", "true"));
        assertThat(job.tags()).isEmpty();
    }

    @Test
    void laterMagicsOverrideEarlierOnesAcrossCells() {
        JobDefinition job = job(notebook()
                .code("%glue_version 4.0\n%streaming\n%number_of_workers 3")
                .code("%glue_version 5.0\n%etl")
                .code("%session_type Streaming\n%number_of_workers 4"));

        assertThat(job.glueVersion()).isEqualTo("5.0");
        assertThat(job.type()).isEqualTo(JobType.STREAMING);
        assertThat(job.numberOfWorkers()).contains(4);
    }

    @Test
    void jobTypeAndSessionTypeTakeBothSpellings() {
        assertThat(job(notebook().code("%job_type gluestreaming")).type()).isEqualTo(JobType.STREAMING);
        assertThat(job(notebook().code("%session_type glueetl")).type()).isEqualTo(JobType.ETL);
        assertThatThrownBy(() -> job(notebook().code("%job_type pythonshell")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("Cell 1, line 1: %job_type pythonshell: unsupported session type (the kernel knows etl and streaming)");
    }

    @Test
    void displayAndSessionOnlyMagicsAreDroppedWithAComment() {
        ConvertedNotebook converted = convert(notebook().code("""
                %help
                %status
                %list_sessions
                %session_id_prefix nightly
                %profile work
                %endpoint http://127.0.0.1:9911
                %stop_session
                %pip install pandas
                !pip install requests
                spark.range(1).show()"""));

        assertThat(converted.droppedMagics()).containsExactly(
                "%help", "%status", "%list_sessions", "%session_id_prefix", "%profile", "%endpoint", "%stop_session", "%pip", "!pip");
        assertThat(converted.script())
                .contains("# %help  (dropped: it only shows something in the notebook)\n")
                .contains("# %session_id_prefix nightly  (dropped: a setting of the interactive session, not of a job)\n")
                .contains("# %pip install pandas  (dropped: IPython ran it on the notebook's machine; it never reached the session)\n")
                .contains("# !pip install requests  (dropped: a shell command on the notebook's machine, not in the session)\n")
                .contains("\nspark.range(1).show()\n");
    }

    @Test
    void configureMapsTheKernelsKeysAndPassesTheRestAsArguments() {
        ConvertedNotebook converted = convert(notebook().code("""
                %%configure
                {
                    # comments are fine: the kernel reads a Python literal
                    'glue_version': '5.0',
                    "worker_type": "G.4X",
                    "number_of_workers": "6",
                    "timeout": 90,
                    "idle_timeout": 15,
                    "iam_role": "arn:aws:iam::111122223333:role/FromConfigure",
                    "connections": "a,b",
                    "security_config": "sec",
                    "extra_jars": "s3://jars/x.jar",
                    "tags": {"team": "data"},
                    "region": "eu-west-1",
                    "--datalake-formats": "delta",
                    "enable-auto-scaling": True,
                    "--number": 3,
                }"""));

        JobDefinition job = converted.job();
        assertThat(job.glueVersion()).isEqualTo("5.0");
        assertThat(job.workerType()).contains("G.4X");
        assertThat(job.numberOfWorkers()).contains(6);
        assertThat(job.timeoutMinutes()).contains(90);
        assertThat(job.role()).isEqualTo("arn:aws:iam::111122223333:role/FromConfigure");
        assertThat(job.connections()).containsExactly("a", "b");
        assertThat(job.securityConfiguration()).contains("sec");
        assertThat(job.tags()).isEqualTo(Map.of("team", "data"));
        assertThat(job.defaultArguments()).containsExactly(
                Map.entry("--enable-glue-datacatalog", "true"),
                Map.entry("--datalake-formats", "delta"),
                // str(True) and str(3), as the kernel's add_default_argument writes them
                Map.entry("--enable-auto-scaling", "True"),
                Map.entry("--number", "3"),
                Map.entry("--extra-jars", "s3://jars/x.jar"));
        assertThat(converted.script())
                .contains("# cell magic %%configure  (job settings from the keys below)\n# {\n#     # comments are fine")
                .contains("#     \"--number\": 3,\n# }\n");
    }

    @Test
    void configureMaxCapacityLeavesWorkersOut() {
        JobDefinition job = job(notebook().code("%%configure\n{\"max_capacity\": 2}"));

        assertThat(job.maxCapacity()).contains(2.0);
        assertThat(job.workerType()).isEmpty();
        assertThat(job.numberOfWorkers()).isEmpty();
    }

    @Test
    void maxCapacityWithWorkersIsRefusedAsByTheKernel() {
        assertThatThrownBy(() -> job(notebook().code("%worker_type G.1X").code("%%configure\n{'max_capacity': 2.0}")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("The notebook sets max_capacity and also worker_type or number_of_workers; "
                        + "set either max_capacity or worker_type and number_of_workers, as the kernel requires");
    }

    @Test
    void magicArgumentsWinOverConfigureArgumentsAsInTheKernel() {
        JobDefinition job = job(notebook()
                .code("%extra_py_files s3://a/magic.py")
                .code("%%configure\n{\"--extra-py-files\": \"s3://a/configured.py\", \"--conf\": \"a=b\"}"));

        assertThat(job.defaultArguments()).containsEntry("--extra-py-files", "s3://a/magic.py").containsEntry("--conf", "a=b");
    }

    @Test
    void noneInConfigureClearsASetting() {
        JobDefinition job = job(notebook().code("%iam_role arn:aws:iam::1:role/x\n%timeout 30").code("%%configure\n{'iam_role': None, 'timeout': None}"));

        assertThat(job.role()).isEqualTo(ROLE);
        assertThat(job.timeoutMinutes()).isEmpty();
    }

    @Test
    void tagsMergeAcrossCellsAndAreStripped() {
        JobDefinition job = job(notebook()
                .code("%%tags\n{' team ': ' data ', 'env': 'dev'}")
                .code("%%configure\n{'tags': {'env': 'prod'}}"));

        assertThat(job.tags()).isEqualTo(new LinkedHashMap<>(Map.of("team", "data", "env", "prod")));
    }

    @Test
    void sqlCellBecomesSparkSqlWithTheExactText() {
        String script = convert(notebook().code("""
                %%sql
                SELECT region, "a\"\"\"b" AS odd, 'x\\ty' AS tab
                FROM orders
                WHERE status = "SHIPPED"


                """)).script();

        assertThat(script).contains("""
                # cell magic %%sql  (the SQL runs with spark.sql)
                spark.sql(\"\"\"SELECT region, "a\\"\\"\\"b" AS odd, 'x\\ty' AS tab
                FROM orders
                WHERE status = "SHIPPED\\"\"\"\").show()
                """);
    }

    @Test
    void sqlAfterLineMagicsTakesTheLinesAfterIt() {
        ConvertedNotebook converted = convert(notebook().code("%glue_version 5.0\n# the query\n%%sql show\nSELECT 1"));

        assertThat(converted.job().glueVersion()).isEqualTo("5.0");
        assertThat(converted.script()).contains("# %glue_version 5.0  (job setting GlueVersion)\n# the query\n"
                + "# cell magic %%sql show  (the SQL runs with spark.sql)\nspark.sql(\"\"\"SELECT 1\"\"\").show()\n");
    }

    @Test
    void emptySqlCellRunsNothing() {
        ConvertedNotebook converted = convert(notebook().code("%%sql\n\n"));

        assertThat(converted.script()).contains("# cell magic %%sql  (dropped: the cell has no SQL)\n").doesNotContain("spark.sql(");
    }

    @Test
    void figureMagicsAndShellLinesInCodeAreDropped() {
        String script = convert(notebook().code("""
                import matplotlib.pyplot as plt
                plt.bar([1, 2], [3, 4])
                %matplot plt
                if True:
                    %plotly fig
                !ls /tmp""")).script();

        assertThat(script).contains("""
                import matplotlib.pyplot as plt
                plt.bar([1, 2], [3, 4])
                # %matplot plt  (dropped: a job has no notebook to show a figure in)
                if True:
                    pass  # %plotly fig  (dropped: a job has no notebook to show a figure in)
                # !ls /tmp  (dropped: a shell command on the notebook's machine, not in the session)
                """);
    }

    @Test
    void assumeRoleCredentialsAreNotCopied() {
        String script = convert(notebook().code("%%assume_role\n{'aws_access_key_id': 'AKIA', 'aws_secret_access_key': 'SECRET'}")).script();

        assertThat(script)
                .contains("# cell magic %%assume_role  (dropped: the job runs with its Role; the cell's role or keys are not copied)\n")
                .doesNotContain("SECRET");
    }

    @Test
    void markdownAndRawCellsBecomeComments() {
        String script = convert(notebook().markdown("## Step 1\n\nRead *orders*.").raw("raw text").code("x = 1")).script();

        assertThat(script).contains("# %% Cell 1 [markdown]\n# ## Step 1\n#\n# Read *orders*.\n\n# %% Cell 2 [raw]\n# raw text\n\n# %% Cell 3\n");
    }

    @Test
    void sourceAsOneStringReadsLikeALineList() {
        TestingNotebook lines = notebook().code("%glue_version 5.0\nprint('a')\n").markdown("note");
        TestingNotebook string = notebook().sourceAsString().code("%glue_version 5.0\nprint('a')\n").markdown("note");

        assertThat(convert(string)).isEqualTo(convert(lines));
        assertThat(convert(string).script()).contains("# %glue_version 5.0  (job setting GlueVersion)\nprint('a')\n");
    }

    @Test
    void windowsLineBreaksAreLineBreaks() {
        assertThat(convert(notebook().sourceAsString().code("%glue_version 5.0\r\nprint('a')\r\n")).script())
                .contains("# %glue_version 5.0  (job setting GlueVersion)\nprint('a')\n");
    }

    @Test
    void magicsAfterTheFirstCodeLineAreNotMagics() {
        assertThatThrownBy(() -> convert(notebook().markdown("intro").code("%glue_version 5.0\nx = 1\n%worker_type G.2X")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("Cell 2, line 3: %worker_type comes after code; the kernel runs magics only at the top of a cell, so the session "
                        + "ran it as Python (a syntax error): move it up or remove it");
    }

    @Test
    void indentedMagicIsCodeAsInTheKernel() {
        assertThatThrownBy(() -> convert(notebook().code("  %glue_version 5.0\n%etl")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessageStartingWith("Cell 1, line 2: %etl comes after code");
    }

    @Test
    void unknownMagicNamesCellLineAndMagic() {
        assertThatThrownBy(() -> convert(notebook().code("x = 1").code("# setup\n%glue_versoin 5.0")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("Cell 2, line 2: unknown magic %glue_versoin (not a magic of the Glue kernel; remove the line or replace it with Python code)");
    }

    @Test
    void unknownCellMagicNamesIt() {
        assertThatThrownBy(() -> convert(notebook().code("%%time\nx = 1")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("Cell 1, line 1: unknown cell magic %%time (the Glue kernel has %%configure, %%sql, %%tags and %%assume_role)");
    }

    @Test
    void badMagicArgumentsNameTheMagic() {
        assertThatThrownBy(() -> convert(notebook().code("%number_of_workers two")))
                .hasMessage("Cell 1, line 1: %number_of_workers two: not a whole number");
        assertThatThrownBy(() -> convert(notebook().code("%glue_version")))
                .hasMessage("Cell 1, line 1: %glue_version needs a Glue version");
        assertThatThrownBy(() -> convert(notebook().code("%timeout 1.5")))
                .hasMessage("Cell 1, line 1: %timeout 1.5: not a whole number");
        assertThatThrownBy(() -> convert(notebook().code("%extra_jars s3://a.jar,,s3://b.jar")))
                .hasMessage("Cell 1, line 1: %extra_jars s3://a.jar,,s3://b.jar: empty values are not allowed");
        assertThatThrownBy(() -> convert(notebook().code("%connections my conn")))
                .hasMessage("Cell 1, line 1: %connections my conn: the value 'my conn' contains a blank");
    }

    @Test
    void pipOptionsMayHoldBlanks() {
        JobDefinition job = job(notebook().code("%additional_python_modules pandas==2.0 --upgrade"));

        assertThat(job.defaultArguments()).containsEntry("--additional-python-modules", "pandas==2.0 --upgrade");
    }

    @Test
    void badConfigureBodiesNameTheCellAndTheProblem() {
        assertThatThrownBy(() -> convert(notebook().code("%%configure\n{\"enable\": true}")))
                .isInstanceOf(NotebookConversionException.class)
                .hasMessage("Cell 1, line 2: %%configure: the body is not a Python dict literal: "
                        + "'true' is not a Python literal (write True, False or None) (line 1, column 12)");
        assertThatThrownBy(() -> convert(notebook().code("%%configure\n[1, 2]")))
                .hasMessage("Cell 1, line 2: %%configure: the body is not a dict but a list");
        assertThatThrownBy(() -> convert(notebook().code("%%configure\n{'number_of_workers': 'many'}")))
                .hasMessage("Cell 1, line 2: %%configure: \"number_of_workers\" must be a whole number, found 'many'");
        assertThatThrownBy(() -> convert(notebook().code("%%configure\n{'--conf': ['a=b']}")))
                .hasMessage("Cell 1, line 2: %%configure: \"--conf\" must be a string, number or boolean, found a list");
        assertThatThrownBy(() -> convert(notebook().code("%%tags\n{'team': 7}")))
                .hasMessage("Cell 1, line 2: %%tags: tag keys and values must be strings, found 'team': 7");
    }

    @Test
    void cellsWithOnlyBlanksAreLeftOut() {
        String script = convert(notebook().code("").code("   \n").code("x = 1")).script();

        assertThat(script).contains("# %% Cell 3\nx = 1\n").doesNotContain("# %% Cell 1").doesNotContain("# %% Cell 2");
    }
}
