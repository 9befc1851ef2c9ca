package dev.epoxy.crawler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The table-grouping members of a crawler's {@code Configuration} JSON, e.g.
 * {@code {"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas","TableLevelConfiguration":2}}}.
 * Other members of the configuration are not read here.
 *
 * @param combineCompatibleSchemas {@code TableGroupingPolicy} {@code CombineCompatibleSchemas}: compatible
 *     folders make one table whatever their column names
 * @param tableLevel {@code TableLevelConfiguration}: the absolute level of every table's folder, the
 *     bucket being level 1; empty when tables are found by similarity
 */
record GroupingOptions(boolean combineCompatibleSchemas, OptionalInt tableLevel) {
    static final String COMBINE_COMPATIBLE_SCHEMAS = "CombineCompatibleSchemas";
    private static final ObjectMapper JSON = new ObjectMapper();

    static GroupingOptions defaults() {
        return new GroupingOptions(false, OptionalInt.empty());
    }

    /**
     * The grouping options of a crawler's configuration; the defaults when it has none or no {@code Grouping}.
     *
     * @throws CrawlException naming the member when the configuration is not JSON or a grouping member is invalid
     */
    static GroupingOptions parse(Optional<String> configuration) {
        if (configuration.isEmpty() || configuration.get().isBlank()) {
            return defaults();
        }
        JsonNode root;
        try {
            root = JSON.readTree(configuration.get());
        }
        catch (JsonProcessingException e) {
            throw new CrawlException("Invalid crawler Configuration: not a JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CrawlException("Invalid crawler Configuration: not a JSON object");
        }
        JsonNode grouping = root.path("Grouping");
        if (grouping.isMissingNode() || grouping.isNull()) {
            return defaults();
        }
        if (!grouping.isObject()) {
            throw new CrawlException("Invalid crawler Configuration: Grouping must be an object");
        }
        boolean combine = false;
        JsonNode policy = grouping.path("TableGroupingPolicy");
        if (!policy.isMissingNode() && !policy.isNull()) {
            if (!policy.isTextual() || !policy.asText().equals(COMBINE_COMPATIBLE_SCHEMAS)) {
                throw new CrawlException("Invalid crawler Configuration: Grouping.TableGroupingPolicy " + policy + " (the one policy is \""
                        + COMBINE_COMPATIBLE_SCHEMAS + "\")");
            }
            combine = true;
        }
        OptionalInt level = OptionalInt.empty();
        JsonNode tableLevel = grouping.path("TableLevelConfiguration");
        if (!tableLevel.isMissingNode() && !tableLevel.isNull()) {
            if (!tableLevel.canConvertToExactIntegral() || !tableLevel.canConvertToInt() || tableLevel.asInt() < 1) {
                throw new CrawlException("Invalid crawler Configuration: Grouping.TableLevelConfiguration " + tableLevel + " (a positive integer: the bucket is level 1)");
            }
            level = OptionalInt.of(tableLevel.asInt());
        }
        return new GroupingOptions(combine, level);
    }
}
