"""`./epoxy jupyter`: sets up the official Glue Jupyter kernel (aws-glue-sessions) to reach Epoxy, and only Epoxy.

It writes a named AWS profile whose endpoints are Epoxy's (aws_profile) and installs a kernelspec,
"Glue PySpark (Epoxy)", that runs the unmodified kernel from the project's virtualenv with that profile
and those endpoints pinned in its environment (kernelspec), so neither the user's default profile nor
anything exported in their shell can send a session to AWS.
"""
