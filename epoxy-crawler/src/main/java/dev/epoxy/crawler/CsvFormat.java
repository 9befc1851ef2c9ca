package dev.epoxy.crawler;

import java.util.List;

/**
 * What the CSV classifier found in a file: its delimiter, whether its first row is a header, and
 * the header's names (empty without one).
 */
record CsvFormat(char delimiter, boolean hasHeader, List<String> header) {
    CsvFormat {
        header = List.copyOf(header);
    }
}
