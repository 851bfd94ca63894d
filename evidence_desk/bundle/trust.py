"""Whom ``verify-bundle`` trusts: TSA roots and organisation keys from outside the kit.

A kit proves that it is internally consistent: every digest, Merkle proof and signature checks
against material the kit itself carries. That is not enough for a court. The kit also carries the
TSA root certificates its time-stamp tokens are checked against and the public keys its
signatures are checked with, so anyone who builds a made-up store (with their own users and
their own TSA) and exports it gets a kit that is just as consistent. What tells a genuine kit
from such a one can only come from outside it:

- **TSA roots**: the Mozilla root list shipped with the app (the ``certifi`` package; public
  TSAs such as DigiCert, Sectigo or GlobalSign chain to those roots), PEM files shipped in
  ``evidence_desk/data/tsa-roots/`` (an organisation adds its own TSA's root there when it
  packages the app), ``--tsa-roots FILE`` and the per-user pinned folder ``tsa-roots/*.pem``.
  Each token has already been checked fully against the roots inside the kit; here its chain is
  built again to these roots only. A token that chains only to a root inside the kit is
  untrusted: whoever made the kit chose that root.
- **Organisation keys**: the signer keys the organisation publishes (``evidence-desk org-keys``
  writes that list, :data:`ORG_KEYS_FORMAT`), given with ``--org-key FILE`` or pinned in the
  per-user folder ``org-keys/*.json``. Every signer the kit relies on — everyone in
  ``keys/users.json``, every entry and checkpoint signer, approval cosigners, the tag manifest's
  and the declaration's signer, the exporting user — must be pinned by the fingerprint of the
  very key the kit checked their signatures with, under their name and for the kit's store.

The per-user folder is ``EVIDENCE_DESK_CONFIG_DIR`` when set, else ``%APPDATA%\\EvidenceDesk``
(Windows), ``~/Library/Application Support/EvidenceDesk`` (macOS) or
``$XDG_CONFIG_HOME/evidence-desk`` (elsewhere; ``~/.config`` by default).

This module only judges trust; the integrity checks stay in ``verify_kit``, which calls
:func:`assess` once everything else is checked.
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.utils import CryptographyDeprecationWarning

from evidence_desk.bundle import kit
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue, Phrase, semicolon_list
from evidence_desk.integrity import ledger, signing, tsa

# A few roots of the Mozilla list (Go Daddy and Starfield G2, SECOM RootCA2, HARICA 2015) have a
# serial number of zero, which cryptography accepts with a deprecation warning on every parse;
# Starfield ran a public TSA, so they stay trusted, without a warning on each check.
warnings.filterwarnings(
    "ignore", "Parsed a serial number which wasn't positive", CryptographyDeprecationWarning
)

ORG_KEYS_FORMAT = "evidence-desk/org-keys/v1"
CONFIG_ENV = "EVIDENCE_DESK_CONFIG_DIR"
SHIPPED_ROOTS = Path(__file__).resolve().parents[1] / "data" / "tsa-roots"

# Every line verify-bundle prints about trust, and every reason a kit is untrusted, is worded
# here (codes trust.*): the CLI prints the English, the GUI's verify panel says them in Chinese.
_said = Catalogue(
    {
        # where trust comes from
        "trust.from_mozilla": "the Mozilla root list shipped with the app (certifi {version})",
        "trust.from_mozilla_missing": "the Mozilla root list (not installed: the certifi "
        "package is missing)",
        "trust.from_app": "the TSA roots shipped with the app in {path}",
        "trust.from_tsa_roots": "the TSA roots file {path}",
        "trust.from_org_key": "the organisation key list {path}",
        "trust.from_pinned": "the pinned folder {path}",
        "trust.from_pinned_file": "the pinned file {path}",
        "trust.count_from": "{count} from {source}",
        "trust.keys_from": "{count} {count:key|keys} of {organisation} (store {store}) from "
        "{source}",
        "trust.roots_line": "trusted TSA roots from outside the kit: {sources}",
        "trust.keys_line": "pinned organisation keys: {sources}",
        "trust.nothing": "none",
        # each token and each signer
        "trust.token_trusted": "token {file}: issued by {issuer} at {gen_time}; chains to "
        "{root}: trusted ({source})",
        "trust.token_untrusted": "token {file}: issued by {issuer} at {gen_time}: NOT trusted: "
        "{reason}",
        "trust.signer_pinned": "signer {name} ({role}), key {fingerprint}: pinned ({source}); "
        "{duties}",
        "trust.signer_unpinned": "signer {name} ({role}), key {fingerprint}: NOT pinned "
        "({reason}); {duties}",
        "trust.duty_listed": "listed in keys/users.json",
        "trust.duty_entries": "signed ledger entries {seqs}",
        "trust.duty_checkpoint": "signed checkpoint {size}",
        "trust.duty_cosigned": "cosigned the approvals in entries {seqs}",
        "trust.duty_tag_manifest": "signed the tag manifest",
        "trust.duty_declaration": "signed the declaration",
        "trust.duty_producer": "exported the bundle",
        # why a kit is untrusted
        "trust.kit_root_only": "it chains only to {root}, a root inside the kit",
        "trust.no_roots": "it chains only to {root}, a root inside the kit (and no TSA roots "
        "from outside the kit are configured)",
        "trust.external_failed": "it chains to {root} inside the kit; against the trusted "
        "roots: {error}",
        "trust.not_pinned": "no pinned organisation key has this fingerprint",
        "trust.other_name": "this key is pinned for {pinned}, not for {name}",
        "trust.other_store": "this key is pinned for store {pinned_store}, the kit is from "
        "store {store}",
        "trust.reason_token": "token {file} ({issuer}): {why}",
        "trust.reason_signer": "signer {name} ({role}, key {short}…): {why}",
        "trust.hub_pinned": "organisation hub {hub_id}, checkpoint key {fingerprint}: pinned "
        "({source})",
        "trust.hub_unpinned": "organisation hub {hub_id}, checkpoint key {fingerprint}: not in "
        "any published key list's hub keys",
        "trust.reason_hub": "the organisation hub's key {short}… that signed the checkpoint is "
        "not in a published key list",
        "trust.reason_hub_list_predates": "the organisation hub's key {short}… that signed the "
        "checkpoint cannot be checked: the key list {file} predates hub keys (it names none); "
        "the organisation must export it again with `evidence-desk org-keys --out FILE` and "
        "publish that file",
        # the trust inputs
        "trust.unreadable": "cannot read: {error}",
        "trust.no_certificate": "no PEM certificate in it",
        "trust.not_pem": "not PEM certificates: {error}",
        "trust.org_format": "not an organisation key list (format {expected} expected)",
        "trust.org_user": "not a user with a name and keys",
        "trust.org_public_key": "the public key is not 64 hex digits",
        "trust.org_fingerprint": "the fingerprint does not match the public key",
    }
)


# -- where the trust inputs are -----------------------------------------------------------------


def config_dir() -> Path:
    """The per-user settings folder that holds the pinned ``tsa-roots/`` and ``org-keys/``."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "EvidenceDesk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "EvidenceDesk"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "evidence-desk"


def pinned_roots_dir() -> Path:
    return config_dir() / "tsa-roots"


def pinned_keys_dir() -> Path:
    return config_dir() / "org-keys"


# -- the trust inputs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrustSource:
    """One place trusted material came from: ``kind`` is mozilla, app, tsa-roots (option),
    org-key (option) or pinned; ``count`` roots or keys were read from it."""

    kind: str
    path: str
    count: int
    version: str = ""  # the Mozilla list's (certifi's) version
    organisation: str = ""  # an organisation key list's organisation and store
    store_id: str = ""
    #: an organisation key list written before hub keys existed (session 13) has no
    #: ``hub_keys`` at all: it cannot vouch for any hub key, however current its users are
    names_hub_keys: bool = True

    @property
    def described(self) -> Phrase:
        if self.kind == "mozilla":
            if not self.version:
                return _said("trust.from_mozilla_missing")
            return _said("trust.from_mozilla", version=self.version)
        if self.kind == "app":
            return _said("trust.from_app", path=self.path)
        if self.kind == "tsa-roots":
            return _said("trust.from_tsa_roots", path=self.path)
        if self.kind == "org-key":
            return _said("trust.from_org_key", path=self.path)
        if self.path.endswith(".json"):  # one organisation key list of the pinned folder
            return _said("trust.from_pinned_file", path=self.path)
        return _said("trust.from_pinned", path=self.path)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "path": self.path,
            "count": self.count,
            "described": str(self.described),
        }
        if self.kind == "mozilla":
            out["version"] = self.version or None
        if self.kind in ("org-key", "pinned") and (self.organisation or self.store_id):
            out["organisation"] = self.organisation
            out["store_id"] = self.store_id
        return out


@dataclass(frozen=True, slots=True)
class TrustedRoot:
    certificate: x509.Certificate
    source: TrustSource


@dataclass(frozen=True, slots=True)
class PinnedKey:
    """One key of an organisation's published list: ``fingerprint`` in its normal spelling
    (:func:`signing.normal_fingerprint`); an empty ``store_id`` pins the key for any store."""

    name: str
    role: str
    public_key: str
    fingerprint: str
    organisation: str
    store_id: str
    source: TrustSource


@dataclass(frozen=True, slots=True)
class PinnedHubKey:
    """An organisation hub's receipt key in a published key list (``hub_keys``): the key that
    signs the organisation checkpoints an organisation's kit carries."""

    hub_id: str
    public_key: str
    source: TrustSource


@dataclass(frozen=True, slots=True)
class TrustAnchors:
    """Everything trusted from outside the kit, with where each piece came from."""

    roots: tuple[TrustedRoot, ...] = ()
    keys: tuple[PinnedKey, ...] = ()
    root_sources: tuple[TrustSource, ...] = ()
    key_sources: tuple[TrustSource, ...] = ()
    hub_keys: tuple[PinnedHubKey, ...] = ()

    @classmethod
    def load(
        cls,
        tsa_roots: Sequence[Path] = (),
        org_keys: Sequence[Path] = (),
        *,
        shipped: bool = True,
        pinned: bool = True,
    ) -> TrustAnchors:
        """The shipped trust list and folder (``shipped``), the given files, and the per-user
        pinned folder (``pinned``). A given or pinned file that cannot be used raises
        ``BadInput`` naming it: a verifier must not get "untrusted" because of a typo."""
        roots: list[TrustedRoot] = []
        root_sources: list[TrustSource] = []

        def add_roots(kind: str, where: Path, certificates: list[x509.Certificate]) -> None:
            source = TrustSource(kind, str(where), len(certificates))
            root_sources.append(source)
            roots.extend(TrustedRoot(c, source) for c in certificates)

        if shipped:
            version, bundle = _mozilla_roots()
            certificates = _read_trust_list(bundle) if bundle is not None else []
            source = TrustSource("mozilla", str(bundle or ""), len(certificates), version)
            root_sources.append(source)
            roots.extend(TrustedRoot(c, source) for c in certificates)
            add_roots("app", SHIPPED_ROOTS, _read_folder(SHIPPED_ROOTS))
        for path in tsa_roots:
            add_roots("tsa-roots", path, _read_pem(path))
        if pinned:
            add_roots("pinned", pinned_roots_dir(), _read_folder(pinned_roots_dir()))
        keys: list[PinnedKey] = []
        key_sources: list[TrustSource] = []
        hub_keys: list[PinnedHubKey] = []
        files = [("org-key", p) for p in org_keys]
        if pinned and pinned_keys_dir().is_dir():
            files += [("pinned", p) for p in sorted(pinned_keys_dir().glob("*.json"))]
        for kind, path in files:
            source, found, hubs = _read_org_keys(kind, path)
            key_sources.append(source)
            keys.extend(found)
            hub_keys.extend(hubs)
        if pinned and not any(s.kind == "pinned" for s in key_sources):
            key_sources.append(TrustSource("pinned", str(pinned_keys_dir()), 0))
        return cls(
            tuple(roots), tuple(keys), tuple(root_sources), tuple(key_sources), tuple(hub_keys)
        )

    def root_source(self, der: bytes) -> TrustSource | None:
        for root in self.roots:
            if root.certificate.public_bytes(Encoding.DER) == der:
                return root.source
        return None


def _mozilla_roots() -> tuple[str, Path | None]:
    """(certifi's version, its cacert.pem), or ("", None) when it is not installed.

    certifi is a dependency; this only keeps a broken installation from failing every check
    (the trust lines then say the list is missing, and public TSAs' tokens are untrusted)."""
    try:
        import certifi
    except ImportError:
        return "", None
    return str(getattr(certifi, "__version__", "?")), Path(certifi.where())


def _read_trust_list(path: Path) -> list[x509.Certificate]:
    """Every certificate of a shipped root list that this ``cryptography`` can use.

    Certificates are read one by one: the list carries a few old roots that ``cryptography``
    warns about (a serial that is not positive, see the filter above) and may refuse in a later
    release, and one such root must not cost every other one."""
    try:
        text = path.read_bytes()
    except OSError:
        return []
    out: list[x509.Certificate] = []
    for block in _PEM_BLOCK.findall(text):
        try:
            out.append(x509.load_pem_x509_certificate(block))
        except ValueError:
            continue
    return out


_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def _read_pem(path: Path) -> list[x509.Certificate]:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise BadInput(
            str(path), "", _said("trust.unreadable", error=error.strerror or error)
        ) from None
    try:
        certificates = x509.load_pem_x509_certificates(content) if content.strip() else []
    except ValueError as error:
        raise BadInput(str(path), "", _said("trust.not_pem", error=error)) from None
    if not certificates:
        raise BadInput(str(path), "", _said("trust.no_certificate"))
    return certificates


def _read_folder(folder: Path) -> list[x509.Certificate]:
    """Every ``*.pem`` in the folder (none when it does not exist: nothing pinned yet)."""
    if not folder.is_dir():
        return []
    return [c for path in sorted(folder.glob("*.pem")) for c in _read_pem(path)]


def _read_org_keys(
    kind: str, path: Path
) -> tuple[TrustSource, list[PinnedKey], list[PinnedHubKey]]:
    try:
        doc = json.loads(path.read_bytes())
    except OSError as error:
        raise BadInput(
            str(path), "", _said("trust.unreadable", error=error.strerror or error)
        ) from None
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or doc.get("format") != ORG_KEYS_FORMAT:
        raise BadInput(str(path), "", _said("trust.org_format", expected=ORG_KEYS_FORMAT))
    organisation = str(doc.get("organisation") or "")
    store_id = str(doc.get("store_id") or "")
    found: list[tuple[str, str, str]] = []  # name, role, public key
    for number, user in enumerate(doc.get("users") or []):
        where = f"users[{number}]"
        if not isinstance(user, dict) or not isinstance(user.get("name"), str):
            raise BadInput(str(path), where, _said("trust.org_user"))
        keys = [user, *(k for k in user.get("earlier_keys") or [] if isinstance(k, dict))]
        for key in keys:
            public = str(key.get("public_key", ""))
            try:
                if len(bytes.fromhex(public)) != 32:
                    raise ValueError(public)
            except ValueError:
                raise BadInput(str(path), where, _said("trust.org_public_key")) from None
            stated = signing.normal_fingerprint(str(key.get("fingerprint", "")))
            if stated != signing.normal_fingerprint(signing.fingerprint(public)):
                raise BadInput(str(path), where, _said("trust.org_fingerprint"))
            found.append((user["name"], str(user.get("role", "")), public.lower()))
    hubs: list[tuple[str, str]] = []  # hub id, public key
    for number, hub in enumerate(doc.get("hub_keys") or []):
        public = str(hub.get("public_key", "")) if isinstance(hub, dict) else ""
        try:
            if len(bytes.fromhex(public)) != 32:
                raise ValueError(public)
        except ValueError:
            raise BadInput(
                str(path), f"hub_keys[{number}]", _said("trust.org_public_key")
            ) from None
        stated = signing.normal_fingerprint(str(hub.get("fingerprint", "")))
        if stated != signing.normal_fingerprint(signing.fingerprint(public)):
            raise BadInput(str(path), f"hub_keys[{number}]", _said("trust.org_fingerprint"))
        hubs.append((str(hub.get("hub_id", "")), public.lower()))
    source = TrustSource(
        kind, str(path), len(found), "", organisation, store_id, names_hub_keys="hub_keys" in doc
    )
    pinned_hubs = [PinnedHubKey(hub_id, public, source) for hub_id, public in hubs]
    pinned_keys = [
        PinnedKey(
            name,
            role,
            public,
            signing.normal_fingerprint(signing.fingerprint(public)),
            organisation,
            store_id,
            source,
        )
        for name, role, public in found
    ]
    return source, pinned_keys, pinned_hubs


# -- what the kit relies on ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckedToken:
    """A token ``verify_kit`` verified against the roots inside the kit, and what that took."""

    file: str
    token_der: bytes
    digest: bytes
    kit_certificates: tuple[x509.Certificate, ...]  # the kit's roots and intermediates
    info: tsa.TimestampInfo


@dataclass(frozen=True, slots=True)
class TokenTrust:
    file: str
    issuer: str
    gen_time: str
    serial_number: int
    kit_root: str  # the root inside the kit the token's chain ends at
    trusted_root: str | None  # the root from outside the kit it chains to
    source: TrustSource | None
    reason: Phrase | None  # why it is not trusted

    @property
    def trusted(self) -> bool:
        return self.reason is None

    @property
    def line(self) -> Phrase:
        if self.reason is None and self.source is not None:
            return _said(
                "trust.token_trusted",
                file=self.file,
                issuer=self.issuer,
                gen_time=self.gen_time,
                root=self.trusted_root,
                source=self.source.described,
            )
        return _said(
            "trust.token_untrusted",
            file=self.file,
            issuer=self.issuer,
            gen_time=self.gen_time,
            reason=self.reason,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "issuer": self.issuer,
            "gen_time": self.gen_time,
            "serial_number": self.serial_number,
            "kit_root": self.kit_root,
            "trusted": self.trusted,
            "trusted_root": self.trusted_root,
            "trusted_by": self.source.as_json() if self.source else None,
            "reason": self.reason,
        }


@dataclass
class _Reliance:
    """What the kit relies on one (name, key) for."""

    listed: bool = False
    entries: list[int] = field(default_factory=list)
    checkpoints: list[int] = field(default_factory=list)
    cosigned: list[int] = field(default_factory=list)
    tag_manifest: bool = False
    declaration: bool = False
    producer: bool = False

    def duties(self) -> list[Phrase]:
        out = []
        if self.producer:
            out.append(_said("trust.duty_producer"))
        if self.tag_manifest:
            out.append(_said("trust.duty_tag_manifest"))
        if self.declaration:
            out.append(_said("trust.duty_declaration"))
        out += [_said("trust.duty_checkpoint", size=size) for size in self.checkpoints]
        if self.entries:
            out.append(_said("trust.duty_entries", seqs=_ranges(self.entries)))
        if self.cosigned:
            out.append(_said("trust.duty_cosigned", seqs=_ranges(self.cosigned)))
        if self.listed:
            out.append(_said("trust.duty_listed"))
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "producer": self.producer,
            "tag_manifest": self.tag_manifest,
            "declaration": self.declaration,
            "checkpoints": self.checkpoints,
            "entries": self.entries,
            "cosigned_entries": self.cosigned,
            "listed": self.listed,
        }


def _ranges(numbers: Iterable[int]) -> str:
    """``1-3, 7, 9-10``."""
    out: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


@dataclass(frozen=True, slots=True)
class HubKeyTrust:
    """The hub key an organisation's kit carries (``ledger/org/checkpoint.json``), held to the
    published key lists' hub keys: the kit's own copy is only the exporting device's pin."""

    hub_id: str
    fingerprint: str  # grouped for reading
    pinned: PinnedHubKey | None
    #: the key lists consulted that name no hub key at all (written before hub keys existed)
    predating: tuple[str, ...] = ()

    @property
    def line(self) -> Phrase:
        if self.pinned is not None:
            return _said(
                "trust.hub_pinned",
                hub_id=self.hub_id,
                fingerprint=self.fingerprint,
                source=self.pinned.source.described,
            )
        return _said("trust.hub_unpinned", hub_id=self.hub_id, fingerprint=self.fingerprint)

    def as_json(self) -> dict[str, Any]:
        return {
            "hub_id": self.hub_id,
            "fingerprint": self.fingerprint,
            "pinned": None if self.pinned is None else self.pinned.source.as_json(),
        }


def judge_hub_key(hub_id: str, public_key: str, anchors: TrustAnchors) -> HubKeyTrust:
    """Is the hub key a kit carries one the organisation published (for that hub)?"""
    found = next(
        (
            h
            for h in anchors.hub_keys
            if h.public_key == public_key.lower() and h.hub_id in ("", hub_id)
        ),
        None,
    )
    try:
        fingerprint = signing.fingerprint(public_key)
    except ValueError:
        fingerprint = "?"
    predating = tuple(s.path for s in anchors.key_sources if not s.names_hub_keys)
    return HubKeyTrust(hub_id, fingerprint, found, () if found is not None else predating)


@dataclass(frozen=True, slots=True)
class SignerTrust:
    name: str
    role: str
    public_key: str
    fingerprint: str  # grouped for reading
    relied_on: _Reliance
    pinned: PinnedKey | None
    reason: Phrase | None  # why it is not pinned

    @property
    def trusted(self) -> bool:
        return self.reason is None

    @property
    def line(self) -> Phrase:
        duties = semicolon_list(self.relied_on.duties())
        if self.pinned is not None and self.reason is None:
            return _said(
                "trust.signer_pinned",
                name=self.name,
                role=self.role,
                fingerprint=self.fingerprint,
                source=self.pinned.source.described,
                duties=duties,
            )
        return _said(
            "trust.signer_unpinned",
            name=self.name,
            role=self.role,
            fingerprint=self.fingerprint,
            reason=self.reason,
            duties=duties,
        )

    def as_json(self) -> dict[str, Any]:
        pinned = self.pinned
        return {
            "name": self.name,
            "role": self.role,
            "public_key": self.public_key,
            "fingerprint": self.fingerprint,
            "pinned": self.trusted,
            "pinned_as": None
            if pinned is None
            else {
                "name": pinned.name,
                "role": pinned.role,
                "organisation": pinned.organisation,
                "store_id": pinned.store_id,
                "source": pinned.source.as_json(),
            },
            "relied_on": self.relied_on.as_json(),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class TrustReason:
    """One reason the kit is untrusted: ``subject`` is the token file or the signer's name."""

    code: str
    subject: str
    message: Phrase

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "subject": self.subject, "message": self.message}


@dataclass(frozen=True)
class TrustReport:
    anchors: TrustAnchors
    store_id: str
    tokens: tuple[TokenTrust, ...]
    signers: tuple[SignerTrust, ...]
    hub: HubKeyTrust | None = None  # an organisation's kit: the checkpoint's hub key

    @property
    def reasons(self) -> list[TrustReason]:
        out = [
            TrustReason(
                "trust.token",
                t.file,
                _said("trust.reason_token", file=t.file, issuer=t.issuer, why=t.reason),
            )
            for t in self.tokens
            if t.reason is not None
        ]
        out += [
            TrustReason(
                "trust.signer",
                s.name,
                _said(
                    "trust.reason_signer",
                    name=s.name,
                    role=s.role,
                    short=s.fingerprint[:19],
                    why=s.reason,
                ),
            )
            for s in self.signers
            if s.reason is not None
        ]
        if self.hub is not None and self.hub.pinned is None:
            short = self.hub.fingerprint[:19]
            if self.hub.predating:  # the list is older than hub keys: say which, and the fix
                said = _said(
                    "trust.reason_hub_list_predates", short=short, file=self.hub.predating[0]
                )
                out.append(TrustReason("trust.hub_list_predates", self.hub.hub_id, said))
            else:
                said = _said("trust.reason_hub", short=short)
                out.append(TrustReason("trust.hub", self.hub.hub_id, said))
        return out

    @property
    def trusted(self) -> bool:
        return not self.reasons

    def source_lines(self) -> list[Phrase]:
        """Where the trusted roots and the pinned keys came from (and how many of each)."""
        roots = [
            _said("trust.count_from", count=s.count, source=s.described)
            for s in self.anchors.root_sources
        ]
        keys = [
            _said(
                "trust.keys_from",
                count=s.count,
                organisation=s.organisation or "?",
                store=s.store_id or "?",
                source=s.described,
            )
            if s.path.endswith(".json")
            else _said("trust.count_from", count=s.count, source=s.described)
            for s in self.anchors.key_sources
        ]
        return [
            _said("trust.roots_line", sources=semicolon_list(roots) or _said("trust.nothing")),
            _said("trust.keys_line", sources=semicolon_list(keys) or _said("trust.nothing")),
        ]

    def lines(self) -> list[Phrase]:
        """What ``verify-bundle`` prints about trust: sources, then every token and signer."""
        return [
            *self.source_lines(),
            *(t.line for t in self.tokens),
            *(s.line for s in self.signers),
            *([self.hub.line] if self.hub is not None else []),
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "trusted": self.trusted,
            "store_id": self.store_id,
            "tsa_roots": [s.as_json() for s in self.anchors.root_sources],
            "org_keys": [s.as_json() for s in self.anchors.key_sources],
            "tokens": [t.as_json() for t in self.tokens],
            "signers": [s.as_json() for s in self.signers],
            "hub_key": None if self.hub is None else self.hub.as_json(),
            "reasons": [r.as_json() for r in self.reasons],
        }


# -- the assessment -----------------------------------------------------------------------------


def assess(
    files: Mapping[str, bytes],
    entries: Mapping[int, ledger.Entry],
    keys: Mapping[str, str],
    tokens: Sequence[CheckedToken],
    anchors: TrustAnchors,
    ordered: Sequence[ledger.Entry] | None = None,
    hub_key: tuple[str, str] | None = None,
) -> TrustReport:
    """Judge the kit's tokens and signers against ``anchors``.

    ``entries`` are the slice's entries and ``keys`` the users' keys as the ledger slice
    introduced them (``verify_kit`` has checked both); ``tokens`` those that verified against the
    kit's own roots. A token or signature that did not verify is an integrity problem, reported
    by ``verify_kit``, and not judged here. ``ordered``: every entry the kit carries in the
    order it is replayed (an organisation's bundle: every device's, in the organisation's
    order), so that the signers of other devices' entries are judged too. ``hub_key``: the
    (hub id, key) that signed an organisation's kit's checkpoint, held to the published hub keys.
    """
    store_id = _store_id(files)
    judged_tokens = tuple(_judge_token(t, anchors) for t in tokens)
    signers = tuple(
        _judge_signer(name, role, public, relied, store_id, anchors)
        for (name, public), (role, relied) in _relied_on(
            files, [e for _s, e in sorted(entries.items())] if ordered is None else ordered, keys
        ).items()
    )
    hub = None if hub_key is None else judge_hub_key(*hub_key, anchors)
    return TrustReport(anchors, store_id, judged_tokens, signers, hub)


def _store_id(files: Mapping[str, bytes]) -> str:
    """The store id every checkpoint note (and so every signature) is over."""
    try:
        doc = json.loads(files["ledger/checkpoints.json"])
        return str(doc.get("store_id", "")) if isinstance(doc, dict) else ""
    except (KeyError, ValueError):
        return ""


def _subject(der: bytes) -> str:
    return x509.load_der_x509_certificate(der).subject.rfc4514_string()


def _judge_token(checked: CheckedToken, anchors: TrustAnchors) -> TokenTrust:
    info = checked.info
    kit_root = _subject(info.cert_chain_der[-1])
    trusted_root: str | None = None
    source: TrustSource | None = None
    reason: Phrase | None = None
    roots = [r.certificate for r in anchors.roots]
    if not roots:
        reason = _said("trust.no_roots", root=kit_root)
    else:
        try:
            # the same full check, with only roots from outside the kit as anchors; the kit's
            # certificates may still serve as intermediates on the way there
            found = tsa.verify_token(
                checked.token_der, checked.digest, roots, checked.kit_certificates
            )
        except tsa.TsaError as error:
            if error.reason is tsa.TsaReason.UNTRUSTED_CHAIN:
                reason = _said("trust.kit_root_only", root=kit_root)
            else:
                reason = _said("trust.external_failed", root=kit_root, error=error.message)
        else:
            trusted_root = _subject(found.cert_chain_der[-1])
            source = anchors.root_source(found.cert_chain_der[-1])
    return TokenTrust(
        checked.file,
        info.tsa_name,
        info.gen_time.isoformat(),
        info.serial_number,
        kit_root,
        trusted_root,
        source,
        reason,
    )


def _relied_on(
    files: Mapping[str, bytes], entries: Sequence[ledger.Entry], keys: Mapping[str, str]
) -> dict[tuple[str, str], tuple[str, _Reliance]]:
    """Every (name, public key) whose signature the kit relies on, with the user's role and
    what they signed. Entries are signed with the key their actor had then (a password reset
    issues a new key), replayed exactly as ``verify_kit`` checks them; everything else with
    the key the slice ends with."""
    roles: dict[str, str] = {}
    listed = _json(files, "keys/users.json")
    if isinstance(listed, dict):
        for name, value in listed.items():
            if isinstance(value, dict) and value.get("role"):
                roles[str(name)] = str(value["role"])
    found: dict[tuple[str, str], _Reliance] = {}

    def relied(name: str, public: str | None) -> _Reliance | None:
        if not name or not public:
            return None  # no key: the signature failed, which verify_kit reports
        return found.setdefault((name, public), _Reliance())

    introduced: dict[str, str] = {}
    for entry in entries:
        seq = entry.seq
        for row in _user_rows(entry):
            name = str(row.get("name"))
            if "public_key" in row:
                introduced[name] = str(row["public_key"])
            if row.get("role"):
                roles[name] = str(row["role"])
        reliance = relied(entry.actor, introduced.get(entry.actor))
        if reliance is not None:
            reliance.entries.append(seq)
        if entry.action == "contact.approve":
            cosigner = relied(entry.actor, keys.get(entry.actor))
            if cosigner is not None:
                cosigner.cosigned.append(seq)
    checkpoints = _json(files, "ledger/checkpoints.json")
    target = checkpoints.get("target") if isinstance(checkpoints, dict) else None
    if isinstance(target, dict):
        signer = str(target.get("signer", ""))
        reliance = relied(signer, keys.get(signer))
        if reliance is not None and isinstance(target.get("size"), int):
            reliance.checkpoints.append(target["size"])
    manifest_signer = _tag_manifest_signer(files)
    reliance = relied(manifest_signer, keys.get(manifest_signer))
    if reliance is not None:
        reliance.tag_manifest = True
    index = _json(files, kit.PDF_INDEX)
    declaration = index.get("declaration") if isinstance(index, dict) else None
    if isinstance(declaration, dict):
        name = str(declaration.get("signer", ""))
        reliance = relied(name, keys.get(name))
        if reliance is not None:
            reliance.declaration = True
    manifest = _json(files, kit.EVIDENCE_MANIFEST)
    if isinstance(manifest, dict):
        producer = str(manifest.get("producer", ""))
        reliance = relied(producer, keys.get(producer))
        if reliance is not None:
            reliance.producer = True
    if isinstance(listed, dict):
        for name in listed:
            reliance = relied(str(name), keys.get(str(name)))
            if reliance is not None:
                reliance.listed = True
    return {
        key: (roles.get(key[0], "?"), reliance)
        for key, reliance in sorted(found.items(), key=lambda item: item[0])
    }


def _user_rows(entry: ledger.Entry) -> list[dict[str, Any]]:
    try:
        payload = json.loads(entry.payload)
    except ValueError:
        return []
    rows = payload.get("rows", []) if isinstance(payload, dict) else []
    return [
        change["row"]
        for change in rows
        if isinstance(change, dict)
        and change.get("table") == "users"
        and isinstance(change.get("row"), dict)
    ]


def _json(files: Mapping[str, bytes], name: str) -> Any:
    try:
        return json.loads(files[name])
    except (KeyError, ValueError):
        return None


def _tag_manifest_signer(files: Mapping[str, bytes]) -> str:
    try:
        first = files[kit.SIGNATURE_FILE].decode("utf-8").splitlines()[0]
    except (KeyError, UnicodeDecodeError, IndexError):
        return ""
    return first.removeprefix("signer: ").strip() if first.startswith("signer: ") else ""


def _judge_signer(
    name: str,
    role: str,
    public_key: str,
    relied: _Reliance,
    store_id: str,
    anchors: TrustAnchors,
) -> SignerTrust:
    try:
        grouped = signing.fingerprint(public_key)
    except ValueError:
        grouped = public_key  # not hex: its signatures failed, which verify_kit reports
    wanted = signing.normal_fingerprint(grouped)
    same_key = [k for k in anchors.keys if k.fingerprint == wanted]
    pinned = next(
        (
            k
            for k in same_key
            if k.name == name and (not k.store_id or not store_id or k.store_id == store_id)
        ),
        None,
    )
    reason: Phrase | None = None
    if pinned is None:
        if not same_key:
            reason = _said("trust.not_pinned")
        elif all(k.name != name for k in same_key):
            reason = _said("trust.other_name", pinned=same_key[0].name, name=name)
        else:
            other = next(k for k in same_key if k.name == name)
            reason = _said("trust.other_store", pinned_store=other.store_id, store=store_id)
        pinned = same_key[0] if same_key else None
    return SignerTrust(name, role, public_key, grouped, relied, pinned, reason)
