package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestPartitionLayout {
    private static DataFile file(String... folders) {
        return new DataFile("s3://b/t/" + String.join("/", folders) + "/f.json", List.of(folders), 10);
    }

    @Test
    void hiveStyleFoldersNameTheKeys() {
        DataFile first = file("year=2026", "month=02");
        PartitionLayout layout = PartitionLayout.of(List.of(first, file("year=2025", "month=12")));
        assertThat(layout.keys()).containsExactly("year", "month");
        assertThat(layout.valuesOf(first)).containsExactly("2026", "02");
        assertThat(layout.folderOf(first)).isEqualTo("year=2026/month=02/");
    }

    @Test
    void plainFoldersArePartitionsNumberedFromZero() {
        DataFile first = file("2026", "02");
        PartitionLayout layout = PartitionLayout.of(List.of(first, file("2025", "12")));
        assertThat(layout.keys()).containsExactly("partition_0", "partition_1");
        assertThat(layout.valuesOf(first)).containsExactly("2026", "02");
    }

    @Test
    void mixedStylesAtOneLevelAreNumbered() {
        DataFile hive = file("year=2026", "month=01");
        DataFile plain = file("2025", "month=12");
        PartitionLayout layout = PartitionLayout.of(List.of(hive, plain));
        assertThat(layout.keys()).containsExactly("partition_0", "month");
        assertThat(layout.valuesOf(hive)).containsExactly("year=2026", "01");
    }

    @Test
    void filesAtTheIncludePathMeanNoPartitions() {
        assertThat(PartitionLayout.of(List.of(file(), file("year=2026"))).keys()).isEmpty();
    }

    @Test
    void deeperFoldersBelongToThePartitionAboveThem() {
        DataFile deep = file("year=2026", "extra");
        PartitionLayout layout = PartitionLayout.of(List.of(file("year=2025"), deep));
        assertThat(layout.keys()).containsExactly("year");
        assertThat(layout.folderOf(deep)).isEqualTo("year=2026/");
    }

    @Test
    void keysAreLowerCase() {
        assertThat(PartitionLayout.of(List.of(file("Year=2026"))).keys()).containsExactly("year");
    }
}
