package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import dev.epoxy.spark.catalog.read.CatalogRelations;
import dev.epoxy.spark.catalog.read.GluePartitionSource;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.Option;
import scala.Predef;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Turns a Glue table read through the session catalog into a file source relation over a
 * {@code GlueCatalogFileIndex} (the one {@code from_catalog} reads through), as Delta's analysis rule turns its V2 relation into a V1 one: Spark's own file readers,
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
        GlueSessionCatalog catalog = (GlueSessionCatalog) relation.catalog().get();
        Dataset<Row> rows = CatalogRelations.read(spark, table.glueTable(),
                new GluePartitionSource(catalog.glue().client(), Optional.empty(), table.database(), table.tableName()),
                Optional.empty(), Map.of());
        LogicalRelation files = (LogicalRelation) rows.logicalPlan();
        // The same attributes as the relation it replaces, so that the rest of the plan still resolves.
        return new LogicalRelation(files.relation(), relation.output(), Option.empty(), false);
    }

    static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return JavaConverters.mapAsScalaMap(map).toMap(Predef.$conforms());
    }
}
