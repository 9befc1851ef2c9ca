package dev.epoxy.spark.catalog.read;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.InterpretedPredicate;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.catalyst.types.DataTypeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;
import scala.runtime.AbstractPartialFunction;

/**
 * Evaluates Catalyst partition filters on catalog partitions in the driver, the way Spark prunes the
 * partitions of its own catalog tables: each partition's string values are cast to the partition key
 * types (Hive's default partition name means null) and the bound filters are interpreted, without a
 * Spark job.
 */
final class PartitionPruner {
    private final StructType partitionSchema;
    private final String timeZoneId;

    PartitionPruner(StructType partitionSchema, String timeZoneId) {
        this.partitionSchema = requireNonNull(partitionSchema, "partitionSchema is null");
        this.timeZoneId = requireNonNull(timeZoneId, "timeZoneId is null");
    }

    /** The filters that only reference partition keys and can be evaluated here. */
    List<Expression> usableFilters(List<Expression> filters) {
        List<Expression> usable = new ArrayList<>();
        for (Expression filter : filters) {
            boolean onPartitionKeys = Scala.list(filter.references().toSeq()).stream()
                    .allMatch(attribute -> partitionSchema.getFieldIndex(attribute.name()).isDefined());
            if (filter.deterministic() && onPartitionKeys && !filter.references().isEmpty()) {
                usable.add(filter);
            }
        }
        return List.copyOf(usable);
    }

    /** The partitions for which every usable filter holds, with their values as a Spark row. */
    List<PrunedPartition> prune(List<CatalogPartition> partitions, List<Expression> filters) {
        List<Expression> usable = usableFilters(filters);
        Optional<InterpretedPredicate> predicate = usable.isEmpty() ? Optional.empty() : Optional.of(predicate(usable));
        List<PrunedPartition> selected = new ArrayList<>();
        for (CatalogPartition partition : partitions) {
            InternalRow row = row(partition);
            if (predicate.isEmpty() || predicate.get().eval(row)) {
                selected.add(new PrunedPartition(partition, row));
            }
        }
        return List.copyOf(selected);
    }

    /** The partition's values as an InternalRow typed by the partition schema. */
    InternalRow row(CatalogPartition partition) {
        StructField[] fields = partitionSchema.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String value = i < partition.values().size() ? partition.values().get(i) : null;
            if (value == null || value.equals(ExternalCatalogUtils.DEFAULT_PARTITION_NAME())) {
                values[i] = null;
            } else if (fields[i].dataType() instanceof StringType) {
                values[i] = UTF8String.fromString(value);
            } else {
                Cast cast = new Cast(Literal.create(value, DataTypes.StringType), fields[i].dataType(), Scala.some(timeZoneId));
                values[i] = cast.eval(null);
            }
        }
        return new GenericInternalRow(values);
    }

    private InterpretedPredicate predicate(List<Expression> filters) {
        Map<String, Attribute> referenced = new HashMap<>();
        for (Expression filter : filters) {
            for (Attribute attribute : Scala.list(filter.references().toSeq())) {
                referenced.put(attribute.name().toLowerCase(Locale.ROOT), attribute);
            }
        }
        List<Attribute> inputs = new ArrayList<>();
        for (AttributeReference attribute : Scala.list(DataTypeUtils.toAttributes(partitionSchema))) {
            inputs.add(referenced.getOrDefault(attribute.name().toLowerCase(Locale.ROOT), attribute));
        }
        Expression combined = filters.get(0);
        for (Expression filter : filters.subList(1, filters.size())) {
            combined = new And(combined, filter);
        }
        Expression bound = combined.transform(new BindToPartitionRow(inputs));
        InterpretedPredicate predicate = Predicate.createInterpreted(bound);
        predicate.initialize(0);
        return predicate;
    }

    /**
     * Replaces each attribute by its position in the partition row, as Spark's BindReferences does (whose
     * Scala implicit argument type Java cannot name).
     */
    private static final class BindToPartitionRow extends AbstractPartialFunction<Expression, Expression> {
        private final List<Attribute> inputs;

        BindToPartitionRow(List<Attribute> inputs) {
            this.inputs = inputs;
        }

        @Override
        public boolean isDefinedAt(Expression expression) {
            return expression instanceof AttributeReference;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A1 extends Expression, B1> B1 applyOrElse(A1 expression, Function1<A1, B1> otherwise) {
            if (expression instanceof AttributeReference attribute) {
                for (int i = 0; i < inputs.size(); i++) {
                    if (inputs.get(i).exprId().equals(attribute.exprId())) {
                        return (B1) new BoundReference(i, attribute.dataType(), true);
                    }
                }
            }
            return otherwise.apply(expression);
        }
    }

    /** A partition that passed the filters, with its typed values. */
    record PrunedPartition(CatalogPartition partition, InternalRow values) {}
}
