package dev.epoxy.core.statement;

/** {@code Output.Status}: clients compare against the lowercase wire values {@code ok} and {@code error}. */
public enum OutputStatus {
    OK("ok"),
    ERROR("error");

    private final String wireValue;

    OutputStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }
}
