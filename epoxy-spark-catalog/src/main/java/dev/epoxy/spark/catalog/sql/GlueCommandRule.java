package dev.epoxy.spark.catalog.sql;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BinaryComparison;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.AppendData;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OverwriteByExpression;
import org.apache.spark.sql.catalyst.plans.logical.OverwritePartitionsDynamic;
import org.apache.spark.sql.catalyst.plans.logical.RepairTable;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableCommand;
import org.apache.spark.sql.execution.datasources.CreateTable;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.runtime.AbstractPartialFunction;

/**
 * Replaces the write and DDL plans Spark would run against its own (in-memory) metastore or as V2 writes with
 * {@link GlueCommand}s that go to Glue: CTAS and saveAsTable (which Spark turns into V1 commands for file
 * sources), CREATE TABLE, INSERT INTO/OVERWRITE, and MSCK REPAIR TABLE (which Spark refuses on V2 tables).
 * Runs after Spark's own post-hoc rules, so it sees their final plans.
 */
final class GlueCommandRule extends Rule<LogicalPlan> {
    private final SparkSession spark;

    GlueCommandRule(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (!(spark.sessionState().catalogManager().v2SessionCatalog() instanceof GlueSessionCatalog catalog)) {
            return plan;
        }
        GlueTableCommands commands = new GlueTableCommands(catalog);
        return plan.transformDown(new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                return node instanceof CreateDataSourceTableAsSelectCommand
                        || node instanceof CreateDataSourceTableCommand
                        || node instanceof CreateTable
                        || (node instanceof V2WriteCommand write && glueTable(write.table()) != null && write.outputResolved())
                        || (node instanceof RepairTable repair && repair.child() instanceof ResolvedTable resolved
                                && resolved.table() instanceof GlueSparkTable);
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                if (node instanceof CreateDataSourceTableAsSelectCommand ctas) {
                    return new GlueCommand("CREATE TABLE AS SELECT " + ctas.table().identifier(),
                            session -> commands.createTableAsSelect(session, ctas.table(), ctas.mode(), ctas.query()));
                }
                if (node instanceof CreateDataSourceTableCommand create) {
                    SaveMode mode = create.ignoreIfExists() ? SaveMode.Ignore : SaveMode.ErrorIfExists;
                    return new GlueCommand("CREATE TABLE " + create.table().identifier(),
                            session -> commands.createTable(session, create.table(), mode));
                }
                if (node instanceof CreateTable create) {
                    if (create.query().isDefined()) {
                        return new GlueCommand("CREATE TABLE AS SELECT " + create.tableDesc().identifier(),
                                session -> commands.createTableAsSelect(session, create.tableDesc(), create.mode(), create.query().get()));
                    }
                    return new GlueCommand("CREATE TABLE " + create.tableDesc().identifier(),
                            session -> commands.createTable(session, create.tableDesc(), create.mode()));
                }
                if (node instanceof RepairTable repair) {
                    GlueSparkTable table = (GlueSparkTable) ((ResolvedTable) repair.child()).table();
                    return new GlueCommand("MSCK REPAIR TABLE " + table.qualifiedName(),
                            session -> commands.repair(session, table, repair.enableAddPartitions(), repair.enableDropPartitions()));
                }
                return insert((V2WriteCommand) node, commands);
            }
        });
    }

    private static LogicalPlan insert(V2WriteCommand write, GlueTableCommands commands) {
        GlueSparkTable table = glueTable(write.table());
        LogicalPlan query = write.query();
        if (write instanceof AppendData) {
            return new GlueCommand("INSERT INTO " + table.qualifiedName(),
                    session -> commands.insert(session, table, query, GlueTableWrites.InsertMode.APPEND, Map.of()));
        }
        if (write instanceof OverwritePartitionsDynamic) {
            return new GlueCommand("INSERT OVERWRITE " + table.qualifiedName(),
                    session -> commands.insert(session, table, query, GlueTableWrites.InsertMode.OVERWRITE_DYNAMIC, Map.of()));
        }
        Map<String, String> staticPartitions = staticPartitions(((OverwriteByExpression) write).deleteExpr(), table);
        return new GlueCommand("INSERT OVERWRITE " + table.qualifiedName() + " " + staticPartitions,
                session -> commands.insert(session, table, query, GlueTableWrites.InsertMode.OVERWRITE, staticPartitions));
    }

    /** The partition values of a static INSERT OVERWRITE, from the delete condition Spark derives from them. */
    static Map<String, String> staticPartitions(Expression deleteExpr, GlueSparkTable table) {
        Map<String, String> values = new HashMap<>();
        collect(deleteExpr, values, table);
        return values;
    }

    private static void collect(Expression expression, Map<String, String> values, GlueSparkTable table) {
        if (expression instanceof And and) {
            collect(and.left(), values, table);
            collect(and.right(), values, table);
            return;
        }
        if (expression instanceof Literal literal && Boolean.TRUE.equals(literal.value())) {
            return;
        }
        if ((expression instanceof EqualNullSafe || expression instanceof EqualTo)
                && ((BinaryComparison) expression).left() instanceof Attribute attribute
                && ((BinaryComparison) expression).right().foldable()) {
            Object value = ((BinaryComparison) expression).right().eval(null);
            String key = List.of(table.partitionSchema().fieldNames()).stream()
                    .filter(name -> name.equalsIgnoreCase(attribute.name())).findFirst().orElse(null);
            if (key != null && value != null) {
                values.put(key, value.toString());
                return;
            }
        }
        throw new UnsupportedOperationException("INSERT OVERWRITE on Glue table " + table.qualifiedName()
                + " with this condition is not supported: " + expression.sql());
    }

    private static GlueSparkTable glueTable(Object relation) {
        return relation instanceof DataSourceV2Relation v2 && v2.table() instanceof GlueSparkTable table ? table : null;
    }
}
