package dev.epoxy.glue.types;

import static dev.epoxy.glue.types.AtomicType.INT;
import static dev.epoxy.glue.types.AtomicType.LONG;
import static dev.epoxy.glue.types.AtomicType.NULL;
import static dev.epoxy.glue.types.AtomicType.STRING;
import static dev.epoxy.glue.types.AtomicType.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.GlueRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestTypeMerger {
    @Test
    void nullAndUnknownGiveWayToTheOtherType() {
        assertThat(TypeMerger.merge(NULL, LONG)).isEqualTo(LONG);
        assertThat(TypeMerger.merge(STRING, UNKNOWN)).isEqualTo(STRING);
        assertThat(TypeMerger.merge(NULL, NULL)).isEqualTo(NULL);
    }

    @Test
    void differentKindsBecomeChoiceSortedByTypeName() {
        GlueType merged = TypeMerger.merge(STRING, LONG);
        assertThat(merged).isEqualTo(new ChoiceType(List.of(LONG, STRING)));
        assertThat(((ChoiceType) merged).choices()).extracting(GlueType::typeName).containsExactly("long", "string");
    }

    @Test
    void choicesUnionAlternativesAndMergeSameNamedOnes() {
        StructType a = StructType.of(new Field("x", LONG));
        StructType b = StructType.of(new Field("y", STRING));
        GlueType left = ChoiceType.of(LONG, a);
        GlueType right = ChoiceType.of(STRING, b);
        GlueType merged = TypeMerger.merge(left, right);
        assertThat(merged).isEqualTo(ChoiceType.of(LONG, STRING, StructType.of(new Field("x", LONG), new Field("y", STRING))));
        assertThat(TypeMerger.merge(LONG, ChoiceType.of(LONG, STRING))).isEqualTo(ChoiceType.of(LONG, STRING));
    }

    @Test
    void structsUnionFieldsKeepingFirstOrderAndMergingRecursively() {
        StructType left = StructType.of(new Field("id", LONG), new Field("name", STRING));
        StructType right = StructType.of(new Field("tag", STRING), new Field("id", STRING));
        assertThat(TypeMerger.merge(left, right)).isEqualTo(StructType.of(
                new Field("id", ChoiceType.of(LONG, STRING)), new Field("name", STRING), new Field("tag", STRING)));
    }

    @Test
    void arraysMapsSetsAndEnumsMergeTheirContents() {
        assertThat(TypeMerger.merge(new ArrayType(LONG), new ArrayType(STRING))).isEqualTo(new ArrayType(ChoiceType.of(LONG, STRING)));
        assertThat(TypeMerger.merge(new ArrayType(UNKNOWN), new ArrayType(INT))).isEqualTo(new ArrayType(INT));
        assertThat(TypeMerger.merge(new MapType(LONG), new MapType(NULL))).isEqualTo(new MapType(LONG));
        assertThat(TypeMerger.merge(new SetType(LONG), new SetType(LONG))).isEqualTo(new SetType(LONG));
        assertThat(TypeMerger.merge(new EnumType(List.of("a")), new EnumType(List.of("b")))).isEqualTo(new EnumType(List.of("a", "b")));
        assertThat(TypeMerger.merge(new ArrayType(LONG), new MapType(LONG))).isEqualTo(ChoiceType.of(new ArrayType(LONG), new MapType(LONG)));
    }

    @Test
    void decimalsWidenBecauseAChoiceHoldsOneDecimal() {
        assertThat(TypeMerger.merge(new DecimalType(5, 2), new DecimalType(10, 0))).isEqualTo(new DecimalType(12, 2));
    }

    @Test
    void duplicateChoiceIsRejectedWithGluesMessage() {
        assertThatThrownBy(() -> ChoiceType.of(LONG, LONG))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Attempting to insert duplicate choice: long");
    }
}
