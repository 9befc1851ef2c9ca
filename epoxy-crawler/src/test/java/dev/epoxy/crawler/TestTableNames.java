package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestTableNames {
    // printf 's3://b/x/data' | sha256sum | cut -c1-8 (and the same for s3://b/a/data)
    private static final String HASH_OF_X = "a8cbb7b0";
    private static final String HASH_OF_A = "0ebddf5c";

    private static TableNames.Candidate candidate(String location, String source) {
        return new TableNames.Candidate(location, source);
    }

    @ParameterizedTest
    @CsvSource({
            "Raw-Orders, raw_orders",
            "year=2017,  year_2017",
            "notes.csv,  notes_csv",
            "already_ok, already_ok",
            "Ünïcode 1,  _n_code_1",
    })
    void namesAreLowerCaseWithOtherCharactersAsUnderscores(String source, String name) {
        assertThat(TableNames.sanitized(source)).isEqualTo(name);
    }

    @Test
    void prefixGoesInFront() {
        assertThat(TableNames.assign(List.of(candidate("s3://b/shop/orders/", "orders"), candidate("s3://b/shop/customers/", "customers")), "raw_", Map.of()))
                .containsExactly("raw_orders", "raw_customers");
    }

    @Test
    void collidingNamesGetTheHashOfTheirLocationAndTheFirstLocationKeepsTheName() {
        List<TableNames.Candidate> candidates = List.of(candidate("s3://b/x/data/", "data"), candidate("s3://b/a/data/", "Data"));
        assertThat(TableNames.assign(candidates, "p_", Map.of())).containsExactly("p_data_" + HASH_OF_X, "p_data");
        // The same in the other order: names depend on locations only.
        assertThat(TableNames.assign(List.of(candidates.get(1), candidates.get(0)), "p_", Map.of())).containsExactly("p_data", "p_data_" + HASH_OF_X);
    }

    @Test
    void aTableTheCrawlerMadeKeepsItsNameAtItsLocation() {
        // The crawler made p_data at x before (without slash in the catalog): x keeps it, a now needs the suffix.
        List<String> names = TableNames.assign(List.of(candidate("s3://b/a/data/", "data"), candidate("s3://b/x/data/", "data")), "p_",
                Map.of("s3://b/x/data", "p_data"));
        assertThat(names).containsExactly("p_data_" + HASH_OF_A, "p_data");
    }

    @Test
    void aSuffixedNameStaysWhenTheOtherTableIsGone() {
        List<String> names = TableNames.assign(List.of(candidate("s3://b/x/data/", "data")), "p_", Map.of("s3://b/x/data/", "p_data_" + HASH_OF_X));
        assertThat(names).containsExactly("p_data_" + HASH_OF_X);
    }
}
