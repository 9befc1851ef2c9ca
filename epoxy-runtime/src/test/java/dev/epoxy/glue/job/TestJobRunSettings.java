package dev.epoxy.glue.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.epoxy.glue.GlueRuntimeException;
import dev.epoxy.glue.bookmark.BookmarkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestJobRunSettings {
    @Test
    void keysAreTheLaunchersStrings() {
        // The same strings as dev.epoxy.core.job.JobRunConf (the runtime does not depend on epoxy-core).
        assertThat(JobRunSettings.JOB_NAME).isEqualTo("spark.epoxy.job.name");
        assertThat(JobRunSettings.RUN_ID).isEqualTo("spark.epoxy.job.run-id");
        assertThat(JobRunSettings.BOOKMARK_OPTION).isEqualTo("spark.epoxy.job.bookmark-option");
        assertThat(JobRunSettings.BOOKMARK_STATE_FILE).isEqualTo("spark.epoxy.job.bookmark-state-file");
        assertThat(JobRunSettings.BOOKMARK_TO_STATE_FILE).isEqualTo("spark.epoxy.job.bookmark-to-state-file");
        assertThat(JobRunSettings.BOOKMARK_COMMIT_FILE).isEqualTo("spark.epoxy.job.bookmark-commit-file");
    }

    @Test
    void noSettingsMeansBookmarksDisabled() {
        assertThat(JobRunSettings.from(key -> Optional.empty())).isEqualTo(JobRunSettings.none());
        assertThat(JobRunSettings.none().bookmarkOption()).isEqualTo(BookmarkOption.DISABLE);
    }

    @Test
    void readsEverySetting() {
        Map<String, String> conf = Map.of(
                JobRunSettings.JOB_NAME, "orders",
                JobRunSettings.RUN_ID, "jr_7",
                JobRunSettings.BOOKMARK_OPTION, "job-bookmark-pause",
                JobRunSettings.BOOKMARK_STATE_FILE, "/runs/jr_7/from.json",
                JobRunSettings.BOOKMARK_TO_STATE_FILE, "file:///runs/jr_7/to.json",
                JobRunSettings.BOOKMARK_COMMIT_FILE, " ");
        assertThat(JobRunSettings.from(key -> Optional.ofNullable(conf.get(key)))).isEqualTo(new JobRunSettings(Optional.of("orders"),
                Optional.of("jr_7"), BookmarkOption.PAUSE, Optional.of(Path.of("/runs/jr_7/from.json")),
                Optional.of(Path.of("/runs/jr_7/to.json")), Optional.empty()));
    }

    @Test
    void unknownBookmarkOptionIsAnError() {
        assertThatThrownBy(() -> JobRunSettings.from(key -> key.equals(JobRunSettings.BOOKMARK_OPTION)
                ? Optional.of("job-bookmark-sometimes") : Optional.empty()))
                .isInstanceOf(GlueRuntimeException.class)
                .hasMessage("Invalid --job-bookmark-option: job-bookmark-sometimes; use job-bookmark-enable, job-bookmark-disable, "
                        + "job-bookmark-pause");
    }
}
