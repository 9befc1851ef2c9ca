package dev.epoxy.crawler;

import dev.epoxy.driver.protocol.crawl.CrawlFiles;
import dev.epoxy.driver.protocol.crawl.CrawlRequest;
import dev.epoxy.driver.protocol.crawl.CrawlResult;
import dev.epoxy.spark.catalog.GlueClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * One crawl, as a Spark application that the server starts with spark-submit: reads the
 * {@link CrawlRequest} the Spark conf names, plans the tables of its S3 targets ({@link CrawlPlanner}) and
 * of its JDBC targets ({@link JdbcCrawlPlanner}), all before writing any, writes them through the Glue API
 * ({@link CatalogWriter}) and leaves a {@link CrawlResult} for the server. A failure is a result too; only a
 * crawl that cannot even read its request exits without one.
 */
public final class CrawlMain {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlMain.class);

    private CrawlMain() {}

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().getOrCreate();
        Map<String, String> conf = confOf(spark.sparkContext().getConf());
        String requestFile = Optional.ofNullable(conf.get(CrawlFiles.REQUEST_FILE_CONF))
                .orElseThrow(() -> new IllegalStateException(CrawlFiles.REQUEST_FILE_CONF + " is not set: crawls are started by the Epoxy server"));
        CrawlRequest request = CrawlFiles.readRequest(Path.of(requestFile));
        CrawlResult result;
        try (GlueClient glue = GlueClients.fromSparkConf(conf)) {
            result = crawl(spark, glue, request);
        }
        catch (CrawlException e) {
            LOG.error("Crawl of crawler {} failed: {}", request.crawlerName(), e.getMessage(), e);
            result = CrawlResult.failed(e.getMessage());
        }
        catch (SdkException e) {
            LOG.error("Crawl of crawler {} failed in a Glue API call", request.crawlerName(), e);
            result = CrawlResult.failed("A Glue API call failed: " + e.getMessage());
        }
        catch (Exception e) {
            LOG.error("Crawl of crawler {} failed", request.crawlerName(), e);
            result = CrawlResult.failed("The crawl failed: " + e);
        }
        CrawlFiles.writeResult(Path.of(request.resultFile()), result);
        spark.stop();
    }

    static CrawlResult crawl(SparkSession spark, GlueClient glue, CrawlRequest request) throws Exception {
        long started = System.nanoTime();
        CatalogWriter writer = new CatalogWriter(glue, request);
        writer.checkDatabase();
        Path seenFile = Path.of(request.seenFoldersFile());
        boolean newFoldersOnly = request.recrawlBehavior() == CrawlRequest.RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY;
        Set<String> seen = SeenFolders.read(seenFile);
        CrawlPlanner planner = new CrawlPlanner(
                new FileListing(spark.sparkContext().hadoopConfiguration()),
                new FileClassifier(spark.sparkContext().hadoopConfiguration()),
                new FooterColumns(spark.sparkContext().hadoopConfiguration()),
                new SchemaInference(spark));
        List<Table> crawlerTables = writer.crawlerTables();
        CrawlPlanner.Plan plan = planner.plan(request, newFoldersOnly ? seen : Set.of(), CatalogWriter.namesByLocation(crawlerTables));
        List<TablePlan> tables = new ArrayList<>(plan.tables());
        tables.addAll(new JdbcCrawlPlanner(new JdbcConnector(glue, JdbcConnector.storageCertificates(spark.sparkContext().hadoopConfiguration()))).plan(request, crawlerTables));
        checkDistinctNames(tables);
        CatalogWriter.Counts counts = writer.apply(tables);
        java.util.Set<String> allSeen = new java.util.LinkedHashSet<>(newFoldersOnly ? seen : Set.of());
        allSeen.addAll(plan.leafFolders());
        SeenFolders.write(seenFile, allSeen);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("Crawl of crawler {}: {} files listed in {} s; tables created {}, updated {}, deleted {}; partitions added {}",
                request.crawlerName(), plan.filesListed(), String.format("%.1f", seconds), counts.tablesCreated(), counts.tablesUpdated(),
                counts.tablesDeleted(), counts.partitionsAdded());
        return CrawlResult.succeeded(counts.tablesCreated(), counts.tablesUpdated(), counts.tablesDeleted(), counts.partitionsAdded(), plan.filesListed());
    }

    /** An S3 table and a JDBC table of one crawl may not share a name: one would overwrite the other. */
    static void checkDistinctNames(List<TablePlan> tables) {
        Map<String, String> locations = new HashMap<>();
        for (TablePlan table : tables) {
            if (table.table().isEmpty()) {
                continue;
            }
            String other = locations.putIfAbsent(table.tableName(), table.location());
            if (other != null) {
                throw new CrawlException("Two tables would be named " + table.tableName() + ": " + other + " and " + table.location()
                        + "; exclude one, or set a TablePrefix on crawlers of their own");
            }
        }
    }

    private static Map<String, String> confOf(SparkConf sparkConf) {
        Map<String, String> conf = new HashMap<>();
        for (Tuple2<String, String> entry : sparkConf.getAll()) {
            conf.put(entry._1(), entry._2());
        }
        return conf;
    }
}
