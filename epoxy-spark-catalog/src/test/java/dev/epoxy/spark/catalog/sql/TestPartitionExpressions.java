package dev.epoxy.spark.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TestPartitionExpressions {
    private static final StructType KEYS = new StructType().add("Year", DataTypes.StringType).add("day", DataTypes.IntegerType)
            .add("at", DataTypes.DateType);

    @Test
    void specBecomesGlueEqualities() {
        assertThat(PartitionExpressions.equalities(List.of("Year", "day"), List.of("2026", "7"), KEYS))
                .contains("year = '2026' AND day = 7");
    }

    @Test
    void noSpecOrUnquotableValueSelectsEveryPartition() {
        assertThat(PartitionExpressions.equalities(List.of(), List.of(), KEYS)).isEmpty();
        assertThat(PartitionExpressions.equalities(List.of("Year"), List.of("it's"), KEYS)).isEmpty();
        assertThat(PartitionExpressions.equalities(List.of("at"), List.of("2026-02-01"), KEYS)).isEmpty();
    }
}
