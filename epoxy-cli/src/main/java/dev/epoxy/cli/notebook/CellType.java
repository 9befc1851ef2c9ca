package dev.epoxy.cli.notebook;

import java.util.Optional;

/** The three cell types of nbformat 4. */
public enum CellType {
    CODE("code"),
    MARKDOWN("markdown"),
    RAW("raw");

    private final String jsonName;

    CellType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The {@code cell_type} value Jupyter writes. */
    public String jsonName() {
        return jsonName;
    }

    static Optional<CellType> fromJsonName(String name) {
        for (CellType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
