package dev.epoxy.spark.catalog.read;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * Chooses which of the files a listing found are read: job bookmarks pass one so that a read opens
 * only the files added since the last committed run. A {@link GlueCatalogFileIndex} calls it once
 * per listing, after partition pruning, with the files of every selected partition.
 */
@FunctionalInterface
public interface InputFileFilter {
    /** Every listed file is read. */
    InputFileFilter ALL = listed -> listed;

    /**
     * The files to read, a subset of {@code listed}; an empty list means nothing is read (the scan
     * is empty, with the table's schema). May be called more than once per read (each Spark action
     * plans the scan again).
     */
    List<FileStatus> select(List<FileStatus> listed);
}
