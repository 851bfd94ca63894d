"""The command line, ``evidence-desk`` (argparse): one module per group of commands.

``commands`` builds the parser and holds most commands and ``main``; ``review`` the review and
conduct commands; ``common`` what every command uses (the store and session from the
arguments, printing results). The console script is ``evidence_desk.cli:main``.
"""

from __future__ import annotations

from evidence_desk.cli.commands import main

__all__ = ["main"]
