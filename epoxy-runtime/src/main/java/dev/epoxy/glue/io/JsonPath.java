package dev.epoxy.glue.io;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of JsonPath Glue's {@code jsonPath} option is used with: {@code $}, child fields
 * ({@code .name} or {@code ['name']}), array wildcards ({@code [*]}) and indexes ({@code [0]}).
 * Applied to parsed values (maps and lists).
 */
final class JsonPath implements Serializable {
    private final String expression;
    private final List<Object> steps;

    private JsonPath(String expression, List<Object> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    // Compared with equals: a deserialized copy of the path holds a different String instance.
    private static final Object WILDCARD = "[*]";

    static JsonPath parse(String expression) {
        String text = expression.trim();
        if (!text.startsWith("$")) {
            throw invalidInput("Invalid jsonPath %s: it must start with $", expression);
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw invalidInput("Invalid jsonPath %s: empty field name at %s", expression, i);
                }
                String name = text.substring(i + 1, end);
                steps.add(name.equals("*") ? WILDCARD : new Field(name));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw invalidInput("Invalid jsonPath %s: unclosed [", expression);
                }
                String inside = text.substring(i + 1, end).trim();
                if (inside.equals("*")) {
                    steps.add(WILDCARD);
                } else if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else {
                    try {
                        steps.add(Integer.parseInt(inside));
                    } catch (NumberFormatException e) {
                        throw invalidInput("Invalid jsonPath %s: unsupported selector [%s]", expression, inside);
                    }
                }
                i = end + 1;
            } else {
                throw invalidInput("Invalid jsonPath %s: unexpected %s at %s", expression, c, i);
            }
        }
        return new JsonPath(expression, List.copyOf(steps));
    }

    String expression() {
        return expression;
    }

    /** The values the path selects in a document. */
    List<Object> select(Object document) {
        List<Object> current = new ArrayList<>();
        current.add(document);
        for (Object step : steps) {
            List<Object> next = new ArrayList<>();
            for (Object value : current) {
                if (WILDCARD.equals(step)) {
                    if (value instanceof List<?> list) {
                        next.addAll(list);
                    } else if (value instanceof Map<?, ?> map) {
                        next.addAll(map.values());
                    }
                } else if (step instanceof Field field) {
                    if (value instanceof Map<?, ?> map && map.containsKey(field.name())) {
                        next.add(map.get(field.name()));
                    }
                } else if (step instanceof Integer index && value instanceof List<?> list) {
                    int position = index < 0 ? list.size() + index : index;
                    if (position >= 0 && position < list.size()) {
                        next.add(list.get(position));
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private record Field(String name) implements Serializable {}
}
