"""Evidence Desk: court-ready chat evidence for collection teams."""

__version__ = "0.1.0"
