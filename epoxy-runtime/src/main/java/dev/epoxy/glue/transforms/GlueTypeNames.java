package dev.epoxy.glue.transforms;

import dev.epoxy.glue.types.AtomicType;
import dev.epoxy.glue.types.DecimalType;
import dev.epoxy.glue.types.GlueType;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type names as ApplyMapping and {@code cast:} write them: Glue's names ({@code int}, {@code long},
 * {@code decimal(p,s)}, ...), case-insensitive, plus the Hive aliases Glue Studio and crawlers emit
 * ({@code bigint}, {@code smallint}, {@code tinyint}, {@code integer}, {@code char}, {@code
 * varchar}).
 */
public final class GlueTypeNames {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final Pattern SIZED_STRING = Pattern.compile("(?:var)?char\\s*\\(\\s*\\d+\\s*\\)");

    private GlueTypeNames() {}

    /** Whether the name is a complex type ({@code struct}, {@code array}, {@code map}, ...): values keep their type. */
    public static boolean isComplex(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        return normalized.equals("struct") || normalized.equals("array") || normalized.equals("map")
                || normalized.equals("set") || normalized.equals("choice") || normalized.startsWith("array<")
                || normalized.startsWith("struct<") || normalized.startsWith("map<");
    }

    /** The atomic or decimal type with this name; empty if the name is unknown or complex. */
    public static Optional<GlueType> parse(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(normalized);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > DecimalType.MAX_PRECISION || scale > precision) {
                return Optional.empty();
            }
            return Optional.of(new DecimalType(precision, scale));
        }
        if (SIZED_STRING.matcher(normalized).matches()) {
            return Optional.of(AtomicType.STRING);
        }
        return switch (normalized) {
            case "string", "varchar", "char" -> Optional.of(AtomicType.STRING);
            case "byte", "tinyint" -> Optional.of(AtomicType.BYTE);
            case "short", "smallint" -> Optional.of(AtomicType.SHORT);
            case "int", "integer" -> Optional.of(AtomicType.INT);
            case "long", "bigint" -> Optional.of(AtomicType.LONG);
            case "float", "real" -> Optional.of(AtomicType.FLOAT);
            case "double" -> Optional.of(AtomicType.DOUBLE);
            case "boolean", "bool" -> Optional.of(AtomicType.BOOLEAN);
            case "date" -> Optional.of(AtomicType.DATE);
            case "timestamp" -> Optional.of(AtomicType.TIMESTAMP);
            case "timestampntz", "timestamp_ntz" -> Optional.of(AtomicType.TIMESTAMP_NTZ);
            case "binary" -> Optional.of(AtomicType.BINARY);
            case "decimal" -> Optional.of(DecimalType.defaultDecimal());
            case "null" -> Optional.of(AtomicType.NULL);
            default -> Optional.empty();
        };
    }
}
