package dev.epoxy.glue.transforms;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.types.DataType;
import scala.Option;

/**
 * Casts with Glue's semantics whatever {@code spark.sql.ansi.enabled} says: a value that cannot be
 * cast becomes null (Spark's legacy cast), never a failed job. ApplyMapping turns those nulls into
 * error records; ResolveChoice keeps them as nulls.
 */
final class Casts {
    private Casts() {}

    static Column cast(Column value, DataType target) {
        return new Column(new Cast(value.expr(), target, Option.empty(), EvalMode.LEGACY()));
    }
}
