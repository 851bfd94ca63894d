"""The organisation hub: the service many devices push their ledgers to and pull from.

Nothing here imports services, the store, the GUI or the CLI: the hub runs on a server with
PostgreSQL and no desktop, and checks what devices send with the same integrity and domain code
they use themselves.
"""
