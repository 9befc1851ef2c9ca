package dev.epoxy.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestStringCodec {
    @Test
    void listEncodingIsLengthPrefixed() {
        assertThat(StringCodec.encodeList(List.of("hello", "", "a:b"))).isEqualTo("5:hello0:3:a:b");
        assertThat(StringCodec.encodeList(List.of())).isEmpty();
    }

    @Test
    void listsWithSeparatorsDigitsAndUnicodeRoundTrip() {
        List<String> values = List.of("", "12:34", "line\nbreak", "🚀", "7:", ":", "0:", "日本語");

        assertThat(StringCodec.decodeList(StringCodec.encodeList(values))).isEqualTo(values);
    }

    @Test
    void mapsAreEncodedInKeyOrder() {
        assertThat(StringCodec.encodeMap(Map.of("b", "2", "a", "1"))).isEqualTo("1:a1:11:b1:2");
    }

    @Test
    void mapsRoundTrip() {
        Map<String, String> map = Map.of("--conf", "a=b:c", "", "empty key", "ключ", "");

        assertThat(StringCodec.decodeMap(StringCodec.encodeMap(map))).isEqualTo(map);
    }

    @Test
    void malformedInputFails() {
        assertThatThrownBy(() -> StringCodec.decodeList("5:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Malformed encoded list at offset 0");
        assertThatThrownBy(() -> StringCodec.decodeList("1:a2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Malformed encoded list at offset 3");
        assertThatThrownBy(() -> StringCodec.decodeMap("1:a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Malformed encoded map: odd number of items");
    }
}
