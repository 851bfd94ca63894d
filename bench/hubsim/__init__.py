"""The organisation hub at scale: ``bench/hub.py --devices 500`` (bench/hubsim/scale.py).

Simulated laptops (async HTTP clients with their own keys, device ids and ledgers), supervisors
and staff deciding contact requests in real stores, legal devices pulling, against a real hub
over TLS on a throwaway PostgreSQL cluster.
"""
