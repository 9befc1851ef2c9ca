package dev.epoxy.glue.types;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * The correspondence between Glue and Spark types (reference §6.2) and the encoding of what Spark
 * cannot say by itself.
 *
 * <p>A choice is stored as a Spark struct with one nullable field per alternative, named by the
 * alternative's Glue type name and in type-name order: exactly what {@code toDF()} returns. Sets
 * become arrays, enums strings, unknown becomes null. So that the Glue type survives, a top-level
 * column whose Glue type needs it carries its Glue type JSON in the column metadata under {@link
 * #GLUE_TYPE_KEY}. The metadata is trusted only while it still describes the column's Spark type,
 * so a transform that replaces a column with a plain Spark expression cannot leave a stale choice
 * behind.
 */
public final class SparkTypes {
    /** Column metadata key holding the Glue type JSON of a top-level column. */
    public static final String GLUE_TYPE_KEY = "glue.type";

    private SparkTypes() {}

    /** The Spark type that stores values of this Glue type. */
    public static DataType toSpark(GlueType type) {
        if (type instanceof AtomicType atomic) {
            return switch (atomic) {
                case BINARY -> DataTypes.BinaryType;
                case BOOLEAN -> DataTypes.BooleanType;
                case BYTE -> DataTypes.ByteType;
                case DATE -> DataTypes.DateType;
                case DOUBLE -> DataTypes.DoubleType;
                case FLOAT -> DataTypes.FloatType;
                case INT -> DataTypes.IntegerType;
                case LONG -> DataTypes.LongType;
                case NULL, UNKNOWN -> DataTypes.NullType;
                case SHORT -> DataTypes.ShortType;
                case STRING -> DataTypes.StringType;
                case TIMESTAMP -> DataTypes.TimestampType;
                case TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
            };
        }
        if (type instanceof DecimalType decimal) {
            return DataTypes.createDecimalType(decimal.precision(), decimal.scale());
        }
        if (type instanceof EnumType) {
            return DataTypes.StringType;
        }
        if (type instanceof ArrayType array) {
            return DataTypes.createArrayType(toSpark(array.elementType()), true);
        }
        if (type instanceof SetType set) {
            return DataTypes.createArrayType(toSpark(set.elementType()), true);
        }
        if (type instanceof MapType map) {
            return DataTypes.createMapType(DataTypes.StringType, toSpark(map.valueType()), true);
        }
        if (type instanceof ChoiceType choice) {
            List<StructField> fields = new ArrayList<>();
            for (GlueType alternative : choice.choices()) {
                fields.add(DataTypes.createStructField(alternative.typeName(), toSpark(alternative), true));
            }
            return DataTypes.createStructType(fields);
        }
        StructType struct = (StructType) type;
        List<StructField> fields = new ArrayList<>();
        for (Field field : struct.fields()) {
            fields.add(DataTypes.createStructField(field.name(), toSpark(field.type()), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The Spark schema of a frame with this Glue schema, with Glue type metadata where needed. */
    public static org.apache.spark.sql.types.StructType toSparkSchema(StructType schema) {
        List<StructField> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            fields.add(toSparkField(field.name(), field.type()));
        }
        return DataTypes.createStructType(fields);
    }

    /** A nullable top-level column of this Glue type, carrying the metadata the type needs. */
    public static StructField toSparkField(String name, GlueType type) {
        return DataTypes.createStructField(name, toSpark(type), true, metadataFor(type));
    }

    /** The column metadata that records this Glue type; empty when Spark's type says it all. */
    public static Metadata metadataFor(GlueType type) {
        if (!type.needsGlueMetadata()) {
            return Metadata.empty();
        }
        return new MetadataBuilder().putString(GLUE_TYPE_KEY, SchemaJson.toJson(type)).build();
    }

    /** The Glue schema of a Spark schema, honouring Glue type metadata on top-level columns. */
    public static StructType fromSparkSchema(org.apache.spark.sql.types.StructType schema) {
        List<Field> fields = new ArrayList<>();
        for (StructField field : schema.fields()) {
            fields.add(new Field(field.name(), fromSparkField(field)));
        }
        return new StructType(fields);
    }

    /** The Glue type of a top-level column: its metadata's type if still valid, else derived. */
    public static GlueType fromSparkField(StructField field) {
        if (field.metadata().contains(GLUE_TYPE_KEY)) {
            GlueType declared = SchemaJson.fromJson(field.metadata().getString(GLUE_TYPE_KEY));
            if (toSpark(declared).catalogString().equals(field.dataType().catalogString())) {
                return declared;
            }
        }
        return fromSpark(field.dataType());
    }

    /** The Glue type of a plain Spark type (no choices: a struct stays a struct). */
    public static GlueType fromSpark(DataType type) {
        if (type instanceof org.apache.spark.sql.types.StructType struct) {
            List<Field> fields = new ArrayList<>();
            for (StructField field : struct.fields()) {
                fields.add(new Field(field.name(), fromSpark(field.dataType())));
            }
            return new StructType(fields);
        }
        if (type instanceof org.apache.spark.sql.types.ArrayType array) {
            return new ArrayType(fromSpark(array.elementType()));
        }
        if (type instanceof org.apache.spark.sql.types.MapType map) {
            return new MapType(fromSpark(map.valueType()));
        }
        if (type instanceof org.apache.spark.sql.types.DecimalType decimal) {
            return new DecimalType(Math.max(1, decimal.precision()), decimal.scale());
        }
        if (type instanceof org.apache.spark.sql.types.UserDefinedType<?> udt) {
            return fromSpark(udt.sqlType());
        }
        if (type.equals(DataTypes.BinaryType)) {
            return AtomicType.BINARY;
        }
        if (type.equals(DataTypes.BooleanType)) {
            return AtomicType.BOOLEAN;
        }
        if (type.equals(DataTypes.ByteType)) {
            return AtomicType.BYTE;
        }
        if (type.equals(DataTypes.DateType)) {
            return AtomicType.DATE;
        }
        if (type.equals(DataTypes.DoubleType)) {
            return AtomicType.DOUBLE;
        }
        if (type.equals(DataTypes.FloatType)) {
            return AtomicType.FLOAT;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return AtomicType.INT;
        }
        if (type.equals(DataTypes.LongType)) {
            return AtomicType.LONG;
        }
        if (type.equals(DataTypes.NullType)) {
            return AtomicType.NULL;
        }
        if (type.equals(DataTypes.ShortType)) {
            return AtomicType.SHORT;
        }
        if (type.equals(DataTypes.TimestampType)) {
            return AtomicType.TIMESTAMP;
        }
        if (type.equals(DataTypes.TimestampNTZType)) {
            return AtomicType.TIMESTAMP_NTZ;
        }
        // string, char/varchar, intervals, variants: Glue sees their text.
        return AtomicType.STRING;
    }
}
