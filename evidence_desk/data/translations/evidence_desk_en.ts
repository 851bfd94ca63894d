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
        <location filename="../../ui/backup_dialog.py" line="207"/>
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
        <location filename="../../ui/bundle_dialog.py" line="598"/>
        <source>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n item(s) are not trusted on this computer.</source>
        <translation>
            <numerusform>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n item is not trusted on this computer.</numerusform>
            <numerusform>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n items are not trusted on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="606"/>
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
        <location filename="../../ui/import_wizard.py" line="532"/>
        <source>Stored %n import(s): %1 (%2 new), %3, %4.</source>
        <translation>
            <numerusform>Stored %n import: %1 (%2 new), %3, %4.</numerusform>
            <numerusform>Stored %n imports: %1 (%2 new), %3, %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="533"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="535"/>
        <source>%n screenshot(s)</source>
        <translation>
            <numerusform>%n screenshot</numerusform>
            <numerusform>%n screenshots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="536"/>
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
        <location filename="../../ui/main_window.py" line="653"/>
        <source>Integrity: %n problem(s) found</source>
        <translation>
            <numerusform>Integrity: %n problem found</numerusform>
            <numerusform>Integrity: %n problems found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="804"/>
        <source>screenshots · %n image(s)</source>
        <translation>
            <numerusform>screenshot · %n image</numerusform>
            <numerusform>screenshots · %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="806"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n recording</numerusform>
            <numerusform>%n recordings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="808"/>
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
        <location filename="../../ui/screenshot_findings.py" line="164"/>
        <source>%n bubble(s): %1 matched, %2 differ, %3 not in the export</source>
        <translation>
            <numerusform>%n bubble: %1 matched, %2 differ, %3 not in the export</numerusform>
            <numerusform>%n bubbles: %1 matched, %2 differ, %3 not in the export</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShredDialog</name>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="57"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="58"/>
        <source>%n original file(s) and document(s)</source>
        <translation>
            <numerusform>%n original file or document</numerusform>
            <numerusform>%n original files and documents</numerusform>
        </translation>
    </message>
</context>
</TS>
