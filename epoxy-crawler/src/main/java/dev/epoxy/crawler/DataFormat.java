package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What files must share to be read as one table (Glue's "data compatibility"): the classification,
 * the compression and, for CSV, the delimiter. Whether a CSV file has a header is not part of it:
 * a header is a property of the table (any file with one says the files have headers).
 *
 * @param csvDelimiter the delimiter of CSV files; empty for other classifications
 */
record DataFormat(Classification classification, boolean gzip, Optional<Character> csvDelimiter) {
    DataFormat {
        requireNonNull(classification, "classification is null");
        requireNonNull(csvDelimiter, "csvDelimiter is null");
    }

    static DataFormat of(FileClassifier.Result result) {
        return new DataFormat(result.classification(), result.gzip(), result.csv().map(CsvFormat::delimiter));
    }

    /** As error messages name it: {@code json}, {@code csv (delimiter '|', gzip)}. */
    String describe() {
        StringBuilder text = new StringBuilder(classification.parameterValue());
        if (csvDelimiter.isPresent() || gzip) {
            text.append(" (");
            csvDelimiter.ifPresent(delimiter -> text.append("delimiter '").append(delimiter == '\t' ? "\\t" : String.valueOf(delimiter)).append('\''));
            if (gzip) {
                text.append(csvDelimiter.isPresent() ? ", " : "").append("gzip");
            }
            text.append(')');
        }
        return text.toString();
    }
}
