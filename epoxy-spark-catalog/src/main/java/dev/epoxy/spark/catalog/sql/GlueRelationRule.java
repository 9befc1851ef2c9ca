package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.FileDataSourceV2;
import scala.Option;
import scala.Predef;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Turns a Glue table read through the session catalog into a file source relation over a
 * {@link GlueFileIndex}, as Delta's analysis rule turns its V2 relation into a V1 one: Spark's own file readers,
 * filter push-down and partition pruning ({@code PartitionFilters} in the plan) then apply.
 */
final class GlueRelationRule extends Rule<LogicalPlan> {
    private final SparkSession spark;

    GlueRelationRule(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return plan.resolveOperatorsUp(new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                return node instanceof DataSourceV2Relation relation && relation.table() instanceof GlueSparkTable;
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                DataSourceV2Relation relation = (DataSourceV2Relation) node;
                return toFileRelation(relation, (GlueSparkTable) relation.table());
            }
        });
    }

    private LogicalRelation toFileRelation(DataSourceV2Relation relation, GlueSparkTable table) {
        SqlTableFormat format = table.format();
        GlueSessionCatalog catalog = (GlueSessionCatalog) relation.catalog().get();
        HadoopFsRelation files = new HadoopFsRelation(
                new GlueFileIndex(spark, catalog.glue(), table),
                table.partitionSchema(),
                table.dataSchema(),
                Option.empty(),
                fileFormat(format.provider()),
                scalaMap(format.options()),
                spark);
        return new LogicalRelation(files, relation.output(), Option.empty(), false);
    }

    private FileFormat fileFormat(String provider) {
        Class<?> source = DataSource.lookupDataSource(provider, spark.sessionState().conf());
        try {
            if (FileDataSourceV2.class.isAssignableFrom(source)) {
                // The V2 file sources name their V1 file format, which partition pruning and the writers use.
                source = ((FileDataSourceV2) source.getConstructor().newInstance()).fallbackFileFormat();
            }
            return (FileFormat) source.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Spark has no file source for format " + provider, e);
        }
    }

    static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return JavaConverters.mapAsScalaMap(map).toMap(Predef.$conforms());
    }
}
