package dev.epoxy.glue.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.epoxy.glue.record.RecordTypes;
import dev.epoxy.glue.types.StructType;
import dev.epoxy.glue.types.TypeMerger;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class TestJsonTypeInference {
    private static final List<String> LINES = List.of(
            "{\"a\": 1, \"b\": [1, \"x\", null], \"c\": {\"d\": 1.5}}",
            "{\"a\": \"s\", \"b\": [], \"c\": null, \"e\": 123456789012345678901234567890}",
            "{\"a\": null, \"b\": [[1], [true]], \"e\": 5, \"a\": false}",
            "[{\"f\": {}}, {\"f\": {\"g\": [null]}}]",
            "{\"broken\": ",
            "42",
            "{\"x\": 1} {\"y\": \"two\"}");

    @Test
    void streamingInferenceAgreesWithTheTypesOfParsedRecords() throws Exception {
        List<Row> rows = LINES.stream().map(line -> RowFactory.create(line, "file")).toList();
        StructType streamed = JsonTypeInference.inferPartition(rows.iterator()).next();

        JsonFactory factory = new JsonFactory();
        StructType expected = StructType.empty();
        for (String line : LINES) {
            StructType lineType = StructType.empty();
            try (JsonParser parser = factory.createParser(line)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    Object value = JsonValues.read(parser, token);
                    for (Object record : value instanceof List<?> list ? list : List.of(value)) {
                        if (record instanceof java.util.Map) {
                            lineType = TypeMerger.merge(lineType, RecordTypes.recordType(record));
                        }
                    }
                }
            } catch (Exception e) {
                continue;
            }
            expected = TypeMerger.merge(expected, lineType);
        }
        assertThat(streamed).isEqualTo(expected);
        assertThat(streamed.fieldNames()).containsExactly("a", "b", "c", "e", "f", "x", "y");
        assertThat(streamed.field("e").orElseThrow().type().typeName()).isEqualTo("choice");
    }
}
