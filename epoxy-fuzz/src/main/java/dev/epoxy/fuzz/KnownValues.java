package dev.epoxy.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values that name things the server has (a session the fuzzer created, its ARN), by the model shape they
 * belong to, so that generated requests reach past "not found" into the real code paths.
 */
final class KnownValues {
    private final Map<String, List<String>> byShape = new ConcurrentHashMap<>();

    /** At most this many values per shape, the first ones learnt. */
    static final int MAX_VALUES_PER_SHAPE = 32;

    void add(String shapeName, String value) {
        List<String> values = byShape.computeIfAbsent(shapeName, name -> new ArrayList<>());
        synchronized (values) {
            if (values.size() < MAX_VALUES_PER_SHAPE && !values.contains(value)) {
                values.add(value);
            }
        }
    }

    List<String> valuesOf(String shapeName) {
        List<String> values = byShape.get(shapeName);
        if (values == null) {
            return List.of();
        }
        synchronized (values) {
            return List.copyOf(values);
        }
    }
}
