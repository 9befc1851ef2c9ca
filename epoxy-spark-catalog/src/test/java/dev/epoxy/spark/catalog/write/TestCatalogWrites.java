package dev.epoxy.spark.catalog.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.spark.catalog.CatalogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

class TestCatalogWrites {
    @TempDir
    Path directory;

    @Test
    void partitionDirectoriesAreTheKeyValueLeavesInKeyOrder() throws IOException {
        Files.createDirectories(directory.resolve("year=2026/month=01"));
        Files.createDirectories(directory.resolve("year=2026/month=a%2Fb"));
        Files.createDirectories(directory.resolve("year=2025/month=12"));
        Files.createDirectories(directory.resolve("year=2025/_temporary"));
        Files.createDirectories(directory.resolve("_SUCCESS_dir"));
        Files.createDirectories(directory.resolve("year=2024"));
        List<List<String>> found = CatalogWrites.partitionDirectories(new Configuration(),
                new org.apache.hadoop.fs.Path(directory.toUri()), List.of("year", "month"));
        assertThat(found).containsExactlyInAnyOrder(List.of("2026", "01"), List.of("2026", "a/b"), List.of("2025", "12"));
    }

    @Test
    void partitionInputCopiesTheTableStorageAtTheHiveStyleLocation() {
        Table table = Table.builder().databaseName("db").name("t")
                .partitionKeys(Column.builder().name("year").type("string").build(), Column.builder().name("month").type("string").build())
                .storageDescriptor(StorageDescriptor.builder().location("s3://bucket/t/").inputFormat("in")
                        .columns(Column.builder().name("id").type("int").build()).build())
                .build();
        PartitionInput input = CatalogWrites.partitionInput(table, List.of("2026", "02"));
        assertThat(input.values()).containsExactly("2026", "02");
        assertThat(input.storageDescriptor().location()).isEqualTo("s3://bucket/t/year=2026/month=02");
        assertThat(input.storageDescriptor().inputFormat()).isEqualTo("in");
        assertThat(input.storageDescriptor().columns()).isEqualTo(table.storageDescriptor().columns());
    }

    @Test
    void updateBehaviorParsesGlueSpellings() {
        assertThat(UpdateBehavior.parse("update_in_database")).isEqualTo(UpdateBehavior.UPDATE_IN_DATABASE);
        assertThat(UpdateBehavior.parse("")).isEqualTo(UpdateBehavior.UPDATE_IN_DATABASE);
        assertThat(UpdateBehavior.parse("LOG")).isEqualTo(UpdateBehavior.LOG);
        assertThatThrownBy(() -> UpdateBehavior.parse("MERGE"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Invalid updateBehavior: MERGE (use UPDATE_IN_DATABASE or LOG)");
    }
}
