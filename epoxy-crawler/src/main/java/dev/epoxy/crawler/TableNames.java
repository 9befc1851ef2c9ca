package dev.epoxy.crawler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names the tables of one crawl. A table is named after its folder (or file), lower-cased, other
 * characters than {@code [a-z0-9_]} as {@code _}, with the crawler's TablePrefix in front. A table
 * whose location is that of a table the crawler made before keeps that table's name. When two tables
 * would get the same name (Glue: "the crawler adds a hash string suffix"), the one whose location
 * sorts first keeps it and each other gets {@code _} and the first 8 hex digits of the SHA-256 of
 * its location appended: the same location always gets the same name.
 */
final class TableNames {
    private TableNames() {}

    /** One table to name: where it is and the folder or file name it is named after. */
    record Candidate(String location, String nameSource) {}

    /**
     * The names of {@code candidates}, in their order.
     *
     * @param existing names of the tables the crawler made before, by location
     */
    static List<String> assign(List<Candidate> candidates, String prefix, Map<String, String> existing) {
        Map<String, String> existingByLocation = new HashMap<>();
        existing.forEach((location, name) -> existingByLocation.putIfAbsent(normalized(location), name));
        String[] names = new String[candidates.size()];
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            String kept = existingByLocation.get(normalized(candidates.get(i).location()));
            if (kept != null && taken.add(kept)) {
                names[i] = kept;
            }
        }
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                fresh.add(i);
            }
        }
        fresh.sort(Comparator.comparing(i -> candidates.get(i).location()));
        for (int i : fresh) {
            Candidate candidate = candidates.get(i);
            String name = prefix + sanitized(candidate.nameSource());
            if (!taken.add(name)) {
                name = name + "_" + hashOf(candidate.location());
                taken.add(name);
            }
            names[i] = name;
        }
        return List.of(names);
    }

    /** A folder or file name as Glue's crawlers write it into a table name. */
    static String sanitized(String source) {
        return source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    static String hashOf(String location) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized(location).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** A location without its trailing slashes, as the catalog and the crawl may spell folders either way. */
    static String normalized(String location) {
        return location.replaceAll("/+$", "");
    }
}
