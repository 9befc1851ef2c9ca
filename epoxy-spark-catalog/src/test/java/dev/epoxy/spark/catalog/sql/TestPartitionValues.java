package dev.epoxy.spark.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class TestPartitionValues {
    private static final StructType KEYS = new StructType().add("year", DataTypes.StringType).add("day", DataTypes.IntegerType);

    @Test
    void glueValuesBecomeRowsTypedByTheKeysAndBack() {
        InternalRow row = PartitionValues.toRow(List.of("2026", "7"), KEYS);

        assertThat(row.getUTF8String(0)).isEqualTo(UTF8String.fromString("2026"));
        assertThat(row.getInt(1)).isEqualTo(7);
        assertThat(PartitionValues.toStrings(row, KEYS)).containsExactly("2026", "7");
    }

    @Test
    void hiveDefaultPartitionIsNull() {
        InternalRow row = PartitionValues.toRow(Arrays.asList("__HIVE_DEFAULT_PARTITION__", "1"), KEYS);

        assertThat(row.isNullAt(0)).isTrue();
        assertThat(PartitionValues.toStrings(row, KEYS)).containsExactly("__HIVE_DEFAULT_PARTITION__", "1");
    }

    @Test
    void valuesThatDoNotMatchTheKeysAreRejected() {
        assertThatThrownBy(() -> PartitionValues.toRow(List.of("2026"), KEYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition values [2026] do not match the partition keys [year, day]");
        assertThatThrownBy(() -> PartitionValues.toRow(List.of("2026", "seven"), KEYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition value 'seven' is not a int");
    }

    @Test
    void relativePathEscapesLikeHive() {
        assertThat(PartitionValues.relativePath(List.of("a/b", "3"), KEYS)).isEqualTo("year=a%2Fb/day=3");
    }
}
