package dev.epoxy.glue.types;

import static dev.epoxy.glue.GlueRuntimeException.invalidInput;

/** Glue {@code decimal(precision, scale)}; Glue's default is decimal(10, 2). */
public record DecimalType(int precision, int scale) implements GlueType {
    public static final int MAX_PRECISION = 38;

    public DecimalType {
        if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
            throw invalidInput("Invalid decimal type: decimal(%s,%s)", precision, scale);
        }
    }

    public static DecimalType defaultDecimal() {
        return new DecimalType(10, 2);
    }

    @Override
    public String typeName() {
        return "decimal";
    }
}
