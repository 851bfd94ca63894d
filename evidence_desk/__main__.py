"""``python -m evidence_desk``: the command line (``evidence-desk``)."""

from evidence_desk.cli import main

if __name__ == "__main__":  # not when a spawned worker process imports this module
    raise SystemExit(main())
