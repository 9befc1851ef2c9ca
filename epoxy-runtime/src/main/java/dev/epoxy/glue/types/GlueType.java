package dev.epoxy.glue.types;

import java.io.Serializable;

/**
 * A type of Glue's self-describing records ({@code awsglue.gluetypes} on the Python side). Unlike
 * Spark's types, a Glue type can be a {@link ChoiceType}: the records disagree about the type of a
 * field. Types are immutable values; {@link #toString()} of a {@link StructType} is the schema JSON
 * that Python parses.
 */
public sealed interface GlueType extends Serializable
        permits AtomicType, DecimalType, EnumType, ArrayType, SetType, MapType, ChoiceType, StructType {
    /** Glue's type name: {@code int}, {@code long}, {@code choice}, {@code struct}, ... */
    String typeName();

    /** Whether Spark cannot represent this type without help: it contains a choice, set, enum or unknown. */
    default boolean needsGlueMetadata() {
        return false;
    }
}
