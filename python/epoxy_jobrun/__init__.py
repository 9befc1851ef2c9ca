"""Runs one Glue job script the way AWS Glue does: as ``__main__``, with the job's arguments in
``sys.argv``, the awsglue runtime on the path, and, when it raises, the traceback on stderr and
``{"type": ..., "message": ...}`` in the file named by ``EPOXY_JOBRUN_ERROR_FILE`` (read by the server
to build the run's ErrorMessage). See docs/jobs-runs.md."""
