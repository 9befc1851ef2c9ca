package dev.epoxy.cli;

import java.util.List;

/**
 * {@code ./epoxy notebook-to-job NOTEBOOK.ipynb --job-name NAME ...} (see {@link NotebookToJobOptions#USAGE} and
 * docs/notebook-to-job.md). Exit codes: 0 done, 1 a step failed (one line on stderr says which and why), 2 a wrong
 * command line.
 */
public final class NotebookToJobMain {
    private NotebookToJobMain() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.println(NotebookToJobOptions.USAGE);
            return 0;
        }
        NotebookToJobOptions options;
        try {
            options = NotebookToJobOptions.parse(args);
        }
        catch (NotebookToJobOptions.UsageException e) {
            System.err.println("epoxy notebook-to-job: " + e.getMessage());
            System.err.println(NotebookToJobOptions.USAGE);
            return 2;
        }
        try {
            new NotebookToJobCommand(options, System.out).run();
            return 0;
        }
        catch (NotebookToJobCommand.CommandException e) {
            System.err.println("epoxy notebook-to-job: " + e.getMessage());
            return 1;
        }
        catch (RuntimeException e) {
            // A bug of the command, not of the notebook: still one line, with what Java says about it.
            System.err.println("epoxy notebook-to-job: unexpected error: " + e);
            return 1;
        }
    }
}
