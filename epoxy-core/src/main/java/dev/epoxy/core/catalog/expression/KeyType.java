package dev.epoxy.core.catalog.expression;

import static java.util.Locale.ROOT;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The partition key types an Expression can compare, and how each turns a partition value's text
 * into the number the store keeps in {@code value_number DECIMAL(38,9)}.
 */
enum KeyType {
    STRING,
    TINYINT,
    SMALLINT,
    INT,
    BIGINT,
    DECIMAL,
    DATE,
    TIMESTAMP;

    /** Largest magnitude the store's DECIMAL(38,9) column holds: 29 integer digits. */
    private static final BigDecimal MAX_STORED = new BigDecimal("1e29");
    private static final int STORED_SCALE = 9;
    private static final Pattern SIZED = Pattern.compile("(char|varchar|decimal|numeric)\\s*\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\)");
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** The type of a Hive type name such as {@code int}, {@code varchar(10)} or {@code decimal(10,2)}; empty for other types. */
    static Optional<KeyType> of(String typeName) {
        String type = typeName.trim().toLowerCase(ROOT);
        if (SIZED.matcher(type).matches()) {
            type = type.substring(0, type.indexOf('(')).trim();
        }
        return switch (type) {
            case "string", "char", "varchar" -> Optional.of(STRING);
            case "tinyint" -> Optional.of(TINYINT);
            case "smallint" -> Optional.of(SMALLINT);
            case "int", "integer" -> Optional.of(INT);
            case "bigint", "long" -> Optional.of(BIGINT);
            case "decimal", "numeric" -> Optional.of(DECIMAL);
            case "date" -> Optional.of(DATE);
            case "timestamp" -> Optional.of(TIMESTAMP);
            default -> Optional.empty();
        };
    }

    boolean isNumeric() {
        return this != STRING;
    }

    /** The number comparisons use for {@code text}: empty when the text is not a value of this type. */
    Optional<BigDecimal> number(String text) {
        return switch (this) {
            case STRING -> Optional.empty();
            case TINYINT -> integer(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> integer(text, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
            case DECIMAL -> decimal(text);
            case DATE -> date(text);
            case TIMESTAMP -> timestamp(text);
        };
    }

    /** A literal's number: like {@link #number} but exact (not rounded to the stored scale) and for any numeric text. */
    Optional<BigDecimal> literalNumber(String text) {
        return switch (this) {
            case STRING -> Optional.empty();
            case TINYINT, SMALLINT, INT, BIGINT, DECIMAL -> anyDecimal(text);
            case DATE -> date(text);
            case TIMESTAMP -> timestamp(text);
        };
    }

    private static Optional<BigDecimal> integer(String text, long min, long max) {
        if (!text.matches("[+-]?[0-9]{1,30}")) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(value));
    }

    private static Optional<BigDecimal> decimal(String text) {
        return anyDecimal(text)
                .map(value -> value.setScale(STORED_SCALE, RoundingMode.HALF_UP))
                .filter(value -> value.abs().compareTo(MAX_STORED) < 0)
                .map(BigDecimal::stripTrailingZeros)
                .map(KeyType::withoutNegativeScale);
    }

    static Optional<BigDecimal> anyDecimal(String text) {
        if (!text.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?")) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        // bounded so that every database compares it without overflow
        if (value.precision() - value.scale() > 38 || value.scale() > 38) {
            return Optional.empty();
        }
        return Optional.of(withoutNegativeScale(value));
    }

    private static BigDecimal withoutNegativeScale(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static Optional<BigDecimal> date(String text) {
        try {
            return Optional.of(BigDecimal.valueOf(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay()));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> timestamp(String text) {
        try {
            LocalDateTime time = LocalDateTime.parse(text, TIMESTAMP_FORMAT);
            BigDecimal seconds = BigDecimal.valueOf(time.toEpochSecond(ZoneOffset.UTC));
            BigDecimal millis = seconds.scaleByPowerOfTen(3).add(BigDecimal.valueOf(time.getNano()).scaleByPowerOfTen(-6));
            return Optional.of(withoutNegativeScale(millis.stripTrailingZeros()));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
