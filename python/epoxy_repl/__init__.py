"""Epoxy's Python statement interpreter.

The session driver JVM starts ``python -m epoxy_repl``; the process attaches PySpark to the
driver's SparkContext and runs statements sent over a loopback socket (see ``__main__``).
"""
