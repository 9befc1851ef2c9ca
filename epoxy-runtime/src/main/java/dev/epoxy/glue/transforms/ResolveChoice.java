package dev.epoxy.glue.transforms;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;
import static dev.epoxy.glue.GlueRuntimeException.notSupported;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.DynamicFrame;
import dev.epoxy.glue.StageContext;
import dev.epoxy.glue.types.ArrayType;
import dev.epoxy.glue.types.ChoiceType;
import dev.epoxy.glue.types.Field;
import dev.epoxy.glue.types.GlueType;
import dev.epoxy.glue.types.SparkTypes;
import dev.epoxy.glue.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * ResolveChoice (reference §2.3): per-path {@code specs} and/or one {@code choice} action for every
 * other choice of the schema. Actions:
 *
 * <ul>
 *   <li>{@code cast:<type>}: the value of whichever alternative a record holds, cast; values that
 *       cannot be cast become null;
 *   <li>{@code project:<type>}: keeps only the values of that alternative, the others become null
 *       (the Scala documentation's wording; see docs/runtime-transforms.md);
 *   <li>{@code make_cols}: one field {@code <name>_<type>} per alternative, in place;
 *   <li>{@code make_struct}: a struct with one field per alternative named by type;
 *   <li>{@code match_catalog} (as {@code choice} only): each choice is cast to the type of the column at
 *       the same path in a catalog table ({@link #applyMatchingCatalog}); choices whose column the table
 *       lacks, or whose catalog type is complex, stay choices.
 * </ul>
 *
 * A spec on a field that is not a choice applies to the field's single type (a cast really casts).
 */
public final class ResolveChoice {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Spec(FieldPath path, String action) {}

    private ResolveChoice() {}

    public static DynamicFrame apply(DynamicFrame frame, String specsJson, String choice, String database, String tableName,
            StageContext stage) {
        List<Spec> specs = parse(specsJson);
        boolean hasChoice = choice != null && !choice.isEmpty();
        if (specs.isEmpty() && !hasChoice) {
            throw invalidInput("Parameter specs and option are both missing, add one.");
        }
        for (Spec spec : specs) {
            checkAction(spec.action(), "spec " + spec.path());
        }
        if (hasChoice) {
            checkAction(choice, "choice");
        }
        List<NamedColumn> columns = NamedColumn.columnsOf(frame);
        Set<String> specified = new LinkedHashSet<>();
        for (Spec spec : specs) {
            columns = StructRewriter.rewrite(columns, spec.path(), true, field -> resolve(field, spec.action(), spec.path()))
                    .orElseThrow(() -> invalidInput("No such field for resolveChoice spec: %s", spec.path()));
            specified.add(String.join(".", spec.path().names()));
        }
        if (hasChoice) {
            List<FieldPath> choicePaths = new ArrayList<>();
            collectChoices(NamedColumn.structType(columns), new ArrayList<>(), choicePaths);
            for (FieldPath path : choicePaths) {
                if (specified.contains(String.join(".", path.names()))) {
                    continue;
                }
                columns = StructRewriter.rewrite(columns, path, true, field -> resolve(field, choice, path)).orElseThrow();
            }
        }
        if (columns.equals(NamedColumn.columnsOf(frame))) {
            return frame.derive(frame.dataset(), stage);
        }
        return frame.derive(NamedColumn.select(frame.dataset(), columns), stage);
    }

    /** Whether {@code choice} is {@code match_catalog}, which needs the catalog table's schema. */
    public static boolean isMatchCatalog(String choice) {
        return choice != null && choice.trim().equalsIgnoreCase("match_catalog");
    }

    /**
     * ResolveChoice with {@code choice="match_catalog"}: the {@code specsJson} specs, then every other choice
     * cast to the type of the same path in {@code catalogSchema} (a table's Spark schema).
     */
    public static DynamicFrame applyMatchingCatalog(DynamicFrame frame, String specsJson,
            org.apache.spark.sql.types.StructType catalogSchema, StageContext stage) {
        List<Spec> specs = parse(specsJson);
        Set<String> specified = new LinkedHashSet<>();
        com.fasterxml.jackson.databind.node.ArrayNode combined = MAPPER.createArrayNode();
        for (Spec spec : specs) {
            specified.add(String.join(".", spec.path().names()));
            combined.addArray().add(spec.path().toString()).add(spec.action());
        }
        List<FieldPath> choicePaths = new ArrayList<>();
        collectChoices(frame.schema(), new ArrayList<>(), choicePaths);
        for (FieldPath path : choicePaths) {
            if (specified.contains(String.join(".", path.names()))) {
                continue;
            }
            Optional<DataType> catalogType = typeAt(catalogSchema, path.segments());
            if (catalogType.isPresent() && GlueTypeNames.parse(catalogType.get().catalogString()).isPresent()) {
                combined.addArray().add(pathText(path.segments())).add("cast:" + catalogType.get().catalogString());
            }
        }
        if (combined.isEmpty()) {
            return frame.derive(frame.dataset(), stage);
        }
        return apply(frame, combined.toString(), "", null, null, stage);
    }

    private static Optional<DataType> typeAt(org.apache.spark.sql.types.StructType schema, List<FieldPath.Segment> segments) {
        DataType current = schema;
        for (FieldPath.Segment segment : segments) {
            if (!(current instanceof org.apache.spark.sql.types.StructType struct)) {
                return Optional.empty();
            }
            Optional<DataType> field = java.util.Arrays.stream(struct.fields())
                    .filter(candidate -> candidate.name().equalsIgnoreCase(segment.name()))
                    .map(org.apache.spark.sql.types.StructField::dataType)
                    .findFirst();
            if (field.isEmpty()) {
                return Optional.empty();
            }
            current = field.get();
            if (segment.array()) {
                if (!(current instanceof org.apache.spark.sql.types.ArrayType array)) {
                    return Optional.empty();
                }
                current = array.elementType();
            }
        }
        return Optional.of(current);
    }

    private static String pathText(List<FieldPath.Segment> segments) {
        List<String> parts = new ArrayList<>();
        for (FieldPath.Segment segment : segments) {
            parts.add(FieldPath.quoteIfNeeded(segment.name()) + (segment.array() ? "[]" : ""));
        }
        return String.join(".", parts);
    }

    private static List<Spec> parse(String specsJson) {
        List<Spec> specs = new ArrayList<>();
        if (specsJson == null || specsJson.isBlank()) {
            return specs;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(specsJson);
        } catch (JsonProcessingException e) {
            throw invalidInput("Invalid specs: %s", specsJson);
        }
        for (JsonNode spec : root) {
            if (!spec.isArray() || spec.size() != 2 || !spec.get(0).isTextual() || !spec.get(1).isTextual()) {
                throw invalidInput("specs must be (path, action) tuples of strings, got %s", spec);
            }
            specs.add(new Spec(FieldPath.parse(spec.get(0).asText()), spec.get(1).asText()));
        }
        return specs;
    }

    private static void checkAction(String action, String where) {
        String lower = action.toLowerCase(Locale.ROOT);
        if (lower.equals("match_catalog")) {
            throw invalidInput("match_catalog is only a choice, not a spec action (%s): pass choice=\"match_catalog\" with "
                    + "database and table_name", where);
        }
        if (lower.equals("make_cols") || lower.equals("make_struct")) {
            return;
        }
        if (lower.startsWith("cast:") || lower.startsWith("project:")) {
            String type = action.substring(action.indexOf(':') + 1);
            if (GlueTypeNames.parse(type).isEmpty()) {
                throw invalidInput("Invalid resolveChoice action '%s' in %s: unknown type '%s'", action, where, type);
            }
            return;
        }
        throw invalidInput("Invalid resolveChoice action '%s' in %s: must be cast:<type>, project:<type>, make_cols, "
                + "make_struct or match_catalog", action, where);
    }

    private static void collectChoices(StructType struct, List<FieldPath.Segment> prefix, List<FieldPath> paths) {
        for (Field field : struct.fields()) {
            collectChoices(field.type(), append(prefix, new FieldPath.Segment(field.name(), false)), paths);
        }
    }

    private static void collectChoices(GlueType type, List<FieldPath.Segment> path, List<FieldPath> paths) {
        if (type instanceof ChoiceType) {
            paths.add(new FieldPath(path.toString(), path));
        } else if (type instanceof StructType struct) {
            collectChoices(struct, path, paths);
        } else if (type instanceof ArrayType array) {
            List<FieldPath.Segment> asArray = new ArrayList<>(path);
            FieldPath.Segment last = asArray.remove(asArray.size() - 1);
            asArray.add(new FieldPath.Segment(last.name(), true));
            if (array.elementType() instanceof ChoiceType) {
                paths.add(new FieldPath(asArray.toString(), asArray));
            } else if (array.elementType() instanceof StructType struct) {
                collectChoices(struct, asArray, paths);
            }
        }
    }

    private static List<FieldPath.Segment> append(List<FieldPath.Segment> prefix, FieldPath.Segment segment) {
        List<FieldPath.Segment> path = new ArrayList<>(prefix);
        path.add(segment);
        return path;
    }

    private static List<NamedColumn> resolve(NamedColumn field, String action, FieldPath path) {
        String lower = action.toLowerCase(Locale.ROOT);
        List<GlueType> alternatives = field.type() instanceof ChoiceType choice ? choice.choices() : List.of(field.type());
        if (lower.equals("make_struct")) {
            if (!(field.type() instanceof ChoiceType)) {
                return List.of(field);
            }
            List<Field> fields = alternatives.stream().map(type -> new Field(type.typeName(), type)).toList();
            return List.of(new NamedColumn(field.name(), field.value(), new StructType(fields)));
        }
        if (lower.equals("make_cols")) {
            if (!(field.type() instanceof ChoiceType)) {
                return List.of(field);
            }
            List<NamedColumn> columns = new ArrayList<>();
            for (GlueType alternative : alternatives) {
                columns.add(new NamedColumn(field.name() + "_" + alternative.typeName(),
                        field.value().getField(alternative.typeName()), alternative));
            }
            return columns;
        }
        String typeName = action.substring(action.indexOf(':') + 1);
        GlueType target = GlueTypeNames.parse(typeName).orElseThrow();
        DataType sparkTarget = SparkTypes.toSpark(target);
        if (lower.startsWith("cast:")) {
            List<Column> casts = new ArrayList<>();
            for (GlueType alternative : alternatives) {
                Column value = field.type() instanceof ChoiceType ? field.value().getField(alternative.typeName()) : field.value();
                casts.add(alternative.equals(target) ? value : Casts.cast(value, sparkTarget));
            }
            Column value = casts.size() == 1 ? casts.get(0) : functions.coalesce(casts.toArray(new Column[0]));
            return List.of(new NamedColumn(field.name(), value, target));
        }
        Optional<GlueType> kept = alternatives.stream().filter(type -> type.typeName().equals(target.typeName())).findFirst();
        Column value;
        if (kept.isEmpty()) {
            value = functions.lit(null).cast(sparkTarget);
        } else {
            Column alternative = field.type() instanceof ChoiceType ? field.value().getField(target.typeName()) : field.value();
            value = kept.get().equals(target) ? alternative : Casts.cast(alternative, sparkTarget);
        }
        return List.of(new NamedColumn(field.name(), value, target));
    }
}
