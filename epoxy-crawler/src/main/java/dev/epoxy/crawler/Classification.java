package dev.epoxy.crawler;

/** The built-in classifiers Epoxy applies, by the name Glue writes in a table's {@code classification}. */
enum Classification {
    JSON("json"),
    CSV("csv"),
    PARQUET("parquet"),
    ORC("orc"),
    AVRO("avro"),
    UNKNOWN("UNKNOWN");

    private final String parameterValue;

    Classification(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** The value of the table parameter {@code classification}. */
    String parameterValue() {
        return parameterValue;
    }
}
