package dev.epoxy.spark.catalog.write;

import dev.epoxy.spark.catalog.CatalogException;
import java.util.Locale;

/** What a catalog-updating write does to the table schema (Glue's {@code updateBehavior}). */
public enum UpdateBehavior {
    /** The table's columns become the written frame's columns; new partitions are added. */
    UPDATE_IN_DATABASE,
    /** The table's columns stay; differences are logged; new partitions are added. */
    LOG;

    /**
     * Glue's spelling, case-insensitive; blank means {@link #UPDATE_IN_DATABASE}, Glue's default.
     *
     * @throws CatalogException INVALID_INPUT for another value
     */
    public static UpdateBehavior parse(String value) {
        if (value == null || value.isBlank()) {
            return UPDATE_IN_DATABASE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CatalogException.invalidInput("Invalid updateBehavior: %s (use UPDATE_IN_DATABASE or LOG)", value);
        }
    }
}
