"""Test infrastructure that must never ship: a local RFC 3161 TSA with unencrypted test keys.

Kept outside ``evidence_desk`` so that neither the wheel (pyproject's exact package include) nor
the frozen build (excluded in packaging/evidence-desk.spec) carries it. The tests import it, and
so does the checkout's launcher (``python3 tasks.py app``) to time-stamp the demo store.
Nothing in ``evidence_desk`` may import it.
"""
