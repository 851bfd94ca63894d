"""Who may do what. Every service checks here before it changes or reveals anything.

Kept as data (action -> roles) so the permission matrix test can enumerate it and so that a
reviewer can read the whole policy on one screen. Rules that depend on the record (nobody
decides their own request, evidence only for approved contacts...) live in
``domain/authority.py``, the rule table the write path and ``verify`` both run.
"""

from __future__ import annotations

import enum

from evidence_desk.domain.errors import PermissionDenied
from evidence_desk.domain.models import Role
from evidence_desk.domain.wording import Catalogue, Phrase

# ``action`` is an Action value, ``role`` a Role value, ``allowed`` comma-separated Role values
_said = Catalogue({"permission.denied": "role {role} may not {action} (allowed: {allowed})"})


class Action(enum.StrEnum):
    USER_ADD = "user.add"
    USER_RESET_PASSWORD = "user.reset_password"
    USER_DEACTIVATE = "user.deactivate"
    USER_LIST = "user.list"
    SETTINGS_SET = "settings.set"
    SETTINGS_READ = "settings.read"
    LOG_READ = "log.read"
    VERIFY = "verify"
    CASE_CREATE = "case.create"
    CASE_EDIT = "case.edit"
    CASE_READ = "case.read"
    CASE_IMPORT = "case.import"
    CONTACT_REQUEST = "contact.request"
    CONTACT_DECIDE = "contact.decide"
    CONTACT_READ = "contact.read"
    EVIDENCE_ADD = "evidence.add"
    EVIDENCE_READ = "evidence.read"
    REVIEW_TAG = "review.tag"
    CONDUCT_CHECK = "conduct.check"
    CONDUCT_ACK = "conduct.ack"
    BUNDLE_EXPORT = "bundle.export"
    TSA_CONFIGURE = "tsa.configure"
    STAMP = "stamp"
    STORE_BACKUP = "store.backup"
    STORE_RESTORE = "store.restore"
    # -- retention and legal hold (issue 18 item 2) --
    CASE_CLOSE = "case.close"
    LEGAL_HOLD = "legal.hold"
    RETENTION_READ = "retention.read"
    # -- shredding (issue 18 item 3) --
    CASE_SHRED = "case.shred"
    # -- the read log and the auditor (PI-1) --
    ACCESS_LOG_READ = "access_log.read"
    DOCUMENT_READ = "document.read"
    # -- minimisation (PI-6) --
    BUNDLE_UNMASK = "bundle.unmask"
    # -- PIPL records (arts. 55-57) --
    PROCESSING_READ = "processing.read"
    BREACH_FILE = "breach.file"
    BREACH_READ = "breach.read"
    # -- per-case keys (issue 18 item 1) --
    CASE_KEYS_MIGRATE = "case_keys.migrate"
    # -- the organisation (issue 19) --
    USER_INVITE = "user.invite"
    HANDLE_REINDEX = "handle.reindex"
    DEVICE_RETIRE = "device.retire"
    # -- screenshots read by OCR (issue 22) --
    OCR_READ = "ocr.read"
    # -- PAdES signatures of the filed PDF (issue 21 item 1) --
    SIGNING_CA_CREATE = "signing.ca_create"
    SIGNING_CERT_ISSUE = "signing.cert_issue"
    SIGNING_CERT_IMPORT = "signing.cert_import"


_ALL = frozenset(Role)
_FIELD = frozenset({Role.STAFF, Role.SUPERVISOR})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.USER_ADD: frozenset({Role.ADMIN}),
    Action.USER_RESET_PASSWORD: frozenset({Role.ADMIN}),
    Action.USER_DEACTIVATE: frozenset({Role.ADMIN}),
    Action.USER_LIST: _ALL,
    Action.SETTINGS_SET: frozenset({Role.ADMIN}),
    Action.SETTINGS_READ: _ALL,
    Action.LOG_READ: _ALL,
    Action.VERIFY: _ALL,
    Action.CASE_CREATE: _FIELD,
    Action.CASE_EDIT: _FIELD,
    Action.CASE_READ: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL, Role.AUDITOR}),
    Action.CASE_IMPORT: frozenset({Role.SUPERVISOR, Role.ADMIN}),
    Action.CONTACT_REQUEST: _FIELD,
    Action.CONTACT_DECIDE: frozenset({Role.SUPERVISOR}),
    Action.CONTACT_READ: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL, Role.AUDITOR}),
    Action.EVIDENCE_ADD: _FIELD,
    Action.EVIDENCE_READ: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL}),
    # Tagging is reading with a pen, not deciding: field staff tag as they read a chat, the
    # supervisor and the legal team as they prepare a bundle. Admins never read evidence.
    Action.REVIEW_TAG: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL}),
    # Conduct findings are read by everyone who reads the evidence (staff should see their own
    # flags); only a supervisor or the legal team may acknowledge one, never the field staff
    # whose messages are being judged.
    Action.CONDUCT_CHECK: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL}),
    Action.CONDUCT_ACK: frozenset({Role.SUPERVISOR, Role.LEGAL}),
    Action.BUNDLE_EXPORT: frozenset({Role.LEGAL}),
    Action.TSA_CONFIGURE: frozenset({Role.ADMIN}),
    Action.STAMP: _ALL,
    # A backup holds every original (encrypted) and a restore can roll the whole store back:
    # both are the administrator's job, never a field or legal user's.
    Action.STORE_BACKUP: frozenset({Role.ADMIN}),
    Action.STORE_RESTORE: frozenset({Role.ADMIN}),
    # -- retention and legal hold (issue 18 item 2) --
    # Closing a case says its purpose is achieved and starts the retention clock: the
    # supervisor who runs the matter or the legal team, never field staff on their own.
    Action.CASE_CLOSE: frozenset({Role.SUPERVISOR, Role.LEGAL}),
    # A legal hold (litigation, a regulator's request) is the legal team's or an admin's call.
    Action.LEGAL_HOLD: frozenset({Role.LEGAL, Role.ADMIN}),
    # Closure, deletion date and holds are metadata, no evidence content: everyone sees them.
    Action.RETENTION_READ: _ALL,
    # -- shredding (issue 18 item 3) --
    # Destroying a case is irreversible: the legal team judges a debtor's deletion request
    # (PIPL art. 47) and an admin runs the deletions whose date has come. Neither reads the
    # content to do it; field staff and supervisors, who gather the evidence, never destroy it.
    Action.CASE_SHRED: frozenset({Role.LEGAL, Role.ADMIN}),
    # -- the read log and the auditor (PI-1) --
    # The auditor reads metadata (cases, contacts, the ledger, verify) and the read log, never
    # evidence content: not EVIDENCE_READ, not DOCUMENT_READ (a contact's request documents,
    # which CONTACT_READ only lists). Supervisors and admins answer for who read what, so they
    # read the log too; reading it is not itself logged (it holds no evidence content).
    Action.ACCESS_LOG_READ: frozenset({Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN}),
    Action.DOCUMENT_READ: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL}),
    # -- minimisation (PI-6) --
    # Bundles mask bank-card and account numbers; printing them in clear is the legal team's
    # decision, with a reason, ledgered (the court may need the account a payment went to).
    Action.BUNDLE_UNMASK: frozenset({Role.LEGAL}),
    # -- PIPL records (arts. 55-57) --
    # A processing record is written by whoever exports (BUNDLE_EXPORT, with the export). It
    # holds metadata (recipient, purpose, basis, categories, digests), no evidence content: the
    # legal team that writes them, the admin who answers to the regulator and the auditor read.
    Action.PROCESSING_READ: frozenset({Role.LEGAL, Role.ADMIN, Role.AUDITOR}),
    # A breach record (art. 57) is the administrator's: they run the incident response.
    Action.BREACH_FILE: frozenset({Role.ADMIN}),
    Action.BREACH_READ: frozenset({Role.LEGAL, Role.ADMIN, Role.AUDITOR}),
    # -- per-case keys (issue 18 item 1) --
    # Migrating a store from before per-case keys: the admin, who opens it first after the
    # update (services/case_keys.py).
    Action.CASE_KEYS_MIGRATE: frozenset({Role.ADMIN}),
    # -- the organisation (issue 19) --
    # Inviting a user of another device (and withdrawing an invitation not yet used) is the
    # administrator's, as adding a user is; the joining device's own entry needs no role.
    Action.USER_INVITE: frozenset({Role.ADMIN}),
    # A store joining with its history (docs/ARCHITECTURE.md, "Joining with an existing
    # store") puts its contacts' handle digests under the organisation's key, once, right after
    # its join: the joining user, who opens the handles with the case keys (the rule table
    # holds it to that one entry); so the roles that hold case keys.
    Action.HANDLE_REINDEX: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL, Role.ADMIN}),
    # Retiring a lost, stolen or replaced laptop (or one whose user left) is the
    # administrator's, as deactivating a user is: from then on the device writes nothing more.
    Action.DEVICE_RETIRE: frozenset({Role.ADMIN}),
    # -- screenshots read by OCR (issue 22) --
    # Reading a screenshot's text is reading the evidence (the result is sealed under the case
    # key): whoever reads evidence may run it; auditors and admins never see content.
    Action.OCR_READ: frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL}),
    # -- PAdES signatures of the filed PDF (issue 21 item 1) --
    # The organisation's signing CA is the administrator's, as its users are: they create it
    # and issue each legal user a certificate. A legal user holding a certificate from a
    # licensed CA imports it (PKCS#12) for themselves; nobody imports one for another.
    Action.SIGNING_CA_CREATE: frozenset({Role.ADMIN}),
    Action.SIGNING_CERT_ISSUE: frozenset({Role.ADMIN}),
    Action.SIGNING_CERT_IMPORT: frozenset({Role.LEGAL}),
}


def allowed(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]


def denial(role: str, action: Action) -> Phrase:
    """Why ``role`` may not do ``action`` (the services' refusal and verify's finding)."""
    permitted = ", ".join(sorted(r.value for r in PERMISSIONS[action]))
    return _said("permission.denied", role=role, action=action.value, allowed=permitted)


def require(role: Role, action: Action) -> None:
    if not allowed(role, action):
        raise PermissionDenied(f"permission:{action.value}", denial(role.value, action))
