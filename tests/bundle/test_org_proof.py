"""The organisation checkpoint a kit carries (bundle/org_proof.py), checked as verify-bundle
checks it: a real hub key's signature, real RFC 9162 proofs and a real RFC 3161 token from the
local TSA; each part altered is named by its own code."""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding

from evidence_desk.bundle import org_proof
from evidence_desk.bundle.org_proof import OrgProof, ProvenEntry
from evidence_desk.integrity import merkle, signing, tsa
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk_testing.local_tsa import LocalTsa, TestPki

_ENTRIES = [("dev-a", 1), ("dev-b", 1), ("dev-a", 2), ("dev-b", 2), ("dev-a", 3), ("dev-c", 1)]


_HASHES = {key: f"{n:02d}" * 32 for n, key in enumerate(_ENTRIES, 1)}
_VERDICTS = {key: ("hub.decided" if key == ("dev-b", 2) else "") for key in _ENTRIES}


def _leaves() -> list[bytes]:
    return [org.leaf(d, s, _HASHES[(d, s)], _VERDICTS[(d, s)]) for d, s in _ENTRIES]


def _proof(pki: TestPki, tsa_url: str | None, key: Ed25519PrivateKey, witness: Any) -> OrgProof:
    leaves = _leaves()
    size = 5  # dev-c's entry came after the checkpoint: not yet covered
    checkpoint = org.OrgCheckpoint("hub-1", size, org.root_of(leaves[:size]), 9, "t")
    signed = org.sign(key, checkpoint)
    doc: dict[str, Any] = signed.as_json()
    if tsa_url is not None:
        info = tsa.request_timestamp(
            tsa_url, org.statement_digest(signed.body), trusted_roots=pki.trusted_roots
        )
        token = base64.b64encode(info.token_der).decode()
        doc["stamp"] = {"token": token, "gen_time": info.gen_time.isoformat(), "tsa": tsa_url}
    entries = tuple(
        ProvenEntry(
            d,
            s,
            _HASHES[(d, s)],
            _VERDICTS[(d, s)],
            n,
            tuple(h.hex() for h in merkle.inclusion_proof(n, leaves[:size])),
        )
        for n, (d, s) in enumerate(_ENTRIES[:size])
    )
    later = org.sign(key, org.OrgCheckpoint("hub-1", 6, org.root_of(leaves), 10, "t2"))
    witness_key, name = witness
    cosigned = {
        "witness": name,
        "checkpoint": later.as_json(),
        "signature": signing.sign(witness_key, org.WITNESS_CONTEXT, later.body.encode()),
        "consistency": [h.hex() for h in merkle.consistency_proof(size, leaves)],
    }
    roots = "".join(c.public_bytes(Encoding.PEM).decode() for c in pki.trusted_roots)
    return OrgProof(
        "hub-1",
        signing.public_key_hex(key),
        doc,
        entries,
        (("dev-c", 1),),
        (cosigned,),
        roots,
    )


def _codes(content: bytes, keys: dict[str, str]) -> list[tuple[str, str]]:
    checked = org_proof.check(content, _HASHES, _VERDICTS, keys)
    return [(f.code, f.severity) for f in checked.findings]


def test_a_stamped_checkpoint_with_proofs_and_a_later_cosignature_verifies(pki: TestPki) -> None:
    hub, lee = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    keys = {"lee": signing.public_key_hex(lee)}
    with LocalTsa(pki) as server:
        proof = _proof(pki, server.url, hub, (lee, "lee"))
    content = proof.document()
    checked = org_proof.check(content, _HASHES, _VERDICTS, keys)
    # the entry after the checkpoint is stated as not covered: a warning, nothing else
    assert [(f.code, f.severity, f.device) for f in checked.findings] == [
        ("org.uncovered", "warning", "dev-c")
    ]
    assert checked.stamp is not None and checked.stamp.digest == org.statement_digest(
        str(proof.checkpoint["body"])  # type: ignore[index]
    )
    assert proof.witness_names == ["lee"] and proof.stamp_time and not proof.covered
    # a witness the kit has no key for is unverified, not a failure
    assert ("org.witness_unverified", "warning") in _codes(content, {})

    def altered(change: Any) -> list[tuple[str, str]]:
        doc = json.loads(content)
        change(doc)
        return _codes(json.dumps(doc).encode(), keys)

    def token(doc: dict[str, Any]) -> None:
        raw = bytearray(base64.b64decode(doc["checkpoint"]["stamp"]["token"]))
        raw[-3] ^= 0x01
        doc["checkpoint"]["stamp"]["token"] = base64.b64encode(bytes(raw)).decode()

    def proof_step(doc: dict[str, Any]) -> None:
        step = doc["entries"][2]["path"][0]
        doc["entries"][2]["path"][0] = ("1" if step[0] == "0" else "0") + step[1:]

    def verdict(doc: dict[str, Any]) -> None:
        doc["entries"][3]["verdict"] = ""  # the refused entry presented as accepted

    def dropped(doc: dict[str, Any]) -> None:
        del doc["entries"][0]

    def consistency(doc: dict[str, Any]) -> None:
        doc["witnesses"][0]["consistency"] = doc["witnesses"][0]["consistency"][1:]

    def hub_key(doc: dict[str, Any]) -> None:
        doc["hub_key"] = signing.public_key_hex(Ed25519PrivateKey.generate())

    assert ("org.stamp", "error") in altered(token)
    assert altered(proof_step).count(("org.inclusion", "error")) == 1
    assert ("org.inclusion", "error") in altered(verdict)
    assert ("org.inclusion", "error") in altered(dropped)
    assert ("org.witness", "error") in altered(consistency)
    assert ("org.checkpoint", "error") in altered(hub_key)
    assert _codes(b"{", keys) == [("org.checkpoint", "error")]


def test_an_unstamped_checkpoint_states_no_time_and_no_checkpoint_covers_nothing(
    pki: TestPki,
) -> None:
    hub, lee = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    proof = _proof(pki, None, hub, (lee, "lee"))
    checked = org_proof.check(proof.document(), _HASHES, _VERDICTS, {})
    assert checked.stamp is None and proof.stamp_time == ""
    none = dataclasses.replace(proof, checkpoint=None, entries=(), witnesses=())
    found = org_proof.check(none.document(), _HASHES, _VERDICTS, {}).findings
    assert {(f.code, f.severity) for f in found} == {("org.uncovered", "warning")}
    assert len(found) == len(_ENTRIES)
