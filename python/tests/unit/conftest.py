import os
import sys

# The packages under python/ (epoxy_repl, …) are imported from the source tree, wherever pytest runs.
_PYTHON_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
if _PYTHON_ROOT not in sys.path:
    sys.path.insert(0, _PYTHON_ROOT)
