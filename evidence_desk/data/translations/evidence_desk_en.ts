<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>AccessLogView</name>
    <message numerus="yes">
        <location filename="../../ui/access_log_view.py" line="128"/>
        <source>%n read(s)</source>
        <translation>
            <numerusform>%n read</numerusform>
            <numerusform>%n reads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="167"/>
        <source>%n ledger entry(s)</source>
        <comment>backup written</comment>
        <translation>
            <numerusform>%n ledger entry</numerusform>
            <numerusform>%n ledger entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="168"/>
        <source>%n original(s)</source>
        <comment>backup written</comment>
        <translation>
            <numerusform>%n original</numerusform>
            <numerusform>%n originals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="171"/>
        <source>%n byte(s)</source>
        <comment>backup written</comment>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="201"/>
        <source>The backup is intact: %n ledger entry(s), made %1 by %2.</source>
        <translation>
            <numerusform>The backup is intact: %n ledger entry, made %1 by %2.</numerusform>
            <numerusform>The backup is intact: %n ledger entries, made %1 by %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="207"/>
        <source>Restored: %n ledger entry(s), made %1 by %2; the store verifies.</source>
        <translation>
            <numerusform>Restored: %n ledger entry, made %1 by %2; the store verifies.</numerusform>
            <numerusform>Restored: %n ledger entries, made %1 by %2; the store verifies.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="215"/>
        <source>Re-applied %n shredding(s) recorded after this backup was made: case(s) %1.</source>
        <translation>
            <numerusform>Re-applied %n shredding recorded after this backup was made: case %1.</numerusform>
            <numerusform>Re-applied %n shreddings recorded after this backup was made: cases %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="421"/>
        <source>%n text passage(s)</source>
        <comment>redaction plan</comment>
        <translation>
            <numerusform>%n text passage</numerusform>
            <numerusform>%n text passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="422"/>
        <source>%n whole message(s)</source>
        <comment>redaction plan</comment>
        <translation>
            <numerusform>%n whole message</numerusform>
            <numerusform>%n whole messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="423"/>
        <source>%n image region(s)</source>
        <comment>redaction plan</comment>
        <translation>
            <numerusform>%n image region</numerusform>
            <numerusform>%n image regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="511"/>
        <source>%n conversation(s)</source>
        <comment>RSMF written</comment>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="512"/>
        <source>%n event(s)</source>
        <comment>RSMF written</comment>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="513"/>
        <source>%n attachment(s)</source>
        <comment>RSMF written</comment>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="527"/>
        <source>%n exhibit(s)</source>
        <comment>bundle exported</comment>
        <translation>
            <numerusform>%n exhibit</numerusform>
            <numerusform>%n exhibits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="528"/>
        <source>%n page(s)</source>
        <comment>bundle exported</comment>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="529"/>
        <source>%n message(s)</source>
        <comment>bundle exported</comment>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="590"/>
        <source>The kit verifies: every exhibit OK (%n check(s)).</source>
        <translation>
            <numerusform>The kit verifies: every exhibit OK (%n check).</numerusform>
            <numerusform>The kit verifies: every exhibit OK (%n checks).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="594"/>
        <source>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n item(s) are not trusted on this computer.</source>
        <translation>
            <numerusform>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n item is not trusted on this computer.</numerusform>
            <numerusform>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n items are not trusted on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="602"/>
        <source>The kit has %n problem(s).</source>
        <translation>
            <numerusform>The kit has %n problem.</numerusform>
            <numerusform>The kit has %n problems.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactPage</name>
    <message numerus="yes">
        <location filename="../../ui/contact_page.py" line="208"/>
        <source>%n contact(s) in this case. Choose one on the left, or request a new contact (Ctrl+R).</source>
        <translation>
            <numerusform>%n contact in this case. Choose it on the left, or request a new contact (Ctrl+R).</numerusform>
            <numerusform>%n contacts in this case. Choose one on the left, or request a new contact (Ctrl+R).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message numerus="yes">
        <location filename="../../ui/conversation.py" line="167"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message numerus="yes">
        <location filename="../../ui/details.py" line="127"/>
        <location filename="../../ui/details.py" line="187"/>
        <source>%n byte(s)</source>
        <comment>size</comment>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message numerus="yes">
        <location filename="../../ui/review_ui.py" line="231"/>
        <source>%n finding(s), %1 not yet acknowledged.</source>
        <translation>
            <numerusform>%n finding, %1 not yet acknowledged.</numerusform>
            <numerusform>%n findings, %1 not yet acknowledged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GossipDialog</name>
    <message numerus="yes">
        <location filename="../../ui/gossip_dialog.py" line="96"/>
        <source>Wrote checkpoint %1 and %n witness cosignature(s) to %2.</source>
        <translation>
            <numerusform>Wrote checkpoint %1 and %n witness cosignature to %2.</numerusform>
            <numerusform>Wrote checkpoint %1 and %n witness cosignatures to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="319"/>
        <source>%1 (id %2, %n message(s))</source>
        <translation>
            <numerusform>%1 (id %2, %n message)</numerusform>
            <numerusform>%1 (id %2, %n messages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="409"/>
        <source>%n message(s) of %1 (not stored)</source>
        <translation>
            <numerusform>%n message of %1 (not stored)</numerusform>
            <numerusform>%n messages of %1 (not stored)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="454"/>
        <source>This export holds %n chat(s). Untick every chat but the debtor&apos;s below: one import holds one chat.</source>
        <translation>
            <numerusform>This export holds %n chat. Untick every chat but the debtor&apos;s below: one import holds one chat.</numerusform>
            <numerusform>This export holds %n chats. Untick every chat but the debtor&apos;s below: one import holds one chat.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="533"/>
        <source>Stored %n import(s): %1 (%2 new), %3, %4.</source>
        <translation>
            <numerusform>Stored %n import: %1 (%2 new), %3, %4.</numerusform>
            <numerusform>Stored %n imports: %1 (%2 new), %3, %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="534"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="536"/>
        <source>%n screenshot(s)</source>
        <translation>
            <numerusform>%n screenshot</numerusform>
            <numerusform>%n screenshots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="537"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n recording</numerusform>
            <numerusform>%n recordings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="575"/>
        <source>Time stamps: all %n entry(s) covered</source>
        <translation>
            <numerusform>Time stamps: %n entry covered</numerusform>
            <numerusform>Time stamps: all %n entries covered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="578"/>
        <source>Time stamps: %n entry(s) queued</source>
        <translation>
            <numerusform>Time stamps: %n entry queued</numerusform>
            <numerusform>Time stamps: %n entries queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="644"/>
        <source>Integrity: intact (%n entry(s))</source>
        <translation>
            <numerusform>Integrity: intact (%n entry)</numerusform>
            <numerusform>Integrity: intact (%n entries)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="649"/>
        <source>Integrity: %n problem(s) found</source>
        <translation>
            <numerusform>Integrity: %n problem found</numerusform>
            <numerusform>Integrity: %n problems found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="800"/>
        <source>screenshots · %n image(s)</source>
        <translation>
            <numerusform>screenshot · %n image</numerusform>
            <numerusform>screenshots · %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="802"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n recording</numerusform>
            <numerusform>%n recordings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="804"/>
        <source>%1 import · %n message(s)</source>
        <translation>
            <numerusform>%1 import · %n message</numerusform>
            <numerusform>%1 import · %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProcessingRecordsView</name>
    <message numerus="yes">
        <location filename="../../ui/processing_records_view.py" line="109"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScreenshotFindings</name>
    <message numerus="yes">
        <location filename="../../ui/screenshot_findings.py" line="163"/>
        <source>%n bubble(s): %1 matched, %2, %3 not in the export</source>
        <translation>
            <numerusform>%n bubble: %1 matched, %2, %3 not in the export</numerusform>
            <numerusform>%n bubbles: %1 matched, %2, %3 not in the export</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screenshot_findings.py" line="166"/>
        <source>%n differ(s)</source>
        <comment>bubbles</comment>
        <translation>
            <numerusform>%n differs</numerusform>
            <numerusform>%n differ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/settings_dialog.py" line="170"/>
        <source>Stamped up to entry %1; %n entry(s) waiting.</source>
        <translation>
            <numerusform>Stamped up to entry %1; %n entry waiting.</numerusform>
            <numerusform>Stamped up to entry %1; %n entries waiting.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShredDialog</name>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="58"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="59"/>
        <source>%n original file(s) and document(s)</source>
        <translation>
            <numerusform>%n original file or document</numerusform>
            <numerusform>%n original files and documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="60"/>
        <source>%n byte(s)</source>
        <comment>shred</comment>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="127"/>
        <source>Refused: %n entry(s) (%1)</source>
        <translation>
            <numerusform>Refused: %n entry (%1)</numerusform>
            <numerusform>Refused: %n entries (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="162"/>
        <source>%n file(s)</source>
        <comment>waiting to go up</comment>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="191"/>
        <source>%n entry(s)</source>
        <comment>waiting</comment>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="214"/>
        <source>%n ledger entry(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n ledger entry</numerusform>
            <numerusform>%n ledger entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="215"/>
        <source>%n checkpoint(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n checkpoint</numerusform>
            <numerusform>%n checkpoints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="216"/>
        <source>%n original(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n original</numerusform>
            <numerusform>%n originals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="218"/>
        <source>%n byte(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
</TS>
