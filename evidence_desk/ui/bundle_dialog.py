"""Exporting a court bundle (legal team), and checking a bundle that came back.

The export runs in a worker: it may first ask the time-stamp authority to stamp pending
checkpoints, then renders the PDF and the verification kit and records the export as a ledger
entry (services/bundle.py). Afterwards the PDF opens, or the kit is shown, in one click.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QDir, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import pipl
from evidence_desk.domain.file_names import safe_component
from evidence_desk.domain.models import Role
from evidence_desk.domain.pipl import Recipient
from evidence_desk.services import bundle as bundle_service
from evidence_desk.services import (
    contacts,
    org_stamp_wait,
    redaction_defaults,
    rsmf_export,
    shredding,
)
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.labels import channel_label, status_label
from evidence_desk.ui.redaction_editor import EditorImage, EditorMessage, RedactionEditor
from evidence_desk.ui.workers import Job, start

if TYPE_CHECKING:
    from evidence_desk.bundle.model import Scope
    from evidence_desk.domain.redaction import RedactionPlan

ContactIdRole = Qt.ItemDataRole.UserRole + 40


class BundleCheck(NamedTuple):
    """What checking a kit found: ``intact`` (nothing changed in it), ``trusted`` (every token
    chains to a root from outside the kit, every signer is pinned), the rows for a table
    (severity, code, where, detail: the detail a coded Phrase), a one-line summary, and the
    reasons it is untrusted (Phrases)."""

    intact: bool
    rows: list[tuple[str, str, str, str]]
    summary: str
    trusted: bool
    reasons: list[str]


def verify_bundle_job(
    path: Path, tsa_roots: Sequence[Path] = (), org_keys: Sequence[Path] = ()
) -> Job[BundleCheck]:
    """A job that checks a kit with no store, trusting the app's TSA root list, the user's
    pinned folder and the given files (bundle/trust.py); returns a ``BundleCheck``."""

    def work(_job: Job[BundleCheck]) -> BundleCheck:
        from evidence_desk.bundle.trust import TrustAnchors
        from evidence_desk.bundle.verify_kit import verify_kit

        report = verify_kit(path, TrustAnchors.load(tsa_roots, org_keys))
        rows = [
            ("error" if verdict != "OK" else "ok", exhibit, title, verdict)
            for exhibit, title, verdict in report.verdicts()
        ]
        rows += [(f.severity, f.code, f.file, f.message) for f in report.findings]
        reasons: list[str] = []
        if report.trust is not None:
            # where trust came from, then every token's issuer and every signer's identity
            rows += [("info", "trust.sources", "", line) for line in report.trust.source_lines()]
            rows += [
                ("trusted" if t.trusted else "untrusted", "trust.token", t.file, t.line)
                for t in report.trust.tokens
            ]
            rows += [
                ("trusted" if s.trusted else "untrusted", "trust.signer", s.name, s.line)
                for s in report.trust.signers
            ]
            reasons = [r.message for r in report.trust.reasons]
        summary = f"{report.bundle_id or '?'} · {report.source}"
        return BundleCheck(report.intact, rows, summary, report.trusted, reasons)

    return Job(work)


class BundleDialog(QDialog):
    exported = Signal(object)

    def __init__(
        self,
        session: Session,
        case_no: str,
        contact: contacts.Contact | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bundleDialog")
        self.setWindowTitle(self.tr("Export a court bundle — case %1").replace("%1", case_no))
        self.session = session
        self.case_no = case_no
        # the export running, or the check of its kit
        self.job: (
            Job[bundle_service.ExportResult] | Job[BundleCheck] | Job[rsmf_export.RsmfResult] | None
        ) = None
        self.export_result: bundle_service.ExportResult | None = None  # the last export's
        self.error: BaseException | None = None

        self.contact_list = QListWidget()
        self.contact_list.setObjectName("bundleContacts")
        self.contact_list.setMaximumHeight(110)
        for found in contacts.list_contacts(session, case_no=case_no):
            if found.status not in ("approved", "revoked"):
                continue
            entry = QListWidgetItem(
                f"{found.display_name} · {channel_label(found.channel)} · {found.handle} · "
                f"{status_label(found.status)}"
            )
            entry.setData(ContactIdRole, found.id)
            checked = contact is None or contact.id == found.id
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.contact_list.addItem(entry)
        self.date_from = QLineEdit()
        self.date_from.setObjectName("bundleFrom")
        self.date_from.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.date_to = QLineEdit()
        self.date_to.setObjectName("bundleTo")
        self.date_to.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.date_to)
        self.tagged_only = QCheckBox(self.tr("Only tagged messages (with their context)"))
        self.tagged_only.setObjectName("bundleTaggedOnly")
        self.language = QComboBox()
        self.language.setObjectName("bundleLanguage")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.page_cap = QSpinBox()
        self.page_cap.setObjectName("bundlePageCap")
        self.page_cap.setRange(20, 5000)
        self.page_cap.setValue(350)
        self.max_volume = QSpinBox()
        self.max_volume.setObjectName("bundleMaxVolume")
        self.max_volume.setRange(1, 2000)
        self.max_volume.setValue(36)
        self.max_volume.setSuffix(" MB")
        # PDF/A-3: a masked bundle's originals hold the numbers in clear, so embedding is asked
        self.embed_originals = QCheckBox(
            self.tr("Embed the originals in the PDF even though account numbers are masked")
        )
        self.embed_originals.setObjectName("bundleEmbedOriginals")
        self.stamp_first = QCheckBox(
            self.tr("Time-stamp pending checkpoints first (needs the network)")
        )
        self.stamp_first.setObjectName("bundleStampFirst")
        self.stamp_first.setChecked(True)
        # an organisation's device: the hub stamps its checkpoint in the background, so the
        # export first syncs until it did (services/org_stamp_wait.py), or says it did not
        self.wait_org_stamp = QCheckBox(
            self.tr("Wait for the organisation hub's time-stamp first (up to 2 minutes)")
        )
        self.wait_org_stamp.setObjectName("bundleWaitOrgStamp")
        self.wait_org_stamp.setChecked(True)
        self.wait_org_stamp.setVisible(org_stamp_wait.applies(session))
        # PI-6: account numbers are masked unless the legal team prints them with a reason
        self.unmask = QCheckBox(
            self.tr("Print bank-card and account numbers in full (recorded with the reason)")
        )
        self.unmask.setObjectName("bundleUnmask")
        self.unmask_reason = QLineEdit()
        self.unmask_reason.setObjectName("bundleUnmaskReason")
        self.unmask_reason.setPlaceholderText(self.tr("Why the numbers are needed in clear"))
        self.unmask_reason.setEnabled(False)
        self.unmask.toggled.connect(self.unmask_reason.setEnabled)
        self.unmask.toggled.connect(self.embed_originals.setDisabled)  # unmasked: embedded anyway
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        # the case number as a folder name: 2026/SH-01 is one folder, CON is _CON (Windows)
        default_out = (
            Path(documents or QDir.homePath())
            / "EvidenceDesk"
            / "bundles"
            / safe_component(case_no)
        )
        self.out_dir = QLineEdit(str(default_out))
        self.out_dir.setObjectName("bundleOut")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_dir, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Contacts"), self.contact_list)
        form.addRow(self.tr("Dates"), dates)
        form.addRow("", self.tagged_only)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Page limit per volume"), self.page_cap)
        form.addRow(self.tr("Size limit per volume"), self.max_volume)
        form.addRow("", self.embed_originals)
        form.addRow("", self.stamp_first)
        form.addRow("", self.wait_org_stamp)
        form.addRow("", self.unmask)
        form.addRow(self.tr("Reason for printing numbers"), self.unmask_reason)
        form.addRow(self.tr("Save to"), out_row)
        self._recipient_rows(form)

        self.progress = QProgressBar()
        self.progress.setObjectName("bundleProgress")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.summary = QTextBrowser()
        self.summary.setObjectName("bundleSummary")
        self.summary.hide()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("bundleExport")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.run_export)
        # the same conversations for a law firm's e-discovery platform (RSMF 2.0)
        self.rsmf_button = QPushButton(self.tr("Export RSMF…"))
        self.rsmf_button.setObjectName("bundleRsmf")
        self.rsmf_button.setToolTip(
            self.tr(
                "Write the chosen contacts' conversations as RSMF 2.0 for a law firm's "
                "e-discovery platform, with the same recipient record"
            )
        )
        self.rsmf_button.clicked.connect(lambda: self.run_rsmf_export())
        # issue 21 item 5: legal's redactions (the defaults shown, legal's own added); None
        # until the editor was accepted: the export then applies the default proposals
        self.redaction_plan: RedactionPlan | None = None
        self.redact_button = QPushButton(self.tr("Redactions…"))
        self.redact_button.setObjectName("bundleRedactions")
        self.redact_button.setToolTip(
            self.tr("Review the default redactions and black out more for this bundle")
        )
        self.redact_button.setVisible(session.user.role == Role.LEGAL)
        self.redact_button.clicked.connect(lambda: self.open_redactions())
        self.open_pdf_button = QPushButton(self.tr("Open PDF"))
        self.open_pdf_button.setObjectName("bundleOpenPdf")
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.show_kit_button = QPushButton(self.tr("Show kit"))
        self.show_kit_button.setObjectName("bundleShowKit")
        self.show_kit_button.clicked.connect(self.show_kit)
        self.verify_button = QPushButton(self.tr("Verify the kit"))
        self.verify_button.setObjectName("bundleVerify")
        self.verify_button.clicked.connect(self.verify_kit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (self.open_pdf_button, self.show_kit_button, self.verify_button):
            button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.open_pdf_button,
            self.show_kit_button,
            self.verify_button,
            self.redact_button,
            self.rsmf_button,
            self.export_button,
            close,
        ):
            buttons.addWidget(button)
        self.status = QLabel()
        self.status.setObjectName("bundleStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)
        self.resize(640, 640)
        self.kit_verdict: BundleCheck | None = None
        # a shredded case's content no longer exists: say so before anything is chosen
        self.shredded = shredding.shredding_of(session, case_no)
        self._update_export_button()
        done = self.shredded
        if done is not None:
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(
                self.tr(
                    "Case %1 was shredded on %2 (rule case.shredded): its content no longer "
                    "exists, so no bundle can be made."
                )
                .replace("%1", case_no)
                .replace("%2", str(done["shredded_at"])[:10])
            )

    def _recipient_rows(self, form: QFormLayout) -> None:
        """Who receives the bundle, why and on which basis: the processing record of the
        export (PIPL arts. 55-56), printed in the bundle's appendix. Export stays disabled
        until the recipient and the purpose are given."""
        self.recipient_kind = QComboBox()
        self.recipient_kind.setObjectName("bundleRecipientKind")
        for code in pipl.RECIPIENT_KINDS:
            self.recipient_kind.addItem(service_text.phrase(pipl.label("recipient", code)), code)
        self.recipient_name = QLineEdit()
        self.recipient_name.setObjectName("bundleRecipient")
        self.recipient_name.setPlaceholderText(self.tr("e.g. the court or law firm's name"))
        self.purpose = QLineEdit()
        self.purpose.setObjectName("bundlePurpose")
        self.purpose.setPlaceholderText(self.tr("why the bundle is provided"))
        self.basis = QComboBox()
        self.basis.setObjectName("bundleBasis")
        for code in pipl.LEGAL_BASES:
            self.basis.addItem(service_text.phrase(pipl.label("basis", code)), code)
        self.basis.setCurrentIndex(pipl.LEGAL_BASES.index("contract"))
        self.basis_note = QLineEdit()
        self.basis_note.setObjectName("bundleBasisNote")
        self.basis_note.setPlaceholderText(self.tr("the law or regulation (needed for art. 13(7))"))
        heading = QLabel(self.tr("Processing record (PIPL arts. 55-56)"))
        heading.setStyleSheet("font-weight: bold")
        form.addRow(heading)
        form.addRow(self.tr("Recipient kind"), self.recipient_kind)
        form.addRow(self.tr("Recipient"), self.recipient_name)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Legal basis"), self.basis)
        form.addRow(self.tr("Basis note"), self.basis_note)
        for field in (self.recipient_name, self.purpose):
            field.textChanged.connect(self._update_export_button)

    def _update_export_button(self) -> None:
        given = bool(self.recipient_name.text().strip() and self.purpose.text().strip())
        self.export_button.setEnabled(given and self.job is None and self.shredded is None)
        self.rsmf_button.setEnabled(self.export_button.isEnabled())

    def recipient(self) -> Recipient:
        return Recipient(
            kind=self.recipient_kind.currentData(),
            name=self.recipient_name.text(),
            purpose=self.purpose.text(),
            legal_basis=self.basis.currentData(),
            basis_note=self.basis_note.text(),
        )

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the bundle to"))
        if folder:
            self.out_dir.setText(folder)

    def scope(self) -> Scope:
        from evidence_desk.bundle.model import Scope

        chosen = tuple(
            self.contact_list.item(i).data(ContactIdRole)
            for i in range(self.contact_list.count())
            if self.contact_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return Scope(
            case_no=self.case_no,
            contact_ids=chosen,
            date_from=self.date_from.text().strip() or None,
            date_to=self.date_to.text().strip() or None,
            tagged_only=self.tagged_only.isChecked(),
            language=self.language.currentData(),
            page_cap=self.page_cap.value(),
            max_volume_mb=self.max_volume.value(),
            embed_originals=self.embed_originals.isChecked(),
        )

    def redaction_inputs(
        self,
    ) -> tuple[Sequence[EditorMessage], RedactionPlan, list[EditorImage]]:
        """The messages in scope with the default proposals (services/redaction_defaults.py),
        the plan to start from (legal's last, else the defaults) and the images drawn."""
        scope = self.scope()
        messages: Sequence[EditorMessage] = redaction_defaults.redaction_candidates(
            self.session, scope
        )
        plan = self.redaction_plan or redaction_defaults.default_plan(self.session, scope)
        images = [
            EditorImage(o.sha256, o.file_name, o.read)
            for o in bundle_service.gather(self.session, scope).originals
            if o.is_image
        ]
        return messages, plan, images

    def open_redactions(
        self, inputs: tuple[Sequence[EditorMessage], RedactionPlan, list[EditorImage]] | None = None
    ) -> RedactionEditor | None:
        """Open the redaction editor (``inputs`` read from the store when not given); its
        plan, once accepted, is the one the export applies."""
        try:
            messages, plan, images = inputs or self.redaction_inputs()
        except Exception as error:
            self._failed(error)
            return None
        editor = RedactionEditor(messages, plan, images, self)
        editor.accepted.connect(lambda: self._redactions_chosen(editor.plan()))
        editor.open()
        return editor

    def _redactions_chosen(self, plan: RedactionPlan) -> None:
        self.redaction_plan = plan
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr("The export applies your redaction plan: %1, %2, %3.")
            .replace("%1", self.tr("%n text passage(s)", "redaction plan", len(plan.spans)))
            .replace("%2", self.tr("%n whole message(s)", "redaction plan", len(plan.messages)))
            .replace("%3", self.tr("%n image region(s)", "redaction plan", len(plan.regions)))
        )

    def redaction_options(self) -> dict[str, object]:
        """What the export is told about redaction: legal's plan exactly as edited (a removed
        default stays removed), or nothing (the defaults apply)."""
        if self.redaction_plan is None:
            return {}
        return {"redaction": self.redaction_plan, "default_redaction": False}

    def run_export(self) -> Job[bundle_service.ExportResult] | None:
        if self.job is not None:
            return None
        scope, out_dir, stamp_first, recipient = (
            self.scope(),
            Path(self.out_dir.text().strip()),
            self.stamp_first.isChecked(),
            self.recipient(),
        )
        wait = self.wait_org_stamp.isChecked() and org_stamp_wait.applies(self.session)
        # the service refuses a blank reason (rule unmask.reason) and anyone but legal
        unmask_reason = self.unmask_reason.text() if self.unmask.isChecked() else None
        redaction: dict[str, Any] = self.redaction_options()
        self.progress.show()
        self.export_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr("Gathering evidence, rendering the PDF and the verification kit…")
        )

        def work(
            session: Session, _job: Job[bundle_service.ExportResult]
        ) -> bundle_service.ExportResult:
            if wait:
                org_stamp_wait.wait_for_stamp(session, org_stamp_wait.APP_WAIT_SECONDS)
            return bundle_service.export_bundle(
                session,
                scope,
                out_dir,
                recipient=recipient,
                stamp_first=stamp_first,
                unmask_reason=unmask_reason,
                **redaction,
            )

        job = Job(work, self.session)
        job.on_finished(self._exported)
        job.on_failed(self._failed)
        self.job = start(job)
        return job

    def run_rsmf_export(self, out: Path | None = None) -> Job[rsmf_export.RsmfResult] | None:
        """Write the scope's conversations as RSMF (services/rsmf_export.py); ``out`` is asked
        for when not given."""
        if self.job is not None:
            return None
        if out is None:
            default = Path(self.out_dir.text().strip()) / f"{safe_component(self.case_no)}.rsmf"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the RSMF file as"), str(default), self.tr("RSMF (*.rsmf)")
            )
            if not chosen:
                return None
            out = Path(chosen)
        scope, recipient, target = self.scope(), self.recipient(), out
        self.progress.show()
        self.export_button.setEnabled(False)
        self.rsmf_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Writing the conversations as RSMF…"))

        def work(session: Session, _job: Job[rsmf_export.RsmfResult]) -> rsmf_export.RsmfResult:
            return rsmf_export.export_rsmf(session, scope, target, recipient=recipient)

        job = Job(work, self.session)
        job.on_finished(self._rsmf_exported)
        job.on_failed(self._failed)
        self.job = start(job)
        return job

    def _rsmf_exported(self, result: rsmf_export.RsmfResult) -> None:
        self.job = None
        self.progress.hide()
        self._update_export_button()
        errors.say(
            self.status,
            self.tr("RSMF written: %1 (%2, %3, %4).")
            .replace("%1", str(result.path))
            .replace("%2", self.tr("%n conversation(s)", "RSMF written", result.conversations))
            .replace("%3", self.tr("%n event(s)", "RSMF written", result.events))
            .replace("%4", self.tr("%n attachment(s)", "RSMF written", result.attachments)),
            True,
        )

    def _exported(self, result: bundle_service.ExportResult) -> None:
        self.job = None
        self.export_result = result
        self.progress.hide()
        self._update_export_button()
        errors.say(
            self.status, self.tr("Bundle %1 exported.").replace("%1", result.bundle_id), True
        )
        lines = [
            self.tr("%1, %2, %3 included (%4 in range left out, each listed).")
            .replace("%1", self.tr("%n exhibit(s)", "bundle exported", result.exhibits))
            .replace("%2", self.tr("%n page(s)", "bundle exported", result.pages))
            .replace("%3", self.tr("%n message(s)", "bundle exported", result.messages_included))
            .replace("%4", str(result.messages_omitted)),
            *(self.tr("PDF: %1").replace("%1", str(p)) for p in result.pdf_paths),
            self.tr("Kit: %1 (SHA-256 %2)")
            .replace("%1", str(result.kit_path))
            .replace("%2", result.kit_sha256),
            self.tr("Proofs lead to checkpoint %1 (%2).")
            .replace("%1", str(result.checkpoint_size))
            .replace(
                "%2",
                self.tr("time-stamped")
                if result.checkpoint_stamped
                else self.tr("not time-stamped yet"),
            ),
            self.tr("Recorded as ledger entry %1.").replace("%1", str(result.ledger_seq)),
            self.tr("Processing record %1 written (kept at least 3 years).").replace(
                "%1", result.processing_record_id
            ),
            *(service_text.notice(n) for n in result.notices),
        ]
        import html

        self.summary.setHtml("".join(f"<p>{html.escape(line)}</p>" for line in lines))
        self.summary.show()
        for button in (self.open_pdf_button, self.show_kit_button, self.verify_button):
            button.show()
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.error = error
        self.progress.hide()
        self._update_export_button()
        errors.say_error(self.status, error)

    def open_pdf(self) -> None:
        exported = self.export_result
        if exported is not None and exported.pdf_paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(exported.pdf_paths[0])))

    def show_kit(self) -> None:
        if self.export_result is not None:
            kit_folder = Path(self.export_result.kit_path).parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(kit_folder)))

    def verify_kit(self) -> Job[BundleCheck] | None:
        if self.export_result is None or self.job is not None:
            return None
        self.progress.show()
        job = verify_bundle_job(Path(self.export_result.kit_path))
        job.on_finished(self._kit_checked)
        job.on_failed(self._failed)
        self.job = start(job)
        return job

    def _kit_checked(self, verdict: BundleCheck) -> None:
        self.job = None
        self.progress.hide()
        self.kit_verdict = verdict
        checks = [r for r in verdict.rows if not r[1].startswith("trust.")]
        if verdict.intact:
            text = self.tr("The kit verifies: every exhibit OK (%n check(s)).", "", len(checks))
            if not verdict.trusted:
                # the producer's own check: say what a court will need besides the kit
                text += " " + self.tr(
                    "A court trusts it only with your TSA's published root and your "
                    "organisation's key list (evidence-desk org-keys): %n item(s) are not "
                    "trusted on this computer.",
                    "",
                    len(verdict.reasons),
                )
        else:
            problems = [r for r in checks if r[0] == "error"]
            text = self.tr("The kit has %n problem(s).", "", len(problems))
        errors.say(self.status, text, verdict.intact)
