"""Cases: the matter a contact and its evidence belong to.

A case is created, edited (each edit one ledger entry carrying the changed columns), listed and
searched. Bulk import takes the CSV a loan system exports, in UTF-8 or GBK/GB18030, with English
or Chinese headers, and is all-or-nothing: one bad row and nothing is imported, with every bad
row reported by number.

The debtor's name and ID number are sealed under the case's own key (services/case_keys.py)
in the database and in the ledger entries that carry them; a reader without the key (an
auditor) sees a placeholder, and searching by debtor name opens the names in memory.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from evidence_desk.domain.authority import CASE_EDITABLE
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue, semicolon_list
from evidence_desk.services import case_keys
from evidence_desk.services import records_key as records
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.session import RowChange, Session, put

PRODUCTS = ("auto_loan", "online_loan", "other")
STATUSES = ("open", "litigation", "settled", "closed")
EDITABLE = CASE_EDITABLE  # the rule table (domain/authority.py) holds the list
CASE_NO_MAX = 100
#: Case numbers are kept exactly as typed: court numbers hold brackets, slashes and full-width
#: characters (（2026）沪0101民初123号, 2026/SH-01). Refused: control and format characters
#: (line breaks, bidi overrides: the case number is printed and written into line-based kit
#: files), unassigned and private-use code points, leading or trailing spaces, and more than
#: CASE_NO_MAX characters. Names of files and folders made from one go through
#: domain/file_names.py.
_CASE_NO_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def valid_case_no(case_no: str) -> bool:
    """True for a case number as users may write it (see CASE_NO_MAX above)."""
    return (
        0 < len(case_no) <= CASE_NO_MAX
        and case_no == case_no.strip()
        and not any(unicodedata.category(c) in _CASE_NO_REFUSED_CATEGORIES for c in case_no)
    )


@dataclass(frozen=True, slots=True)
class Case:
    case_no: str
    debtor_name: str
    debtor_id_number: str
    loan_ref: str
    product: str
    amount_overdue: str
    overdue_since: str
    status: str
    created_by: str
    created_at: str

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.debtor_id_number)


_said = Catalogue(
    {
        **COMMON_WORDING,
        "case.where": "case {case}",
        "case.name_required": "the debtor's name is required",
        "case.not_amount": "not an amount: {value!r}",
        "case.negative_amount": "must be zero or more",
        "case.not_date": "not a date (YYYY-MM-DD): {value!r}",
        "case.bad_number": "use 1-{max} characters, without control characters or spaces at "
        "either end",
        "case.exists": "case {case} already exists",
        "case.not_editable": "not an editable case field",
        "case.key_missing": "the debtor's details of case {case} are sealed under a key you do "
        "not hold yet: an admin's next login wraps it for you",
        "case.no_case": "no case {case}",
        "case.empty_file": "the file is empty",
        "case.header": "header needs a case number column and a debtor name column (found: "
        "{header})",
        "case.row_cells": "row {row}: {cells} {cells:cell|cells}, header has {width}",
        "case.row_error": "row {row}: {field}: {reason}",
        "case.twice": "case {case} appears twice",
        "case.bad_rows": "{count} bad {count:row|rows}",
        "case.nothing_imported": "nothing was imported; {errors}",
        "case.nothing_imported_more": "nothing was imported; {errors} ...",
        "case.no_rows": "no case rows found",
        "case.not_text": "not UTF-8 or GBK/GB18030 text",
    }
)


def mask_id_number(value: str) -> str:
    """Show the first 6 and last 4 characters of an ID number (region and check digits)."""
    if len(value) <= 10:
        return value[:2] + "*" * max(0, len(value) - 2)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def _clean(fields: Mapping[str, str], where: str) -> dict[str, str]:
    """Validate and normalise case fields; raises BadInput naming the field."""
    out = {k: (v or "").strip() for k, v in fields.items()}
    if "debtor_name" in out and not out["debtor_name"]:
        raise BadInput(where, "debtor_name", _said("case.name_required"))
    if "product" in out:
        product = out["product"] or "other"
        aliases = {
            "车贷": "auto_loan",
            "汽车金融": "auto_loan",
            "网贷": "online_loan",
            "网络贷款": "online_loan",
            "其他": "other",
        }
        product = aliases.get(product, product)
        if product not in PRODUCTS:
            raise BadInput(where, "product", _said("input.one_of", choices=", ".join(PRODUCTS)))
        out["product"] = product
    if "amount_overdue" in out:
        raw = out["amount_overdue"].replace(",", "").replace("¥", "").replace("￥", "") or "0"
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            raise BadInput(where, "amount_overdue", _said("case.not_amount", value=raw)) from None
        if amount < 0 or not amount.is_finite():
            raise BadInput(where, "amount_overdue", _said("case.negative_amount"))
        out["amount_overdue"] = f"{amount.quantize(Decimal('0.01'))}"
    if out.get("overdue_since"):
        text = out["overdue_since"].replace("/", "-").replace(".", "-")
        try:
            out["overdue_since"] = date.fromisoformat(
                "-".join(p.zfill(2) for p in text.split("-"))
            ).isoformat()
        except ValueError:
            raise BadInput(where, "overdue_since", _said("case.not_date", value=text)) from None
    if "status" in out and out["status"] not in STATUSES:
        raise BadInput(where, "status", _said("input.one_of", choices=", ".join(STATUSES)))
    return out


def _row(case_no: str, fields: Mapping[str, str], session: Session) -> dict[str, str]:
    if not valid_case_no(case_no):
        raise BadInput("case number", case_no, _said("case.bad_number", max=CASE_NO_MAX))
    cleaned = _clean(
        {
            "debtor_name": fields.get("debtor_name", ""),
            "debtor_id_number": fields.get("debtor_id_number", ""),
            "loan_ref": fields.get("loan_ref", ""),
            "product": fields.get("product", "other"),
            "amount_overdue": fields.get("amount_overdue", "0"),
            "overdue_since": fields.get("overdue_since", ""),
            "status": fields.get("status", "open") or "open",
        },
        _said("case.where", case=case_no),
    )
    return {
        "case_no": case_no,
        **cleaned,
        "created_by": session.user.name,
        "created_at": session.now(),
    }


def create_case(session: Session, case_no: str, **fields: str) -> Case:
    session.require(Action.CASE_CREATE)
    row = _row(case_no, fields, session)
    if _exists(session, case_no):
        raise RuleViolation("case.unique", _said("case.exists", case=case_no))
    key, wraps = case_keys.new_case_key(session, case_no)
    sealed = case_keys.seal_case_fields(session, case_no, key, row)
    session.write(
        "case.create",
        {
            "case_no": case_no,
            "wraps": case_keys.wrap_records(session, wraps),
        },
        [put("cases", sealed)],
        extra=case_keys.store_wraps(wraps),
    )
    return get_case(session, case_no)


def edit_case(session: Session, case_no: str, **changes: str) -> Case:
    session.require(Action.CASE_EDIT)
    current = get_case(session, case_no)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise BadInput("case edit", ", ".join(sorted(unknown)), _said("case.not_editable"))
    cleaned = _clean(changes, _said("case.where", case=case_no))
    changed = {k: v for k, v in cleaned.items() if getattr(current, k) != v}
    if not changed:
        return current
    before = {k: getattr(current, k) for k in changed}
    key = case_keys.case_key(session, case_no)
    if key is not None:  # a case from before per-case keys keeps plain text until migrated
        changed = case_keys.seal_case_fields(session, case_no, key, changed)
        before = case_keys.seal_case_fields(session, case_no, key, before)
    elif case_keys.SEALED_PLACEHOLDER in before.values():
        # sealed under a key this user does not hold (yet): a personal column written in
        # clear beside it would undo the sealing
        raise RuleViolation("case.key_missing", _said("case.key_missing", case=case_no))
    session.write(
        "case.edit",
        {"case_no": case_no, "before": before},
        [put("cases", {"case_no": case_no, **changed})],
    )
    return get_case(session, case_no)


def get_case(session: Session, case_no: str) -> Case:
    session.require(Action.CASE_READ)
    row = session.conn.execute("SELECT * FROM cases WHERE case_no = ?", (case_no,)).fetchone()
    if row is None:
        raise NotFound(_said("case.no_case", case=case_no))
    return Case(**case_keys.open_case_row(session, row))


def list_cases(session: Session, search: str = "") -> list[Case]:
    session.require(Action.CASE_READ)
    # Case numbers often hold "_" and "%": match them literally, not as LIKE wildcards.
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    rows = session.conn.execute(
        # a sealed name is never matched as stored (its ciphertext holds random letters)
        "SELECT *, (case_no LIKE ?1 ESCAPE '\\' OR loan_ref LIKE ?3 ESCAPE '\\' "
        "OR (debtor_name NOT LIKE 'edk1:%' AND debtor_name LIKE ?2 ESCAPE '\\')) AS matched "
        "FROM cases WHERE matched OR debtor_name LIKE 'edk1:%' ORDER BY case_no",
        (pattern, pattern, pattern),
    ).fetchall()
    found: list[Case] = []
    for r in rows:
        record = dict(r)
        matched = record.pop("matched")
        case = Case(**case_keys.open_case_row(session, record))
        # a sealed name is matched once opened, as SQL's LIKE would (ASCII case-insensitive)
        if matched or _like(search, case.debtor_name):
            found.append(case)
    return found


def _like(search: str, text: str) -> bool:
    """``text LIKE '%search%'`` as SQLite's LIKE decides it (only ASCII letters fold)."""
    fold = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    return search.translate(fold) in text.translate(fold)


def _exists(session: Session, case_no: str) -> bool:
    return (
        session.conn.execute("SELECT 1 FROM cases WHERE case_no = ?", (case_no,)).fetchone()
        is not None
    )


# -- bulk import --------------------------------------------------------------------------------

HEADER_ALIASES: dict[str, str] = {
    "case_no": "case_no",
    "case number": "case_no",
    "案件编号": "case_no",
    "案件号": "case_no",
    "debtor_name": "debtor_name",
    "debtor": "debtor_name",
    "债务人": "debtor_name",
    "借款人": "debtor_name",
    "客户姓名": "debtor_name",
    "debtor_id_number": "debtor_id_number",
    "id_number": "debtor_id_number",
    "身份证号": "debtor_id_number",
    "证件号码": "debtor_id_number",
    "loan_ref": "loan_ref",
    "contract": "loan_ref",
    "合同号": "loan_ref",
    "合同编号": "loan_ref",
    "借据号": "loan_ref",
    "product": "product",
    "产品": "product",
    "产品类型": "product",
    "amount_overdue": "amount_overdue",
    "overdue amount": "amount_overdue",
    "逾期金额": "amount_overdue",
    "欠款金额": "amount_overdue",
    "overdue_since": "overdue_since",
    "逾期日期": "overdue_since",
    "逾期起始日": "overdue_since",
    "status": "status",
    "状态": "status",
}


@dataclass(frozen=True, slots=True)
class CaseImportResult:
    imported: list[str]
    encoding: str


def import_cases_csv(
    session: Session, file_name: str, data: bytes, mapping: Mapping[str, str] | None = None
) -> CaseImportResult:
    """All-or-nothing bulk import; raises BadInput listing every bad row."""
    session.require(Action.CASE_IMPORT)
    text, encoding = _decode(file_name, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(file_name, "line 1", _said("case.empty_file")) from None
    aliases = {**HEADER_ALIASES, **{k.lower(): v for k, v in (mapping or {}).items()}}
    columns = [aliases.get(h.strip().lower()) for h in header]
    if "case_no" not in columns or "debtor_name" not in columns:
        raise BadInput(
            file_name,
            "line 1",
            _said("case.header", header=", ".join(header)),
        )
    errors: list[str] = []
    rows: list[RowChange] = []
    seen: set[str] = set()
    for line_no, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            errors.append(
                _said("case.row_cells", row=line_no, cells=len(record), width=len(header))
            )
            continue
        fields = {c: v for c, v in zip(columns, record, strict=True) if c}
        case_no = fields.pop("case_no", "").strip()
        try:
            if case_no in seen:
                raise BadInput(file_name, "case_no", _said("case.twice", case=case_no))
            if _exists(session, case_no):
                raise BadInput(file_name, "case_no", _said("case.exists", case=case_no))
            rows.append(put("cases", _row(case_no, fields, session)))
            seen.add(case_no)
        except BadInput as error:
            errors.append(
                _said("case.row_error", row=line_no, field=error.locator, reason=error.reason)
            )
    if errors:
        raise BadInput(
            file_name,
            _said("case.bad_rows", count=len(errors)),
            _said(
                "case.nothing_imported_more" if len(errors) > 50 else "case.nothing_imported",
                errors=semicolon_list(errors[:50]),
            ),
        )
    if not rows:
        raise BadInput(file_name, "", _said("case.no_rows"))
    sealed_rows: list[RowChange] = []
    wraps = []
    for change in rows:
        case_no = str(change.row["case_no"])
        key, case_wraps = case_keys.new_case_key(session, case_no)
        wraps.extend(case_wraps)
        sealed_rows.append(
            put("cases", case_keys.seal_case_fields(session, case_no, key, change.row))
        )
    digest = hashlib.sha256(data).hexdigest()
    session.write(
        "case.import",
        {
            # the file's name may name a debtor or a client: sealed to the organisation's
            # records key (a supervisor imports, the records readers open it); its digest
            # says which file it was
            "file_name": records.seal(session, import_place(digest), "file_name", file_name),
            "sha256": digest,
            "encoding": encoding,
            "count": len(rows),
            "wraps": case_keys.wrap_records(session, wraps),
        },
        sealed_rows,
        extra=case_keys.store_wraps(wraps),
    )
    return CaseImportResult([str(r.row["case_no"]) for r in rows], encoding)


def import_place(sha256: str) -> str:
    """What a case CSV's sealed file name binds (store/records_key.py): its file's digest."""
    return f"case.import/{sha256}"


def imported_file_name(session: Session, payload: Mapping[str, Any]) -> str:
    """A ``case.import`` payload's file name, opened for a records reader (as written when in
    clear; ``records_key.SEALED`` for anyone else, the supervisor who imported it included)."""
    name = payload.get("file_name")
    if not isinstance(name, str):
        return ""
    return records.open_text(session, import_place(str(payload.get("sha256"))), "file_name", name)


def _decode(file_name: str, data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise BadInput(file_name, "", _said("case.not_text"))


def known_case_numbers(session: Session) -> Sequence[str]:
    return [r[0] for r in session.conn.execute("SELECT case_no FROM cases ORDER BY case_no")]
