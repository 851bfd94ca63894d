"""RFC 3161 stamps of the organisation checkpoints (``hub serve --tsa URL --tsa-ca FILE``).

A checkpoint proves what the hub held; a time-stamp proves *when* it held it, so a hub cannot
later sign a back-dated history and pass it off as older. The token's imprint is
``org_checkpoints.statement_digest``: SHA-256 of exactly what the hub signed (context and text).

Stamping never blocks or fails a push: the push path only signs the checkpoint; the background
task of hub/org_clock.py stamps every checkpoint that has no token yet, oldest first, and stops
at the first failure (the TSA down, or an answer that does not verify against ``--tsa-ca``:
nothing of it is stored). The rest stays queued and is tried again later, with a doubling
pause. Tokens are kept in the append-only ``org_checkpoint_stamps`` and served with the
checkpoint (``stamp``: the token in base64, its genTime, the TSA's URL and ``certs``, the
certificate path the token verified by against ``--tsa-ca`` as PEM, signer first and root
last). The hub publishes that path so that a device whose store does not know the hub's TSA
can still carry everything a court's ``openssl ts -verify`` needs besides the TSA's published
root; it proves nothing by itself (a court checks against the root the TSA publishes).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import psycopg
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from evidence_desk.domain.errors import UsageError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.integrity import tsa

Conn = psycopg.Connection[tuple[Any, ...]]

#: environment equivalents of ``--tsa`` and ``--tsa-ca`` (a systemd unit's Environment=)
TSA_ENV: Final = "EVIDENCE_DESK_HUB_TSA"
TSA_CA_ENV: Final = "EVIDENCE_DESK_HUB_TSA_CA"
#: checkpoints stamped per round at most (a long queue drains over a few rounds)
_BATCH: Final = 100

_said = Catalogue(
    {
        "hub.tsa_ca_missing": "--tsa needs --tsa-ca: the root certificate or "
        "certificates that the TSA's answers must chain to",
        "hub.tsa_ca_unreadable": "{path}: not readable PEM certificates ({error})",
    }
)


@dataclass(frozen=True, slots=True)
class StampAuthority:
    """The TSA the hub asks, and the roots its answers must chain to."""

    url: str
    roots: Sequence[x509.Certificate]
    timeout: float = 10.0

    @classmethod
    def configured(cls, url: str | None, ca: Path | None) -> StampAuthority | None:
        """From the options, or else the environment (None: no TSA, checkpoints unstamped)."""
        url = url or os.environ.get(TSA_ENV) or None
        ca_text = str(ca) if ca is not None else os.environ.get(TSA_CA_ENV, "")
        if url is None:
            return None
        if not ca_text:
            raise UsageError(_said("hub.tsa_ca_missing"))
        try:
            roots = x509.load_pem_x509_certificates(Path(ca_text).read_bytes())
        except (OSError, ValueError) as error:
            raise UsageError(_said("hub.tsa_ca_unreadable", path=ca_text, error=error)) from None
        return cls(url, roots)


def stamp_json(token: bytes, gen_time: str, url: str, certs: str = "") -> dict[str, str]:
    """How a stamp travels with its checkpoint (``certs`` only when the hub recorded them: a
    token stamped before schema version 3 has none)."""
    out = {"token": base64.b64encode(token).decode("ascii"), "gen_time": gen_time, "tsa": url}
    return out | ({"certs": certs} if certs else {})


def stamp_of(conn: Conn, size: int) -> dict[str, str] | None:
    """The stamp of the checkpoint of ``size`` (None: not stamped yet)."""
    row = conn.execute(
        "SELECT token, gen_time, tsa_url, certs FROM org_checkpoint_stamps WHERE size = %s",
        (size,),
    ).fetchone()
    if row is None:
        return None
    return stamp_json(bytes(row[0]), row[1].isoformat(), str(row[2]), str(row[3]))


def _certs_pem(info: tsa.TimestampInfo) -> str:
    return "".join(
        x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM).decode("ascii")
        for der in info.cert_chain_der
    )


def _pending(conn: Conn) -> list[tuple[int, str]]:
    rows = conn.execute(
        "SELECT c.size, c.body FROM org_checkpoints c WHERE NOT EXISTS "
        "(SELECT 1 FROM org_checkpoint_stamps s WHERE s.size = c.size) ORDER BY c.size LIMIT %s",
        (_BATCH,),
    ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _record(conn: Conn, size: int, info: tsa.TimestampInfo, url: str) -> None:
    conn.execute(
        "INSERT INTO org_checkpoint_stamps (size, token, gen_time, tsa_url, certs) "
        "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (size, info.token_der, info.gen_time, url, _certs_pem(info)),
    )


def _keep(repo: HubRepository, size: int, info: tsa.TimestampInfo, url: str) -> None:
    repo.in_transaction(lambda conn: _record(conn, size, info, url))


def stamp_pending(repo: HubRepository, authority: StampAuthority) -> bool:
    """Stamp the checkpoints that have no token yet, oldest first. False when the TSA failed
    (unreachable, or an answer that does not verify): the rest stays queued."""
    for size, body in repo.in_transaction(_pending):
        try:
            info = tsa.request_timestamp(
                authority.url,
                org.statement_digest(body),
                trusted_roots=authority.roots,
                timeout=authority.timeout,
            )
        except tsa.TsaError:
            return False
        _keep(repo, size, info, authority.url)
    return True
