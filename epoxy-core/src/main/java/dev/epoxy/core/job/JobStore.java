package dev.epoxy.core.job;

import java.util.List;
import java.util.Optional;

/**
 * Durable home of jobs, their runs and their bookmark history (their tags are in the ARN-keyed
 * {@link dev.epoxy.core.tag.TagStore}). Thread-safe; every method fails with {@code INTERNAL} when the
 * database cannot be reached.
 */
public interface JobStore {
    /** @throws dev.epoxy.core.EpoxyException {@code ALREADY_EXISTS} if a job with this name exists */
    void createJob(Job job);

    Optional<Job> findJob(String name);

    /** Up to {@code limit} jobs whose names sort after {@code afterName} (from the first when empty), by name. */
    List<Job> listJobs(Optional<String> afterName, int limit);

    /** Replaces the stored job's document and times. @return whether the job exists */
    boolean updateJob(Job job);

    /** Deletes the job with its runs and bookmark history. @return whether a job was deleted */
    boolean deleteJob(String name);

    /**
     * Adds a run, unless {@code maxActiveRuns} runs of its job are already active
     * ({@link JobRunState#isActive()}); the count and the insert are one atomic step.
     *
     * @return whether the run was added
     * @throws dev.epoxy.core.EpoxyException {@code JOB_NOT_FOUND} when its job does not exist
     */
    boolean createRun(JobRun run, int maxActiveRuns);

    Optional<JobRun> findRun(String jobName, String runId);

    /** Up to {@code limit} runs of the job, newest first, after the run {@code afterRunId} (from the newest when empty). */
    List<JobRun> listRuns(String jobName, Optional<String> afterRunId, int limit);

    /** Every active run of every job (for recovery after a restart). */
    List<JobRun> listActiveRuns();

    /** Replaces the stored run if its state is still {@code expected}. @return whether it was replaced */
    boolean updateRun(JobRun run, JobRunState expected);

    /**
     * Replaces the stored run if its state is still {@code expected} and, in the same transaction, appends
     * {@code bookmark} when given: a run's success and its bookmark are stored together or not at all.
     *
     * @return whether the run was replaced (and the bookmark appended)
     */
    boolean endRun(JobRun run, JobRunState expected, Optional<BookmarkUpdate.Commit> bookmark);

    /** The job's current bookmark entry (its newest version); empty when nothing was ever committed or reset. */
    Optional<JobBookmarkEntry> findBookmark(String jobName);

    /** The newest entry that run {@code runId} committed. */
    Optional<JobBookmarkEntry> findBookmarkOfRun(String jobName, String runId);

    /**
     * Appends a version to the job's bookmark and returns it.
     *
     * @throws dev.epoxy.core.EpoxyException {@code ENTITY_NOT_FOUND} for a rewind to a run that committed nothing;
     *     {@code JOB_NOT_FOUND} when the job does not exist
     */
    JobBookmarkEntry appendBookmark(String jobName, BookmarkUpdate update);
}
