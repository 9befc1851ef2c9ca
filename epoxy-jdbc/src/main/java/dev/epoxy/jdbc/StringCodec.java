package dev.epoxy.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes string lists and maps into one column as length-prefixed items ({@code 5:hello3:abc}), so
 * that a session or statement is still a single-row lookup. Any character, including {@code :} and
 * line breaks, round-trips; lengths count UTF-16 chars, as {@link String#length()} does.
 */
final class StringCodec {
    private StringCodec() {}

    static String encodeList(List<String> values) {
        StringBuilder builder = new StringBuilder();
        for (String value : values) {
            appendItem(builder, value);
        }
        return builder.toString();
    }

    static List<String> decodeList(String encoded) {
        List<String> values = new ArrayList<>();
        int position = 0;
        while (position < encoded.length()) {
            int colon = encoded.indexOf(':', position);
            if (colon < 0) {
                throw new IllegalArgumentException("Malformed encoded list at offset " + position);
            }
            int length = Integer.parseInt(encoded, position, colon, 10);
            int end = colon + 1 + length;
            if (length < 0 || end > encoded.length()) {
                throw new IllegalArgumentException("Malformed encoded list at offset " + position);
            }
            values.add(encoded.substring(colon + 1, end));
            position = end;
        }
        return List.copyOf(values);
    }

    /** Keys are written in sorted order so that equal maps encode equally. */
    static String encodeMap(Map<String, String> map) {
        StringBuilder builder = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            appendItem(builder, entry.getKey());
            appendItem(builder, entry.getValue());
        }
        return builder.toString();
    }

    static Map<String, String> decodeMap(String encoded) {
        List<String> items = decodeList(encoded);
        if (items.size() % 2 != 0) {
            throw new IllegalArgumentException("Malformed encoded map: odd number of items");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    private static void appendItem(StringBuilder builder, String value) {
        builder.append(value.length()).append(':').append(value);
    }
}
