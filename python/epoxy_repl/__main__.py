"""Entry point: ``python -m epoxy_repl``, started by the session driver JVM.

Environment:
  EPOXY_REPL_PORT, EPOXY_REPL_SECRET   the driver's loopback control socket and its secret
  EPOXY_MAX_OUTPUT_BYTES               bound of each statement's captured output
  PYSPARK_GATEWAY_PORT/_SECRET         the driver's py4j server (Spark's Py4JServer)

Protocol on the control socket, one JSON object per line:
  python → driver  {"type":"hello","secret":…}, then {"type":"ready","spark_version":…,"pid":…,"pgid":…}
                   or {"type":"failed","reason":…}; {"type":"result","id":N,"status":"ok|error|cancelled",
                   "text":…, "ename":…, "evalue":…, "traceback":[…]} per statement
  driver → python  {"type":"execute","id":N,"code":…}, {"type":"cancel","id":N}, {"type":"shutdown"}

The main thread runs statements; a control thread reads the socket and, on cancel, interrupts the
main thread with SIGINT so that sleeps and pure-Python loops raise KeyboardInterrupt. Only a
statement a cancel arrived for is ``cancelled``; a KeyboardInterrupt the user's code raises by itself
is an ``error`` like any other exception.

The interpreter leads its own process group, which the processes that statements start join. When
the interpreter ends (shutdown, or the driver gone) it ends the whole group; a driver that gives up
on a statement that ignores its cancel kills the group from outside.
"""

import faulthandler
import json
import os
import queue
import signal
import socket
import sys
import threading

from epoxy_repl.execution import Executor, StatementResult

_SHUTDOWN = object()


class ControlLink:
    def __init__(self, port, secret):
        self._socket = socket.create_connection(("127.0.0.1", port))
        self._reader = self._socket.makefile("r", encoding="utf-8", newline="\n")
        self._write_lock = threading.Lock()
        self.send({"type": "hello", "secret": secret})

    def send(self, message):
        data = (json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8")
        with self._write_lock:
            self._socket.sendall(data)

    def messages(self):
        for line in self._reader:
            if line.strip():
                yield json.loads(line)


class Repl:
    def __init__(self, link, executor):
        self._link = link
        self._executor = executor
        self._requests = queue.Queue()
        self._lock = threading.Lock()
        self._running_id = None
        self._cancel_requested_id = None
        self._cancelled_early = set()
        self._main_thread_id = threading.main_thread().ident

    def read_control(self):
        """Control thread: queues statements, turns cancels into SIGINT of the main thread."""
        try:
            for message in self._link.messages():
                kind = message.get("type")
                if kind == "execute":
                    self._requests.put(message)
                elif kind == "cancel":
                    with self._lock:
                        if self._running_id == message.get("id"):
                            self._cancel_requested_id = self._running_id
                            signal.pthread_kill(self._main_thread_id, signal.SIGINT)
                        elif self._running_id is None:
                            # The cancel overtook its statement: never start it.
                            self._cancelled_early.add(message.get("id"))
                elif kind == "shutdown":
                    break
        finally:
            self._requests.put(_SHUTDOWN)
            with self._lock:
                busy = self._running_id is not None
            if busy:
                # The driver is gone or stopping and a statement still runs: nobody will ever read
                # its result, and it must not outlive the session (think time.sleep(600)).
                end_process_group()

    def serve(self):
        while True:
            try:
                request = self._requests.get()
            except KeyboardInterrupt:
                continue  # a cancel that raced with the end of its statement
            if request is _SHUTDOWN:
                return
            statement_id = request["id"]
            try:
                result = self._run(statement_id, request["code"])
            except KeyboardInterrupt:
                # It arrived outside the user's code, e.g. while the statement was being set up.
                result = StatementResult("error", "", "KeyboardInterrupt", "", [])
            self._report(statement_id, result)

    def _report(self, statement_id, result):
        # A late SIGINT of the cancel that just ended the statement must not lose its result.
        while True:
            try:
                self._link.send(self._cancelled_if_requested(statement_id, result).to_message(statement_id))
                return
            except KeyboardInterrupt:
                continue

    def _run(self, statement_id, code):
        with self._lock:
            if statement_id in self._cancelled_early:
                self._cancelled_early.discard(statement_id)
                return StatementResult("cancelled", "", "KeyboardInterrupt", "Statement cancelled")
            self._running_id = statement_id
            self._cancel_requested_id = None
        try:
            # A previous statement may have replaced the handler (SIG_IGN, its own); a cancel needs it.
            signal.signal(signal.SIGINT, signal.default_int_handler)
            _before_statement(self._executor.namespace, statement_id)
            result = self._executor.execute(code)
        finally:
            with self._lock:
                self._running_id = None
        if result.status != "ok" and result.error_name == "KeyboardInterrupt":
            _drop_py4j_connection(self._executor.namespace)
        return result

    def _cancelled_if_requested(self, statement_id, result):
        """A statement a cancel arrived for, and that did not finish normally, was cancelled,
        whatever it raised (KeyboardInterrupt, or the error of its cancelled Spark job)."""
        with self._lock:
            cancel_requested = self._cancel_requested_id == statement_id
        if result.status != "error" or not cancel_requested:
            return result
        return StatementResult("cancelled", result.text, "KeyboardInterrupt", "Statement cancelled", result.traceback)


def _log_py4j_to_driver_log():
    """py4j logs (e.g. "KeyboardInterrupt while sending command" after a cancel) belong in the driver
    log; without a handler, Python's last-resort handler would print them into statement output."""
    import logging
    handler = logging.StreamHandler(sys.__stderr__)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("py4j")
    logger.addHandler(handler)
    logger.propagate = False


def _attach_spark():
    """Attaches PySpark to the driver's SparkContext and returns the statement namespace."""
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.java_gateway import launch_gateway
        from pyspark.sql import SparkSession
        import pyspark
    except ImportError as error:
        raise RuntimeError(
            "The Python interpreter %s cannot import pyspark (%s); install the pyspark version of the "
            "driver's Spark there, or point epoxy.session.python at a Python that has it" % (sys.executable, error))

    gateway = launch_gateway()
    jvm = gateway.jvm
    jsc = jvm.org.apache.spark.api.java.JavaSparkContext.fromSparkContext(jvm.org.apache.spark.SparkContext.getOrCreate())
    jvm_version = jsc.version()
    if jvm_version != pyspark.__version__:
        raise RuntimeError(
            "The Python package pyspark %s does not match the driver's Spark %s; install pyspark==%s for %s"
            % (pyspark.__version__, jvm_version, jvm_version, sys.executable))
    sc = SparkContext(gateway=gateway, jsc=jsc, conf=SparkConf(_jconf=jsc.getConf()))
    spark = SparkSession(sc, jvm.org.apache.spark.sql.SparkSession.active())
    # PySpark's own SIGINT handler calls cancelAllJobs() through the connection that the interrupted
    # call is still using; the driver cancels the statement's job group itself.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return {"__name__": "__main__", "__builtins__": __builtins__, "sc": sc, "spark": spark, "sqlContext": spark}


def _before_statement(namespace, statement_id):
    sc = namespace.get("sc")
    if sc is not None:
        sc.setJobGroup(str(statement_id), "Statement %d" % statement_id, interruptOnCancel=True)


def _drop_py4j_connection(namespace):
    """Closes this thread's py4j connection after a cancel, so the next statement gets a fresh one.

    An interrupt can land while a py4j call waits for its answer; that answer would then be read by
    the next call on the same connection. py4j 0.10.9.7 closes the connection itself when the
    interrupt lands inside send_command; this also covers the other places an interrupt can land.
    """
    sc = namespace.get("sc")
    if sc is None:
        return
    client = sc._gateway._gateway_client
    get_connection = getattr(client, "get_thread_connection", None)
    if get_connection is None:
        return
    connection = get_connection()
    if connection is not None and getattr(connection, "socket", None) is not None:
        connection.close(False)


def lead_own_process_group():
    """Makes this process the leader of a new process group; the processes statements start join it
    (unless they leave it on purpose), so they can be ended together with the interpreter."""
    try:
        os.setpgid(0, 0)
    except OSError as error:
        print("epoxy_repl: cannot start a process group of its own: %s" % error, file=sys.__stderr__)


def end_process_group():
    """Ends this process and, if it leads its own process group, every process left in that group."""
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if os.getpgrp() == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os._exit(0)


def main():
    lead_own_process_group()
    # Sessions have no display: pyplot must not look for one (%matplot renders with Agg anyway).
    os.environ.setdefault("MPLBACKEND", "Agg")
    port = int(os.environ["EPOXY_REPL_PORT"])
    secret = os.environ["EPOXY_REPL_SECRET"]
    max_output_bytes = int(os.environ.get("EPOXY_MAX_OUTPUT_BYTES", str(1024 * 1024)))
    link = ControlLink(port, secret)
    _log_py4j_to_driver_log()
    # `kill -USR1 <pid>` writes every thread's Python stack to the driver log: the way to see where
    # a statement is stuck.
    faulthandler.register(signal.SIGUSR1, file=sys.__stderr__, all_threads=True)
    try:
        if os.environ.get("EPOXY_REPL_WITHOUT_SPARK") == "1":
            namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        else:
            namespace = _attach_spark()
    except BaseException as error:  # noqa: B902 - report any startup failure to the driver
        link.send({"type": "failed", "reason": "%s: %s" % (type(error).__name__, error)})
        raise
    repl = Repl(link, Executor(namespace, max_output_bytes))
    control = threading.Thread(target=repl.read_control, name="epoxy-repl-control", daemon=True)
    control.start()
    sc = namespace.get("sc")
    link.send({"type": "ready", "spark_version": sc.version if sc is not None else None,
               "pid": os.getpid(), "pgid": os.getpgrp()})
    repl.serve()
    # py4j's non-daemon threads would keep a plain return waiting; the driver is stopping anyway, and
    # processes a statement left behind must not outlive the session.
    end_process_group()


if __name__ == "__main__":
    main()
