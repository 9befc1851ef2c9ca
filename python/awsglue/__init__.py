"""Epoxy's clean-room implementation of the AWS Glue ETL Python API.

The classes are thin facades over the Java runtime (``dev.epoxy.glue``) reached through py4j.
"""
