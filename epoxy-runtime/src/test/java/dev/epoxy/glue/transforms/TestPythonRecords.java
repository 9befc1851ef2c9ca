package dev.epoxy.glue.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPythonRecords {
    @Test
    void decodesPlainJsonAndTaggedValues() throws Exception {
        String json = """
                {"i": 3, "f": 1.5, "s": "x", "b": true, "n": null, "l": [1, {"k": "v"}],
                 "d": {"__epoxy_type__": "date", "value": 1},
                 "t": {"__epoxy_type__": "timestamp", "value": 1500000},
                 "m": {"__epoxy_type__": "decimal", "value": "1.50"},
                 "bin": {"__epoxy_type__": "binary", "value": "AQI="}}
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) PythonRecords.decode(new ObjectMapper().readTree(json));
        assertThat(record.get("i")).isEqualTo(3L);
        assertThat(record.get("f")).isEqualTo(1.5);
        assertThat(record.get("s")).isEqualTo("x");
        assertThat(record.get("b")).isEqualTo(true);
        assertThat(record).containsEntry("n", null);
        assertThat(record.get("l")).isEqualTo(List.of(1L, Map.of("k", "v")));
        assertThat(record.get("d")).isEqualTo(LocalDate.of(1970, 1, 2));
        assertThat(record.get("t")).isEqualTo(Instant.ofEpochMilli(1500));
        assertThat(record.get("m")).isEqualTo(new BigDecimal("1.50"));
        assertThat((byte[]) record.get("bin")).containsExactly(1, 2);
    }
}
