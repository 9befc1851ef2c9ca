package dev.epoxy.spark.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.spark.catalog.GlueClients;
import java.net.URI;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.Test;
import scala.Option;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

class TestGlueCommandRule {
    // No call reaches this endpoint: the table is built from a Glue model value.
    private static final GlueSparkTable TABLE = new GlueSparkTable(
            new GlueCatalogCalls(GlueClients.create(URI.create("http://127.0.0.1:9"), "us-east-1")),
            Table.builder().databaseName("db").name("t")
                    .storageDescriptor(StorageDescriptor.builder().location("s3://b/t")
                            .columns(Column.builder().name("id").type("int").build()).build())
                    .partitionKeys(Column.builder().name("year").type("string").build(),
                            Column.builder().name("day").type("int").build())
                    .build());

    @Test
    void staticPartitionsComeFromTheDeleteConditionSparkDerives() {
        Expression year = new EqualNullSafe(attribute("year", DataTypes.StringType), Literal.create("2026", DataTypes.StringType));
        Expression day = new EqualNullSafe(attribute("DAY", DataTypes.IntegerType),
                new Cast(Literal.create("7", DataTypes.StringType), DataTypes.IntegerType, Option.apply("UTC"), EvalMode.LEGACY()));

        assertThat(GlueCommandRule.staticPartitions(new And(year, day), TABLE)).isEqualTo(Map.of("year", "2026", "day", "7"));
        assertThat(GlueCommandRule.staticPartitions(Literal.create(true, DataTypes.BooleanType), TABLE)).isEmpty();
    }

    @Test
    void otherOverwriteConditionsAreRefused() {
        Expression condition = new GreaterThan(attribute("year", DataTypes.StringType), Literal.create("2026", DataTypes.StringType));

        assertThatThrownBy(() -> GlueCommandRule.staticPartitions(condition, TABLE))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("INSERT OVERWRITE on Glue table db.t with this condition is not supported: ");
    }

    private static AttributeReference attribute(String name, org.apache.spark.sql.types.DataType type) {
        return new AttributeReference(name, type, true, Metadata.empty(), AttributeReference.apply$default$5(name, type, true, Metadata.empty()),
                AttributeReference.apply$default$6(name, type, true, Metadata.empty()));
    }
}
