import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import dev.epoxy.glue.DataSink;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The cost of the DynamicFrame representation on typed stages (no transforms yet): read orders,
 * aggregate by region and day, write parquet partitioned by region; once with plain DataFrames and
 * once through GlueContext sources/sinks and DynamicFrame, alternating, same JVM. Also CSV reading
 * with Glue's choice inference against Spark's inferSchema.
 *
 *   java -Xmx2g --add-opens=... -cp "epoxy-runtime/target/epoxy-runtime-0.1.0-SNAPSHOT.jar:<pyspark>/jars/*" \
 *     benchmarks/RepresentationBenchmark.java 2000000 3
 */
public class RepresentationBenchmark {
    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("representation")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        GlueContext glue = new GlueContext(spark);
        Path dir = Files.createTempDirectory("representation");
        String parquet = dir.resolve("orders-parquet").toUri().toString();
        String csv = dir.resolve("orders-csv").toUri().toString();
        Dataset<Row> orders = spark.range(rows).selectExpr(
                "concat('o', id) as order_id", "id % 100000 as customer_id",
                "date_add(date'2026-01-01', cast(id % 90 as int)) as order_date",
                "cast((id % 10000) / 100.0 as decimal(10,2)) as total_amount",
                "case when id % 5 = 0 then 'NEW' else 'SHIPPED' end as status",
                "element_at(array('eu','us','ap','sa'), cast(id % 4 as int) + 1) as region");
        orders.write().mode(SaveMode.Overwrite).parquet(parquet);
        orders.write().mode(SaveMode.Overwrite).option("header", "true").csv(csv);

        List<Long> plain = new ArrayList<>();
        List<Long> dynamic = new ArrayList<>();
        List<Long> sparkCsv = new ArrayList<>();
        List<Long> glueCsv = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String out = dir.resolve("out-" + round).toUri().toString();
            long start = System.nanoTime();
            aggregate(spark.read().parquet(parquet)).write().mode(SaveMode.Append).partitionBy("region").parquet(out + "/plain");
            plain.add(System.nanoTime() - start);

            start = System.nanoTime();
            DynamicFrame frame = glue.getSource("s3", "{\"paths\": [\"" + parquet + "\"]}", "", "")
                    .setFormat("parquet", JsonOptions.empty()).getDynamicFrame();
            DynamicFrame summary = DynamicFrame.fromDF(aggregate(frame.toDF()), glue, "summary");
            DataSink sink = glue.getSink("s3", "{\"path\": \"" + out + "/dynamic\", \"partitionKeys\": [\"region\"]}", "");
            sink.setFormat("parquet", "{}");
            sink.writeDynamicFrame(summary);
            dynamic.add(System.nanoTime() - start);

            start = System.nanoTime();
            aggregate(spark.read().option("header", "true").option("inferSchema", "true").csv(csv)).count();
            sparkCsv.add(System.nanoTime() - start);

            start = System.nanoTime();
            DynamicFrame csvFrame = glue.getSource("s3", "{\"paths\": [\"" + csv + "\"]}", "", "")
                    .setFormat("csv", JsonOptions.parse("{\"withHeader\": true}")).getDynamicFrame();
            aggregate(csvFrame.toDF()).count();
            glueCsv.add(System.nanoTime() - start);
        }
        System.out.println(glue.getSource("s3", "{\"paths\": [\"" + csv + "\"]}", "", "")
                .setFormat("csv", JsonOptions.parse("{\"withHeader\": true}")).getDynamicFrame().schema().treeString());
        double plainMedian = report("plain DataFrame: parquet -> groupBy/agg -> partitioned parquet", plain, rows);
        double dynamicMedian = report("DynamicFrame:    parquet -> groupBy/agg -> partitioned parquet", dynamic, rows);
        double sparkCsvMedian = report("Spark CSV inferSchema -> groupBy/agg -> count", sparkCsv, rows);
        double glueCsvMedian = report("Glue CSV inference    -> groupBy/agg -> count", glueCsv, rows);
        System.out.printf("ratio DynamicFrame/plain (time): %.3f%n", dynamicMedian / plainMedian);
        System.out.printf("ratio Glue CSV/Spark CSV (time): %.3f%n", glueCsvMedian / sparkCsvMedian);
        spark.stop();
    }

    private static Dataset<Row> aggregate(Dataset<Row> orders) {
        return orders.groupBy(col("region"), org.apache.spark.sql.functions.date_format(col("order_date"), "yyyy-MM-dd").as("order_day"))
                .agg(count("order_id").as("total_orders"), sum("total_amount").as("total_revenue"),
                        avg("total_amount").as("avg_order_value"), countDistinct("customer_id").as("unique_customers"));
    }

    private static double report(String what, List<Long> nanos, long rows) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2) / 1e9;
        System.out.printf("%-65s median %.2f s  %,.0f rows/s  (runs: %s)%n", what, median, rows / median,
                nanos.stream().map(n -> String.format("%.2f", n / 1e9)).toList());
        return median;
    }
}
