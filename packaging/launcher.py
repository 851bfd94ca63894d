"""Entry point of the frozen app (PyInstaller runs this file as ``__main__``).

Without arguments the desktop app starts, as a double-click on the installed program expects;
with arguments it is the same command line as ``evidence-desk`` (including ``--self-test``).
"""

from __future__ import annotations

import multiprocessing
import sys

from evidence_desk.cli import main

if __name__ == "__main__":
    # verify checks signatures in spawned worker processes; in a frozen build each worker is
    # this executable started again, and this call turns it into the worker
    multiprocessing.freeze_support()
    arguments = sys.argv[1:] or ["gui"]
    raise SystemExit(main(arguments))
