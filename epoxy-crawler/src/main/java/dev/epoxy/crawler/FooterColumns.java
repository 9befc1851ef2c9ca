package dev.epoxy.crawler;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * The top-level column names (lower-case) of a Parquet, ORC or Avro file, from its footer or
 * header alone, with the readers Spark itself ships: what table grouping compares, without a Spark
 * job per file.
 */
final class FooterColumns {
    private final Configuration hadoopConf;

    FooterColumns(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    /**
     * The column names of a binary file; empty for other classifications.
     *
     * @throws CrawlException naming the file when its footer or header cannot be read
     */
    Set<String> namesOf(DataFile file, Classification classification) {
        Path path = new Path(file.uri());
        Set<String> names = new LinkedHashSet<>();
        try {
            switch (classification) {
                case PARQUET -> {
                    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, hadoopConf))) {
                        for (Type field : reader.getFileMetaData().getSchema().getFields()) {
                            names.add(field.getName().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                case ORC -> {
                    try (Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(hadoopConf))) {
                        reader.getSchema().getFieldNames().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
                    }
                }
                case AVRO -> {
                    try (FSDataInputStream in = path.getFileSystem(hadoopConf).open(path);
                            DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
                        for (Schema.Field field : stream.getSchema().getFields()) {
                            names.add(field.name().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                case JSON, CSV, UNKNOWN -> {
                    return Set.of();
                }
            }
        }
        catch (IOException | RuntimeException e) {
            throw new CrawlException("Unreadable " + classification.parameterValue() + " file " + file.uri() + ": " + e.getMessage(), e);
        }
        return names;
    }
}
