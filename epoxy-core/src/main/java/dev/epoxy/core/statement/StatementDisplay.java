package dev.epoxy.core.statement;

import static java.util.Objects.requireNonNull;

/**
 * Rich output of a statement, what a final {@code %matplot} or {@code %plotly} line rendered: Glue's
 * {@code StatementOutputData.MimeType} and {@code Result}.
 *
 * @param mimeType e.g. {@code image/png;base64}, whose {@code data} is base64 text, or {@code text/html}
 */
public record StatementDisplay(String mimeType, String data) {
    public StatementDisplay {
        requireNonNull(mimeType, "mimeType is null");
        requireNonNull(data, "data is null");
    }
}
