package dev.epoxy.spark.catalog.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.expressions.StartsWith;
import org.apache.spark.sql.catalyst.types.DataTypeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TestGlueExpressions {
    private static final StructType SCHEMA = new StructType().add("year", DataTypes.StringType).add("day", DataTypes.IntegerType);
    private static final List<AttributeReference> ATTRIBUTES = Scala.list(DataTypeUtils.toAttributes(SCHEMA));
    private static final Expression YEAR = ATTRIBUTES.get(0);
    private static final Expression DAY = ATTRIBUTES.get(1);

    @Test
    void comparisonsAndInTranslate() {
        Expression filter = new And(new EqualTo(YEAR, Literal.create("2026", DataTypes.StringType)),
                new In(DAY, Scala.seq(List.of(Literal.create(1, DataTypes.IntegerType), Literal.create(2, DataTypes.IntegerType)))));
        assertThat(GlueExpressions.fromFilters(List.of(filter), SCHEMA)).contains("(year = '2026' AND day IN (1, 2))");
    }

    @Test
    void literalOnTheLeftFlipsTheOperator() {
        assertThat(GlueExpressions.fromFilters(List.of(new GreaterThan(Literal.create(5, DataTypes.IntegerType), DAY)), SCHEMA))
                .contains("day < 5");
    }

    @Test
    void untranslatableSideOfAndIsDroppedButNotOfOrOrNot() {
        Expression startsWith = new StartsWith(YEAR, Literal.create("20", DataTypes.StringType));
        Expression equal = new EqualTo(YEAR, Literal.create("2026", DataTypes.StringType));
        assertThat(GlueExpressions.fromFilters(List.of(new And(startsWith, equal)), SCHEMA)).contains("year = '2026'");
        assertThat(GlueExpressions.fromFilters(List.of(new Or(startsWith, equal)), SCHEMA)).isEmpty();
        assertThat(GlueExpressions.fromFilters(List.of(new Not(new And(startsWith, equal))), SCHEMA)).isEmpty();
        assertThat(GlueExpressions.fromFilters(List.of(new Not(equal), startsWith), SCHEMA)).contains("(NOT year = '2026')");
    }

    @Test
    void mismatchedLiteralTypeIsNotSent() {
        assertThat(GlueExpressions.fromFilters(List.of(new EqualTo(DAY, Literal.create("1", DataTypes.StringType))), SCHEMA))
                .isEqualTo(Optional.empty());
    }
}
