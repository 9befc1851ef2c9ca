import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.GlueContext;
import dev.epoxy.glue.JsonOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Glue JSON schema inference speed on heterogeneous records (issue 3 benchmark). Generates N JSON
 * lines whose fields vary in type and presence, then times, in the same run, three rounds of:
 * Epoxy's inference pass (getDynamicFrame), Epoxy's full read (inference + encoding, count), and
 * Spark's own spark.read().json() inference as a reference point. Prints medians and records/s.
 *
 * Run from the repository root after `mvn -B -o -q -pl epoxy-runtime -am package -DskipTests`:
 *   java -Xmx2g --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
 *     --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
 *     -cp "epoxy-runtime/target/epoxy-runtime-0.1.0-SNAPSHOT.jar:.venv/lib/python3.11/site-packages/pyspark/jars/*" \
 *     benchmarks/JsonInferenceBenchmark.java 1000000
 */
public class JsonInferenceBenchmark {
    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("json-inference");
        generate(dir, records, 4);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("json-inference")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        GlueContext glue = new GlueContext(spark);
        String options = "{\"paths\": [\"" + dir.toUri() + "\"]}";
        List<Long> infer = new ArrayList<>();
        List<Long> full = new ArrayList<>();
        List<Long> sparkInfer = new ArrayList<>();
        String schema = "";
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            DynamicFrame frame = glue.getSource("s3", options, "", "").setFormat("json", JsonOptions.empty()).getDynamicFrame();
            infer.add(System.nanoTime() - start);
            long count = frame.count();
            full.add(System.nanoTime() - start);
            if (count != records) {
                throw new IllegalStateException("read " + count + " records, expected " + records);
            }
            schema = frame.schema().treeString();
            start = System.nanoTime();
            spark.read().json(dir.toString()).schema();
            sparkInfer.add(System.nanoTime() - start);
        }
        System.out.println(schema);
        report("epoxy inference pass (getDynamicFrame)", infer, records);
        report("epoxy inference + encoding (getDynamicFrame + count)", full, records);
        report("spark.read().json() inference (reference)", sparkInfer, records);
        spark.stop();
    }

    private static void report(String what, List<Long> nanos, int records) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2) / 1e9;
        System.out.printf("%-55s median %.2f s  %,.0f records/s  (runs: %s)%n", what, median, records / median,
                nanos.stream().map(n -> String.format("%.2f", n / 1e9)).toList());
    }

    private static void generate(Path dir, int records, int files) throws IOException {
        for (int file = 0; file < files; file++) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("part-" + file + ".json"))) {
                for (int i = file; i < records; i += files) {
                    out.write(line(i));
                    out.newLine();
                }
            }
        }
    }

    /** Fields vary: amount long/double/string, optional coupon, customer with optional fields, mixed arrays. */
    private static String line(int i) {
        StringBuilder line = new StringBuilder(160);
        line.append("{\"id\":").append(i);
        switch (i % 3) {
            case 0 -> line.append(",\"amount\":").append(i % 1000);
            case 1 -> line.append(",\"amount\":").append(i % 1000).append(".25");
            default -> line.append(",\"amount\":\"").append(i % 1000).append(" EUR\"");
        }
        line.append(",\"status\":\"").append(i % 5 == 0 ? "NEW" : "SHIPPED").append('"');
        if (i % 4 == 0) {
            line.append(",\"coupon\":\"C").append(i).append('"');
        }
        line.append(",\"customer\":{\"name\":\"c").append(i % 997).append('"');
        if (i % 7 == 0) {
            line.append(",\"vip\":true");
        }
        if (i % 11 == 0) {
            line.append(",\"zip\":\"0").append(i % 9999).append('"');
        } else if (i % 13 == 0) {
            line.append(",\"zip\":").append(i % 99999);
        }
        line.append('}');
        line.append(",\"items\":[");
        for (int item = 0; item < 1 + i % 3; item++) {
            if (item > 0) {
                line.append(',');
            }
            line.append("{\"sku\":\"S").append((i + item) % 500).append("\",\"qty\":").append(item % 2 == 0 ? String.valueOf(item + 1) : "\"" + (item + 1) + "\"").append('}');
        }
        line.append("]}");
        return line.toString();
    }
}
