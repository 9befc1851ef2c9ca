package dev.epoxy.glue.bookmark;

/** The state of one bookmarked source (one {@code transformation_ctx}) after a committed run. */
public sealed interface SourceBookmark permits S3Bookmark, JdbcBookmark {
    /** The {@code kind} member of the state JSON: {@code s3} or {@code jdbc}. */
    String kind();
}
