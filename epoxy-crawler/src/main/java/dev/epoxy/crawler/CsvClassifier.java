package dev.epoxy.crawler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Glue's built-in CSV classifier rules, applied to the first lines of a file. A file is CSV when one
 * of the delimiters comma, pipe, tab, semicolon and Ctrl-A splits every sampled row into the same
 * number (at least two) of columns. The first row is a header when (Glue's documented rules):
 * every column in it parses as a STRING (no number or boolean), every column but the last has fewer
 * than 150 characters, none is empty, and the header is sufficiently different from the data rows:
 * at least one data row has a column that parses as other than STRING. With all columns STRING the
 * first row is data, and the columns are named {@code col0}, {@code col1}…
 */
final class CsvClassifier {
    static final char[] DELIMITERS = {',', '|', '\t', ';', '\u0001'};
    private static final int MAX_HEADER_COLUMN_LENGTH = 150;

    private CsvClassifier() {}

    /** The CSV format of these lines (the file's first ones, the last possibly cut), if they are CSV. */
    static Optional<CsvFormat> classify(List<String> lines) {
        List<String> rows = lines.stream().filter(line -> !line.isBlank()).toList();
        if (rows.size() < 1) {
            return Optional.empty();
        }
        for (char delimiter : DELIMITERS) {
            List<List<String>> split = rows.stream().map(row -> split(row, delimiter)).toList();
            int columns = split.get(0).size();
            if (columns < 2 || !split.stream().allMatch(row -> row.size() == columns)) {
                continue;
            }
            List<String> first = split.get(0);
            boolean hasHeader = isHeader(first, split.subList(1, split.size()));
            return Optional.of(new CsvFormat(delimiter, hasHeader, hasHeader ? first.stream().map(String::strip).toList() : List.of()));
        }
        return Optional.empty();
    }

    static boolean isHeader(List<String> first, List<List<String>> data) {
        for (int i = 0; i < first.size(); i++) {
            String column = first.get(i).strip();
            if (column.isEmpty() || !isString(column)) {
                return false;
            }
            if (i < first.size() - 1 && column.length() >= MAX_HEADER_COLUMN_LENGTH) {
                return false;
            }
        }
        return data.stream().anyMatch(row -> row.stream().anyMatch(value -> !value.isBlank() && !isString(value.strip())));
    }

    /** Whether a value parses only as STRING: not an integer, a decimal number or a boolean. */
    static boolean isString(String value) {
        String unquoted = unquote(value);
        if (unquoted.equalsIgnoreCase("true") || unquoted.equalsIgnoreCase("false")) {
            return false;
        }
        try {
            Double.parseDouble(unquoted);
            // Double parses "NaN" and "Infinity", which a CSV reader keeps as strings.
            return unquoted.equalsIgnoreCase("nan") || unquoted.toLowerCase(java.util.Locale.ROOT).contains("infinity");
        }
        catch (NumberFormatException e) {
            return true;
        }
    }

    /** Splits one row on the delimiter outside double quotes (RFC 4180 quoting, "" as an escaped quote). */
    static List<String> split(String row, char delimiter) {
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                }
                else {
                    quoted = !quoted;
                }
            }
            else if (c == delimiter && !quoted) {
                columns.add(current.toString());
                current.setLength(0);
            }
            else {
                current.append(c);
            }
        }
        columns.add(current.toString());
        return columns;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
