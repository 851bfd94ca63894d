"""``python -m evidence_desk.cli``: the same command line as ``python -m evidence_desk``."""

from evidence_desk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
