"""The custody table names a payload value sealed under the case key, never its ciphertext."""

from __future__ import annotations

import json

from evidence_desk.bundle.pdf import _summary
from evidence_desk.integrity.ledger import Entry

CIPHER = "edk1:q83vEjRWeJq83vEjRWeJq83vEjRWeJ"


def _entry(payload: dict[str, object]) -> Entry:
    return Entry(
        7, "2026-01-05T01:00:00Z", "alice", "contact.attach", json.dumps(payload), "", "", "", ""
    )


def test_sealed_values_are_named_in_the_bundles_language() -> None:
    entry = _entry(
        {
            "contact_id": "C-1",
            "note": CIPHER,
            "files": [{"role": "identity_proof", "file_name": CIPHER, "sha256": "ab" * 32}],
        }
    )
    english, chinese = _summary(entry, "en"), _summary(entry, "zh_CN")
    assert "edk1:" not in english and "edk1:" not in chinese
    assert "note=sealed" in english and "sealed abababab" in english
    assert "已加密封存" in chinese
    assert "C-1" in english  # a value in clear is printed as it is
