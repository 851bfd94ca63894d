<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalQueue</name>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="54"/>
        <source>Waiting for a decision</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="55"/>
        <source>Approved (may be revoked)</source>
        <translation>已批准（可终止）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="56"/>
        <source>All requests</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="80"/>
        <source>Note for the record (required to reject or revoke)</source>
        <translation>审批意见（驳回或终止时必填）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="83"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="85"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="87"/>
        <source>Revoke and close channel</source>
        <translation>终止联系并关闭渠道</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="104"/>
        <source>Documents</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="130"/>
        <source>case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="131"/>
        <source>by %1 · %2</source>
        <translation>申请人 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="137"/>
        <source>(your own request)</source>
        <translation>（本人提交的申请）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="163"/>
        <source>No request selected.</source>
        <translation>未选择申请。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="169"/>
        <source>Case %1; relation %2; initiated by %3; consent %4.</source>
        <translation>案件 %1；关系 %2；发起方 %3；同意 %4。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="175"/>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="178"/>
        <source>Flags: %1</source>
        <translation>标记：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="218"/>
        <source>Select a request first.</source>
        <translation>请先选择一条申请。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="222"/>
        <source>You made this request: another supervisor must decide it (four-eyes).</source>
        <translation>这是您本人提交的申请：须由另一位主管审批（四眼原则）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="227"/>
        <source>Not possible while the contact is %1.</source>
        <translation>联系人当前为“%1”，无法执行此操作。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/approvals.py" line="249"/>
        <source>Contact %1 is now %2.</source>
        <translation>联系人 %1 现为：%2。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="47"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="54"/>
        <source>File to write, e.g. D:\backup\store.edbackup</source>
        <translation>要写入的文件，例如 D:\backup\store.edbackup</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="55"/>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="73"/>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="78"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="57"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="60"/>
        <source>Back up this store</source>
        <translation>备份本证据库</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="62"/>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="100"/>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="136"/>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="141"/>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="66"/>
        <source>The backup stays encrypted and is signed by you; others may keep working.</source>
        <translation>备份保持加密并由您签名；其他人可继续工作。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="77"/>
        <source>An empty folder for the restored store</source>
        <translation>用于恢复证据库的空文件夹</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="85"/>
        <source>Password of an admin of the backed-up store</source>
        <translation>被备份证据库中管理员的密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="86"/>
        <source>Replace a store in that folder (it is moved aside)</source>
        <translation>替换该文件夹中的证据库（原库将被移到旁边保留）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="88"/>
        <source>Check only</source>
        <translation>仅检查</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="91"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="98"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="101"/>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="146"/>
        <source>Restore into</source>
        <translation>恢复到</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="102"/>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="103"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="109"/>
        <source>Every file is checked against the signed manifest and the store is verified before anything is put in place.</source>
        <translation>在替换任何内容之前，每个文件都会与已签名的清单核对，并对证据库进行完整校验。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="124"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="154"/>
        <source>Choose the file to write first.</source>
        <translation>请先选择要写入的文件。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="161"/>
        <source>Backup written: %1 ledger entries, %2 originals, %3 bytes.</source>
        <translation>备份已写入：%1 条存证记录，%2 个原始文件，%3 字节。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="179"/>
        <source>Choose the backup file and the folder to restore into.</source>
        <translation>请选择备份文件和要恢复到的文件夹。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="190"/>
        <source>The backup is intact: %1 ledger entries, made %2 by %3.</source>
        <translation>备份完好：%1 条存证记录，由 %3 于 %2 制作。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="192"/>
        <source>Restored: %1 ledger entries, made %2 by %3; the store verifies.</source>
        <translation>已恢复：%1 条存证记录，由 %3 于 %2 制作；证据库校验通过。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="199"/>
        <source>The previous store was moved to %1.</source>
        <translation>原证据库已移至 %1。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/backup_dialog.py" line="230"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>Bubbles</name>
    <message>
        <location filename="../../evidence_desk/ui/bubbles.py" line="55"/>
        <source>After revocation</source>
        <translation>终止后</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bubbles.py" line="56"/>
        <source>After expiry</source>
        <translation>过期后</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bubbles.py" line="63"/>
        <source>in export</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bubbles.py" line="64"/>
        <source>not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bubbles.py" line="65"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="72"/>
        <source>Export a court bundle — case %1</source>
        <translation>导出诉讼证据包 — 案件 %1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="95"/>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="98"/>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD（可选）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="103"/>
        <source>Only tagged messages (with their context)</source>
        <translation>仅含已标记消息（及其上下文）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="114"/>
        <source>Time-stamp pending checkpoints first (needs the network)</source>
        <translation>先为待处理检查点加盖时间戳（需联网）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="124"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="130"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="131"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="133"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="134"/>
        <source>Page limit per volume</source>
        <translation>每册页数上限</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="136"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="145"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="149"/>
        <source>Open PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="152"/>
        <source>Show kit</source>
        <translation>显示校验包</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="155"/>
        <source>Verify the kit</source>
        <translation>校验校验包</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="158"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="185"/>
        <source>Save the bundle to</source>
        <translation>证据包保存位置</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="220"/>
        <source>Gathering evidence, rendering the PDF and the verification kit…</source>
        <translation>正在收集证据，生成 PDF 和校验包…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="238"/>
        <source>Bundle %1 exported.</source>
        <translation>证据包 %1 已导出。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="242"/>
        <source>%1 exhibits, %2 pages, %3 messages included (%4 in range left out, each listed).</source>
        <translation>%1 项证据，%2 页，收录 %3 条消息（范围内未收录 %4 条，均已逐条列明）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="248"/>
        <source>PDF: %1</source>
        <translation>PDF：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="249"/>
        <source>Kit: %1 (SHA-256 %2)</source>
        <translation>校验包：%1（SHA-256 %2）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="252"/>
        <source>Proofs lead to checkpoint %1 (%2).</source>
        <translation>证明指向检查点 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="256"/>
        <source>time-stamped</source>
        <translation>已加盖时间戳</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="258"/>
        <source>not time-stamped yet</source>
        <translation>尚未加盖时间戳</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="260"/>
        <source>Recorded as ledger entry %1.</source>
        <translation>已记入存证链第 %1 条。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="302"/>
        <source>The kit verifies: every exhibit OK (%1 checks).</source>
        <translation>校验包校验通过：每项证据均完好（%1 项检查）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/bundle_dialog.py" line="307"/>
        <source>The kit has %1 problem(s).</source>
        <translation>校验包有 %1 个问题。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="28"/>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="42"/>
        <source>Auto loan</source>
        <translation>车贷</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="43"/>
        <source>Online loan</source>
        <translation>网贷</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="44"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="53"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="54"/>
        <source>Debtor name</source>
        <translation>债务人姓名</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="55"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="56"/>
        <source>Loan reference</source>
        <translation>贷款合同号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="57"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="58"/>
        <source>Amount overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="59"/>
        <source>Overdue since</source>
        <translation>逾期起始日</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="67"/>
        <source>Open case</source>
        <translation>建立案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/case_dialog.py" line="69"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ContactPage</name>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="114"/>
        <source>Conversation</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="115"/>
        <source>Items and documents</source>
        <translation>证据与材料</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="137"/>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="139"/>
        <source>Choose a case or a contact on the left, or open a new case (Ctrl+N).</source>
        <translation>请在左侧选择案件或联系人，或新建案件（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="155"/>
        <source>Loan %1 · product %2 · overdue %3 since %4 · status %5</source>
        <translation>合同 %1 · 产品 %2 · 逾期 %3（自 %4）· 状态 %5</translation>
    </message>
    <message numerus="yes">
        <location filename="../../evidence_desk/ui/contact_page.py" line="164"/>
        <source>%n contact(s) in this case. Choose one on the left, or request a new contact (Ctrl+R).</source>
        <translation>
            <numerusform>本案件有 %n 个联系人。请在左侧选择，或申请添加联系人（Ctrl+R）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="174"/>
        <source>Requested by %1 at %2: %3</source>
        <translation>%1 于 %2 申请：%3</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="181"/>
        <source>Decided by %1 at %2: %3</source>
        <translation>%1 于 %2 审批：%3</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="188"/>
        <source>Revoked by %1 at %2: %3</source>
        <translation>%1 于 %2 终止：%3</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="195"/>
        <source>Flags: %1</source>
        <translation>标记：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_page.py" line="241"/>
        <source>Tag as</source>
        <translation>标记为</translation>
    </message>
</context>
<context>
    <name>ContactRequestDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="39"/>
        <source>Request a new contact</source>
        <translation>添加联系人申请</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="51"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="52"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="53"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="54"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="55"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="56"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="62"/>
        <source>WeChat ID, phone number or account</source>
        <translation>微信号、手机号或账号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="68"/>
        <source>Debtor</source>
        <translation>债务人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="69"/>
        <source>Guarantor</source>
        <translation>担保人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="70"/>
        <source>Other (needs a justification)</source>
        <translation>其他（须说明理由）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="77"/>
        <source>The debtor added us</source>
        <translation>债务人主动添加</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="78"/>
        <source>We added the debtor</source>
        <translation>我方主动添加</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="79"/>
        <source>The debtor agreed to discuss the debt on this channel</source>
        <translation>债务人同意通过此渠道沟通债务</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="84"/>
        <source>Why this contact is needed (recorded in the ledger)</source>
        <translation>需要添加此联系人的理由（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="88"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="89"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="90"/>
        <source>Handle / number</source>
        <translation>账号 / 号码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="91"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="92"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="93"/>
        <source>Justification</source>
        <translation>理由说明</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="94"/>
        <source>Who initiated</source>
        <translation>发起方</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="96"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="99"/>
        <source>Documents (drag files onto a list)</source>
        <translation>材料（可将文件拖入列表）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="102"/>
        <source>Identity proof (required)</source>
        <translation>身份证明（必需）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="103"/>
        <source>Debt confirmation (required)</source>
        <translation>债务确认书（必需）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="104"/>
        <source>Friend-request screenshot</source>
        <translation>好友申请截图</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="105"/>
        <source>Consent evidence</source>
        <translation>同意证明</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="124"/>
        <source>Send request</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="126"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="142"/>
        <source>identity proof</source>
        <translation>身份证明</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="143"/>
        <source>debt confirmation</source>
        <translation>债务确认书</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="150"/>
        <source>A supervisor can approve only with the debtor&apos;s %1 attached.</source>
        <translation>须附上债务人的%1，主管才能批准。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="151"/>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="156"/>
        <source>Required documents attached.</source>
        <translation>必需材料已附上。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="164"/>
        <source>Open a case first (Ctrl+N).</source>
        <translation>请先新建案件（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/contact_request.py" line="181"/>
        <source>Sealing the documents and recording the request…</source>
        <translation>正在封存材料并记录申请…</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="59"/>
        <source>Search this conversation (Ctrl+F)</source>
        <translation>在此聊天记录中搜索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="65"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="70"/>
        <source>Next match (F3)</source>
        <translation>下一个（F3）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="114"/>
        <source>Choose a contact on the left to read its conversation.</source>
        <translation>请在左侧选择联系人以查看聊天记录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../evidence_desk/ui/conversation.py" line="157"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="164"/>
        <source>No messages yet. Import a chat export for this contact (Ctrl+I).</source>
        <translation>暂无消息。请为此联系人导入聊天记录（Ctrl+I）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="280"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="304"/>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/conversation.py" line="321"/>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 个</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="49"/>
        <source>Select a message or an item to see its digests, import record, custody and time stamp.</source>
        <translation>选择一条消息或一项证据，查看其哈希值、导入记录、保管链和时间戳。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="57"/>
        <source>No ledger entry found.</source>
        <translation>未找到存证链记录。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="61"/>
        <source>Ledger entry %1 is covered by a trusted time stamp: %2 by %3 (checkpoint %4).</source>
        <translation>存证链第 %1 条已有可信时间戳：%2，由 %3 签发（检查点 %4）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="69"/>
        <source>Ledger entry %1 is waiting for a trusted time stamp (queued).</source>
        <translation>存证链第 %1 条正在等待可信时间戳（排队中）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="88"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="92"/>
        <source>Sender</source>
        <translation>发送人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="93"/>
        <source>Sent (UTC)</source>
        <translation>发送时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="94"/>
        <source>Time as exported</source>
        <translation>导出中的时间</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="95"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="96"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="97"/>
        <source>Commitment</source>
        <translation>承诺值</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="99"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="103"/>
        <location filename="../../evidence_desk/ui/details.py" line="159"/>
        <source>Time stamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="106"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="110"/>
        <source>Original</source>
        <translation>原始文件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="113"/>
        <location filename="../../evidence_desk/ui/details.py" line="151"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="113"/>
        <location filename="../../evidence_desk/ui/details.py" line="151"/>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="114"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="115"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="116"/>
        <source>Our account</source>
        <translation>我方账号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="117"/>
        <source>Imported by</source>
        <translation>导入人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="118"/>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="135"/>
        <source>Chain of custody</source>
        <translation>保管链</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="147"/>
        <source>Item</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="148"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="152"/>
        <source>Added by</source>
        <translation>添加人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/details.py" line="153"/>
        <source>Added at</source>
        <translation>添加时间</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="18"/>
        <source>The request is incomplete.</source>
        <translation>请求不完整。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="19"/>
        <source>Refused by a rule.</source>
        <translation>被规则拒绝。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="20"/>
        <source>Your role does not allow this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="21"/>
        <source>The input cannot be accepted.</source>
        <translation>输入无法接受。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="22"/>
        <source>The file cannot be imported.</source>
        <translation>无法导入该文件。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="23"/>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="24"/>
        <source>The store cannot be used.</source>
        <translation>无法使用该证据库。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="25"/>
        <source>Unknown user or wrong password.</source>
        <translation>用户不存在或密码错误。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="26"/>
        <source>The store is busy.</source>
        <translation>证据库正忙。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="27"/>
        <source>Cancelled: nothing was stored.</source>
        <translation>已取消：未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="30"/>
        <source>The operation failed.</source>
        <translation>操作失败。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="31"/>
        <source>Unexpected error: nothing was changed.</source>
        <translation>意外错误：未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/errors.py" line="62"/>
        <source>Evidence Desk</source>
        <translation>证据台</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <location filename="../../evidence_desk/ui/drop_list.py" line="68"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/drop_list.py" line="70"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/drop_list.py" line="75"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/drop_list.py" line="86"/>
        <source>Choose files</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/drop_list.py" line="90"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="239"/>
        <source>Run the conduct check</source>
        <translation>运行合规自查</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="242"/>
        <source>Only findings not yet acknowledged</source>
        <translation>仅显示尚未确认的提示</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="253"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="254"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="255"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="256"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="257"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="274"/>
        <source>Why this is acceptable, or what was done (recorded in the ledger)</source>
        <translation>说明为何可接受或已采取的措施（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="276"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="308"/>
        <source>Checking every stored conversation…</source>
        <translation>正在检查全部已存聊天记录…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="321"/>
        <source>%1 finding(s), %2 not yet acknowledged.</source>
        <translation>共 %1 条提示，%2 条尚未确认。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="370"/>
        <source>Select a finding first.</source>
        <translation>请先选择一条提示。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="378"/>
        <source>Acknowledged; recorded in the ledger.</source>
        <translation>已确认，并记入存证链。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="65"/>
        <source>Import evidence for %1</source>
        <translation>为 %1 导入证据</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="88"/>
        <source>Detected from the export (leave empty)</source>
        <translation>从导出文件识别（可留空）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="90"/>
        <source>Time zone of the export&apos;s local times</source>
        <translation>导出文件中本地时间的时区</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="91"/>
        <source>Our account (staff side)</source>
        <translation>我方账号（员工一方）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="94"/>
        <source>Drop chat exports, zips with media, export folders or screenshots here. Nothing is stored until you confirm the preview.</source>
        <translation>将聊天记录导出文件、含媒体的压缩包、导出文件夹或截图拖到这里。确认预览之前不会保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="142"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="144"/>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="170"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="147"/>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="182"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="174"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="182"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="204"/>
        <source>Cancelling… nothing will be stored.</source>
        <translation>正在取消…不会保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="218"/>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="245"/>
        <source>Detected format</source>
        <translation>识别的格式</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="246"/>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="291"/>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="247"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="248"/>
        <source>Participants</source>
        <translation>参与者</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="249"/>
        <source>Our account</source>
        <translation>我方账号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="251"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="252"/>
        <source>%1 (%2 already stored)</source>
        <translation>%1（其中 %2 条已保存）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="257"/>
        <source>Date range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="261"/>
        <source>Time zone assumed</source>
        <translation>采用的时区</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="262"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="264"/>
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="270"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="279"/>
        <source>After revocation</source>
        <translation>终止后</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="283"/>
        <source>Could not parse or had to interpret:</source>
        <translation>无法解析或需要推断的内容：</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="292"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="293"/>
        <source>Taken at</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="294"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="300"/>
        <source>screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="309"/>
        <source>%1: identical bytes are already imported and will be skipped.</source>
        <translation>%1：完全相同的文件已导入，将跳过。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="329"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="360"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="362"/>
        <source>Encrypting and sealing %1…</source>
        <translation>正在加密封存 %1…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="364"/>
        <source>Storing messages and the ledger entry…</source>
        <translation>正在保存消息和存证记录…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="366"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="374"/>
        <source>Stored %1 import(s): %2 messages (%3 new), %4 screenshot(s).</source>
        <translation>已保存 %1 次导入：%2 条消息（新增 %3 条），%4 张截图。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/import_wizard.py" line="382"/>
        <source>Recorded as ledger entry %1.</source>
        <translation>已记入存证链第 %1 条。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="10"/>
        <source>awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="11"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="12"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="13"/>
        <source>revoked</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="14"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="20"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="21"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="22"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="23"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="24"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="25"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="31"/>
        <source>debtor</source>
        <translation>债务人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="32"/>
        <source>guarantor</source>
        <translation>担保人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="33"/>
        <location filename="../../evidence_desk/ui/labels.py" line="55"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="39"/>
        <source>the debtor</source>
        <translation>债务人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="40"/>
        <source>our staff</source>
        <translation>我方员工</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="46"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="47"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="53"/>
        <source>auto loan</source>
        <translation>车贷</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="54"/>
        <source>online loan</source>
        <translation>网贷</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="61"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="62"/>
        <source>in litigation</source>
        <translation>诉讼中</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="63"/>
        <source>settled</source>
        <translation>已和解</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="64"/>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="70"/>
        <source>identity proof</source>
        <translation>身份证明</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="71"/>
        <source>debt confirmation</source>
        <translation>债务确认书</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="72"/>
        <source>friend request</source>
        <translation>好友申请</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="73"/>
        <source>consent</source>
        <translation>同意证明</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="74"/>
        <source>document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="75"/>
        <source>chat export</source>
        <translation>聊天记录导出</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="76"/>
        <source>screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="77"/>
        <source>export file</source>
        <translation>导出文件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="83"/>
        <source>CC-3: not the debtor or guarantor</source>
        <translation>CC-3：非债务人或担保人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="86"/>
        <source>CC-4: no recorded consent</source>
        <translation>CC-4：无同意记录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="92"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="93"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="94"/>
        <source>voice message</source>
        <translation>语音</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="95"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="96"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="97"/>
        <source>sticker</source>
        <translation>表情</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="98"/>
        <source>location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="99"/>
        <source>contact card</source>
        <translation>名片</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="100"/>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="101"/>
        <source>transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="102"/>
        <source>red packet</source>
        <translation>红包</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="103"/>
        <source>call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="104"/>
        <source>recalled</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="105"/>
        <source>system</source>
        <translation>系统消息</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="106"/>
        <source>quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="107"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="114"/>
        <source>store created</source>
        <translation>创建证据库</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="115"/>
        <source>setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="116"/>
        <source>user added</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="117"/>
        <source>password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="118"/>
        <source>password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="119"/>
        <source>user deactivated</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="120"/>
        <source>case opened</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="121"/>
        <source>case edited</source>
        <translation>修改案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="122"/>
        <source>cases imported</source>
        <translation>批量导入案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="123"/>
        <source>contact requested</source>
        <translation>申请联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="124"/>
        <source>contact approved</source>
        <translation>批准联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="125"/>
        <source>contact rejected</source>
        <translation>驳回联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="126"/>
        <source>contact revoked</source>
        <translation>撤销联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="127"/>
        <source>documents attached</source>
        <translation>添加材料</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="128"/>
        <source>chat imported</source>
        <translation>导入聊天记录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="129"/>
        <source>time-stamp authority set</source>
        <translation>设置时间戳机构</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="130"/>
        <source>trusted time-stamp</source>
        <translation>可信时间戳</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="131"/>
        <source>tagged</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="132"/>
        <source>tag withdrawn</source>
        <translation>撤回标签</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="133"/>
        <source>finding acknowledged</source>
        <translation>确认合规提示</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/labels.py" line="134"/>
        <source>bundle exported</source>
        <translation>导出证据包</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="60"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="61"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="62"/>
        <source>Actor</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="63"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="64"/>
        <source>Entry hash</source>
        <translation>记录哈希</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="76"/>
        <source>Filter by text in the entry (ids, digests, names)</source>
        <translation>按记录内容筛选（编号、哈希值、名称）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="128"/>
        <source>All actors</source>
        <translation>全部操作人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/ledger_view.py" line="129"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="38"/>
        <source>Evidence Desk — log in</source>
        <translation>证据台 — 登录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="42"/>
        <source>Evidence Desk</source>
        <translation>证据台</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="48"/>
        <source>Court-ready chat evidence. Log in to your store.</source>
        <translation>可用于诉讼的聊天证据。请登录您的证据库。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="54"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="70"/>
        <source>Store folder</source>
        <translation>证据库文件夹</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="71"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="72"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="82"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="87"/>
        <source>Create a new store…</source>
        <translation>新建证据库…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="90"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="106"/>
        <source>Choose the store folder</source>
        <translation>选择证据库文件夹</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="114"/>
        <source>Opening the store…</source>
        <translation>正在打开证据库…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="120"/>
        <source>Choose the store folder.</source>
        <translation>请选择证据库文件夹。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="123"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="126"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/login.py" line="148"/>
        <source>The folder %1 is not empty; choose a new folder for a new store.</source>
        <translation>文件夹 %1 不是空的；请为新证据库选择一个新文件夹。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="69"/>
        <source>Evidence Desk — %1 (%2)</source>
        <translation>证据台 — %1（%2）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="79"/>
        <source>Find a case, debtor or contact</source>
        <translation>查找案件、债务人或联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="83"/>
        <source>Cases and contacts</source>
        <translation>案件与联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="101"/>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="102"/>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="103"/>
        <location filename="../../evidence_desk/ui/main_window.py" line="175"/>
        <source>Ledger</source>
        <translation>存证链</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="104"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="106"/>
        <source>Conduct findings</source>
        <translation>合规提示</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="120"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="160"/>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="163"/>
        <source>Request contact</source>
        <translation>申请联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="166"/>
        <source>Import evidence</source>
        <translation>导入证据</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="169"/>
        <source>Export bundle</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="172"/>
        <source>Verify store</source>
        <translation>校验证据库</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="178"/>
        <source>Approval queue</source>
        <translation>审批队列</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="181"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="183"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="185"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="188"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="191"/>
        <source>Open a new case (Ctrl+N)</source>
        <translation>新建案件（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="196"/>
        <location filename="../../evidence_desk/ui/main_window.py" line="282"/>
        <source>Ask a supervisor to approve a new contact (Ctrl+R)</source>
        <translation>申请主管批准添加新联系人（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="202"/>
        <source>Import chat exports and screenshots for the selected contact (Ctrl+I)</source>
        <translation>为所选联系人导入聊天记录和截图（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="208"/>
        <source>Export a court bundle for the selected case (Ctrl+E)</source>
        <translation>为所选案件导出诉讼证据包（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="214"/>
        <source>Contact requests waiting for a decision</source>
        <translation>等待审批的联系人申请</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="220"/>
        <source>Add users, change roles, reset passwords</source>
        <translation>添加用户、设置角色、重置密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="226"/>
        <source>Back up this store, or check and restore a backup</source>
        <translation>备份本证据库，或检查并恢复备份</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="228"/>
        <source>Check every original, row and ledger entry (F5)</source>
        <translation>校验每个原始文件、每行数据和每条存证记录（F5）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="229"/>
        <source>The signed audit log (Ctrl+L)</source>
        <translation>已签名的审计日志（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="231"/>
        <source>Language, time zone, time-stamp authorities, quiet hours</source>
        <translation>语言、时区、时间戳机构、免打扰时段</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="233"/>
        <source>Main actions</source>
        <translation>主要操作</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="268"/>
        <source>Select an approved contact first: evidence is imported only for contacts a supervisor approved.</source>
        <translation>请先选择已批准的联系人：只有主管批准的联系人才能导入证据。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="274"/>
        <source>Import chat exports and screenshots for %1 (Ctrl+I)</source>
        <translation>为 %1 导入聊天记录和截图（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="287"/>
        <source>Select a case first.</source>
        <translation>请先选择案件。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="292"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="310"/>
        <source>Time stamps: all %1 entries covered</source>
        <translation>时间戳：全部 %1 条记录已覆盖</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="315"/>
        <source>Time stamps: %1 entries queued</source>
        <translation>时间戳：%1 条记录排队中</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="322"/>
        <source>Stamped up to entry %1 of %2.</source>
        <translation>已加盖时间戳至第 %1 条（共 %2 条）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="327"/>
        <source>Newest trusted time: %1</source>
        <translation>最新可信时间：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="343"/>
        <source>No time-stamp authority is configured (Settings).</source>
        <translation>尚未配置时间戳机构（见设置）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="357"/>
        <source>Last attempt failed: %1</source>
        <translation>上次尝试失败：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="372"/>
        <source>Integrity: verifying…</source>
        <translation>完整性：校验中…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="384"/>
        <source>Integrity: intact (%1 entries)</source>
        <translation>完整性：完好（%1 条记录）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="389"/>
        <source>Integrity: %1 problem(s) found</source>
        <translation>完整性：发现 %1 个问题</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="392"/>
        <source>Open the Verify tab (F5) for every finding.</source>
        <translation>打开“校验”页（F5）查看全部结果。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="397"/>
        <source>Integrity: not checked</source>
        <translation>完整性：未校验</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="417"/>
        <source>Overdue %1 since %2</source>
        <translation>自 %2 起逾期 %1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/main_window.py" line="439"/>
        <source>Your role does not read cases.</source>
        <translation>您的角色无权查看案件。</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="43"/>
        <source>Promise to pay</source>
        <translation>还款承诺</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="44"/>
        <source>Debt acknowledgement</source>
        <translation>债务确认</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="45"/>
        <source>Dispute</source>
        <translation>异议</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="46"/>
        <source>Threat or abuse</source>
        <translation>威胁或辱骂</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="47"/>
        <source>Identity</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="48"/>
        <source>Address or contact info</source>
        <translation>地址/联系方式</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="49"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="81"/>
        <source>Tag as</source>
        <translation>标记为</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="89"/>
        <source>Add a note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="94"/>
        <source>Remove tag: %1</source>
        <translation>移除标记：%1</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="132"/>
        <source>Note on this message</source>
        <translation>消息备注</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="133"/>
        <source>Note (recorded in the ledger):</source>
        <translation>备注（记入存证链）：</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="142"/>
        <source>added before approval</source>
        <translation>审批前已添加</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="143"/>
        <source>staff message in quiet hours</source>
        <translation>免打扰时段内的员工消息</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="144"/>
        <source>contact is not the debtor or a guarantor</source>
        <translation>联系人不是债务人或担保人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="145"/>
        <source>social-app contact without consent</source>
        <translation>未经同意使用社交软件联系</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="146"/>
        <source>first staff message does not name the institution</source>
        <translation>员工首条消息未表明机构名称</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="149"/>
        <source>forbidden wording</source>
        <translation>违禁用语</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="150"/>
        <source>payment account not on the approved list</source>
        <translation>收款账户不在批准名单内</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="151"/>
        <source>message after revocation</source>
        <translation>终止后的消息</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="197"/>
        <source>the friend-added line</source>
        <translation>添加好友提示</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="199"/>
        <source>the first message</source>
        <translation>第一条消息</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="158"/>
        <source>{what} is dated {at}, before the approval by {approver} at {approved_at}</source>
        <translation>{what}的时间为 {at}，早于 {approver} 于 {approved_at} 的审批</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="161"/>
        <source>staff {kind} at {local} {zone}, within quiet hours {window}, and the contact has no consent record</source>
        <translation>员工于 {local}（{zone}）发送{kind}，处于休息时段 {window}，且该联系人没有同意记录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="166"/>
        <source>{count} staff message(s) to {name}, whose relation is {relation}, not debtor or guarantor</source>
        <translation>员工向 {name} 发送了 {count} 条消息，其关系为{relation}，不是债务人或担保人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="171"/>
        <source>{channel} contact used by staff ({count} message(s)) with no consent record</source>
        <translation>员工使用{channel}联系（{count} 条消息），但没有债务人同意记录</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="174"/>
        <source>the first staff message names none of: {institutions}</source>
        <translation>员工首条消息未提及以下任何机构名称：{institutions}</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="177"/>
        <source>wording found: {hits}</source>
        <translation>发现用语：{hits}</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="178"/>
        <source>account(s) not on the approved repayment list: {accounts}</source>
        <translation>不在核准还款账户名单上的账户：{accounts}</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="203"/>
        <source>staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="205"/>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/review_ui.py" line="181"/>
        <source>{side} message at {at}, after the contact was revoked at {revoked_at}</source>
        <translation>{side}于 {at} 发送的消息，晚于联系人被撤销的时间 {revoked_at}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../evidence_desk/ui/roles.py" line="19"/>
        <source>field staff</source>
        <translation>催收员</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/roles.py" line="20"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/roles.py" line="21"/>
        <source>legal team</source>
        <translation>法务</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/roles.py" line="22"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/roles.py" line="31"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/roles.py" line="35"/>
        <source>Your role (%1) may not do this; allowed: %2.</source>
        <translation>您的角色（%1）无权执行此操作；允许的角色：%2。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="46"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="53"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="55"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="59"/>
        <source>Store settings (recorded in the ledger)</source>
        <translation>证据库设置（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="62"/>
        <source>Default time zone</source>
        <translation>默认时区</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="63"/>
        <source>Quiet hours (debtor&apos;s local time)</source>
        <translation>免打扰时段（债务人当地时间）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="64"/>
        <source>Approval expires after (days, 0 = never)</source>
        <translation>批准有效期（天，0 = 永久）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="65"/>
        <source>Producing organisation</source>
        <translation>出具机构</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="66"/>
        <source>Bundle language (zh_CN or en)</source>
        <translation>证据包语言（zh_CN 或 en）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="67"/>
        <source>Retries per time-stamp authority</source>
        <translation>每个时间戳机构的重试次数</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="68"/>
        <source>Debtor&apos;s time zone for quiet hours (empty: default)</source>
        <translation>免打扰时段采用的债务人时区（留空：默认）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="69"/>
        <source>Institution names for CC-5 (| separated)</source>
        <translation>CC-5 机构名称（用 | 分隔）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="70"/>
        <source>Approved repayment accounts (comma separated)</source>
        <translation>批准的还款账户（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="71"/>
        <source>Conduct lexicon (JSON; empty: the shipped one)</source>
        <translation>合规词库（JSON；留空：使用内置词库）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="90"/>
        <source>Time-stamp authorities (RFC 3161)</source>
        <translation>时间戳机构（RFC 3161）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="96"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="102"/>
        <source>Root certificate (PEM file)</source>
        <translation>根证书（PEM 文件）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="103"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="105"/>
        <source>Add authority</source>
        <translation>添加机构</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="133"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="135"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="152"/>
        <source>No authority configured: checkpoints stay queued.</source>
        <translation>未配置时间戳机构：检查点将排队等待。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="154"/>
        <source>Stamped up to entry %1; %2 entries waiting.</source>
        <translation>已加盖时间戳至第 %1 条；%2 条等待中。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="161"/>
        <source>Root certificate</source>
        <translation>根证书</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/settings_dialog.py" line="171"/>
        <source>Cannot read the certificate file: %1</source>
        <translation>无法读取证书文件：%1</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="37"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="42"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="42"/>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="62"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="42"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="56"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="59"/>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="61"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="63"/>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="68"/>
        <source>New password for the selected user</source>
        <translation>所选用户的新密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="69"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="79"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="95"/>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="95"/>
        <source>inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="106"/>
        <source>Protecting the keys with the new password…</source>
        <translation>正在用新密码保护密钥…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="135"/>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="142"/>
        <source>Select a user first.</source>
        <translation>请先选择用户。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/users_dialog.py" line="150"/>
        <source>Password of %1 reset; a new signing key was issued.</source>
        <translation>%1 的密码已重置，并已签发新的签名密钥。</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="38"/>
        <source>Verify the store now</source>
        <translation>立即校验证据库</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="41"/>
        <source>Check a received bundle…</source>
        <translation>校验收到的证据包…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="48"/>
        <source>Not verified yet in this session.</source>
        <translation>本次登录尚未校验。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="54"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="54"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="54"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="54"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="77"/>
        <source>Verifying every original, row, signature and checkpoint…</source>
        <translation>正在校验每个原始文件、数据行、签名和检查点…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="99"/>
        <source>%1 ledger entries, %2 checkpoints, %3 originals (%4 bytes) checked.</source>
        <translation>已校验 %1 条存证记录、%2 个检查点、%3 个原始文件（%4 字节）。</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="107"/>
        <source>INTACT</source>
        <translation>完好</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="112"/>
        <source>PROBLEMS FOUND (%1)</source>
        <translation>发现问题（%1）</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="119"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="119"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="133"/>
        <source>Choose a verification kit</source>
        <translation>选择校验包</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="133"/>
        <source>Verification kit (*.zip)</source>
        <translation>校验包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="144"/>
        <source>Checking %1…</source>
        <translation>正在校验 %1…</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="155"/>
        <source>BUNDLE INTACT</source>
        <translation>证据包完好</translation>
    </message>
    <message>
        <location filename="../../evidence_desk/ui/verify_panel.py" line="155"/>
        <source>BUNDLE HAS PROBLEMS</source>
        <translation>证据包有问题</translation>
    </message>
</context>
</TS>
