package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Table grouping is pure: file paths, formats and column names in, table folders out. */
class TestTableGrouper {
    private static final String INCLUDE = "s3://bucket/shop/";
    private static final DataFormat JSON = new DataFormat(Classification.JSON, false, Optional.empty());
    private static final DataFormat CSV = new DataFormat(Classification.CSV, false, Optional.of(','));
    private static final DataFormat PIPES = new DataFormat(Classification.CSV, false, Optional.of('|'));
    private static final GroupingOptions DEFAULTS = GroupingOptions.defaults();

    /** A file at {@code relative} under the include path, e.g. {@code orders/year=2026/a.json}, with these columns. */
    private static FileSummary file(String relative, DataFormat format, String columns) {
        List<String> parts = Arrays.asList(relative.split("/"));
        return new FileSummary(new DataFile(INCLUDE + relative, parts.subList(0, parts.size() - 1), 10), format, Set.of(columns.split(" ")));
    }

    private static List<TableGroup> group(GroupingOptions options, Set<String> known, FileSummary... files) {
        return TableGrouper.group(INCLUDE, List.of(files), options, known);
    }

    private static List<String> locations(List<TableGroup> groups) {
        return groups.stream().map(TableGroup::relativeLocation).toList();
    }

    @Test
    void foldersOfDifferentFormatsBecomeTablesNamedAfterThem() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(),
                file("orders/year=2026/month=01/a.json", JSON, "order_id amount"),
                file("orders/year=2026/month=02/b.json", JSON, "order_id amount"),
                file("customers/all.csv", CSV, "customer_id name"));

        assertThat(locations(groups)).containsExactly("customers/", "orders/");
        assertThat(groups.get(0).nameSource()).isEqualTo("customers");
        assertThat(groups.get(0).files()).containsExactly(new DataFile(INCLUDE + "customers/all.csv", List.of(), 10));
        // The folders below a table's folder are its partitions.
        assertThat(groups.get(1).nameSource()).isEqualTo("orders");
        assertThat(groups.get(1).files()).extracting(DataFile::folders)
                .containsExactly(List.of("year=2026", "month=01"), List.of("year=2026", "month=02"));
    }

    @Test
    void similarFoldersArePartitionsOfTheIncludePathsTable() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(),
                file("year=2025/month=12/a.json", JSON, "order_id amount"),
                file("year=2026/month=01/b.json", JSON, "order_id amount customer"));
        assertThat(locations(groups)).containsExactly("");
        assertThat(groups.get(0).nameSource()).isEqualTo("shop");
        assertThat(groups.get(0).files()).extracting(DataFile::folders)
                .containsExactly(List.of("year=2025", "month=12"), List.of("year=2026", "month=01"));
    }

    @Test
    void dissimilarSchemasSplitAndCombineCompatibleSchemasKeepsOneTable() {
        // Glue's documented example: {"A":1,"B":2} under year=2017, {"C":3,"D":4} under year=2018.
        FileSummary first = file("year=2017/data1.json", JSON, "a b");
        FileSummary second = file("year=2018/data2.json", JSON, "c d");

        List<TableGroup> split = group(DEFAULTS, Set.of(), first, second);
        assertThat(locations(split)).containsExactly("year=2017/", "year=2018/");
        assertThat(split).extracting(TableGroup::nameSource).containsExactly("year=2017", "year=2018");

        List<TableGroup> combined = group(new GroupingOptions(true, OptionalInt.empty()), Set.of(), first, second);
        assertThat(locations(combined)).containsExactly("");
    }

    @Test
    void combineCompatibleSchemasStillSplitsIncompatibleFormats() {
        List<TableGroup> groups = group(new GroupingOptions(true, OptionalInt.empty()), Set.of(),
                file("a/x.csv", CSV, "k v"), file("b/y.csv", PIPES, "k v"));
        assertThat(locations(groups)).containsExactly("a/", "b/");
    }

    @Test
    void aMajorityOfSimilarFoldersMakesOneTable() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(),
                file("day=1/a.json", JSON, "id value"), file("day=2/a.json", JSON, "id value"), file("day=3/a.json", JSON, "other thing"));
        assertThat(locations(groups)).containsExactly("");
        assertThat(groups.get(0).files()).hasSize(3);
    }

    @Test
    void filesNextToFoldersAreTablesOfTheirOwn() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(),
                file("Notes.csv", CSV, "k v"),
                file("events/day=1/a.json", JSON, "id"), file("events/day=2/a.json", JSON, "id"));
        assertThat(locations(groups)).containsExactly("Notes.csv", "events/");
        assertThat(groups.get(0).isSingleFile()).isTrue();
        assertThat(groups.get(0).nameSource()).isEqualTo("Notes.csv");
        assertThat(groups.get(0).files()).containsExactly(new DataFile(INCLUDE + "Notes.csv", List.of(), 10));
        assertThat(groups.get(1).isSingleFile()).isFalse();
    }

    @Test
    void foldersWithFilesAtDifferentDepthsAreNotPartitionsOfOneTable() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(), file("flat/a.json", JSON, "id"), file("deep/k=1/a.json", JSON, "id"));
        assertThat(locations(groups)).containsExactly("deep/", "flat/");
    }

    @Test
    void mixedFormatsInOneFolderStayOneTableForThePlannerToReject() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(), file("a.json", JSON, "id"), file("b.csv", CSV, "id x"));
        assertThat(locations(groups)).containsExactly("");
        assertThat(groups.get(0).files()).hasSize(2);
    }

    @Test
    void tableLevelPutsTablesAtThatLevelWhateverTheSchemas() {
        // s3://bucket is level 1, shop/ level 2: level 3 is every folder below the include path.
        FileSummary[] files = {
                file("x/k=1/a.json", JSON, "id"), file("x/k=2/a.json", JSON, "id"), file("y/k=1/a.json", JSON, "id")};
        assertThat(locations(group(DEFAULTS, Set.of(), files))).containsExactly("");
        assertThat(locations(group(new GroupingOptions(false, OptionalInt.of(3)), Set.of(), files))).containsExactly("x/", "y/");
        assertThat(locations(group(new GroupingOptions(false, OptionalInt.of(4)), Set.of(), files))).containsExactly("x/k=1/", "x/k=2/", "y/k=1/");
        // At or above the include path's level: one table at the include path, even over dissimilar folders.
        FileSummary[] dissimilar = {file("p/a.json", JSON, "a b"), file("q/a.json", JSON, "c d")};
        assertThat(locations(group(new GroupingOptions(false, OptionalInt.of(2)), Set.of(), dissimilar))).containsExactly("");
        assertThat(locations(group(new GroupingOptions(false, OptionalInt.of(1)), Set.of(), dissimilar))).containsExactly("");
    }

    @Test
    void knownTablesKeepTheirFilesWhenOnlyNewFoldersAreListed() {
        // Crawling new folders only: the one new folder would otherwise make a table at the include path.
        FileSummary newFolder = file("orders/year=2026/month=03/a.json", JSON, "order_id");
        assertThat(locations(group(DEFAULTS, Set.of(), newFolder))).containsExactly("");

        List<TableGroup> groups = group(DEFAULTS, Set.of("orders/", "customers/"), newFolder);
        assertThat(locations(groups)).containsExactly("orders/");
        assertThat(groups.get(0).files()).extracting(DataFile::folders).containsExactly(List.of("year=2026", "month=03"));
    }

    @Test
    void aKnownFileTableSplitsItsFolder() {
        List<TableGroup> groups = group(DEFAULTS, Set.of("notes.csv"), file("notes.csv", CSV, "k v"));
        assertThat(locations(groups)).containsExactly("notes.csv");
    }

    @Test
    void aKnownTableAtTheIncludePathTakesEveryFile() {
        List<TableGroup> groups = group(DEFAULTS, Set.of(""), file("p/a.json", JSON, "a b"), file("q/a.json", JSON, "c d"));
        assertThat(locations(groups)).containsExactly("");
    }

    @Test
    void levelsCountTheBucketAsOne() {
        assertThat(TableGrouper.levelOf("s3://bucket/")).isEqualTo(1);
        assertThat(TableGrouper.levelOf("s3://bucket")).isEqualTo(1);
        assertThat(TableGrouper.levelOf("s3://bucket/a/b/")).isEqualTo(3);
        assertThat(TableGrouper.levelOf("file:/srv/x/")).isEqualTo(2);
        assertThat(TableGrouper.levelOf("file:///srv/x")).isEqualTo(2);
    }

    @Test
    void noFilesNoTables() {
        assertThat(TableGrouper.group(INCLUDE, List.of(), DEFAULTS, Set.of())).isEmpty();
    }
}
