package dev.epoxy.glue.types;

import static dev.epoxy.glue.types.AtomicType.DOUBLE;
import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class TestSparkTypes {
    @Test
    void choiceIsAStructOfAlternativesNamedByTypeName() {
        assertThat(SparkTypes.toSpark(ChoiceType.of(STRING, LONG, DOUBLE)).catalogString())
                .isEqualTo("struct<double:double,long:bigint,string:string>");
    }

    @Test
    void glueSchemaSurvivesTheRoundTripThroughSparkMetadata() {
        StructType schema = StructType.of(
                new Field("id", LONG),
                new Field("price", ChoiceType.of(LONG, STRING)),
                new Field("items", new ArrayType(StructType.of(new Field("qty", ChoiceType.of(LONG, STRING))))),
                new Field("kinds", new SetType(STRING)),
                new Field("nested", StructType.of(new Field("a", new DecimalType(5, 1)))));
        org.apache.spark.sql.types.StructType spark = SparkTypes.toSparkSchema(schema);
        assertThat(spark.apply("id").metadata()).isEqualTo(Metadata.empty());
        assertThat(spark.apply("price").metadata().contains(SparkTypes.GLUE_TYPE_KEY)).isTrue();
        assertThat(SparkTypes.fromSparkSchema(spark)).isEqualTo(schema);
    }

    @Test
    void staleMetadataIsIgnoredWhenTheColumnTypeChanged() {
        Metadata choiceMetadata = SparkTypes.metadataFor(ChoiceType.of(LONG, STRING));
        StructField replaced = DataTypes.createStructField("price", DataTypes.DoubleType, true, choiceMetadata);
        assertThat(SparkTypes.fromSparkField(replaced)).isEqualTo(DOUBLE);
    }

    @Test
    void sparkTypesMapToGlueTypes() {
        org.apache.spark.sql.types.StructType spark = DataTypes.createStructType(List.of(
                DataTypes.createStructField("i", DataTypes.IntegerType, true),
                DataTypes.createStructField("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.ShortType), true),
                DataTypes.createStructField("d", DataTypes.createDecimalType(38, 10), true),
                DataTypes.createStructField("t", DataTypes.TimestampNTZType, true),
                DataTypes.createStructField("n", DataTypes.NullType, true)));
        assertThat(SparkTypes.fromSparkSchema(spark)).isEqualTo(StructType.of(
                new Field("i", AtomicType.INT),
                new Field("m", new MapType(AtomicType.SHORT)),
                new Field("d", new DecimalType(38, 10)),
                new Field("t", AtomicType.TIMESTAMP_NTZ),
                new Field("n", AtomicType.NULL)));
    }
}
