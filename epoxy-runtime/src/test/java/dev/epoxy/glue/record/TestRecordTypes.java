package dev.epoxy.glue.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.StructType;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class TestRecordTypes {
    @Test
    void javaArraysWithNullElementsAreTypedLikeLists() {
        Object[] tags = {"a", null, "b"};
        assertThat(RecordTypes.typeOf(tags)).isEqualTo(new ArrayType(AtomicType.STRING));
        assertThat(RecordTypes.typeOf(Arrays.asList(tags))).isEqualTo(new ArrayType(AtomicType.STRING));
        assertThat(RecordTypes.recordType(Map.of("tags", tags)))
                .isEqualTo(StructType.of(new Field("tags", new ArrayType(AtomicType.STRING))));
    }

    @Test
    void javaArraysWithNullElementsAreWrittenAsJsonArrays() {
        StructType schema = StructType.of(new Field("tags", new ArrayType(AtomicType.STRING)));
        Object[] tags = {"a", null};
        Row row = RowFactory.create((Object) tags);
        assertThat(RecordJson.toJson(row, schema)).isEqualTo("{\"tags\":[\"a\",null]}");
    }
}
