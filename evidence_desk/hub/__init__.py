"""The organisation hub: PostgreSQL storage of every device's ledger, acceptance of pushed
entries, identity and transport (see docs/ARCHITECTURE.md, "Organisation hub").

Imports integrity/ and domain/ only: never the store, the services, the CLI or Qt.
"""
