package dev.epoxy.crawler;

import static dev.epoxy.crawler.JdbcColumnTypes.glueType;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import org.junit.jupiter.api.Test;

class TestJdbcColumnTypes {
    @Test
    void integersByWidthAndUnsignedOnesOneSizeUp() {
        assertThat(glueType(Types.INTEGER, "int4", 10, 0)).isEqualTo("int");
        assertThat(glueType(Types.BIGINT, "int8", 19, 0)).isEqualTo("bigint");
        assertThat(glueType(Types.SMALLINT, "int2", 5, 0)).isEqualTo("smallint");
        assertThat(glueType(Types.TINYINT, "TINYINT", 3, 0)).isEqualTo("tinyint");
        assertThat(glueType(Types.INTEGER, "INT UNSIGNED", 10, 0)).isEqualTo("bigint");
        assertThat(glueType(Types.BIGINT, "BIGINT UNSIGNED", 20, 0)).isEqualTo("decimal(20,0)");
    }

    @Test
    void decimalsKeepPrecisionAndScaleWithinHivesBounds() {
        assertThat(glueType(Types.NUMERIC, "numeric", 10, 2)).isEqualTo("decimal(10,2)");
        assertThat(glueType(Types.DECIMAL, "DECIMAL", 12, 4)).isEqualTo("decimal(12,4)");
        assertThat(glueType(Types.NUMERIC, "numeric", 50, 3)).isEqualTo("decimal(38,3)");
        assertThat(glueType(Types.NUMERIC, "numeric", 0, 0)).isEqualTo("decimal(38,18)");
        assertThat(glueType(Types.NUMERIC, "numeric", 131089, 0)).isEqualTo("decimal(38,18)");
    }

    @Test
    void textDatesBinaryAndFloatingPoint() {
        assertThat(glueType(Types.VARCHAR, "varchar", 40, 0)).isEqualTo("string");
        assertThat(glueType(Types.VARCHAR, "text", Integer.MAX_VALUE, 0)).isEqualTo("string");
        assertThat(glueType(Types.CHAR, "bpchar", 3, 0)).isEqualTo("string");
        assertThat(glueType(Types.LONGVARCHAR, "MEDIUMTEXT", 16777215, 0)).isEqualTo("string");
        assertThat(glueType(Types.BIT, "bool", 1, 0)).isEqualTo("boolean");
        assertThat(glueType(Types.BOOLEAN, "BOOLEAN", 1, 0)).isEqualTo("boolean");
        assertThat(glueType(Types.BIT, "BIT", 8, 0)).isEqualTo("binary");
        assertThat(glueType(Types.DATE, "date", 13, 0)).isEqualTo("date");
        assertThat(glueType(Types.TIMESTAMP, "timestamp", 29, 6)).isEqualTo("timestamp");
        assertThat(glueType(Types.TIMESTAMP, "timestamptz", 35, 6)).isEqualTo("timestamp");
        assertThat(glueType(Types.TIMESTAMP, "DATETIME", 19, 0)).isEqualTo("timestamp");
        assertThat(glueType(Types.DOUBLE, "float8", 17, 17)).isEqualTo("double");
        assertThat(glueType(Types.FLOAT, "FLOAT", 12, 0)).isEqualTo("double");
        assertThat(glueType(Types.REAL, "float4", 8, 8)).isEqualTo("float");
        assertThat(glueType(Types.BINARY, "bytea", Integer.MAX_VALUE, 0)).isEqualTo("binary");
        assertThat(glueType(Types.LONGVARBINARY, "BLOB", 65535, 0)).isEqualTo("binary");
        assertThat(glueType(Types.OTHER, "uuid", 2147483647, 0)).as("no Hive type: text").isEqualTo("string");
        assertThat(glueType(Types.TIME, "time", 15, 6)).isEqualTo("string");
    }
}
