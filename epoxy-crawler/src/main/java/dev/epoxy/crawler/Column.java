package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

/** A table column as Glue stores it: a lower-case name and a Hive type string. */
record Column(String name, String type) {
    Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
