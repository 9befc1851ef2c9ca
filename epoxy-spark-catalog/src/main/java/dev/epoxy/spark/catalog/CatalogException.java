package dev.epoxy.spark.catalog;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

/**
 * What a driver's view of the Data Catalog throws: a table that does not exist, a table Spark cannot
 * read (its format, its location), bad options. The {@link Kind} lets the Glue runtime and the Spark
 * SQL catalog turn it into their own errors ({@code awsglue} raises the Python exception of the kind).
 */
public final class CatalogException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** A database, table or location that does not exist. */
        NOT_FOUND,
        /** A bad argument or table definition. */
        INVALID_INPUT,
        /** A table definition or option Epoxy cannot read or write yet. */
        NOT_SUPPORTED,
        /** The Glue API answered with an error or could not be reached. */
        CATALOG_ERROR,
    }

    private final Kind kind;

    public CatalogException(Kind kind, String messageFormat, Object... args) {
        super(format(messageFormat, args));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public CatalogException(Kind kind, Throwable cause, String messageFormat, Object... args) {
        super(format(messageFormat, args), cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }

    // Called from Python via py4j: awsglue/_jvm.py chooses the Python exception by this name.
    public String kindName() {
        return kind.name();
    }

    public static CatalogException notFound(String messageFormat, Object... args) {
        return new CatalogException(Kind.NOT_FOUND, messageFormat, args);
    }

    public static CatalogException invalidInput(String messageFormat, Object... args) {
        return new CatalogException(Kind.INVALID_INPUT, messageFormat, args);
    }

    public static CatalogException notSupported(String messageFormat, Object... args) {
        return new CatalogException(Kind.NOT_SUPPORTED, messageFormat, args);
    }
}
