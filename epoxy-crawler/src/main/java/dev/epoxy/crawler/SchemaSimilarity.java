package dev.epoxy.crawler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Epoxy's rule for Glue's "the schemas at a folder level are similar" (Glue documents the idea, not
 * a formula). Two column-name sets are <em>similar</em> when one contains the other (a schema that
 * grew or lost columns over time) or when their Jaccard index |A ∩ B| / |A ∪ B| is at least
 * {@value #MIN_JACCARD}. The folders of one level are <em>mostly similar</em> when the largest
 * group of folders linked by similarity (connected components of the "similar" relation) holds a
 * strict majority of them.
 */
final class SchemaSimilarity {
    static final double MIN_JACCARD = 0.7;

    private SchemaSimilarity() {}

    static boolean similar(Set<String> first, Set<String> second) {
        if (first.containsAll(second) || second.containsAll(first)) {
            return true;
        }
        Set<String> common = new HashSet<>(first);
        common.retainAll(second);
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return (double) common.size() / all.size() >= MIN_JACCARD;
    }

    /** Whether more than half of these schemas (one per folder) are linked by similarity. */
    static boolean mostlySimilar(List<Set<String>> schemas) {
        if (schemas.isEmpty()) {
            return false;
        }
        // Folders of one table usually share one schema: compare each distinct schema once.
        Map<Set<String>, Integer> counts = new LinkedHashMap<>();
        schemas.forEach(schema -> counts.merge(Set.copyOf(schema), 1, Integer::sum));
        List<Set<String>> distinct = new ArrayList<>(counts.keySet());
        int[] parent = new int[distinct.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < distinct.size(); i++) {
            for (int j = i + 1; j < distinct.size(); j++) {
                if (similar(distinct.get(i), distinct.get(j))) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<Integer, Integer> componentSizes = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            componentSizes.merge(root(parent, i), counts.get(distinct.get(i)), Integer::sum);
        }
        int largest = componentSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return largest * 2 > schemas.size();
    }

    private static int root(int[] parent, int i) {
        int at = i;
        while (parent[at] != at) {
            parent[at] = parent[parent[at]];
            at = parent[at];
        }
        return at;
    }
}
