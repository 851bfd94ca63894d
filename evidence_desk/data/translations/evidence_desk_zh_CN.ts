<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessLogView</name>
    <message>
        <location filename="../../ui/access_log_view.py" line="37"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="38"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="39"/>
        <source>Reader</source>
        <translation>读取人</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="40"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="41"/>
        <source>What was read</source>
        <translation>读取内容</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="42"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="43"/>
        <source>Sealed</source>
        <translation>已封存</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="55"/>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="57"/>
        <source>Reader:</source>
        <translation>读取人：</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="74"/>
        <source>opened the conversation</source>
        <translation>打开了会话</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="75"/>
        <source>searched messages</source>
        <translation>搜索了消息</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="76"/>
        <source>viewed an item</source>
        <translation>查看了证据项</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="77"/>
        <source>viewed a request document</source>
        <translation>查看了申请材料</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="78"/>
        <source>exported a bundle</source>
        <translation>导出了证据包</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="79"/>
        <source>ran the conduct check</source>
        <translation>运行了合规自查</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="89"/>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="90"/>
        <source>All readers</source>
        <translation>全部读取人</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="115"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/access_log_view.py" line="115"/>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/access_log_view.py" line="128"/>
        <source>%n read(s)</source>
        <translation>
            <numerusform>%n 次读取</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalQueue</name>
    <message>
        <location filename="../../ui/approvals.py" line="58"/>
        <source>Waiting for a decision</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="59"/>
        <source>Approved (may be revoked)</source>
        <translation>已批准（可终止）</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="60"/>
        <source>All requests</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="84"/>
        <source>Note for the record (required to reject or revoke)</source>
        <translation>审批意见（驳回或终止时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="87"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="89"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="91"/>
        <source>Revoke and close channel</source>
        <translation>终止联系并关闭渠道</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="108"/>
        <source>Documents</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="134"/>
        <source>case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="135"/>
        <source>by %1 · %2</source>
        <translation>申请人 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="141"/>
        <source>(your own request)</source>
        <translation>（本人提交的申请）</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="168"/>
        <source>No request selected.</source>
        <translation>未选择申请。</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="174"/>
        <source>Case %1; relation %2; initiated by %3; consent %4.</source>
        <translation>案件 %1；关系 %2；发起方 %3；同意 %4。</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="180"/>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="183"/>
        <source>Flags: %1</source>
        <translation>标记：%1</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="238"/>
        <source>Select a request first.</source>
        <translation>请先选择一条申请。</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="242"/>
        <source>You made this request: another supervisor must decide it (four-eyes).</source>
        <translation>这是您本人提交的申请：须由另一位主管审批（四眼原则）。</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="247"/>
        <source>Not possible while the contact is %1.</source>
        <translation>联系人当前为“%1”，无法执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/approvals.py" line="269"/>
        <source>Contact %1 is now %2.</source>
        <translation>联系人 %1 现为：%2。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../ui/backup_dialog.py" line="51"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="59"/>
        <source>File to write, e.g. D:\backup\store.edbackup</source>
        <translation>要写入的文件，例如 D:\backup\store.edbackup</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="60"/>
        <location filename="../../ui/backup_dialog.py" line="78"/>
        <location filename="../../ui/backup_dialog.py" line="83"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="62"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="65"/>
        <source>Back up this store</source>
        <translation>备份本证据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="67"/>
        <location filename="../../ui/backup_dialog.py" line="105"/>
        <location filename="../../ui/backup_dialog.py" line="141"/>
        <location filename="../../ui/backup_dialog.py" line="146"/>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="71"/>
        <source>The backup stays encrypted and is signed by you; others may keep working.</source>
        <translation>备份保持加密并由您签名；其他人可继续工作。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="82"/>
        <source>An empty folder for the restored store</source>
        <translation>用于恢复证据库的空文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="90"/>
        <source>Password of an admin of the backed-up store</source>
        <translation>被备份证据库中管理员的密码</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="91"/>
        <source>Replace a store in that folder (it is moved aside)</source>
        <translation>替换该文件夹中的证据库（原库将被移到旁边保留）</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="93"/>
        <source>Check only</source>
        <translation>仅检查</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="96"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="103"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="106"/>
        <location filename="../../ui/backup_dialog.py" line="151"/>
        <source>Restore into</source>
        <translation>恢复到</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="107"/>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="108"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="114"/>
        <source>Every file is checked against the signed manifest and the store is verified before anything is put in place.</source>
        <translation>在替换任何内容之前，每个文件都会与已签名的清单核对，并对证据库进行完整校验。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="129"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="159"/>
        <source>Choose the file to write first.</source>
        <translation>请先选择要写入的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="166"/>
        <source>Backup written: %1, %2, %3.</source>
        <translation>备份已写入：%1，%2，%3。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="167"/>
        <source>%n ledger entry(s)</source>
        <comment>backup written</comment>
        <translation>
            <numerusform>%n 条存证记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="168"/>
        <source>%n original(s)</source>
        <comment>backup written</comment>
        <translation>
            <numerusform>%n 个原始文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="171"/>
        <source>%n byte(s)</source>
        <comment>backup written</comment>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="201"/>
        <source>The backup is intact: %n ledger entry(s), made %1 by %2.</source>
        <translation>
            <numerusform>备份完好：%n 条存证记录，由 %2 于 %1 制作。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="207"/>
        <source>Restored: %n ledger entry(s), made %1 by %2; the store verifies.</source>
        <translation>
            <numerusform>已恢复：%n 条存证记录，由 %2 于 %1 制作；证据库校验通过。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="189"/>
        <source>Choose the backup file and the folder to restore into.</source>
        <translation>请选择备份文件和要恢复到的文件夹。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/backup_dialog.py" line="215"/>
        <source>Re-applied %n shredding(s) recorded after this backup was made: case(s) %1.</source>
        <translation>
            <numerusform>已重新执行该备份之后记录的 %n 次销毁：案件 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="220"/>
        <source>The previous store was moved to %1.</source>
        <translation>原证据库已移至 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="254"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>BreachDialog</name>
    <message>
        <location filename="../../ui/breach_dialog.py" line="75"/>
        <source>Breach records (PIPL art. 57)</source>
        <translation>个人信息安全事件记录（《个人信息保护法》第五十七条）</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="89"/>
        <source>Copy notice</source>
        <translation>复制告知书</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="92"/>
        <source>Print notice…</source>
        <translation>打印告知书…</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="96"/>
        <source>Notice language:</source>
        <translation>告知书语言：</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="113"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="120"/>
        <source>File a breach record (admins)</source>
        <translation>登记安全事件（管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="137"/>
        <source>File record</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="141"/>
        <source>What happened</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="142"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="143"/>
        <source>Cause, in your words</source>
        <translation>原因说明</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="144"/>
        <source>Harm it may cause</source>
        <translation>可能造成的危害</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="145"/>
        <source>Remedies taken</source>
        <translation>已采取的补救措施</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="146"/>
        <source>What people can do</source>
        <translation>个人可采取的措施</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="147"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="148"/>
        <source>Contact telephone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="149"/>
        <source>Cases affected</source>
        <translation>涉及案件数</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="150"/>
        <source>People affected (about)</source>
        <translation>涉及人数（约）</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="151"/>
        <source>Discovered at (local time)</source>
        <translation>发现时间（本地时间）</translation>
    </message>
    <message>
        <location filename="../../ui/breach_dialog.py" line="195"/>
        <source>Breach record %1 filed.</source>
        <translation>已登记安全事件记录 %1。</translation>
    </message>
</context>
<context>
    <name>Bubbles</name>
    <message>
        <location filename="../../ui/labels.py" line="274"/>
        <source>After revocation</source>
        <translation>终止后</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="275"/>
        <source>After expiry</source>
        <translation>过期后</translation>
    </message>
    <message>
        <location filename="../../ui/bubbles.py" line="54"/>
        <source>in export</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../ui/bubbles.py" line="55"/>
        <source>not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../ui/bubbles.py" line="56"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="120"/>
        <source>Export a court bundle — case %1</source>
        <translation>导出诉讼证据包 — 案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="146"/>
        <location filename="../../ui/bundle_dialog.py" line="149"/>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="154"/>
        <source>Only tagged messages (with their context)</source>
        <translation>仅含已标记消息（及其上下文）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="171"/>
        <source>Embed the originals in the PDF even though account numbers are masked</source>
        <translation>即使账号已遮蔽，仍将原始文件嵌入 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="175"/>
        <source>Time-stamp pending checkpoints first (needs the network)</source>
        <translation>先为待处理检查点加盖时间戳（需联网）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="182"/>
        <source>Wait for the organisation hub&apos;s time-stamp first (up to 2 minutes)</source>
        <translation>先等待组织中心服务器加盖时间戳（最多 2 分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="189"/>
        <source>Print bank-card and account numbers in full (recorded with the reason)</source>
        <translation>完整打印银行卡号和账号（连同理由记入存证链）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="194"/>
        <source>Why the numbers are needed in clear</source>
        <translation>为何需要完整号码</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="210"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="216"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="217"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="219"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="220"/>
        <source>Page limit per volume</source>
        <translation>每册页数上限</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="221"/>
        <source>Size limit per volume</source>
        <translation>每册大小上限</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="226"/>
        <source>Reason for printing numbers</source>
        <translation>打印号码的理由</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="227"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="237"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="242"/>
        <source>Export RSMF…</source>
        <translation>导出 RSMF…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="246"/>
        <source>Write the chosen contacts&apos; conversations as RSMF 2.0 for a law firm&apos;s e-discovery platform, with the same recipient record</source>
        <translation>将所选联系人的会话写成 RSMF 2.0 文件，供律师事务所的电子取证平台使用，并记录相同的接收方处理记录</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="254"/>
        <source>Redactions…</source>
        <translation>遮盖…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="257"/>
        <source>Review the default redactions and black out more for this bundle</source>
        <translation>查看默认遮盖，并为本证据包遮盖更多内容</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="261"/>
        <source>Open PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="264"/>
        <source>Show kit</source>
        <translation>显示校验包</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="267"/>
        <source>Verify the kit</source>
        <translation>校验校验包</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="270"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="305"/>
        <source>Case %1 was shredded on %2 (rule case.shredded): its content no longer exists, so no bundle can be made.</source>
        <translation>案件 %1 已于 %2 销毁（规则 case.shredded）：其内容已不存在，无法制作证据包。</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="322"/>
        <source>e.g. the court or law firm&apos;s name</source>
        <translation>例如法院或律师事务所的名称</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="325"/>
        <source>why the bundle is provided</source>
        <translation>提供证据包的目的</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="333"/>
        <source>the law or regulation (needed for art. 13(7))</source>
        <translation>所依据的法律或行政法规（第十三条第七项时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="334"/>
        <source>Processing record (PIPL arts. 55-56)</source>
        <translation>处理情况记录（《个人信息保护法》第五十五、五十六条）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="337"/>
        <source>Recipient kind</source>
        <translation>接收方类型</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="338"/>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="339"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="340"/>
        <source>Legal basis</source>
        <translation>处理依据</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="341"/>
        <source>Basis note</source>
        <translation>依据说明</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="360"/>
        <source>Save the bundle to</source>
        <translation>证据包保存位置</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="420"/>
        <source>The export applies your redaction plan: %1, %2, %3.</source>
        <translation>导出将采用您的遮盖方案：%1，%2，%3。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="421"/>
        <source>%n text passage(s)</source>
        <comment>redaction plan</comment>
        <translation>
            <numerusform>文字 %n 处</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="422"/>
        <source>%n whole message(s)</source>
        <comment>redaction plan</comment>
        <translation>
            <numerusform>整条消息 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="423"/>
        <source>%n image region(s)</source>
        <comment>redaction plan</comment>
        <translation>
            <numerusform>图像 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="509"/>
        <source>RSMF written: %1 (%2, %3, %4).</source>
        <translation>已写入 RSMF：%1（%2，%3，%4）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="511"/>
        <source>%n conversation(s)</source>
        <comment>RSMF written</comment>
        <translation>
            <numerusform>%n 个会话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="512"/>
        <source>%n event(s)</source>
        <comment>RSMF written</comment>
        <translation>
            <numerusform>%n 条事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="513"/>
        <source>%n attachment(s)</source>
        <comment>RSMF written</comment>
        <translation>
            <numerusform>%n 个附件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="526"/>
        <source>%1, %2, %3 included (%4 in range left out, each listed).</source>
        <translation>%1，%2，收录 %3（范围内未收录 %4 条，均已逐条列明）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="527"/>
        <source>%n exhibit(s)</source>
        <comment>bundle exported</comment>
        <translation>
            <numerusform>%n 项证据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="528"/>
        <source>%n page(s)</source>
        <comment>bundle exported</comment>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="529"/>
        <source>%n message(s)</source>
        <comment>bundle exported</comment>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="590"/>
        <source>The kit verifies: every exhibit OK (%n check(s)).</source>
        <translation>
            <numerusform>校验包校验通过：每项证据均完好（%n 项检查）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="450"/>
        <source>Gathering evidence, rendering the PDF and the verification kit…</source>
        <translation>正在收集证据，生成 PDF 和校验包…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="482"/>
        <source>Save the RSMF file as</source>
        <translation>RSMF 文件另存为</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="482"/>
        <source>RSMF (*.rsmf)</source>
        <translation>RSMF 文件 (*.rsmf)</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="492"/>
        <source>Writing the conversations as RSMF…</source>
        <translation>正在将会话写成 RSMF…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="523"/>
        <source>Bundle %1 exported.</source>
        <translation>证据包 %1 已导出。</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="531"/>
        <source>PDF: %1</source>
        <translation>PDF：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="532"/>
        <source>Kit: %1 (SHA-256 %2)</source>
        <translation>校验包：%1（SHA-256 %2）</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="535"/>
        <source>Proofs lead to checkpoint %1 (%2).</source>
        <translation>证明指向检查点 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="539"/>
        <source>time-stamped</source>
        <translation>已加盖时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="541"/>
        <source>not time-stamped yet</source>
        <translation>尚未加盖时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="543"/>
        <source>Recorded as ledger entry %1.</source>
        <translation>已记入存证链第 %1 条。</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_dialog.py" line="544"/>
        <source>Processing record %1 written (kept at least 3 years).</source>
        <translation>已写入处理情况记录 %1（至少保存三年）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="594"/>
        <source>A court trusts it only with your TSA&apos;s published root and your organisation&apos;s key list (evidence-desk org-keys): %n item(s) are not trusted on this computer.</source>
        <translation>
            <numerusform>法院只有凭时间戳机构公布的根证书和本机构的公钥列表（evidence-desk org-keys）才会信任它：在本机上有 %n 项不受信任。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bundle_dialog.py" line="602"/>
        <source>The kit has %n problem(s).</source>
        <translation>
            <numerusform>校验包有 %n 个问题。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../ui/case_dialog.py" line="28"/>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="42"/>
        <source>Auto loan</source>
        <translation>车贷</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="43"/>
        <source>Online loan</source>
        <translation>网贷</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="44"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="53"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="54"/>
        <source>Debtor name</source>
        <translation>债务人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="55"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="56"/>
        <source>Loan reference</source>
        <translation>贷款合同号</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="57"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="58"/>
        <source>Amount overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="59"/>
        <source>Overdue since</source>
        <translation>逾期起始日</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="67"/>
        <source>Open case</source>
        <translation>建立案件</translation>
    </message>
    <message>
        <location filename="../../ui/case_dialog.py" line="69"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ContactPage</name>
    <message>
        <location filename="../../ui/contact_page.py" line="152"/>
        <source>Conversation</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="153"/>
        <source>Items and documents</source>
        <translation>证据与材料</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="175"/>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="177"/>
        <source>Choose a case or a contact on the left, or open a new case (Ctrl+N).</source>
        <translation>请在左侧选择案件或联系人，或新建案件（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="193"/>
        <source>Loan %1 · product %2 · overdue %3 since %4 · status %5</source>
        <translation>合同 %1 · 产品 %2 · 逾期 %3（自 %4）· 状态 %5</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/contact_page.py" line="208"/>
        <source>%n contact(s) in this case. Choose one on the left, or request a new contact (Ctrl+R).</source>
        <translation>
            <numerusform>本案件有 %n 个联系人。请在左侧选择，或申请添加联系人（Ctrl+R）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="218"/>
        <source>Requested by %1 at %2: %3</source>
        <translation>%1 于 %2 申请：%3</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="225"/>
        <source>Decided by %1 at %2: %3</source>
        <translation>%1 于 %2 审批：%3</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="238"/>
        <source>Revoked by %1 at %2: %3</source>
        <translation>%1 于 %2 终止：%3</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="245"/>
        <source>Flags: %1</source>
        <translation>标记：%1</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="294"/>
        <source>Read screenshots</source>
        <translation>识别截图</translation>
    </message>
    <message>
        <location filename="../../ui/contact_page.py" line="303"/>
        <source>Tag as</source>
        <translation>标记为</translation>
    </message>
</context>
<context>
    <name>ContactRequestDialog</name>
    <message>
        <location filename="../../ui/contact_request.py" line="41"/>
        <source>Request a new contact</source>
        <translation>添加联系人申请</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="53"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="54"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="55"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="56"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="57"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="58"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="64"/>
        <source>WeChat ID, phone number or account</source>
        <translation>微信号、手机号或账号</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="70"/>
        <source>Debtor</source>
        <translation>债务人</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="71"/>
        <source>Guarantor</source>
        <translation>担保人</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="72"/>
        <source>Other (needs a justification)</source>
        <translation>其他（须说明理由）</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="79"/>
        <source>The debtor added us</source>
        <translation>债务人主动添加</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="80"/>
        <source>We added the debtor</source>
        <translation>我方主动添加</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="81"/>
        <source>The debtor agreed to discuss the debt on this channel</source>
        <translation>债务人同意通过此渠道沟通债务</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="86"/>
        <source>Why this contact is needed (recorded in the ledger)</source>
        <translation>需要添加此联系人的理由（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="90"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="91"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="92"/>
        <source>Handle / number</source>
        <translation>账号 / 号码</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="93"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="94"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="95"/>
        <source>Justification</source>
        <translation>理由说明</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="96"/>
        <source>Who initiated</source>
        <translation>发起方</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="98"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="101"/>
        <source>Documents (drag files onto a list)</source>
        <translation>材料（可将文件拖入列表）</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="104"/>
        <source>Identity proof (required)</source>
        <translation>身份证明（必需）</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="105"/>
        <source>Debt confirmation (required)</source>
        <translation>债务确认书（必需）</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="106"/>
        <source>Friend-request screenshot</source>
        <translation>好友申请截图</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="107"/>
        <source>Consent evidence</source>
        <translation>同意证明</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="126"/>
        <source>Send request</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="128"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="144"/>
        <source>identity proof</source>
        <translation>身份证明</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="145"/>
        <source>debt confirmation</source>
        <translation>债务确认书</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="152"/>
        <source>A supervisor can approve only with the debtor&apos;s %1 attached.</source>
        <translation>须附上债务人的%1，主管才能批准。</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="153"/>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="158"/>
        <source>Required documents attached.</source>
        <translation>必需材料已附上。</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="166"/>
        <source>Open a case first (Ctrl+N).</source>
        <translation>请先新建案件（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../ui/contact_request.py" line="196"/>
        <source>Sealing the documents and recording the request…</source>
        <translation>正在封存材料并记录申请…</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../ui/conversation.py" line="61"/>
        <source>Search this conversation (Ctrl+F)</source>
        <extracomment>an item id: a screenshot the search found by its OCR text was chosen (issue 22)</extracomment>
        <translation>在此聊天记录中搜索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="67"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="72"/>
        <source>Next match (F3)</source>
        <translation>下一个（F3）</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="124"/>
        <source>Choose a contact on the left to read its conversation.</source>
        <translation>请在左侧选择联系人以查看聊天记录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/conversation.py" line="167"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="174"/>
        <source>No messages yet. Import a chat export for this contact (Ctrl+I).</source>
        <translation>暂无消息。请为此联系人导入聊天记录（Ctrl+I）。</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="292"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="323"/>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="336"/>
        <source>In screenshots (OCR text): %1</source>
        <translation>截图中（OCR 识别文字）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/conversation.py" line="353"/>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 个</translation>
    </message>
</context>
<context>
    <name>DecidedText</name>
    <message>
        <location filename="../../ui/decided_text.py" line="28"/>
        <source>Your rejection was not accepted</source>
        <translation>您的驳回未被接受</translation>
    </message>
    <message>
        <location filename="../../ui/decided_text.py" line="30"/>
        <source>Your approval was not accepted</source>
        <translation>您的批准未被接受</translation>
    </message>
    <message>
        <location filename="../../ui/decided_text.py" line="33"/>
        <source>%1: another supervisor decided first.</source>
        <translation>%1：另一位主管已先作出决定。</translation>
    </message>
    <message>
        <location filename="../../ui/decided_text.py" line="36"/>
        <source>%1: %2 decided first at %3 (%4, device %5).</source>
        <translation>%1：%2 已于 %3 先作出决定（%4，设备 %5）。</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../ui/details.py" line="58"/>
        <source>Select a message or an item to see its digests, import record, custody and time stamp.</source>
        <translation>选择一条消息或一项证据，查看其哈希值、导入记录、保管链和时间戳。</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="66"/>
        <source>No ledger entry found.</source>
        <translation>未找到存证链记录。</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="70"/>
        <source>Ledger entry %1 is covered by a trusted time stamp: %2 by %3 (checkpoint %4).</source>
        <translation>存证链第 %1 条已有可信时间戳：%2，由 %3 签发（检查点 %4）。</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="78"/>
        <source>Ledger entry %1 is waiting for a trusted time stamp (queued).</source>
        <translation>存证链第 %1 条正在等待可信时间戳（排队中）。</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="97"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="101"/>
        <source>Sender</source>
        <translation>发送人</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="102"/>
        <source>Sent (UTC)</source>
        <translation>发送时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="103"/>
        <source>Time as exported</source>
        <translation>导出中的时间</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="104"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="105"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="106"/>
        <source>Commitment</source>
        <translation>承诺值</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="109"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="115"/>
        <location filename="../../ui/details.py" line="197"/>
        <source>Time stamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="118"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="122"/>
        <source>Original</source>
        <translation>原始文件</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="126"/>
        <location filename="../../ui/details.py" line="187"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/details.py" line="127"/>
        <location filename="../../ui/details.py" line="187"/>
        <source>%n byte(s)</source>
        <comment>size</comment>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="130"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="133"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="134"/>
        <source>Our account</source>
        <translation>我方账号</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="135"/>
        <source>Imported by</source>
        <translation>导入人</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="136"/>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="153"/>
        <source>Chain of custody</source>
        <translation>保管链</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="167"/>
        <source>Recording</source>
        <translation>录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="171"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="183"/>
        <source>Item</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="184"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="188"/>
        <source>Added by</source>
        <translation>添加人</translation>
    </message>
    <message>
        <location filename="../../ui/details.py" line="189"/>
        <source>Added at</source>
        <translation>添加时间</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="20"/>
        <source>The request is incomplete.</source>
        <translation>请求不完整。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>Refused by a rule.</source>
        <translation>被规则拒绝。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="22"/>
        <source>Your role does not allow this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>The input cannot be accepted.</source>
        <translation>输入无法接受。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="24"/>
        <source>The file cannot be imported.</source>
        <translation>无法导入该文件。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="26"/>
        <source>The store cannot be used.</source>
        <translation>无法使用该证据库。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>Unknown user or wrong password.</source>
        <translation>用户不存在或密码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>The store is busy.</source>
        <translation>证据库正忙。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>Cancelled: nothing was stored.</source>
        <translation>已取消：未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="30"/>
        <source>Time-stamping failed.</source>
        <translation>加盖时间戳失败。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>The hub runs an older release than this app.</source>
        <translation>中心服务器运行的版本比本应用旧。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34"/>
        <source>The hub did not accept it.</source>
        <translation>中心服务器未接受。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>The hub showed a history this device was not shown.</source>
        <translation>中心展示了一套本设备未曾见过的历史。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="40"/>
        <source>The operation failed.</source>
        <translation>操作失败。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>Unexpected error: nothing was changed.</source>
        <translation>意外错误：未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>Evidence Desk</source>
        <translation>证据台</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../ui/service_text.py" line="482"/>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="483"/>
        <source>relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="484"/>
        <source>initiated by</source>
        <translation>发起方</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="485"/>
        <source>account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="486"/>
        <source>document</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="487"/>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="488"/>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="489"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="490"/>
        <source>time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="491"/>
        <source>setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="492"/>
        <source>quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="493"/>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="494"/>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="495"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="496"/>
        <source>limit</source>
        <translation>数量上限</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="497"/>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="498"/>
        <source>time-stamp authority</source>
        <translation>时间戳机构</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="499"/>
        <source>root certificates</source>
        <translation>根证书</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="500"/>
        <source>intermediate certificates</source>
        <translation>中间证书</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="501"/>
        <source>approved repayment accounts</source>
        <translation>经批准的还款账户</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="502"/>
        <source>conduct lexicon</source>
        <translation>合规词库</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="503"/>
        <source>shipped lexicon</source>
        <translation>内置词库</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="504"/>
        <location filename="../../ui/service_text.py" line="505"/>
        <source>case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="506"/>
        <source>case edit</source>
        <translation>案件修改</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="507"/>
        <source>debtor name</source>
        <translation>债务人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="508"/>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="509"/>
        <source>amount overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="510"/>
        <source>overdue since</source>
        <translation>逾期起始日</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="511"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="512"/>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="513"/>
        <source>from date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="514"/>
        <source>to date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="515"/>
        <source>bundle language</source>
        <translation>证据包语言</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="516"/>
        <source>page cap</source>
        <translation>页数上限</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <location filename="../../ui/drop_list.py" line="68"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/drop_list.py" line="70"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/drop_list.py" line="75"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/drop_list.py" line="86"/>
        <source>Choose files</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../ui/drop_list.py" line="90"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../../ui/review_ui.py" line="149"/>
        <source>Run the conduct check</source>
        <translation>运行合规自查</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="152"/>
        <source>Only findings not yet acknowledged</source>
        <translation>仅显示尚未确认的提示</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="163"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="164"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="165"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="166"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="167"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="184"/>
        <source>Why this is acceptable, or what was done (recorded in the ledger)</source>
        <translation>说明为何可接受或已采取的措施（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="186"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="218"/>
        <source>Checking every stored conversation…</source>
        <translation>正在检查全部已存聊天记录…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_ui.py" line="231"/>
        <source>%n finding(s), %1 not yet acknowledged.</source>
        <translation>
            <numerusform>共 %n 条提示，%1 条尚未确认。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="253"/>
        <source>in a screenshot (OCR)</source>
        <translation>来自截图（OCR）</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="283"/>
        <source>Select a finding first.</source>
        <translation>请先选择一条提示。</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="291"/>
        <source>Acknowledged; recorded in the ledger.</source>
        <translation>已确认，并记入存证链。</translation>
    </message>
</context>
<context>
    <name>GossipDialog</name>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="37"/>
        <source>Exchange checkpoints</source>
        <translation>交换检查点</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="42"/>
        <source>Carry the organisation checkpoints this device was shown to another device (a file, or a court bundle&apos;s kit), outside the hub. Each one taken in is checked against this device&apos;s own history: a hub that showed two devices two histories is named here.</source>
        <translation>在中心之外，把本设备见过的组织检查点带到另一台设备（一个文件，或法院证据包的校验包）。每个带入的检查点都会与本设备自己的历史核对：若中心向两台设备展示了两套历史，会在此指明。</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="49"/>
        <source>Write checkpoints to a file…</source>
        <translation>将检查点写入文件…</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="52"/>
        <source>Check a file or bundle from another device…</source>
        <translation>核对来自另一台设备的文件或证据包…</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="70"/>
        <source>Checkpoint files (*.json);;Bundle kits (*.zip);;All files (*)</source>
        <translation>检查点文件 (*.json);;证据包校验包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="74"/>
        <source>Write checkpoints to</source>
        <translation>将检查点写入</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="81"/>
        <source>Check checkpoints from</source>
        <translation>选择要核对的检查点文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/gossip_dialog.py" line="96"/>
        <source>Wrote checkpoint %1 and %n witness cosignature(s) to %2.</source>
        <translation>
            <numerusform>已将检查点 %1 及 %n 个见证人联署写入 %2。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="116"/>
        <source>Agrees with this device&apos;s history: %1</source>
        <translation>与本设备的历史一致：%1</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="120"/>
        <source>Checked at the next sync (this device does not hold it yet): %1</source>
        <translation>将在下次同步时核对（本设备尚未持有其历史）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/gossip_dialog.py" line="125"/>
        <source>Nothing to check.</source>
        <translation>没有需要核对的内容。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="76"/>
        <source>Import evidence for %1</source>
        <translation>为 %1 导入证据</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="99"/>
        <source>Detected from the export (leave empty)</source>
        <translation>从导出文件识别（可留空）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="101"/>
        <source>Time zone of the export&apos;s local times</source>
        <translation>导出文件中本地时间的时区</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="102"/>
        <source>Our account (staff side)</source>
        <translation>我方账号（员工一方）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="130"/>
        <source>Chats in the export (untick those that are not the debtor&apos;s):</source>
        <translation>导出文件中的聊天（取消勾选不属于债务人的聊天）：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="134"/>
        <source>Participants (untick third parties: their messages are not stored; the original file is kept whole):</source>
        <translation>参与者（取消勾选第三方：其消息不予存储；原始文件完整保留）：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="178"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="180"/>
        <location filename="../../ui/import_wizard.py" line="226"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="183"/>
        <location filename="../../ui/import_wizard.py" line="242"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="232"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="242"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="266"/>
        <source>Cancelling… nothing will be stored.</source>
        <translation>正在取消…不会保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="328"/>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="358"/>
        <source>GB18030 (not marked as UTF-8; made on Chinese Windows)</source>
        <translation>GB18030（未标记为 UTF-8；在中文 Windows 上制作）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="360"/>
        <source>cp437 (neither UTF-8 nor GB18030; names may be garbled)</source>
        <translation>cp437（既非 UTF-8 也非 GB18030；文件名可能是乱码）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="361"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="367"/>
        <source>Detected format</source>
        <translation>识别的格式</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="368"/>
        <location filename="../../ui/import_wizard.py" line="425"/>
        <location filename="../../ui/import_wizard.py" line="441"/>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="369"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="370"/>
        <source>Participants</source>
        <translation>参与者</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="371"/>
        <source>Our account</source>
        <translation>我方账号</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="373"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="374"/>
        <source>%1 (%2 already stored)</source>
        <translation>%1（其中 %2 条已保存）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="379"/>
        <source>Date range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="383"/>
        <source>Time zone assumed</source>
        <translation>采用的时区</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="384"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="386"/>
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="392"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="401"/>
        <source>Zip member names</source>
        <translation>压缩包内文件名</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="403"/>
        <source>After revocation</source>
        <translation>终止后</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="407"/>
        <source>Left out</source>
        <translation>已排除</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="417"/>
        <source>Repaired while reading (the original is unchanged):</source>
        <translation>读取时已修复（原始文件保持不变）：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="477"/>
        <source>Could not parse or had to interpret:</source>
        <translation>无法解析或需要推断的内容：</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="426"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="105"/>
        <source>Drop chat exports, zips with media, export folders, screenshots or audio and video recordings here. Nothing is stored until you confirm the preview.</source>
        <translation>将聊天导出文件、含媒体的 zip、导出文件夹、截图或录音录像拖放到这里。确认预览之前不会保存任何内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="319"/>
        <source>%1 (id %2, %n message(s))</source>
        <translation>
            <numerusform>%1（ID %2，%n 条消息）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="409"/>
        <source>%n message(s) of %1 (not stored)</source>
        <translation>
            <numerusform>%1 的 %n 条消息（不存储）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="427"/>
        <source>Taken at</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="428"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="434"/>
        <source>screenshot</source>
        <translation>截图</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="454"/>
        <source>This export holds %n chat(s). Untick every chat but the debtor&apos;s below: one import holds one chat.</source>
        <translation>
            <numerusform>此导出文件包含 %n 个聊天。请在下方取消勾选除债务人聊天以外的所有聊天：一次导入只含一个聊天。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="467"/>
        <source>%1: identical bytes are already imported and will be skipped.</source>
        <translation>%1：完全相同的文件已导入，将跳过。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="498"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="533"/>
        <source>Stored %n import(s): %1 (%2 new), %3, %4.</source>
        <translation>
            <numerusform>已保存 %n 次导入：%1（新增 %2 条），%3，%4。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="534"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="536"/>
        <source>%n screenshot(s)</source>
        <translation>
            <numerusform>%n 张截图</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/import_wizard.py" line="537"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n 段录音录像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="541"/>
        <source>Recorded as ledger entry %1.</source>
        <translation>已记入存证链第 %1 条。</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../ui/join_dialog.py" line="67"/>
        <source>Join an organisation</source>
        <translation>加入组织</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="76"/>
        <source>Your administrator enrolled you on the organisation&apos;s hub and gave you its address, a one-time code and the hub&apos;s CA file. Compare the CA&apos;s fingerprint below with the one the administrator read out to you before you join.</source>
        <translation>管理员已在组织的中心服务器上为您登记，并给了您它的地址、一次性代码和中心服务器的 CA 文件。加入之前，请将下面的 CA 指纹与管理员向您念出的指纹逐一核对。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="85"/>
        <source>This store joins as a device of the organisation, as %1: nothing of it is rewritten. It is first checked against the organisation (your invitation, user names, case numbers, chats); a refusal names the rule and changes nothing. Compare the CA&apos;s fingerprint with the one the administrator read out to you.</source>
        <translation>此存储库将以 %1 的身份作为组织的一台设备加入：其中任何内容都不会被改写。加入前会先与组织核对（您的邀请、用户名、案件编号、聊天）；如被拒绝，会指明所依据的规则，且不做任何更改。请将 CA 指纹与管理员向您念出的指纹逐一核对。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="98"/>
        <source>26 letters and digits</source>
        <translation>26 个字母和数字</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="102"/>
        <location filename="../../ui/join_dialog.py" line="122"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="108"/>
        <location filename="../../ui/join_dialog.py" line="214"/>
        <source>Choose the CA file to see its fingerprint.</source>
        <translation>选择 CA 文件以查看其指纹。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="114"/>
        <source>This fingerprint is the one the administrator read out to me</source>
        <translation>此指纹与管理员向我念出的指纹一致</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="139"/>
        <source>Hub address</source>
        <translation>中心服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="140"/>
        <source>One-time code</source>
        <translation>一次性代码</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="141"/>
        <source>Hub CA file</source>
        <translation>中心服务器 CA 文件</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="142"/>
        <source>CA fingerprint (SHA-256)</source>
        <translation>CA 指纹（SHA-256）</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="144"/>
        <source>New store folder</source>
        <translation>新存储库文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="145"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="146"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="147"/>
        <source>Repeat the password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="163"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="168"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="197"/>
        <source>Choose the hub&apos;s CA file</source>
        <translation>选择中心服务器的 CA 文件</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="197"/>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="203"/>
        <source>Choose a folder for the store</source>
        <translation>为存储库选择文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="216"/>
        <source>No file at %1.</source>
        <translation>%1 处没有文件。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="222"/>
        <source>%1 is not a certificate file.</source>
        <translation>%1 不是证书文件。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="246"/>
        <location filename="../../ui/join_dialog.py" line="256"/>
        <source>Enter the hub&apos;s address.</source>
        <translation>请输入中心服务器的地址。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="247"/>
        <location filename="../../ui/join_dialog.py" line="257"/>
        <source>Enter the one-time code.</source>
        <translation>请输入一次性代码。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="258"/>
        <source>Choose a folder for the new store.</source>
        <translation>请为新存储库选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="259"/>
        <source>Enter your user name.</source>
        <translation>请输入您的用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="260"/>
        <source>Choose a password.</source>
        <translation>请设置密码。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="261"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="271"/>
        <source>The folder %1 is not empty; choose a new folder for the store.</source>
        <translation>文件夹 %1 不是空的；请为存储库选择一个新文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="320"/>
        <source>Joining the organisation…</source>
        <translation>正在加入组织…</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="330"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="355"/>
        <source>Cancelled: nothing was sent and the store is as it was.</source>
        <translation>已取消：未发送任何内容，存储保持原样。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="357"/>
        <source>Cancelled: the hub enrolled nothing and no store was made.</source>
        <translation>已取消：中心服务器未登记任何内容，也未创建存储库。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="360"/>
        <source>The hub&apos;s certificate is not one this CA file vouches for: check the CA file and its fingerprint with your administrator.</source>
        <translation>中心服务器的证书不受此 CA 文件认可：请与管理员核对 CA 文件及其指纹。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="365"/>
        <source>The hub runs an older release than this app: ask your administrator to upgrade it, then join.</source>
        <translation>中心服务器运行的版本比本应用旧：请管理员升级中心服务器后再加入。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="369"/>
        <source>The hub cannot be reached: check its address and the network.</source>
        <translation>无法连接中心服务器：请检查其地址和网络。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="372"/>
        <source>The hub does not accept this one-time code: it is wrong, used or withdrawn. Ask your administrator for a new one.</source>
        <translation>中心服务器不接受此一次性代码：代码有误、已使用或已撤回。请向管理员索取新的代码。</translation>
    </message>
    <message>
        <location filename="../../ui/join_dialog.py" line="376"/>
        <source>The hub refused the join.</source>
        <translation>中心服务器拒绝了此次加入。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>revoked</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <location filename="../../ui/labels.py" line="184"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <location filename="../../ui/labels.py" line="186"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <location filename="../../ui/labels.py" line="182"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <location filename="../../ui/labels.py" line="185"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>debtor</source>
        <translation>债务人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>guarantor</source>
        <translation>担保人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <location filename="../../ui/labels.py" line="63"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>the debtor</source>
        <translation>债务人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>our staff</source>
        <translation>我方员工</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>auto loan</source>
        <translation>车贷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>online loan</source>
        <translation>网贷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70"/>
        <source>in litigation</source>
        <translation>诉讼中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>settled</source>
        <translation>已和解</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>identity proof</source>
        <translation>身份证明</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>debt confirmation</source>
        <translation>债务确认书</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>friend request</source>
        <translation>好友申请</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>consent</source>
        <translation>同意证明</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>chat export</source>
        <translation>聊天记录导出</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>recording</source>
        <translation>录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>export file</source>
        <translation>导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>CC-3: not the debtor or guarantor</source>
        <translation>CC-3：非债务人或担保人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="95"/>
        <source>CC-4: no recorded consent</source>
        <translation>CC-4：无同意记录</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="101"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="102"/>
        <location filename="../../ui/labels.py" line="180"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="103"/>
        <source>voice message</source>
        <translation>语音</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="104"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="105"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>sticker</source>
        <translation>表情</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="107"/>
        <source>location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="108"/>
        <source>contact card</source>
        <translation>名片</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="109"/>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110"/>
        <source>transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111"/>
        <source>red packet</source>
        <translation>红包</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="112"/>
        <source>call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="113"/>
        <source>recalled</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>system</source>
        <translation>系统消息</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="115"/>
        <source>quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125"/>
        <source>store created</source>
        <translation>创建证据库</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="126"/>
        <source>setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="127"/>
        <source>user added</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="128"/>
        <source>password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="129"/>
        <source>password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="130"/>
        <source>user deactivated</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="131"/>
        <source>case opened</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="132"/>
        <source>case edited</source>
        <translation>修改案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="133"/>
        <source>cases imported</source>
        <translation>批量导入案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="134"/>
        <source>contact requested</source>
        <translation>申请联系人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="135"/>
        <source>contact approved</source>
        <translation>批准联系人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="136"/>
        <source>contact rejected</source>
        <translation>驳回联系人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="137"/>
        <source>contact revoked</source>
        <translation>撤销联系人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="138"/>
        <source>documents attached</source>
        <translation>添加材料</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="139"/>
        <source>chat imported</source>
        <translation>导入聊天记录</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="140"/>
        <source>time-stamp authority set</source>
        <translation>设置时间戳机构</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="141"/>
        <source>trusted time-stamp</source>
        <translation>可信时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="142"/>
        <source>tagged</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="143"/>
        <source>tag withdrawn</source>
        <translation>撤回标签</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="144"/>
        <source>finding acknowledged</source>
        <translation>确认合规提示</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="145"/>
        <source>bundle exported</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="147"/>
        <source>case closed</source>
        <translation>案件结案</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="148"/>
        <source>legal hold placed</source>
        <translation>设置法律保全</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="149"/>
        <source>legal hold lifted</source>
        <translation>解除法律保全</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="151"/>
        <source>case key issued</source>
        <translation>生成案件密钥</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="152"/>
        <source>case shredded</source>
        <translation>销毁案件数据</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="153"/>
        <source>case keys introduced</source>
        <translation>启用案件密钥</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="154"/>
        <source>files moved under case keys</source>
        <translation>文件改用案件密钥加密</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="157"/>
        <source>records key issued</source>
        <translation>签发记录密钥</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="158"/>
        <source>screenshot read</source>
        <translation>识别截图文字</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="159"/>
        <source>account numbers shown in full</source>
        <translation>完整显示账号</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="160"/>
        <source>processing record written</source>
        <translation>写入处理情况记录</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="161"/>
        <source>breach recorded</source>
        <translation>登记安全事件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="162"/>
        <source>signing CA created</source>
        <translation>创建签名 CA</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="163"/>
        <source>signing certificate issued</source>
        <translation>签发签名证书</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="164"/>
        <source>signing certificate imported</source>
        <translation>导入签名证书</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="166"/>
        <source>user invited</source>
        <translation>邀请用户</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="167"/>
        <source>user key wrapped</source>
        <translation>为用户封装密钥</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="168"/>
        <source>invitation withdrawn</source>
        <translation>撤回邀请</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="169"/>
        <source>device joined</source>
        <translation>设备加入</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="170"/>
        <source>device retired</source>
        <translation>停用设备</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="171"/>
        <source>chat handles re-indexed for the organisation</source>
        <translation>聊天账号按组织索引重新编制</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="181"/>
        <source>SMS Backup &amp; Restore</source>
        <translation>SMS Backup &amp; Restore 短信备份</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="183"/>
        <source>Messenger/Instagram</source>
        <translation>Messenger/Instagram</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="187"/>
        <source>generic CSV</source>
        <translation>通用 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="188"/>
        <source>WeChat (MemoTrace CSV)</source>
        <translation>微信（MemoTrace CSV）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="189"/>
        <source>WeChat (PyWxDump CSV)</source>
        <translation>微信（PyWxDump CSV）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="190"/>
        <source>WeChat (WechatExporter TXT)</source>
        <translation>微信（WechatExporter TXT）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="193"/>
        <source>WeChat (MemoTrace TXT)</source>
        <translation>微信（MemoTrace TXT）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="194"/>
        <source>WeChat (MemoTrace HTML)</source>
        <translation>微信（MemoTrace HTML）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="195"/>
        <source>WeChat (WechatExporter HTML)</source>
        <translation>微信（WechatExporter HTML）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="204"/>
        <source>add users</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="205"/>
        <source>reset passwords</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="206"/>
        <source>deactivate users</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="207"/>
        <source>list users</source>
        <translation>查看用户列表</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="208"/>
        <source>change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="209"/>
        <source>read settings</source>
        <translation>查看设置</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="210"/>
        <source>read the ledger</source>
        <translation>查看存证链</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="211"/>
        <source>verify the store</source>
        <translation>校验证据库</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="212"/>
        <source>open cases</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="213"/>
        <source>edit cases</source>
        <translation>修改案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="214"/>
        <source>read cases</source>
        <translation>查看案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="215"/>
        <source>import cases</source>
        <translation>批量导入案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="216"/>
        <source>request contacts</source>
        <translation>申请联系人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="217"/>
        <source>decide contact requests</source>
        <translation>审批联系人申请</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="218"/>
        <source>read contacts</source>
        <translation>查看联系人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="219"/>
        <source>add evidence</source>
        <translation>添加证据</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="220"/>
        <source>read evidence</source>
        <translation>查看证据</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="221"/>
        <source>tag messages</source>
        <translation>标记消息</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="222"/>
        <source>run the conduct check</source>
        <translation>运行合规自查</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="223"/>
        <source>acknowledge conduct findings</source>
        <translation>确认合规提示</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="224"/>
        <source>export court bundles</source>
        <translation>导出诉讼证据包</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="225"/>
        <source>configure time-stamp authorities</source>
        <translation>配置时间戳机构</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="226"/>
        <source>time-stamp checkpoints</source>
        <translation>为检查点加盖时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="227"/>
        <source>back up the store</source>
        <translation>备份证据库</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="228"/>
        <source>restore the store</source>
        <translation>恢复证据库</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="230"/>
        <source>close cases</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="231"/>
        <source>place and lift legal holds</source>
        <translation>设置和解除法律保全</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="232"/>
        <source>read retention dates and holds</source>
        <translation>查看保存期限和法律保全</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="238"/>
        <source>video recording</source>
        <translation>录像</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="239"/>
        <source>audio recording</source>
        <translation>录音</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="244"/>
        <source>not stated in the file</source>
        <translation>文件未记载</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="248"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="251"/>
        <source>Recorded at</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="252"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="253"/>
        <source>Codecs</source>
        <translation>编码</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <location filename="../../ui/ledger_view.py" line="60"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="61"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="62"/>
        <source>Actor</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="63"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="64"/>
        <source>Entry hash</source>
        <translation>记录哈希</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="76"/>
        <source>Filter by text in the entry (ids, digests, names)</source>
        <translation>按记录内容筛选（编号、哈希值、名称）</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="128"/>
        <source>All actors</source>
        <translation>全部操作人</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_view.py" line="129"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
</context>
<context>
    <name>Locators</name>
    <message>
        <location filename="../../ui/service_text.py" line="442"/>
        <source>lines %1-%2</source>
        <translation>第 %1–%2 行</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="443"/>
        <source>rows %1-%2</source>
        <translation>第 %1–%2 条记录</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="444"/>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="445"/>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="446"/>
        <source>row %1</source>
        <translation>第 %1 条记录</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="447"/>
        <source>byte %1</source>
        <translation>第 %1 字节</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="448"/>
        <source>item %1</source>
        <translation>第 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="449"/>
        <source>ledger entry %1</source>
        <translation>存证链第 %1 条</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="450"/>
        <source>ledger entries %1-%2</source>
        <translation>存证链第 %1–%2 条</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="456"/>
        <source>header</source>
        <translation>文件头</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="457"/>
        <source>file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="458"/>
        <source>file end</source>
        <translation>文件末尾</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="459"/>
        <source>frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="460"/>
        <source>decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="461"/>
        <source>time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="462"/>
        <source>root element</source>
        <translation>根元素</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="41"/>
        <source>Evidence Desk — log in</source>
        <translation>证据台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="45"/>
        <source>Evidence Desk</source>
        <translation>证据台</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="51"/>
        <source>Court-ready chat evidence. Log in to your store.</source>
        <translation>可用于诉讼的聊天证据。请登录您的证据库。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="57"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="73"/>
        <source>Store folder</source>
        <translation>证据库文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="74"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="75"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="85"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="90"/>
        <source>Create a new store…</source>
        <translation>新建证据库…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="94"/>
        <source>Join an organisation…</source>
        <translation>加入组织…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="98"/>
        <source>A new store on this laptop, bound to your organisation&apos;s hub</source>
        <translation>在此电脑上新建存储库，并绑定到您所在组织的中心服务器</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="101"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="118"/>
        <source>Choose the store folder</source>
        <translation>选择证据库文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="132"/>
        <source>Opening the store…</source>
        <translation>正在打开证据库…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="138"/>
        <source>Choose the store folder.</source>
        <translation>请选择证据库文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="141"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="144"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="166"/>
        <source>The folder %1 is not empty; choose a new folder for a new store.</source>
        <translation>文件夹 %1 不是空的；请为新证据库选择一个新文件夹。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Evidence Desk — %1 (%2)</source>
        <translation>证据台 — %1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115"/>
        <source>Find a case, debtor or contact</source>
        <translation>查找案件、债务人或联系人</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <location filename="../../ui/main_window.py" line="740"/>
        <source>Cases and contacts</source>
        <translation>案件与联系人</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="141"/>
        <location filename="../../ui/main_window.py" line="257"/>
        <source>Ledger</source>
        <translation>存证链</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>Conduct findings</source>
        <translation>合规提示</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>Read log</source>
        <translation>读取日志</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Processing records</source>
        <translation>处理情况记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245"/>
        <source>Request contact</source>
        <translation>申请联系人</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248"/>
        <source>Import evidence</source>
        <translation>导入证据</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251"/>
        <source>Export bundle</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="254"/>
        <source>Verify store</source>
        <translation>校验证据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>Approval queue</source>
        <translation>审批队列</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>Join an organisation…</source>
        <translation>加入组织…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>Check this store against your organisation&apos;s hub and join it as a device</source>
        <translation>将此存储库与您所在组织的中心服务器核对，并作为一台设备加入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>Close case…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>Legal hold…</source>
        <translation>法律保全…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>Lift hold…</source>
        <translation>解除保全…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>Shred case…</source>
        <translation>销毁案件…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Breach records…</source>
        <translation>安全事件记录…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301"/>
        <source>Signing certificates…</source>
        <translation>签名证书…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>Exchange checkpoints…</source>
        <translation>交换检查点…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Write the organisation checkpoints this device was shown, or check another device&apos;s (or a bundle&apos;s) against this device&apos;s history, outside the hub</source>
        <translation>在中心之外，写出本设备见过的组织检查点，或将另一台设备（或证据包）的检查点与本设备的历史核对</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Open a new case (Ctrl+N)</source>
        <translation>新建案件（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326"/>
        <location filename="../../ui/main_window.py" line="486"/>
        <source>Ask a supervisor to approve a new contact (Ctrl+R)</source>
        <translation>申请主管批准添加新联系人（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Import chat exports and screenshots for the selected contact (Ctrl+I)</source>
        <translation>为所选联系人导入聊天记录和截图（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Export a court bundle for the selected case (Ctrl+E)</source>
        <translation>为所选案件导出诉讼证据包（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="344"/>
        <source>Contact requests waiting for a decision</source>
        <translation>等待审批的联系人申请</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Add users, change roles, reset passwords</source>
        <translation>添加用户、设置角色、重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="356"/>
        <source>Back up this store, or check and restore a backup</source>
        <translation>备份本证据库，或检查并恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Close the selected case: its purpose is achieved; sets its deletion date</source>
        <translation>结束所选案件：处理目的已实现；设定其删除日期</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="368"/>
        <source>Place a legal hold on the selected case: nothing of it may be deleted</source>
        <translation>对所选案件设置法律保全：其任何内容均不得删除</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>Lift the legal hold on the selected case</source>
        <translation>解除所选案件的法律保全</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>Destroy the selected case&apos;s content once its deletion date has come, or on the debtor&apos;s request after the retention floor; its proofs are kept</source>
        <translation>在删除日期届至后，或在最短保存期届满后应债务人请求，销毁所选案件的内容；其证明数据予以保留</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>File a personal information breach record and print its notice (art. 57)</source>
        <translation>登记个人信息安全事件并打印告知书（第五十七条）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>The certificates that sign the bundle&apos;s PDF volumes (PAdES)</source>
        <translation>用于签署证据包 PDF 分册的证书（PAdES）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>Check every original, row and ledger entry (F5)</source>
        <translation>校验每个原始文件、每行数据和每条存证记录（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395"/>
        <source>The signed audit log (Ctrl+L)</source>
        <translation>已签名的审计日志（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397"/>
        <source>Language, time zone, time-stamp authorities, quiet hours</source>
        <translation>语言、时区、时间戳机构、免打扰时段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>Main actions</source>
        <translation>主要操作</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="423"/>
        <source>Store actions</source>
        <translation>证据库操作</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="465"/>
        <source>Select an approved contact first: evidence is imported only for contacts a supervisor approved.</source>
        <translation>请先选择已批准的联系人：只有主管批准的联系人才能导入证据。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="471"/>
        <source>No evidence can be imported for %1: %2</source>
        <translation>无法为 %1 导入证据：%2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="478"/>
        <source>Import chat exports and screenshots for %1 (Ctrl+I)</source>
        <translation>为 %1 导入聊天记录和截图（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491"/>
        <source>Select a case first.</source>
        <translation>请先选择案件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="544"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="561"/>
        <source>Warning: this store is in a synced or network folder</source>
        <translation>警告：此证据库位于同步文件夹或网络文件夹中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="583"/>
        <source>Stamped up to entry %1 of %2.</source>
        <translation>已加盖时间戳至第 %1 条（共 %2 条）。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="588"/>
        <source>Newest trusted time: %1</source>
        <translation>最新可信时间：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="604"/>
        <source>No time-stamp authority is configured (Settings).</source>
        <translation>尚未配置时间戳机构（见设置）。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="618"/>
        <source>Last attempt failed: %1</source>
        <translation>上次尝试失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="633"/>
        <source>Integrity: verifying…</source>
        <translation>完整性：校验中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="649"/>
        <source>Integrity: %n problem(s) found</source>
        <translation>
            <numerusform>完整性：发现 %n 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="800"/>
        <source>screenshots · %n image(s)</source>
        <translation>
            <numerusform>截图 · %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="802"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n 段录音录像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="804"/>
        <source>%1 import · %n message(s)</source>
        <translation>
            <numerusform>%1 导入 · %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="652"/>
        <source>Open the Verify tab (F5) for every finding.</source>
        <translation>打开“校验”页（F5）查看全部结果。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="575"/>
        <source>Time stamps: all %n entry(s) covered</source>
        <translation>
            <numerusform>时间戳：全部 %n 条记录已覆盖</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="578"/>
        <source>Time stamps: %n entry(s) queued</source>
        <translation>
            <numerusform>时间戳：%n 条记录排队中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="644"/>
        <source>Integrity: intact (%n entry(s))</source>
        <translation>
            <numerusform>完整性：完好（%n 条记录）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="657"/>
        <source>Integrity: not checked</source>
        <translation>完整性：未校验</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="677"/>
        <source>(shredded)</source>
        <translation>（已销毁）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="685"/>
        <source>Overdue %1 since %2</source>
        <translation>自 %2 起逾期 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="719"/>
        <source>Your role does not read cases.</source>
        <translation>您的角色无权查看案件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="740"/>
        <source>By</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="778"/>
        <source>unknown device</source>
        <translation>未知设备</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="780"/>
        <source>%1 (this device)</source>
        <translation>%1（本设备）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="781"/>
        <source>by %1 · %2</source>
        <translation>由 %1 · %2</translation>
    </message>
</context>
<context>
    <name>ProcessingRecordsView</name>
    <message>
        <location filename="../../ui/processing_records_view.py" line="36"/>
        <source>Recorded (UTC)</source>
        <translation>记录时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="37"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="38"/>
        <source>Bundle</source>
        <translation>证据包</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="39"/>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="40"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="41"/>
        <source>Legal basis</source>
        <translation>处理依据</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="42"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="43"/>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="44"/>
        <source>Kept until</source>
        <translation>保存至</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="53"/>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <location filename="../../ui/processing_records_view.py" line="74"/>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/processing_records_view.py" line="109"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/retention_dialog.py" line="53"/>
        <source>Reason (recorded in the ledger)</source>
        <translation>理由（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="64"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="76"/>
        <source>Close case %1</source>
        <translation>结案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="78"/>
        <source>Close case %1 because its purpose is achieved. Its deletion date is set now from the retention settings (closure plus the cap, never before the floor).</source>
        <translation>因处理目的已实现而结束案件 %1。其删除日期现在按保存期限设置确定（结案日加最长保存期，且不早于最短保存期届满）。</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="81"/>
        <source>Close case</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="86"/>
        <source>Legal hold on %1</source>
        <translation>对 %1 设置法律保全</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="88"/>
        <source>Place a legal hold on case %1: nothing of it may be deleted until the hold is lifted.</source>
        <translation>对案件 %1 设置法律保全：在解除保全之前，其任何内容均不得删除。</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="91"/>
        <source>Place hold</source>
        <translation>设置保全</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="95"/>
        <source>Lift hold on %1</source>
        <translation>解除 %1 的保全</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="96"/>
        <source>Lift the legal hold on case %1: its deletion date applies again.</source>
        <translation>解除案件 %1 的法律保全：其删除日期重新适用。</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="97"/>
        <source>Lift hold</source>
        <translation>解除保全</translation>
    </message>
</context>
<context>
    <name>RedactionEditor</name>
    <message>
        <location filename="../../ui/redaction_editor.py" line="186"/>
        <source>Redactions</source>
        <translation>遮盖</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="197"/>
        <source>Sender</source>
        <translation>发送人</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="197"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="197"/>
        <source>Redacted</source>
        <translation>已遮盖</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="197"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="220"/>
        <source>Note (optional): why, in your own words</source>
        <translation>说明（可选）：用您自己的话说明理由</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="221"/>
        <source>Redact the selected text</source>
        <translation>遮盖所选文字</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="224"/>
        <source>Withhold the whole message</source>
        <translation>隐去整条消息</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="240"/>
        <source>Drag a rectangle on an image to black it out</source>
        <translation>在图像上拖出矩形即可将其涂黑</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="249"/>
        <source>Remove the selected redaction</source>
        <translation>删除所选遮盖</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="252"/>
        <source>Save plan…</source>
        <translation>保存方案…</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="255"/>
        <source>Load plan…</source>
        <translation>载入方案…</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="268"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="269"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="275"/>
        <source>Redactions in this bundle (defaults included)</source>
        <translation>本证据包的遮盖（含默认遮盖）</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="294"/>
        <source>Redaction changes only what this bundle prints and carries; the stored evidence stays as it is. Each black box shows its reason code.</source>
        <translation>遮盖只改变本证据包打印和携带的内容，所存储的证据保持不变。每个黑框都标注理由代码。</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="313"/>
        <source>third party&apos;s personal data</source>
        <translation>第三人的个人信息</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="314"/>
        <source>bank-card or account number</source>
        <translation>银行卡号或账号</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="315"/>
        <source>identity document number</source>
        <translation>身份证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="316"/>
        <source>not relevant to the matter</source>
        <translation>与本案无关</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="317"/>
        <source>privileged legal communication</source>
        <translation>受特权保护的法律沟通</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="318"/>
        <source>other (see the note)</source>
        <translation>其他（见说明）</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="323"/>
        <source>proposed by default</source>
        <translation>默认建议</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="323"/>
        <source>legal</source>
        <translation>法务</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="350"/>
        <source>Select the text to redact in the message first.</source>
        <translation>请先在消息中选择要遮盖的文字。</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="398"/>
        <source>The plan could not be read (%1).</source>
        <translation>无法读取该方案（%1）。</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="404"/>
        <source>Save the redaction plan</source>
        <translation>保存遮盖方案</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="411"/>
        <source>Load a redaction plan</source>
        <translation>载入遮盖方案</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="468"/>
        <source>Text %1: “%2”</source>
        <translation>文字 %1：“%2”</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="474"/>
        <source>Whole message %1</source>
        <translation>整条消息 %1</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="480"/>
        <source>Image %1, box %2</source>
        <translation>图像 %1，区域 %2</translation>
    </message>
    <message>
        <location filename="../../ui/redaction_editor.py" line="490"/>
        <source>withheld · %1</source>
        <translation>已隐去 · %1</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <location filename="../../ui/retention_dialog.py" line="124"/>
        <source>Shredded %1: its content was destroyed, its proofs are kept</source>
        <translation>已于 %1 销毁：内容已销毁，证明数据予以保留</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="130"/>
        <source>Closed %1 by %2: %3 · deletion date %4</source>
        <translation>%1 由 %2 结案：%3 · 删除日期 %4</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="138"/>
        <source>Open · records kept at least until %1</source>
        <translation>未结案 · 记录至少保存至 %1</translation>
    </message>
    <message>
        <location filename="../../ui/retention_dialog.py" line="145"/>
        <source>On legal hold since %1 (%2): %3</source>
        <translation>自 %1 起处于法律保全（%2）：%3</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../ui/labels.py" line="260"/>
        <source>Promise to pay</source>
        <translation>还款承诺</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="261"/>
        <source>Debt acknowledgement</source>
        <translation>债务确认</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="262"/>
        <source>Dispute</source>
        <translation>异议</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="263"/>
        <source>Threat or abuse</source>
        <translation>威胁或辱骂</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="264"/>
        <source>Identity</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="265"/>
        <source>Address or contact info</source>
        <translation>地址/联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="266"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="69"/>
        <source>Tag as</source>
        <translation>标记为</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="77"/>
        <source>Add a note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="82"/>
        <source>Remove tag: %1</source>
        <translation>移除标记：%1</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="120"/>
        <source>Note on this message</source>
        <translation>消息备注</translation>
    </message>
    <message>
        <location filename="../../ui/review_ui.py" line="121"/>
        <source>Note (recorded in the ledger):</source>
        <translation>备注（记入存证链）：</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/roles.py" line="19"/>
        <source>field staff</source>
        <translation>催收员</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="20"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="21"/>
        <source>legal team</source>
        <translation>法务</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="22"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="23"/>
        <source>auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="32"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/roles.py" line="36"/>
        <source>Your role (%1) may not do this; allowed: %2.</source>
        <translation>您的角色（%1）无权执行此操作；允许的角色：%2。</translation>
    </message>
</context>
<context>
    <name>ScreenshotFindings</name>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="114"/>
        <source>Read screenshots</source>
        <extracomment>outline colours of the verdicts the image is shown at most this wide (pixels)</extracomment>
        <translation>识别截图</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="155"/>
        <source>Not read yet: read the screenshots to check this one against the export.</source>
        <translation>尚未识别：识别截图后即可将其与导出记录核对。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screenshot_findings.py" line="163"/>
        <source>%n bubble(s): %1 matched, %2, %3 not in the export</source>
        <translation>
            <numerusform>%n 个气泡：%1 个一致，%2，%3 个不在导出记录中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screenshot_findings.py" line="166"/>
        <source>%n differ(s)</source>
        <comment>bubbles</comment>
        <translation>
            <numerusform>%n 个不同</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="176"/>
        <source>Export messages the screenshot skips</source>
        <translation>截图中缺少的导出消息</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="188"/>
        <source>them</source>
        <translation>对方</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="188"/>
        <source>us</source>
        <translation>我方</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="188"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="192"/>
        <source>Matched</source>
        <translation>一致</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="193"/>
        <source>Differs from the export</source>
        <translation>与导出记录不同</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="194"/>
        <source>Not in the export</source>
        <translation>不在导出记录中</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="198"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="198"/>
        <source>side</source>
        <translation>发送方</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="198"/>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="210"/>
        <source>Screenshot:</source>
        <translation>截图：</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="210"/>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="220"/>
        <source>Differs in: %1</source>
        <translation>不同之处：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_findings.py" line="228"/>
        <source>Export message %1, %2</source>
        <translation>导出消息 %1，%2</translation>
    </message>
</context>
<context>
    <name>ScreenshotReader</name>
    <message>
        <location filename="../../ui/screenshot_reading.py" line="43"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_reading.py" line="46"/>
        <source>Stop after the screenshot being read; the others stay unread</source>
        <translation>识别完当前截图后停止；其余截图保持未识别</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_reading.py" line="97"/>
        <source>Reading screenshots (OCR)…</source>
        <translation>正在识别截图（OCR）…</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_reading.py" line="106"/>
        <source>Cancelling… screenshots not read yet stay unread.</source>
        <translation>正在取消…尚未识别的截图保持未识别。</translation>
    </message>
    <message>
        <location filename="../../ui/screenshot_reading.py" line="113"/>
        <source>Reading screenshots (OCR): %1</source>
        <translation>正在识别截图（OCR）：%1</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <location filename="../../ui/service_text.py" line="61"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="95"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="96"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="119"/>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="124"/>
        <source>%1 &quot;%2&quot;</source>
        <translation>%1“%2”</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="134"/>
        <source>%1 (rule %2)</source>
        <translation>%1（规则 %2）</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="209"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="223"/>
        <source>message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="224"/>
        <source>item</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="230"/>
        <source>Android</source>
        <translation>安卓</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="231"/>
        <source>iOS</source>
        <translation>iOS</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="232"/>
        <source>mixed iOS/Android</source>
        <translation>iOS 与安卓混合</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="238"/>
        <source>12-hour clock</source>
        <translation>12 小时制</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="239"/>
        <source>24-hour clock</source>
        <translation>24 小时制</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="240"/>
        <source>mixed 12/24-hour clock</source>
        <translation>12/24 小时制混合</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="247"/>
        <source>language unknown</source>
        <translation>语言未知</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="248"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="249"/>
        <location filename="../../ui/service_text.py" line="294"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="250"/>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="251"/>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="252"/>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="253"/>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="254"/>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="255"/>
        <source>Czech</source>
        <translation>捷克语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="256"/>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="257"/>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="258"/>
        <location filename="../../ui/service_text.py" line="297"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="259"/>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="260"/>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="261"/>
        <source>Indonesian</source>
        <translation>印尼语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="268"/>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="269"/>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="270"/>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="278"/>
        <source>WeChat MemoTrace TXT</source>
        <translation>微信 MemoTrace TXT</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="279"/>
        <source>WeChat WechatExporter TXT</source>
        <translation>微信 WechatExporter TXT</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="282"/>
        <source>MemoTrace CSV</source>
        <translation>MemoTrace CSV</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="283"/>
        <source>PyWxDump CSV</source>
        <translation>PyWxDump CSV</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="284"/>
        <source>MemoTrace HTML export</source>
        <translation>MemoTrace HTML 导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="285"/>
        <source>WechatExporter HTML export</source>
        <translation>WechatExporter HTML 导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="295"/>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="296"/>
        <source>Traditional Chinese</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="298"/>
        <source>Thai</source>
        <translation>泰语</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="305"/>
        <source>text messages</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="306"/>
        <source>call log</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="307"/>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="308"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="309"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="310"/>
        <source>outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="311"/>
        <source>failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="312"/>
        <source>queued</source>
        <translation>排队待发</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="313"/>
        <source>inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="320"/>
        <source>invalid request</source>
        <translation>请求无效</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="321"/>
        <source>connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="322"/>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="323"/>
        <source>HTTP error</source>
        <translation>HTTP 错误</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="324"/>
        <source>malformed answer</source>
        <translation>应答格式错误</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="325"/>
        <source>malformed token</source>
        <translation>时间戳令牌格式错误</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="326"/>
        <source>refused by the authority</source>
        <translation>时间戳机构拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="327"/>
        <source>unsupported algorithm</source>
        <translation>不支持的算法</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="328"/>
        <source>message digest mismatch</source>
        <translation>消息摘要不符</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="331"/>
        <source>signing certificate not found</source>
        <translation>找不到签名证书</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="334"/>
        <source>bad signature</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="335"/>
        <source>signing certificate mismatch</source>
        <translation>签名证书不符</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="338"/>
        <source>certificate not for time-stamping</source>
        <translation>证书不能用于时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="341"/>
        <source>untrusted certificate chain</source>
        <translation>证书链不受信任</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="342"/>
        <source>certificate not valid</source>
        <translation>证书不在有效期内</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="343"/>
        <source>authority name mismatch</source>
        <translation>时间戳机构名称不符</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="344"/>
        <source>stamped hash mismatch</source>
        <translation>加盖的哈希不符</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="345"/>
        <source>nonce mismatch</source>
        <translation>随机数不符</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="346"/>
        <source>policy mismatch</source>
        <translation>策略不符</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="347"/>
        <source>time too far off</source>
        <translation>时间偏差过大</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="355"/>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="356"/>
        <source>stolen</source>
        <translation>被盗</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="357"/>
        <source>replaced</source>
        <translation>已更换</translation>
    </message>
    <message>
        <location filename="../../ui/service_text.py" line="358"/>
        <source>its user left</source>
        <translation>使用人已离职</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="53"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="59"/>
        <source>Store settings (recorded in the ledger)</source>
        <translation>证据库设置（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="62"/>
        <source>Default time zone</source>
        <translation>默认时区</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="63"/>
        <source>Quiet hours (debtor&apos;s local time)</source>
        <translation>免打扰时段（债务人当地时间）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64"/>
        <source>Approval expires after (days, 0 = never)</source>
        <translation>批准有效期（天，0 = 永久）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65"/>
        <source>Producing organisation</source>
        <translation>出具机构</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="66"/>
        <source>Bundle language (zh_CN or en)</source>
        <translation>证据包语言（zh_CN 或 en）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67"/>
        <source>Retries per time-stamp authority</source>
        <translation>每个时间戳机构的重试次数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69"/>
        <source>Flag originals time-stamped later than (hours after import)</source>
        <translation>原件导入后超过此时长（小时）才加盖可信时间戳的予以标注</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source>Debtor&apos;s time zone for quiet hours (empty: default)</source>
        <translation>免打扰时段采用的债务人时区（留空：默认）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="73"/>
        <source>Institution names and aliases for CC-5 (| separated; A (B) reads as two)</source>
        <translation>CC-5 机构名称及别称（以 | 分隔；“甲 (乙)”视为两个名称）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="75"/>
        <source>Approved repayment accounts (comma separated)</source>
        <translation>批准的还款账户（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="76"/>
        <source>Conduct lexicon (JSON; empty: the shipped one)</source>
        <translation>合规词库（JSON；留空：使用内置词库）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="78"/>
        <source>Keep closed cases for (years after closure)</source>
        <translation>结案后保存年限（自结案起）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="80"/>
        <source>Keep collection records at least (years, 2 or more: CC-9)</source>
        <translation>采集记录最短保存年限（至少 2 年：CC-9）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="84"/>
        <source>Cosign organisation checkpoints (auto: on legal&apos;s devices; on; off)</source>
        <translation>联署组织检查点（auto：由法务的设备联署；on：联署；off：不联署）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="105"/>
        <source>Time-stamp authorities (RFC 3161)</source>
        <translation>时间戳机构（RFC 3161）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="111"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="117"/>
        <source>Root certificate (PEM file)</source>
        <translation>根证书（PEM 文件）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="118"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="120"/>
        <source>Add authority</source>
        <translation>添加机构</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="148"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="150"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="167"/>
        <source>No authority configured: checkpoints stay queued.</source>
        <translation>未配置时间戳机构：检查点将排队等待。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/settings_dialog.py" line="170"/>
        <source>Stamped up to entry %1; %n entry(s) waiting.</source>
        <translation>
            <numerusform>已加盖时间戳至第 %1 条；%n 条等待中。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="176"/>
        <source>Root certificate</source>
        <translation>根证书</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="186"/>
        <source>Cannot read the certificate file: %1</source>
        <translation>无法读取证书文件：%1</translation>
    </message>
</context>
<context>
    <name>ShredDialog</name>
    <message>
        <location filename="../../ui/shred_dialog.py" line="47"/>
        <source>Shred case %1</source>
        <translation>销毁案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="51"/>
        <source>Shredding case %1 destroys for good: the text of its %2, its %3 (%4), the debtor&apos;s name, ID number and the other personal fields, its contacts&apos; handles and names, notes and search rows. Hashes, commitments, signatures and the ledger are kept, and a tombstone records what was destroyed. This cannot be undone.</source>
        <translation>销毁案件 %1 将永久删除：%2的文字、%3（%4）、债务人姓名、身份证号及其他个人信息字段、联系人的账号和名称、备注以及搜索索引。哈希值、承诺值、签名和存证链予以保留，并由销毁记录载明所销毁的内容。此操作不可撤销。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="58"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="59"/>
        <source>%n original file(s) and document(s)</source>
        <translation>
            <numerusform>%n 个原始文件和材料</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shred_dialog.py" line="60"/>
        <source>%n byte(s)</source>
        <comment>shred</comment>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="66"/>
        <source>Deletion date reached (expired)</source>
        <translation>删除日期已到（expired）</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="67"/>
        <source>Debtor&apos;s deletion request, PIPL art. 47 (request)</source>
        <translation>债务人删除请求，《个人信息保护法》第四十七条（request）</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="70"/>
        <source>Reason (recorded in the ledger)</source>
        <translation>理由（记入存证链）</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="74"/>
        <source>The debtor&apos;s request document (optional; hashed, not stored)</source>
        <translation>债务人的请求文件（可选；仅记录哈希值，不保存文件）</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="76"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="82"/>
        <source>I understand that the content of case %1 is destroyed for good</source>
        <translation>我已知悉案件 %1 的内容将被永久销毁</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="95"/>
        <source>Shred case</source>
        <translation>销毁案件</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="98"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="103"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="104"/>
        <source>Request document</source>
        <translation>请求文件</translation>
    </message>
    <message>
        <location filename="../../ui/shred_dialog.py" line="114"/>
        <source>The debtor&apos;s request document</source>
        <translation>债务人的请求文件</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../ui/signing_dialog.py" line="41"/>
        <source>PDF signing certificates</source>
        <translation>PDF 签名证书</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="51"/>
        <source>Each PDF volume of a bundle carries the exporting legal user&apos;s PAdES signature. The certificate comes from the organisation&apos;s signing CA or from a licensed CA (PKCS#12).</source>
        <translation>证据包的每个 PDF 分册都带有导出该包的法务用户的 PAdES 签名。证书来自机构的签名 CA，或来自持牌 CA（PKCS#12）。</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="69"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="76"/>
        <source>Organisation signing CA (administrators)</source>
        <translation>机构签名 CA（管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="77"/>
        <source>Create signing CA</source>
        <translation>创建签名 CA</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="85"/>
        <source>Issue certificate</source>
        <translation>签发证书</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="93"/>
        <source>Legal user</source>
        <translation>法务用户</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="97"/>
        <source>Import my certificate (PKCS#12 from a licensed CA)</source>
        <translation>导入我的证书（持牌 CA 颁发的 PKCS#12）</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="100"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="105"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="112"/>
        <location filename="../../ui/signing_dialog.py" line="153"/>
        <source>PKCS#12 file</source>
        <translation>PKCS#12 文件</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="113"/>
        <source>Its password</source>
        <translation>文件密码</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="120"/>
        <source>signing CA</source>
        <translation>签名 CA</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="121"/>
        <source>issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="122"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="131"/>
        <source>Recorded: %1</source>
        <translation>已记录：%1</translation>
    </message>
    <message>
        <location filename="../../ui/signing_dialog.py" line="153"/>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_controller.py" line="461"/>
        <source>New contact request in case %1 from %2</source>
        <translation>案件 %1 有新的联系请求，来自 %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="467"/>
        <source>Approved by %1: your contact request in case %2</source>
        <translation>%1 已批准：您在案件 %2 中的联系请求</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="469"/>
        <source>Refused by %1: your contact request in case %2</source>
        <translation>%1 已拒绝：您在案件 %2 中的联系请求</translation>
    </message>
</context>
<context>
    <name>SyncDetails</name>
    <message>
        <location filename="../../ui/sync_status.py" line="56"/>
        <source>Sync details</source>
        <translation>同步详情</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="66"/>
        <source>Entry %1 (%2): %3</source>
        <translation>条目 %1（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="75"/>
        <source>Entry %1 (%2), rule %3: %4</source>
        <translation>条目 %1（%2），规则 %3：%4</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="81"/>
        <source>Refused entries: %1</source>
        <translation>被拒绝的条目：%1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="83"/>
        <source>Last problem: %1</source>
        <translation>最近的问题：%1</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync_status.py" line="109"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="112"/>
        <source>Sync details…</source>
        <translation>同步详情…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="120"/>
        <source>Sync: starting…</source>
        <translation>同步：正在启动…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="137"/>
        <source>Offline since %1 — %2, %3 waiting</source>
        <translation>自 %1 起离线 — %2、%3 待上传</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="143"/>
        <source>; trying again at %1</source>
        <translation>；将于 %1 自动重试</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="167"/>
        <source>Last sync: %1 (%2)</source>
        <translation>上次同步：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="172"/>
        <source>Each refused entry and its rule: Sync details… in this menu</source>
        <translation>每个被拒绝的条目及其规则：见本菜单中的“同步详情…”</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="197"/>
        <source>another supervisor decided first</source>
        <translation>另一位主管已先作出决定</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="198"/>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="130"/>
        <source>Not syncing: this laptop was retired</source>
        <translation>未同步：这台笔记本电脑已被停用</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="127"/>
        <source>Refused: %n entry(s) (%1)</source>
        <translation>
            <numerusform>已拒绝：%n 个条目（%1）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="133"/>
        <source>Not syncing: the hub needs an upgrade</source>
        <translation>未同步：中心服务器需要升级</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="148"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="151"/>
        <source>Synced %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="153"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="160"/>
        <source>Waiting to go up: %1, %2 (%3)</source>
        <translation>待上传：%1、%2（%3）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="162"/>
        <source>%n file(s)</source>
        <comment>waiting to go up</comment>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="181"/>
        <source>Evidence Desk</source>
        <translation>证据台</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="191"/>
        <source>%n entry(s)</source>
        <comment>waiting</comment>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/users_dialog.py" line="37"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="42"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="42"/>
        <location filename="../../ui/users_dialog.py" line="62"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="42"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="56"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="59"/>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="61"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="63"/>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="68"/>
        <source>New password for the selected user</source>
        <translation>所选用户的新密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="69"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="79"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="95"/>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="95"/>
        <source>inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="108"/>
        <source>Protecting the keys with the new password…</source>
        <translation>正在用新密码保护密钥…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="137"/>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="145"/>
        <source>Select a user first.</source>
        <translation>请先选择用户。</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="153"/>
        <source>Password of %1 reset; a new signing key was issued.</source>
        <translation>%1 的密码已重置，并已签发新的签名密钥。</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <location filename="../../ui/verify_panel.py" line="67"/>
        <source>Verify the store now</source>
        <translation>立即校验证据库</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="70"/>
        <source>Read screenshots again (slow)</source>
        <translation>重新识别截图（较慢）</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="74"/>
        <source>Also read every screenshot again with OCR and compare with the reading on record, as verify --deep does (about a second per screenshot)</source>
        <translation>同时用 OCR 重新识别每张截图，并与存证的识别结果比对，与 verify --deep 相同（每张截图约需一秒）</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="78"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="82"/>
        <source>Check a received bundle…</source>
        <translation>校验收到的证据包…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="88"/>
        <source>TSA roots…</source>
        <translation>时间戳根证书…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="91"/>
        <source>PEM files of TSA root certificates, as the TSA publishes them</source>
        <translation>时间戳机构公布的根证书（PEM 文件）</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="94"/>
        <source>Organisation keys…</source>
        <translation>机构公钥…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="97"/>
        <source>The organisation&apos;s published signer keys (written by evidence-desk org-keys)</source>
        <translation>机构公布的签名人公钥列表（由 evidence-desk org-keys 生成）</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="109"/>
        <source>Not verified yet in this session.</source>
        <translation>本次登录尚未校验。</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="115"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="115"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="115"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="115"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="156"/>
        <source>Verifying every original, row, signature and checkpoint, and reading every screenshot again…</source>
        <translation>正在校验每个原始文件、数据行、签名和检查点，并重新识别每张截图…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="162"/>
        <source>Verifying every original, row, signature and checkpoint…</source>
        <translation>正在校验每个原始文件、数据行、签名和检查点…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="179"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="185"/>
        <source>ledger entries</source>
        <translation>存证链条目</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="186"/>
        <source>originals</source>
        <translation>原始文件</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="187"/>
        <source>screenshots read again</source>
        <translation>重新识别截图</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="188"/>
        <source>signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="206"/>
        <source>Verification cancelled; nothing was concluded.</source>
        <translation>校验已取消，未得出任何结论。</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="213"/>
        <source>%1, %2, %3 (%4) checked.</source>
        <translation>已校验 %1、%2、%3（%4）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="214"/>
        <source>%n ledger entry(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n 条存证记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="215"/>
        <source>%n checkpoint(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n 个检查点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="216"/>
        <source>%n original(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n 个原始文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/verify_panel.py" line="218"/>
        <source>%n byte(s)</source>
        <comment>verified</comment>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="223"/>
        <source>INTACT</source>
        <translation>完好</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="228"/>
        <source>PROBLEMS FOUND (%1)</source>
        <translation>发现问题（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="246"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="247"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="248"/>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="250"/>
        <source>trusted</source>
        <translation>受信任</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="251"/>
        <source>untrusted</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="252"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="268"/>
        <source>Choose a verification kit</source>
        <translation>选择校验包</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="268"/>
        <source>Verification kit (*.zip)</source>
        <translation>校验包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="275"/>
        <source>TSA root certificates to trust</source>
        <translation>要信任的时间戳根证书</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="275"/>
        <source>PEM files (*.pem)</source>
        <translation>PEM 文件 (*.pem)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="283"/>
        <source>The organisation&apos;s published signer keys</source>
        <translation>机构公布的签名人公钥列表</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="285"/>
        <source>Organisation key lists (*.json)</source>
        <translation>机构公钥列表 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="299"/>
        <source>Bundles are trusted against the app&apos;s TSA root list and what is pinned in %1 (tsa-roots/*.pem, org-keys/*.json), never against roots or keys inside the kit.</source>
        <translation>证据包的信任依据为本软件的时间戳根证书列表及固定信任目录 %1 中的文件（tsa-roots/*.pem、org-keys/*.json），绝不依据校验包内自带的根证书或公钥。</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="304"/>
        <source>Also trusted: %1.</source>
        <translation>另外信任：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="314"/>
        <source>Checking %1…</source>
        <translation>正在校验 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="328"/>
        <source>BUNDLE INTACT BUT UNTRUSTED</source>
        <translation>证据包完好但不受信任</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="330"/>
        <source>BUNDLE INTACT</source>
        <translation>证据包完好</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="333"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/verify_panel.py" line="326"/>
        <source>BUNDLE HAS PROBLEMS</source>
        <translation>证据包有问题</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>the row does not follow the row before it (a row was inserted, removed or changed before it)</source>
        <comment>access.chain_broken</comment>
        <translation>该行与前一行不衔接（在其之前有行被插入、删除或修改）</translation>
    </message>
    <message>
        <source>the row&apos;s content does not match its hash (changed after it was written)</source>
        <comment>access.row_changed</comment>
        <translation>该行内容与其哈希不符（写入后被修改）</translation>
    </message>
    <message>
        <source>rows {first}..{last} of the read log are missing</source>
        <comment>access.row_missing</comment>
        <translation>读取日志第 {first}..{last} 行缺失</translation>
    </message>
    <message>
        <source>the seal starts at row {first}, the previous seal ended at {previous}</source>
        <comment>access.seal_gap</comment>
        <translation>该封存从第 {first} 行开始，而上一个封存止于第 {previous} 行</translation>
    </message>
    <message>
        <source>the sealed rows changed: the seal&apos;s last row hash is {head}, the log now gives {found}</source>
        <comment>access.seal_head</comment>
        <translation>已封存的行被改动：封存记录的最后一行哈希为 {head}，日志现在得出 {found}</translation>
    </message>
    <message>
        <source>the seal&apos;s signature by {signer} does not verify with any key the ledger gave them</source>
        <comment>access.seal_signature</comment>
        <translation>{signer} 对该封存的签名无法用账本为其登记的任何密钥验证</translation>
    </message>
    <message>
        <source>the seal is signed by {signer}, but its last row is a read by {reader}</source>
        <comment>access.seal_signer</comment>
        <translation>该封存由 {signer} 签名，但其最后一行是 {reader} 的读取</translation>
    </message>
    <message>
        <source>{count} {count:read|reads} from {first_at} on (by {users}) {count:was|were} never sealed: the session ended without closing its batch</source>
        <comment>access.unsealed</comment>
        <translation>自 {first_at} 起的 {count} 次读取（由 {users}）从未封存：会话结束时未封存其批次</translation>
    </message>
    <message>
        <source>read log row {seq}</source>
        <comment>access.where_row</comment>
        <translation>读取日志第 {seq} 行</translation>
    </message>
    <message>
        <source>read log seal of rows {first}..{upto}</source>
        <comment>access.where_seal</comment>
        <translation>读取日志第 {first}..{upto} 行的封存</translation>
    </message>
    <message>
        <source>this machine saw the ledger at {size} on {date} with another root (anchor {path}): the ledger was rewritten at or before entry {size}</source>
        <comment>anchor.fork</comment>
        <translation>本机曾于 {date} 见到 {size} 条的存证链，但根哈希不同（锚点 {path}）：存证链在第 {size} 条或之前被改写</translation>
    </message>
    <message>
        <source>the backup {user} made on {date} holds the ledger at {size} with another root ({path}): the ledger was rewritten at or before entry {size}</source>
        <comment>anchor.fork_backup</comment>
        <translation>{user} 于 {date} 制作的备份中 {size} 条的存证链根哈希不同（{path}）：存证链在第 {size} 条或之前被改写</translation>
    </message>
    <message>
        <source>the bundle kit proves checkpoint {size} of {date} with another root ({path}): the ledger was rewritten at or before entry {size}</source>
        <comment>anchor.fork_kit</comment>
        <translation>校验包证明的 {date} 检查点 {size} 根哈希不同（{path}）：存证链在第 {size} 条或之前被改写</translation>
    </message>
    <message>
        <source>no such file; not compared</source>
        <comment>anchor.no_file</comment>
        <translation>没有此文件；未作比对</translation>
    </message>
    <message>
        <source>the head of {size} recorded here is not signed by {signer} with the key this ledger gave them: the record was edited, or the entry that gave them a new key is gone</source>
        <comment>anchor.not_signed</comment>
        <translation>此处记录的 {size} 条最新检查点不是 {signer} 用存证链为其登记的密钥签名的：记录被改动，或为其登记新密钥的记录已不见</translation>
    </message>
    <message>
        <source>not an anchor, a backup or a bundle kit; not compared</source>
        <comment>anchor.not_witness</comment>
        <translation>不是锚点、备份或校验包；未作比对</translation>
    </message>
    <message>
        <source>belongs to store {store}, not this one; not compared</source>
        <comment>anchor.other_store</comment>
        <translation>属于证据库 {store}，不是本库；未作比对</translation>
    </message>
    <message>
        <source>the restore recorded here is not signed by an admin of this ledger ({user}): the record was edited</source>
        <comment>anchor.restore_unsigned</comment>
        <translation>此处记录的恢复不是由本存证链的管理员签名的（{user}）：记录被改动</translation>
    </message>
    <message>
        <source>{user} restored this store on {date} from a backup of {size} entries; this machine had seen {seen} before (anchor {path})</source>
        <comment>anchor.restored</comment>
        <translation>{user} 于 {date} 用包含 {size} 条记录的备份恢复了本证据库；本机此前曾见到 {seen} 条（锚点 {path}）</translation>
    </message>
    <message>
        <source>holds {size} of {date}, from before {user} restored this store on {restored} to a backup of {restored_size} entries</source>
        <comment>anchor.restored_claim</comment>
        <translation>包含 {date} 的 {size} 条，早于 {user} 于 {restored} 将本证据库恢复为包含 {restored_size} 条记录的备份</translation>
    </message>
    <message>
        <source>the ledger ends at {entries} but this machine saw {size} on {date} (anchor {path}): entries {first}..{size} are gone</source>
        <comment>anchor.rollback</comment>
        <translation>存证链止于第 {entries} 条，但本机曾于 {date} 见到 {size} 条（锚点 {path}）：第 {first}–{size} 条已不见</translation>
    </message>
    <message>
        <source>the ledger ends at {entries} but the backup {user} made on {date} holds {size} ({path}): entries {first}..{size} are gone</source>
        <comment>anchor.rollback_backup</comment>
        <translation>存证链止于第 {entries} 条，但 {user} 于 {date} 制作的备份包含 {size} 条（{path}）：第 {first}–{size} 条已不见</translation>
    </message>
    <message>
        <source>the ledger ends at {entries} but the bundle kit proves checkpoint {size} of {date} ({path}): entries {first}..{size} are gone</source>
        <comment>anchor.rollback_kit</comment>
        <translation>存证链止于第 {entries} 条，但校验包证明了 {date} 的检查点 {size}（{path}）：第 {first}–{size} 条已不见</translation>
    </message>
    <message>
        <source>could not be read when this store was last written here, and was kept for inspection; what it recorded is not compared</source>
        <comment>anchor.set_aside</comment>
        <translation>本机上次写入此证据库时无法读取该文件，已保留以备检查；其中的记录未作比对</translation>
    </message>
    <message>
        <source>the head of {size} recorded here is signed by {signer}, whom this ledger does not know: the entries that added them are gone, or the record was edited</source>
        <comment>anchor.signer_unknown</comment>
        <translation>此处记录的 {size} 条最新检查点由 {signer} 签名，但存证链中没有此用户：添加该用户的记录已不见，或记录被改动</translation>
    </message>
    <message>
        <source>cannot be read ({error}); what it recorded is not compared</source>
        <comment>anchor.unreadable</comment>
        <translation>无法读取（{error}）；其中的记录未作比对</translation>
    </message>
    <message>
        <source>backup {path}</source>
        <comment>anchor.where_backup</comment>
        <translation>备份 {path}</translation>
    </message>
    <message>
        <source>anchor {path}</source>
        <comment>anchor.where_file</comment>
        <translation>锚点 {path}</translation>
    </message>
    <message>
        <source>bundle kit {path}</source>
        <comment>anchor.where_kit</comment>
        <translation>校验包 {path}</translation>
    </message>
    <message>
        <source>anchor {path}, restore of {date}</source>
        <comment>anchor.where_restore</comment>
        <translation>锚点 {path}，{date} 的恢复</translation>
    </message>
    <message>
        <source>unsafe member path (absolute)</source>
        <comment>archive.absolute_path</comment>
        <translation>不安全的文件路径（绝对路径）</translation>
    </message>
    <message>
        <source>cannot list: {error}</source>
        <comment>archive.cannot_list</comment>
        <translation>无法列出文件：{error}</translation>
    </message>
    <message>
        <source>cannot open: {error}</source>
        <comment>archive.cannot_open</comment>
        <translation>无法打开：{error}</translation>
    </message>
    <message>
        <source>cannot open folder: {error}</source>
        <comment>archive.cannot_open_folder</comment>
        <translation>无法打开文件夹：{error}</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <comment>archive.cannot_read</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>unsupported compression method {method}</source>
        <comment>archive.compression</comment>
        <translation>不支持的压缩方式 {method}</translation>
    </message>
    <message>
        <source>corrupt member: {error}</source>
        <comment>archive.corrupt_member</comment>
        <translation>文件已损坏：{error}</translation>
    </message>
    <message>
        <source>not a readable zip (truncated or corrupt): {error}</source>
        <comment>archive.corrupt_zip</comment>
        <translation>不是可读取的 zip 压缩包（不完整或已损坏）：{error}</translation>
    </message>
    <message>
        <source>unsafe member path (drive letter)</source>
        <comment>archive.drive_letter</comment>
        <translation>不安全的文件路径（含盘符）</translation>
    </message>
    <message>
        <source>duplicate member name</source>
        <comment>archive.duplicate_member</comment>
        <translation>压缩包中文件名重复</translation>
    </message>
    <message>
        <source>empty member name</source>
        <comment>archive.empty_name</comment>
        <translation>文件名为空</translation>
    </message>
    <message>
        <source>encrypted member; cannot be read</source>
        <comment>archive.encrypted</comment>
        <translation>文件已加密，无法读取</translation>
    </message>
    <message>
        <source>member expands beyond its declared {cap} bytes</source>
        <comment>archive.expands</comment>
        <translation>文件解压后超过其声明的 {cap} 字节</translation>
    </message>
    <message>
        <source>file grew above the cap of {cap} bytes</source>
        <comment>archive.file_grew</comment>
        <translation>文件在读取时增大，超过上限 {cap} 字节</translation>
    </message>
    <message>
        <source>file is {size} bytes, above the cap of {cap}</source>
        <comment>archive.file_too_big</comment>
        <translation>文件大小为 {size} 字节，超过上限 {cap}</translation>
    </message>
    <message>
        <source>total size exceeds the cap of {cap} bytes</source>
        <comment>archive.folder_too_big</comment>
        <translation>总大小超过上限 {cap} 字节</translation>
    </message>
    <message>
        <source>symbolic link points outside the folder</source>
        <comment>archive.link_outside</comment>
        <translation>符号链接指向文件夹之外</translation>
    </message>
    <message>
        <source>member is {size} bytes, above the cap of {cap}</source>
        <comment>archive.member_too_big</comment>
        <translation>文件大小为 {size} 字节，超过上限 {cap}</translation>
    </message>
    <message>
        <source>nested archive; not opened recursively</source>
        <comment>archive.nested</comment>
        <translation>嵌套的压缩包；不会逐层打开</translation>
    </message>
    <message>
        <source>local header missing (truncated or corrupt zip)</source>
        <comment>archive.no_local_header</comment>
        <translation>缺少本地文件头（zip 不完整或已损坏）</translation>
    </message>
    <message>
        <source>no such member</source>
        <comment>archive.no_member</comment>
        <translation>压缩包或文件夹中没有该文件</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <comment>archive.not_regular</comment>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>NUL byte in member name</source>
        <comment>archive.nul_in_name</comment>
        <translation>文件名中含有 NUL 字节</translation>
    </message>
    <message>
        <source>the zip holds only another archive, which is not opened recursively; extract it and import that archive directly</source>
        <comment>archive.only_nested</comment>
        <translation>该 zip 中只有另一个压缩包，不会逐层打开；请先解压，再直接导入里面的压缩包</translation>
    </message>
    <message>
        <source>overlapping members (several entries share data; zip bomb?)</source>
        <comment>archive.overlap</comment>
        <translation>文件相互重叠（多个条目共用同一数据；疑似 zip 炸弹）</translation>
    </message>
    <message>
        <source>unsafe member path (parent directory &apos;..&apos;)</source>
        <comment>archive.parent_path</comment>
        <translation>不安全的文件路径（含上级目录“..”）</translation>
    </message>
    <message>
        <source>member data runs past the end of the zip</source>
        <comment>archive.past_end</comment>
        <translation>文件数据超出了 zip 的末尾</translation>
    </message>
    <message>
        <source>compression ratio {ratio}:1 exceeds {cap}:1 (zip bomb?)</source>
        <comment>archive.ratio</comment>
        <translation>压缩比 {ratio}:1 超过 {cap}:1（疑似 zip 炸弹）</translation>
    </message>
    <message>
        <source>member is {size} bytes, its header declares {cap}</source>
        <comment>archive.size_mismatch</comment>
        <translation>文件实际为 {size} 字节，文件头声明为 {cap} 字节</translation>
    </message>
    <message>
        <source>symbolic link member</source>
        <comment>archive.symlink_member</comment>
        <translation>符号链接文件</translation>
    </message>
    <message>
        <source>more than {cap} files in the folder</source>
        <comment>archive.too_many_files</comment>
        <translation>文件夹中的文件超过 {cap} 个</translation>
    </message>
    <message>
        <source>{count} members, above the cap of {cap}</source>
        <comment>archive.too_many_members</comment>
        <translation>压缩包含 {count} 个文件，超过上限 {cap}</translation>
    </message>
    <message>
        <source>total uncompressed size exceeds the cap of {cap} bytes</source>
        <comment>archive.zip_too_big</comment>
        <translation>解压后总大小超过上限 {cap} 字节</translation>
    </message>
    <message>
        <source>the acknowledged finding&apos;s detail is neither a conduct code with its facts nor an earlier release&apos;s text</source>
        <comment>authority.ack_detail</comment>
        <translation>已确认线索的详情既不是带事实的行为规范代码，也不是早期版本的文本</translation>
    </message>
    <message>
        <source>the first user must be an admin</source>
        <comment>authority.admin_role</comment>
        <translation>第一个用户必须是管理员</translation>
    </message>
    <message>
        <source>{column} ({value}) is after the entry that records it ({at})</source>
        <comment>authority.after_entry</comment>
        <translation>{column}（{value}）晚于记录它的账本记录（{at}）</translation>
    </message>
    <message>
        <source>item {item} names an original ({sha256}) that is not on record</source>
        <comment>authority.blob_unknown</comment>
        <translation>条目 {item} 引用的原件（{sha256}）没有记录</translation>
    </message>
    <message>
        <source>{table}.{column} must be {expected}, not {value}</source>
        <comment>authority.bound_column</comment>
        <translation>{table}.{column} 必须为 {expected}，而不是 {value}</translation>
    </message>
    <message>
        <source>{column} ({value}) is before the request ({requested_at})</source>
        <comment>authority.chronology</comment>
        <translation>{column}（{value}）早于申请时间（{requested_at}）</translation>
    </message>
    <message>
        <source>{action} may not set these columns of {table}: {columns}</source>
        <comment>authority.columns_forbidden</comment>
        <translation>{action} 无权设置表 {table} 的列 {columns}</translation>
    </message>
    <message>
        <source>{action} must give these columns of a new {table} row: {columns}</source>
        <comment>authority.columns_missing</comment>
        <translation>{action} 新增 {table} 行时必须提供列 {columns}</translation>
    </message>
    <message>
        <source>only the request&apos;s documents may be attached to a pending request, not {role}</source>
        <comment>authority.document_role</comment>
        <translation>待审批的申请只能附加申请材料，不能附加 {role}</translation>
    </message>
    <message>
        <source>the first entry must be store.init</source>
        <comment>authority.first_is_init</comment>
        <translation>第一条记录必须是 store.init</translation>
    </message>
    <message>
        <source>{actor} was deactivated before this entry</source>
        <comment>authority.inactive_actor</comment>
        <translation>{actor} 在此记录之前已被停用</translation>
    </message>
    <message>
        <source>store.init may only found an organisation, not start a second one beside its users</source>
        <comment>authority.init_in_org</comment>
        <translation>store.init 只能创建机构，不能在已有用户的机构旁另建一个</translation>
    </message>
    <message>
        <source>store.init may only be the first entry</source>
        <comment>authority.init_only_first</comment>
        <translation>store.init 只能是第一条记录</translation>
    </message>
    <message>
        <source>only {user} may change {user}&apos;s password this way</source>
        <comment>authority.not_own_password</comment>
        <translation>只有 {user} 本人可以这样修改其密码</translation>
    </message>
    <message>
        <source>field staff may withdraw only their own tags; {tag} is {created_by}&apos;s</source>
        <comment>authority.not_own_tag</comment>
        <translation>外勤人员只能撤回自己的标记；{tag} 属于 {created_by}</translation>
    </message>
    <message>
        <source>{action} must change exactly one {table} row</source>
        <comment>authority.one_row</comment>
        <translation>{action} 必须恰好修改一行 {table}</translation>
    </message>
    <message>
        <source>{action} may not {op} rows of {table}</source>
        <comment>authority.op_forbidden</comment>
        <translation>{action} 无权对表 {table} 执行 {op}</translation>
    </message>
    <message>
        <source>{action} may not be applied to one&apos;s own account ({user})</source>
        <comment>authority.own_account</comment>
        <translation>{action} 不得用于本人账户（{user}）</translation>
    </message>
    <message>
        <source>payload field {field} is missing or not {kind}</source>
        <comment>authority.payload_field</comment>
        <translation>记录内容缺少字段 {field}，或其类型不是 {kind}</translation>
    </message>
    <message>
        <source>the payload is not a JSON object</source>
        <comment>authority.payload_not_object</comment>
        <translation>记录内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>a request&apos;s documents must have a document role, not {role}</source>
        <comment>authority.request_documents_role</comment>
        <translation>申请材料必须属于申请材料类别，而不是 {role}</translation>
    </message>
    <message>
        <source>{role} is not a role</source>
        <comment>authority.role_unknown</comment>
        <translation>{role} 不是有效角色</translation>
    </message>
    <message>
        <source>{action} may only add new {table} rows; {key} exists</source>
        <comment>authority.row_exists</comment>
        <translation>{action} 只能新增 {table} 行；{key} 已存在</translation>
    </message>
    <message>
        <source>a row change is malformed</source>
        <comment>authority.row_malformed</comment>
        <translation>一项数据行变更的格式错误</translation>
    </message>
    <message>
        <source>{action} may only change existing {table} rows; {key} does not exist</source>
        <comment>authority.row_unknown</comment>
        <translation>{action} 只能修改已有的 {table} 行；{key} 不存在</translation>
    </message>
    <message>
        <source>the row changes are not a list</source>
        <comment>authority.rows_not_list</comment>
        <translation>数据行变更不是列表</translation>
    </message>
    <message>
        <source>the time stamp covers checkpoint {size}, which is not before this entry</source>
        <comment>authority.stamp_ahead</comment>
        <translation>该时间戳覆盖的检查点 {size} 不在本记录之前</translation>
    </message>
    <message>
        <source>{action} may not change table {table}</source>
        <comment>authority.table_forbidden</comment>
        <translation>{action} 无权修改表 {table}</translation>
    </message>
    <message>
        <source>the tag&apos;s case and contact do not match contact {contact}</source>
        <comment>authority.tag_contact</comment>
        <translation>标记的案件与联系人 {contact} 不符</translation>
    </message>
    <message>
        <source>tag {tag} was already withdrawn</source>
        <comment>authority.tag_removed</comment>
        <translation>标记 {tag} 已被撤回</translation>
    </message>
    <message>
        <source>{action} is not an action of this application</source>
        <comment>authority.unknown_action</comment>
        <translation>{action} 不是本应用的操作</translation>
    </message>
    <message>
        <source>{actor} is not a user of this store at this point</source>
        <comment>authority.unknown_actor</comment>
        <translation>此时 {actor} 不是本存证库的用户</translation>
    </message>
    <message>
        <source>{path}: {member}: missing from the backup</source>
        <comment>backup.absent</comment>
        <translation>{path}：{member}：备份中缺少此文件</translation>
    </message>
    <message>
        <source>a file entry is malformed</source>
        <comment>backup.bad_entry</comment>
        <translation>某个文件条目格式有误</translation>
    </message>
    <message>
        <source>{path}: {member}: signature does not match its contents (the manifest was changed after it was signed)</source>
        <comment>backup.bad_signature</comment>
        <translation>{path}：{member}：签名与内容不符（清单在签名后被修改过）</translation>
    </message>
    <message>
        <source>{path}: cannot create ({error})</source>
        <comment>backup.cannot_create</comment>
        <translation>{path}：无法创建（{error}）</translation>
    </message>
    <message>
        <source>backup checked: store {store_id}, {ledger_size} ledger {ledger_size:entry|entries}, {blobs} {blobs:original|originals}; made {created_at} by {created_by}; verify INTACT</source>
        <comment>backup.checked</comment>
        <translation>备份已检查：证据库 {store_id}，{ledger_size} 条存证记录，{blobs} 个原始文件；由 {created_by} 于 {created_at} 制作；校验完好</translation>
    </message>
    <message>
        <source>{path}: {member}: damaged ({error})</source>
        <comment>backup.damaged</comment>
        <translation>{path}：{member}：已损坏（{error}）</translation>
    </message>
    <message>
        <source>{path}: {member}: SHA-256 does not match the signed manifest</source>
        <comment>backup.digest</comment>
        <translation>{path}：{member}：SHA-256 与已签名的清单不符</translation>
    </message>
    <message>
        <source>{path}: the restored store does not verify ({count} {count:problem|problems}: {problems})</source>
        <comment>backup.does_not_verify</comment>
        <translation>{path}：恢复出的证据库未通过校验（{count} 个问题：{problems}）</translation>
    </message>
    <message>
        <source>already exists; a backup never overwrites a file</source>
        <comment>backup.exists</comment>
        <translation>文件已存在；备份从不覆盖已有文件</translation>
    </message>
    <message>
        <source>{path}: store/evidence.db: holds {size} ledger entries, the manifest says {expected}</source>
        <comment>backup.ledger_size</comment>
        <translation>{path}：store/evidence.db：有 {size} 条存证记录，清单记载为 {expected} 条</translation>
    </message>
    <message>
        <source>{path}: {member}: {error}</source>
        <comment>backup.manifest_bad</comment>
        <translation>{path}：{member}：{error}</translation>
    </message>
    <message>
        <source>{path}: {member}: missing {field}</source>
        <comment>backup.manifest_missing</comment>
        <translation>{path}：{member}：缺少 {field}</translation>
    </message>
    <message>
        <source>{path}: {member}: listed in the manifest but missing from the file</source>
        <comment>backup.missing_member</comment>
        <translation>{path}：{member}：清单中列有该文件，但备份中缺失</translation>
    </message>
    <message>
        <source>{restored}; the previous store was moved to {moved_aside}</source>
        <comment>backup.moved_aside</comment>
        <translation>{restored}；原证据库已移至 {moved_aside}</translation>
    </message>
    <message>
        <source>{path}: not a store descriptor</source>
        <comment>backup.no_descriptor</comment>
        <translation>{path}：不是证据库描述文件</translation>
    </message>
    <message>
        <source>its folder does not exist</source>
        <comment>backup.no_folder</comment>
        <translation>所在文件夹不存在</translation>
    </message>
    <message>
        <source>no such file</source>
        <comment>backup.no_such_file</comment>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>{path}: {member}: signed by {user!r}, who is not an admin of this store with that key</source>
        <comment>backup.not_admin</comment>
        <translation>{path}：{member}：签名人“{user}”不是使用该密钥的本证据库管理员</translation>
    </message>
    <message>
        <source>not an Evidence Desk backup manifest</source>
        <comment>backup.not_manifest</comment>
        <translation>不是 Evidence Desk 备份清单</translation>
    </message>
    <message>
        <source>{path}: original listed by the database is missing; run verify and repair the store before backing it up</source>
        <comment>backup.original_missing</comment>
        <translation>{path}：数据库中登记的原始文件缺失；请先校验并修复证据库，再进行备份</translation>
    </message>
    <message>
        <source>{path}: {member}: names store {store}, not this one</source>
        <comment>backup.other_store</comment>
        <translation>{path}：{member}：清单指向证据库 {store}，不是本证据库</translation>
    </message>
    <message>
        <source>{target}: restore failed ({error}); nothing changed</source>
        <comment>backup.restore_failed</comment>
        <translation>{target}：恢复失败（{error}）；未作任何更改</translation>
    </message>
    <message>
        <source>{target}: restore failed ({error}); the previous store is kept at {kept}</source>
        <comment>backup.restore_failed_kept</comment>
        <translation>{target}：恢复失败（{error}）；原证据库保留在 {kept}</translation>
    </message>
    <message>
        <source>backup restored to {path}: store {store_id}, {ledger_size} ledger {ledger_size:entry|entries}, {blobs} {blobs:original|originals}; made {created_at} by {created_by}; verify INTACT</source>
        <comment>backup.restored</comment>
        <translation>备份已恢复到 {path}：证据库 {store_id}，{ledger_size} 条存证记录，{blobs} 个原始文件；由 {created_by} 于 {created_at} 制作；校验完好</translation>
    </message>
    <message>
        <source>{path}: {member}: size differs from the manifest (expected {size} bytes)</source>
        <comment>backup.size</comment>
        <translation>{path}：{member}：大小与清单不符（应为 {size} 字节）</translation>
    </message>
    <message>
        <source>{target} is the store you are logged into (as {user}); it cannot be replaced while it is open. Restore into another folder, or close Evidence Desk and run evidence-desk restore --replace</source>
        <comment>backup.store_open</comment>
        <translation>{target} 是您当前登录（用户 {user}）的证据库，打开期间不能被替换。请恢复到其他文件夹，或关闭 Evidence Desk 后运行 evidence-desk restore --replace</translation>
    </message>
    <message>
        <source>{path}: {member}: not a member an Evidence Desk backup may hold</source>
        <comment>backup.strange_member</comment>
        <translation>{path}：{member}：Evidence Desk 备份中不应有此文件</translation>
    </message>
    <message>
        <source>{target} already holds files; restore into a new folder, or pass replace to move the existing store aside (it is kept, never deleted)</source>
        <comment>backup.target_not_empty</comment>
        <translation>{target} 中已有文件；请恢复到一个新文件夹，或选择替换以将现有证据库移到一旁（会保留，不会删除）</translation>
    </message>
    <message>
        <source>{path}: {member}: member is not listed in the signed manifest</source>
        <comment>backup.unlisted</comment>
        <translation>{path}：{member}：该文件未列入已签名的清单</translation>
    </message>
    <message>
        <source>{path}: not a readable Evidence Desk backup ({error})</source>
        <comment>backup.unreadable</comment>
        <translation>{path}：不是可读取的 Evidence Desk 备份（{error}）</translation>
    </message>
    <message>
        <source>unsupported backup version {version}</source>
        <comment>backup.version</comment>
        <translation>不支持的备份版本 {version}</translation>
    </message>
    <message>
        <source>{path}: backup could not be written ({error}); nothing was changed in the store</source>
        <comment>backup.write_failed</comment>
        <translation>{path}：无法写入备份（{error}）；证据库未作任何更改</translation>
    </message>
    <message>
        <source>backup written to {path}: store {store_id}, {ledger_size} ledger {ledger_size:entry|entries}, {blobs} {blobs:original|originals}, {bytes} {bytes:byte|bytes}</source>
        <comment>backup.written</comment>
        <translation>备份已写入 {path}：证据库 {store_id}，{ledger_size} 条存证记录，{blobs} 个原始文件，{bytes} 字节</translation>
    </message>
    <message>
        <source>chunk {index} fails authentication</source>
        <comment>blob.chunk</comment>
        <translation>第 {index} 块未通过认证（内容被改动）</translation>
    </message>
    <message>
        <source>blob header is damaged</source>
        <comment>blob.header</comment>
        <translation>加密文件的文件头已损坏</translation>
    </message>
    <message>
        <source>blob file is missing</source>
        <comment>blob.missing</comment>
        <translation>加密文件缺失</translation>
    </message>
    <message>
        <source>blob is truncated at chunk {index}</source>
        <comment>blob.truncated</comment>
        <translation>加密文件在第 {index} 块处被截断</translation>
    </message>
    <message>
        <source>discovered at: {value} is not a date and time (YYYY-MM-DD HH:MM)</source>
        <comment>breach.bad_time</comment>
        <translation>发现时间：{value} 不是日期和时间（YYYY-MM-DD HH:MM）</translation>
    </message>
    <message>
        <source>no breach record {id}</source>
        <comment>breach.no_record</comment>
        <translation>没有安全事件记录 {id}</translation>
    </message>
    <message>
        <source>What you can do to reduce the harm: {advice}.</source>
        <comment>breach.notice_advice</comment>
        <translation>您可以采取以下措施减轻危害：{advice}。</translation>
    </message>
    <message>
        <source>Cause: {cause}.</source>
        <comment>breach.notice_cause</comment>
        <translation>原因：{cause}。</translation>
    </message>
    <message>
        <source>Contact: {name}, telephone {phone}.</source>
        <comment>breach.notice_contact</comment>
        <translation>联系人：{name}，电话 {phone}。</translation>
    </message>
    <message>
        <source>Harm it may cause: {harms}.</source>
        <comment>breach.notice_harm</comment>
        <translation>可能造成的危害：{harms}。</translation>
    </message>
    <message>
        <source>Details: {note}</source>
        <comment>breach.notice_note</comment>
        <translation>详情：{note}</translation>
    </message>
    <message>
        <source>Record {id}, filed by {filed_by} at {filed_at} (UTC).</source>
        <comment>breach.notice_ref</comment>
        <translation>记录 {id}，由 {filed_by} 于 {filed_at}（UTC）登记。</translation>
    </message>
    <message>
        <source>What we have done: {remedies}.</source>
        <comment>breach.notice_remedy</comment>
        <translation>我们已采取的补救措施：{remedies}。</translation>
    </message>
    <message>
        <source>It concerns {cases} {cases:case|cases} and about {people} {people:person|people}.</source>
        <comment>breach.notice_scope</comment>
        <translation>涉及 {cases} 个案件、约 {people} 人。</translation>
    </message>
    <message>
        <source>Notice of a personal information incident</source>
        <comment>breach.notice_title</comment>
        <translation>个人信息安全事件告知书</translation>
    </message>
    <message>
        <source>On {discovered_at} we found an incident involving personal information we process: {kind}.</source>
        <comment>breach.notice_what</comment>
        <translation>我们于 {discovered_at} 发现一起涉及我们所处理个人信息的安全事件：{kind}。</translation>
    </message>
    <message>
        <source>{detail} · acknowledged by {acked_by}: {note}</source>
        <comment>bundle.annex_acknowledged</comment>
        <translation>{detail} · 已由 {acked_by} 确认：{note}</translation>
    </message>
    <message>
        <source>message {message_id}</source>
        <comment>bundle.annex_message</comment>
        <translation>消息 {message_id}</translation>
    </message>
    <message>
        <source>{detail} · open</source>
        <comment>bundle.annex_open</comment>
        <translation>{detail} · 尚未确认</translation>
    </message>
    <message>
        <source>{rule} {title}</source>
        <comment>bundle.annex_rule</comment>
        <translation>{rule} {title}</translation>
    </message>
    <message>
        <source>{tag} · {by}</source>
        <comment>bundle.annex_tag</comment>
        <translation>{tag} · {by}</translation>
    </message>
    <message>
        <source>{tag} · {by} · {note}</source>
        <comment>bundle.annex_tag_note</comment>
        <translation>{tag} · {by} · {note}</translation>
    </message>
    <message>
        <source>checkpoint {size} is missing from the store</source>
        <comment>bundle.checkpoint_missing</comment>
        <translation>证据库中缺少检查点 {size}</translation>
    </message>
    <message>
        <source>checkpoint {size} has no trusted time-stamp yet</source>
        <comment>bundle.checkpoint_unstamped</comment>
        <translation>检查点 {size} 尚无可信时间戳</translation>
    </message>
    <message>
        <source>{name}: {gap}</source>
        <comment>bundle.contact_gap</comment>
        <translation>{name}：{gap}</translation>
    </message>
    <message>
        <source>case {case} has no approved contact to put in a bundle</source>
        <comment>bundle.empty</comment>
        <translation>案件 {case} 没有可纳入证据包的已批准联系人</translation>
    </message>
    <message>
        <source>no ledger entry records original {sha256}</source>
        <comment>bundle.no_entry</comment>
        <translation>存证链中没有记录原始文件 {sha256} 的条目</translation>
    </message>
    <message>
        <source>contact {contact} has no identity exhibit (identity_proof): a conversation cannot enter a bundle without one</source>
        <comment>bundle.no_identity</comment>
        <translation>联系人 {contact} 没有身份证明材料（identity_proof）：缺少身份证明的对话不能纳入证据包</translation>
    </message>
    <message>
        <source>no time-stamp authority configured: the kit proves a local checkpoint</source>
        <comment>bundle.no_tsa</comment>
        <translation>尚未配置时间戳机构：校验包只能证明本地检查点</translation>
    </message>
    <message>
        <source>contact {contact} is {status}: only contacts a supervisor approved can enter a bundle</source>
        <comment>bundle.not_approved</comment>
        <translation>联系人 {contact} 当前为“{status}”：只有主管批准的联系人才能纳入证据包</translation>
    </message>
    <message>
        <source>not a folder</source>
        <comment>bundle.not_folder</comment>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>the organisation history this device holds does not give the root of checkpoint {checkpoint} it kept ({held}): no bundle can prove its entries in it; run verify</source>
        <comment>bundle.org_history</comment>
        <translation>本设备持有的组织历史得不出其所保存检查点 {checkpoint} 的根（{held}）：任何证据包都无法在其中证明其记录；请运行 verify</translation>
    </message>
    <message>
        <source>the organisation checkpoint {size} the kit proves its entries at has no time-stamp from the hub&apos;s TSA yet: the kit and the PDF say so; export again after a sync once the hub stamped it (bundle --wait-org-stamp waits for it)</source>
        <comment>bundle.org_unstamped</comment>
        <translation>证据包据以证明其记录的组织检查点 {size} 尚无中心服务器时间戳机构的时间戳：证据包和 PDF 均已注明；请在中心服务器盖戳后同步并重新导出（bundle --wait-org-stamp 可等待盖戳）</translation>
    </message>
    <message>
        <source>original {file} ({sha256}) is not in the store</source>
        <comment>bundle.original_missing</comment>
        <translation>证据库中缺少原始文件 {file}（{sha256}）</translation>
    </message>
    <message>
        <source>belongs to case {case}, not {scope_case}</source>
        <comment>bundle.other_case</comment>
        <translation>属于案件 {case}，不属于 {scope_case}</translation>
    </message>
    <message>
        <source>refused by rule {rule}: {reason}</source>
        <comment>bundle.refused</comment>
        <translation>被规则 {rule} 拒绝：{reason}</translation>
    </message>
    <message>
        <source>ledger entry {seq} ({action} by {actor}) breaks rule {rule}: {reason}; run verify: no bundle is made from entries that break the rules</source>
        <comment>bundle.rule_broken</comment>
        <translation>存证链第 {seq} 条（{actor} 的 {action}）违反规则 {rule}：{reason}；请运行校验：违反规则的记录不能生成证据包</translation>
    </message>
    <message>
        <source>the tag manifest could not be time-stamped (no TSA answered)</source>
        <comment>bundle.tags_unstamped</comment>
        <translation>标签清单未能加盖时间戳（没有时间戳机构响应）</translation>
    </message>
    <message>
        <source>time-stamp authority {name}: {reason}</source>
        <comment>bundle.tsa_failed</comment>
        <translation>时间戳机构 {name}：{reason}</translation>
    </message>
    <message>
        <source>breach recorded</source>
        <comment>bundle_label.action.breach.add</comment>
        <translation>记录个人信息安全事件</translation>
    </message>
    <message>
        <source>bundle exported</source>
        <comment>bundle_label.action.bundle.export</comment>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>account numbers shown in full</source>
        <comment>bundle_label.action.bundle.unmask</comment>
        <translation>完整显示账号</translation>
    </message>
    <message>
        <source>case closed</source>
        <comment>bundle_label.action.case.close</comment>
        <translation>案件结案</translation>
    </message>
    <message>
        <source>case opened</source>
        <comment>bundle_label.action.case.create</comment>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>case edited</source>
        <comment>bundle_label.action.case.edit</comment>
        <translation>修改案件</translation>
    </message>
    <message>
        <source>cases imported</source>
        <comment>bundle_label.action.case.import</comment>
        <translation>批量导入案件</translation>
    </message>
    <message>
        <source>case key issued</source>
        <comment>bundle_label.action.case.keys</comment>
        <translation>生成案件密钥</translation>
    </message>
    <message>
        <source>case shredded</source>
        <comment>bundle_label.action.case.shred</comment>
        <translation>销毁案件数据</translation>
    </message>
    <message>
        <source>case keys introduced</source>
        <comment>bundle_label.action.case_keys.migrate</comment>
        <translation>启用案件密钥</translation>
    </message>
    <message>
        <source>files moved under case keys</source>
        <comment>bundle_label.action.case_keys.migrate_blobs</comment>
        <translation>文件改用案件密钥加密</translation>
    </message>
    <message>
        <source>finding acknowledged</source>
        <comment>bundle_label.action.conduct.ack</comment>
        <translation>确认合规提示</translation>
    </message>
    <message>
        <source>contact approved</source>
        <comment>bundle_label.action.contact.approve</comment>
        <translation>批准联系人</translation>
    </message>
    <message>
        <source>contact rejected</source>
        <comment>bundle_label.action.contact.reject</comment>
        <translation>驳回联系人</translation>
    </message>
    <message>
        <source>contact requested</source>
        <comment>bundle_label.action.contact.request</comment>
        <translation>申请联系人</translation>
    </message>
    <message>
        <source>contact revoked</source>
        <comment>bundle_label.action.contact.revoke</comment>
        <translation>撤销联系人</translation>
    </message>
    <message>
        <source>device joined</source>
        <comment>bundle_label.action.device.join</comment>
        <translation>设备加入</translation>
    </message>
    <message>
        <source>device retired</source>
        <comment>bundle_label.action.device.retire</comment>
        <translation>设备已停用</translation>
    </message>
    <message>
        <source>documents attached</source>
        <comment>bundle_label.action.evidence.attach</comment>
        <translation>添加材料</translation>
    </message>
    <message>
        <source>evidence imported</source>
        <comment>bundle_label.action.evidence.import</comment>
        <translation>导入证据</translation>
    </message>
    <message>
        <source>chat handles re-indexed for the organisation</source>
        <comment>bundle_label.action.handle.reindex</comment>
        <translation>聊天账号按组织索引重新编制</translation>
    </message>
    <message>
        <source>legal hold placed</source>
        <comment>bundle_label.action.hold.add</comment>
        <translation>设置法律保全</translation>
    </message>
    <message>
        <source>legal hold lifted</source>
        <comment>bundle_label.action.hold.lift</comment>
        <translation>解除法律保全</translation>
    </message>
    <message>
        <source>invitation withdrawn</source>
        <comment>bundle_label.action.invite.revoke</comment>
        <translation>撤回邀请</translation>
    </message>
    <message>
        <source>screenshot read</source>
        <comment>bundle_label.action.ocr.read</comment>
        <translation>识别截图文字</translation>
    </message>
    <message>
        <source>processing record written</source>
        <comment>bundle_label.action.processing.record</comment>
        <translation>写入处理情况记录</translation>
    </message>
    <message>
        <source>records key issued</source>
        <comment>bundle_label.action.records.key</comment>
        <translation>签发记录密钥</translation>
    </message>
    <message>
        <source>tagged</source>
        <comment>bundle_label.action.review.tag</comment>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>tag withdrawn</source>
        <comment>bundle_label.action.review.untag</comment>
        <translation>撤回标签</translation>
    </message>
    <message>
        <source>setting changed</source>
        <comment>bundle_label.action.settings.set</comment>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>signing CA created</source>
        <comment>bundle_label.action.signing.ca_create</comment>
        <translation>已创建签名 CA</translation>
    </message>
    <message>
        <source>signing certificate imported</source>
        <comment>bundle_label.action.signing.cert_import</comment>
        <translation>已导入签名证书</translation>
    </message>
    <message>
        <source>signing certificate issued</source>
        <comment>bundle_label.action.signing.cert_issue</comment>
        <translation>已签发签名证书</translation>
    </message>
    <message>
        <source>store created</source>
        <comment>bundle_label.action.store.init</comment>
        <translation>创建证据库</translation>
    </message>
    <message>
        <source>trusted time-stamp</source>
        <comment>bundle_label.action.timestamp.add</comment>
        <translation>可信时间戳</translation>
    </message>
    <message>
        <source>time-stamp authority set</source>
        <comment>bundle_label.action.tsa.configure</comment>
        <translation>设置时间戳机构</translation>
    </message>
    <message>
        <source>user added</source>
        <comment>bundle_label.action.user.add</comment>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>password changed</source>
        <comment>bundle_label.action.user.change_password</comment>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>user deactivated</source>
        <comment>bundle_label.action.user.deactivate</comment>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>user invited</source>
        <comment>bundle_label.action.user.invite</comment>
        <translation>邀请用户</translation>
    </message>
    <message>
        <source>password reset</source>
        <comment>bundle_label.action.user.reset_password</comment>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>user key wrapped</source>
        <comment>bundle_label.action.user.wrap_key</comment>
        <translation>为用户封装密钥</translation>
    </message>
    <message>
        <source>conduct check</source>
        <comment>bundle_label.annex.conduct</comment>
        <translation>合规检查</translation>
    </message>
    <message>
        <source>tag</source>
        <comment>bundle_label.annex.tag</comment>
        <translation>标签</translation>
    </message>
    <message>
        <source>in the export</source>
        <comment>bundle_label.attachment.exported</comment>
        <translation>已导出</translation>
    </message>
    <message>
        <source>missing from the export</source>
        <comment>bundle_label.attachment.missing</comment>
        <translation>缺失</translation>
    </message>
    <message>
        <source>not exported</source>
        <comment>bundle_label.attachment.omitted</comment>
        <translation>未导出</translation>
    </message>
    <message>
        <source>LINE</source>
        <comment>bundle_label.channel.line</comment>
        <translation>LINE</translation>
    </message>
    <message>
        <source>phone</source>
        <comment>bundle_label.channel.phone</comment>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <comment>bundle_label.channel.sms</comment>
        <translation>短信</translation>
    </message>
    <message>
        <source>Telegram</source>
        <comment>bundle_label.channel.telegram</comment>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>WeChat</source>
        <comment>bundle_label.channel.wechat</comment>
        <translation>微信</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <comment>bundle_label.channel.whatsapp</comment>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>{n} d</source>
        <comment>bundle_label.days</comment>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>bundle</source>
        <comment>bundle_label.field.bundle_id</comment>
        <translation>证据包</translation>
    </message>
    <message>
        <source>case</source>
        <comment>bundle_label.field.case_no</comment>
        <translation>案号</translation>
    </message>
    <message>
        <source>contact</source>
        <comment>bundle_label.field.contact_id</comment>
        <translation>联系人</translation>
    </message>
    <message>
        <source>time</source>
        <comment>bundle_label.field.gen_time</comment>
        <translation>时间</translation>
    </message>
    <message>
        <source>setting</source>
        <comment>bundle_label.field.key</comment>
        <translation>设置项</translation>
    </message>
    <message>
        <source>note</source>
        <comment>bundle_label.field.note</comment>
        <translation>备注</translation>
    </message>
    <message>
        <source>role</source>
        <comment>bundle_label.field.role</comment>
        <translation>角色</translation>
    </message>
    <message>
        <source>tag</source>
        <comment>bundle_label.field.tag</comment>
        <translation>标签</translation>
    </message>
    <message>
        <source>time-stamp authority</source>
        <comment>bundle_label.field.tsa</comment>
        <translation>时间戳机构</translation>
    </message>
    <message>
        <source>CC-3: not the debtor or guarantor</source>
        <comment>bundle_label.flag.CC-3:relation_other</comment>
        <translation>CC-3：非债务人或担保人</translation>
    </message>
    <message>
        <source>CC-4: no recorded consent</source>
        <comment>bundle_label.flag.CC-4:no_consent</comment>
        <translation>CC-4：无同意记录</translation>
    </message>
    <message>
        <source>sent after the approval expired</source>
        <comment>bundle_label.flag.after_expiry</comment>
        <translation>审批过期后发送</translation>
    </message>
    <message>
        <source>sent after the contact was revoked</source>
        <comment>bundle_label.flag.after_revocation</comment>
        <translation>联系人撤销后发送</translation>
    </message>
    <message>
        <source>{n} h</source>
        <comment>bundle_label.hours</comment>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>document</source>
        <comment>bundle_label.importer.document</comment>
        <translation>文件</translation>
    </message>
    <message>
        <source>image reader</source>
        <comment>bundle_label.importer.image</comment>
        <translation>图片读取器</translation>
    </message>
    <message>
        <source>recording reader</source>
        <comment>bundle_label.importer.recording</comment>
        <translation>录音录像读取器</translation>
    </message>
    <message>
        <source>the debtor</source>
        <comment>bundle_label.initiator.debtor</comment>
        <translation>债务人</translation>
    </message>
    <message>
        <source>our staff</source>
        <comment>bundle_label.initiator.staff</comment>
        <translation>我方员工</translation>
    </message>
    <message>
        <source>byte {n}</source>
        <comment>bundle_label.loc.byte</comment>
        <translation>第 {n} 字节</translation>
    </message>
    <message>
        <source>line {n}, column {column}</source>
        <comment>bundle_label.loc.column</comment>
        <translation>第 {n} 行第 {column} 列</translation>
    </message>
    <message>
        <source>item {n}</source>
        <comment>bundle_label.loc.item</comment>
        <translation>第 {n} 项</translation>
    </message>
    <message>
        <source>line {n}</source>
        <comment>bundle_label.loc.line</comment>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <source>lines {first}-{last}</source>
        <comment>bundle_label.loc.lines</comment>
        <translation>第 {first}–{last} 行</translation>
    </message>
    <message>
        <source>row {n}</source>
        <comment>bundle_label.loc.row</comment>
        <translation>第 {n} 条记录</translation>
    </message>
    <message>
        <source>rows {first}-{last}</source>
        <comment>bundle_label.loc.rows</comment>
        <translation>第 {first}–{last} 条记录</translation>
    </message>
    <message>
        <source>call</source>
        <comment>bundle_label.message.call</comment>
        <translation>通话</translation>
    </message>
    <message>
        <source>contact card</source>
        <comment>bundle_label.message.contact_card</comment>
        <translation>名片</translation>
    </message>
    <message>
        <source>file</source>
        <comment>bundle_label.message.file</comment>
        <translation>文件</translation>
    </message>
    <message>
        <source>image</source>
        <comment>bundle_label.message.image</comment>
        <translation>图片</translation>
    </message>
    <message>
        <source>link</source>
        <comment>bundle_label.message.link</comment>
        <translation>链接</translation>
    </message>
    <message>
        <source>location</source>
        <comment>bundle_label.message.location</comment>
        <translation>位置</translation>
    </message>
    <message>
        <source>quote</source>
        <comment>bundle_label.message.quote</comment>
        <translation>引用</translation>
    </message>
    <message>
        <source>recalled</source>
        <comment>bundle_label.message.recalled</comment>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>red packet</source>
        <comment>bundle_label.message.red_packet</comment>
        <translation>红包</translation>
    </message>
    <message>
        <source>sticker</source>
        <comment>bundle_label.message.sticker</comment>
        <translation>表情</translation>
    </message>
    <message>
        <source>system message</source>
        <comment>bundle_label.message.system</comment>
        <translation>系统消息</translation>
    </message>
    <message>
        <source>text</source>
        <comment>bundle_label.message.text</comment>
        <translation>文字</translation>
    </message>
    <message>
        <source>transfer</source>
        <comment>bundle_label.message.transfer</comment>
        <translation>转账</translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>bundle_label.message.unknown</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>video</source>
        <comment>bundle_label.message.video</comment>
        <translation>视频</translation>
    </message>
    <message>
        <source>voice message</source>
        <comment>bundle_label.message.voice</comment>
        <translation>语音</translation>
    </message>
    <message>
        <source>{n} min</source>
        <comment>bundle_label.minutes</comment>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>chat export</source>
        <comment>bundle_label.original.chat_export</comment>
        <translation>聊天记录导出</translation>
    </message>
    <message>
        <source>consent</source>
        <comment>bundle_label.original.consent</comment>
        <translation>同意证明</translation>
    </message>
    <message>
        <source>debt confirmation</source>
        <comment>bundle_label.original.debt_confirmation</comment>
        <translation>债务确认书</translation>
    </message>
    <message>
        <source>export file</source>
        <comment>bundle_label.original.export_member</comment>
        <translation>导出文件</translation>
    </message>
    <message>
        <source>friend request</source>
        <comment>bundle_label.original.friend_request</comment>
        <translation>好友申请</translation>
    </message>
    <message>
        <source>identity proof</source>
        <comment>bundle_label.original.identity_proof</comment>
        <translation>身份证明</translation>
    </message>
    <message>
        <source>recording</source>
        <comment>bundle_label.original.recording</comment>
        <translation>录音录像</translation>
    </message>
    <message>
        <source>screenshot</source>
        <comment>bundle_label.original.screenshot</comment>
        <translation>截图</translation>
    </message>
    <message>
        <source>bank-card or account number</source>
        <comment>bundle_label.redaction.AC</comment>
        <translation>银行卡号或账号</translation>
    </message>
    <message>
        <source>identity document number (resident identity card, passport)</source>
        <comment>bundle_label.redaction.ID</comment>
        <translation>身份证件号码（居民身份证、护照）</translation>
    </message>
    <message>
        <source>not relevant to the matter (data minimisation)</source>
        <comment>bundle_label.redaction.IR</comment>
        <translation>与本案无关（最小必要原则）</translation>
    </message>
    <message>
        <source>other reason, stated in the redaction plan&apos;s note</source>
        <comment>bundle_label.redaction.OT</comment>
        <translation>其他理由，见遮盖方案中的说明</translation>
    </message>
    <message>
        <source>privileged legal communication</source>
        <comment>bundle_label.redaction.PV</comment>
        <translation>受特权保护的法律沟通</translation>
    </message>
    <message>
        <source>personal data of a third party, who is not a party to the case</source>
        <comment>bundle_label.redaction.TP</comment>
        <translation>第三人（非案件当事人）的个人信息</translation>
    </message>
    <message>
        <source>debtor</source>
        <comment>bundle_label.relation.debtor</comment>
        <translation>债务人</translation>
    </message>
    <message>
        <source>guarantor</source>
        <comment>bundle_label.relation.guarantor</comment>
        <translation>担保人</translation>
    </message>
    <message>
        <source>other</source>
        <comment>bundle_label.relation.other</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>administrator</source>
        <comment>bundle_label.role.admin</comment>
        <translation>管理员</translation>
    </message>
    <message>
        <source>auditor</source>
        <comment>bundle_label.role.auditor</comment>
        <translation>审计员</translation>
    </message>
    <message>
        <source>legal team</source>
        <comment>bundle_label.role.legal</comment>
        <translation>法务</translation>
    </message>
    <message>
        <source>field staff</source>
        <comment>bundle_label.role.staff</comment>
        <translation>催收员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <comment>bundle_label.role.supervisor</comment>
        <translation>主管</translation>
    </message>
    <message>
        <source>{n} s</source>
        <comment>bundle_label.seconds</comment>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>approved</source>
        <comment>bundle_label.status.approved</comment>
        <translation>已批准</translation>
    </message>
    <message>
        <source>rejected</source>
        <comment>bundle_label.status.rejected</comment>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>awaiting approval</source>
        <comment>bundle_label.status.requested</comment>
        <translation>待审批</translation>
    </message>
    <message>
        <source>revoked</source>
        <comment>bundle_label.status.revoked</comment>
        <translation>已终止</translation>
    </message>
    <message>
        <source>sealed</source>
        <comment>bundle_label.value.sealed</comment>
        <translation>已加密封存</translation>
    </message>
    <message>
        <source>no</source>
        <comment>bundle_label.yes_no.no</comment>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>bundle_label.yes_no.yes</comment>
        <translation>是</translation>
    </message>
    <message>
        <source>Tags and conduct-check annex</source>
        <comment>bundle_text.annex</comment>
        <translation>标签与催收合规检查附录</translation>
    </message>
    <message>
        <source>No tags or conduct-check records in this bundle&apos;s scope.</source>
        <comment>bundle_text.annex_none</comment>
        <translation>本证据包范围内无标签或合规检查记录。</translation>
    </message>
    <message>
        <source>open</source>
        <comment>bundle_text.any</comment>
        <translation>不限</translation>
    </message>
    <message>
        <source>Verification appendix</source>
        <comment>bundle_text.appendix</comment>
        <translation>校验附录</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <comment>bundle_text.appendix_checkpoint</comment>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Checkpoint · {device} ({user})</source>
        <comment>bundle_text.appendix_device_checkpoint</comment>
        <translation>检查点 · {device}（{user}）</translation>
    </message>
    <message>
        <source>RFC 3161 · {tsa} · serial {serial} · {gen_time}</source>
        <comment>bundle_text.appendix_token</comment>
        <translation>RFC 3161 · {tsa} · 序列号 {serial} · {gen_time}</translation>
    </message>
    <message>
        <source>Attachment</source>
        <comment>bundle_text.attachment</comment>
        <translation>附件</translation>
    </message>
    <message>
        <source>Bundle id</source>
        <comment>bundle_text.bundle_id</comment>
        <translation>证据包编号</translation>
    </message>
    <message>
        <source>What the export format cannot carry: messages deleted before the export, media not saved with the export (marked omitted or missing), the text of recalled messages.</source>
        <comment>bundle_text.cannot_carry</comment>
        <translation>导出格式无法承载的内容：导出前已删除的消息、未随导出保存的媒体文件（标为“未导出”或“缺失”）、对方已撤回消息的原文。</translation>
    </message>
    <message>
        <source>Case number</source>
        <comment>bundle_text.case_no</comment>
        <translation>案号</translation>
    </message>
    <message>
        <source>Ledger checkpoint</source>
        <comment>bundle_text.checkpoint</comment>
        <translation>存证链检查点</translation>
    </message>
    <message>
        <source>size {size}, root {root}</source>
        <comment>bundle_text.checkpoint_value</comment>
        <translation>第 {size} 条，根哈希 {root}</translation>
    </message>
    <message>
        <source>Action</source>
        <comment>bundle_text.col_action</comment>
        <translation>操作</translation>
    </message>
    <message>
        <source>Actor</source>
        <comment>bundle_text.col_actor</comment>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Detail</source>
        <comment>bundle_text.col_detail</comment>
        <translation>内容</translation>
    </message>
    <message>
        <source>Device</source>
        <comment>bundle_text.col_device</comment>
        <translation>设备</translation>
    </message>
    <message>
        <source>SHA-256 prefix</source>
        <comment>bundle_text.col_digest</comment>
        <translation>SHA-256 前缀</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>bundle_text.col_kind</comment>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>bundle_text.col_name</comment>
        <translation>证据名称</translation>
    </message>
    <message>
        <source>No.</source>
        <comment>bundle_text.col_no</comment>
        <translation>编号</translation>
    </message>
    <message>
        <source>Object of proof</source>
        <comment>bundle_text.col_object</comment>
        <translation>证明对象</translation>
    </message>
    <message>
        <source>Pages</source>
        <comment>bundle_text.col_pages</comment>
        <translation>页码</translation>
    </message>
    <message>
        <source>Prev hash</source>
        <comment>bundle_text.col_prev</comment>
        <translation>前哈希</translation>
    </message>
    <message>
        <source>Seq</source>
        <comment>bundle_text.col_seq</comment>
        <translation>序号</translation>
    </message>
    <message>
        <source>Source</source>
        <comment>bundle_text.col_source</comment>
        <translation>来源</translation>
    </message>
    <message>
        <source>Subject</source>
        <comment>bundle_text.col_subject</comment>
        <translation>对象</translation>
    </message>
    <message>
        <source>Time (UTC / local)</source>
        <comment>bundle_text.col_time</comment>
        <translation>时间（UTC / 本地）</translation>
    </message>
    <message>
        <source>Completeness and gap statement</source>
        <comment>bundle_text.completeness</comment>
        <translation>完整性与缺漏说明</translation>
    </message>
    <message>
        <source>Consent on record</source>
        <comment>bundle_text.consent</comment>
        <translation>同意记录</translation>
    </message>
    <message>
        <source> (continued)</source>
        <comment>bundle_text.continued</comment>
        <translation>（续）</translation>
    </message>
    <message>
        <source>Conversations</source>
        <comment>bundle_text.conversations</comment>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>Supervisor&apos;s cosignature of the request checkpoint: size {size}, signature {sig}</source>
        <comment>bundle_text.cosign</comment>
        <translation>主管对申请检查点的联署签名：检查点 {size}，签名 {sig}</translation>
    </message>
    <message>
        <source>Chat counterparties</source>
        <comment>bundle_text.counterparties</comment>
        <translation>聊天对方</translation>
    </message>
    <message>
        <source>Messages in range by kind</source>
        <comment>bundle_text.counts</comment>
        <translation>范围内各类消息数</translation>
    </message>
    <message>
        <source>Cover</source>
        <comment>bundle_text.cover</comment>
        <translation>封面</translation>
    </message>
    <message>
        <source>Producing organisation (creditor)</source>
        <comment>bundle_text.creditor</comment>
        <translation>出具单位（债权人）</translation>
    </message>
    <message>
        <source>Chain of custody</source>
        <comment>bundle_text.custody</comment>
        <translation>保管链记录</translation>
    </message>
    <message>
        <source>bundle_id={bundle_id}: this export. Its entry is written to the ledger after this PDF, with the digests of the PDF and the kit, so its hashes cannot be printed here; it takes this seq, or a later one if other entries (a sync, another window) were written meanwhile, which are not in this bundle. The kit&apos;s evidence-manifest.json names the same seq, and verify checks the entry is not before it.</source>
        <comment>bundle_text.custody_export</comment>
        <translation>证据包 {bundle_id}：本次导出。其记录在本 PDF 生成后写入存证链，并含本 PDF 和校验包的哈希值，因此其哈希无法印于此处；其序号为此号，若期间写入了其他记录（同步、另一窗口），则为更靠后的序号，这些记录不在本证据包内。校验包的 evidence-manifest.json 载明同一序号，verify 会核对导出记录不早于此号。</translation>
    </message>
    <message>
        <source>Generated from the tamper-evident ledger, never typed by hand. Each entry names who, when, what, and the hash of the entry before it.</source>
        <comment>bundle_text.custody_intro</comment>
        <translation>以下记录由防篡改存证链自动生成，非人工录入。每条记录含操作人、时间、操作及前一条记录的哈希。</translation>
    </message>
    <message>
        <source>This bundle combines the ledgers of {count} {count:device|devices} of the organisation. Each entry names the device whose ledger holds it (its short id and the user who joined it) and the user who signed it; entries are in the organisation&apos;s order, and Seq is the entry&apos;s number in its own device&apos;s ledger.</source>
        <comment>bundle_text.custody_org_intro</comment>
        <translation>本证据包合并了本组织 {count} 台设备的账本。每条记录注明保存它的设备（设备短标识及加入该设备的用户）和签署它的用户；记录按组织顺序排列，序号是该记录在其所属设备账本中的编号。</translation>
    </message>
    <message>
        <source>The organisation hub&apos;s checkpoint {size} covers these entries; an RFC 3161 TSA time-stamped it at {gen_time} (see the appendix).</source>
        <comment>bundle_text.custody_org_stamped</comment>
        <translation>组织中心服务器的检查点 {size} 覆盖这些记录；RFC 3161 时间戳机构已于 {gen_time} 为其加盖时间戳（见附录）。</translation>
    </message>
    <message>
        <source>The organisation hub&apos;s checkpoint {size} covers these entries, but the hub had not yet time-stamped it when this bundle was made: it proves which entries the organisation held and in which order, not when. A bundle made again once the hub has stamped it carries the dated checkpoint.</source>
        <comment>bundle_text.custody_org_unstamped</comment>
        <translation>组织中心服务器的检查点 {size} 覆盖这些记录，但生成本证据包时中心服务器尚未为其加盖时间戳：它证明组织持有哪些记录及其顺序，但不证明时间。中心服务器盖戳后重新生成的证据包将附带已盖戳的检查点。</translation>
    </message>
    <message>
        <source>Debtor</source>
        <comment>bundle_text.debtor</comment>
        <translation>债务人</translation>
    </message>
    <message>
        <source>Decision</source>
        <comment>bundle_text.decision</comment>
        <translation>审批</translation>
    </message>
    <message>
        <source>{status}: {who} at {at}; note: {note}</source>
        <comment>bundle_text.decision_value</comment>
        <translation>{status}：{who} 于 {at}；意见：{note}</translation>
    </message>
    <message>
        <source>I, {name}, declare that this bundle was generated by Evidence Desk {version} from the evidence store by the method above; every original&apos;s digests were computed by the system at import and recorded in the ledger; I have reviewed the store&apos;s verification result, and to the best of my knowledge and belief the contents are true and complete. This declaration also serves as a certification under FRE 902(13)/(14); notice date under FRE 902(11): {date}.</source>
        <comment>bundle_text.declaration</comment>
        <translation>本人 {name} 声明：本证据包由 Evidence Desk {version} 依据上述方法从存证库自动生成；所列每个原始文件的哈希值均由系统在导入时计算并记入存证链；本人已核对存证库校验结果，据本人所知所信，上述内容真实、完整。本声明兼作美国联邦证据规则 902(13)/(14) 意义上的证明。依据第 902(11) 条的通知日期：{date}。</translation>
    </message>
    <message>
        <source>Declaration</source>
        <comment>bundle_text.declaration_title</comment>
        <translation>声明</translation>
    </message>
    <message>
        <source>Device</source>
        <comment>bundle_text.device</comment>
        <translation>设备</translation>
    </message>
    <message>
        <source>the exporting device</source>
        <comment>bundle_text.device_exporting</comment>
        <translation>导出设备</translation>
    </message>
    <message>
        <source>before joining the organisation</source>
        <comment>bundle_text.device_pre_org</comment>
        <translation>加入组织之前</translation>
    </message>
    <message>
        <source>joined by {user}</source>
        <comment>bundle_text.device_user</comment>
        <translation>加入者 {user}</translation>
    </message>
    <message>
        <source>Pages {first} to {pages} are not printed; the original in the kit holds them all.</source>
        <comment>bundle_text.document_more</comment>
        <translation>第 {first} 至 {pages} 页未打印；材料包中的原件包含全部页面。</translation>
    </message>
    <message>
        <source>{document}, page {page} of {pages} (rendered from the original)</source>
        <comment>bundle_text.document_page</comment>
        <translation>{document}，第 {page} 页，共 {pages} 页（由原件渲染）</translation>
    </message>
    <message>
        <source>Documents</source>
        <comment>bundle_text.documents</comment>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>Conversation: {name} ({channel} {handle})</source>
        <comment>bundle_text.exhibit_conversation</comment>
        <translation>聊天记录：{name}（{channel} {handle}）</translation>
    </message>
    <message>
        <source>Identity and approval record: {name} ({channel} {handle})</source>
        <comment>bundle_text.exhibit_identity</comment>
        <translation>身份证据及审批记录：{name}（{channel} {handle}）</translation>
    </message>
    <message>
        <source>Recordings: {name} ({channel} {handle})</source>
        <comment>bundle_text.exhibit_recordings</comment>
        <translation>录音录像：{name}（{channel} {handle}）</translation>
    </message>
    <message>
        <source>Flags</source>
        <comment>bundle_text.flags</comment>
        <translation>标记</translation>
    </message>
    <message>
        <source>Form: electronic data. The originals are in the kit&apos;s data/originals/ and carry the digests listed here.</source>
        <comment>bundle_text.form_note</comment>
        <translation>证据形式：电子数据；原始文件见校验包 data/originals/，与本目录所列哈希值一致。</translation>
    </message>
    <message>
        <source>SHA-256: FIPS 180-4. SM3: GB/T 32905-2016, SM3(&quot;abc&quot;) = 66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0.</source>
        <comment>bundle_text.formula_1</comment>
        <translation>SHA-256：FIPS 180-4。SM3：GB/T 32905-2016，SM3(&quot;abc&quot;) = 66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0。</translation>
    </message>
    <message>
        <source>RFC 9162: leaf = SHA-256(0x00 || entry_hash), node = SHA-256(0x01 || left || right).</source>
        <comment>bundle_text.formula_2</comment>
        <translation>RFC 9162：叶节点 = SHA-256(0x00 || entry_hash)，内部节点 = SHA-256(0x01 || 左子节点 || 右子节点)。</translation>
    </message>
    <message>
        <source>entry_hash = SHA-256(canonical [seq, at, actor, action, payload_hash, prev_hash]).</source>
        <comment>bundle_text.formula_3</comment>
        <translation>entry_hash = SHA-256(规范化 JSON [seq, at, actor, action, payload_hash, prev_hash])。</translation>
    </message>
    <message>
        <source>checkpoint signature = Ed25519(&quot;evidence-desk/checkpoint/v1\n&quot; || checkpoint text); the entry at seq n carries the signature of checkpoint n, whose root covers it.</source>
        <comment>bundle_text.formula_4</comment>
        <translation>检查点签名 = Ed25519(&quot;evidence-desk/checkpoint/v1\n&quot; || 检查点文本)；序号为 n 的记录携带检查点 n 的签名，该检查点的根哈希覆盖该记录。</translation>
    </message>
    <message>
        <source>Silences longer than 7 days</source>
        <comment>bundle_text.gaps</comment>
        <translation>超过 7 天的沉默期</translation>
    </message>
    <message>
        <source>Bundle {id}</source>
        <comment>bundle_text.header_bundle</comment>
        <translation>证据包 {id}</translation>
    </message>
    <message>
        <source>Exhibit {id} · SHA-256 {digest}</source>
        <comment>bundle_text.header_exhibit</comment>
        <translation>证据 {id} · SHA-256 {digest}</translation>
    </message>
    <message>
        <source>Page {label} · volume {vol} of {vol_pages} {vol_pages:page|pages} · bundle page {page}/{total}</source>
        <comment>bundle_text.header_page</comment>
        <translation>第 {label} 页 · 卷 {vol} 共 {vol_pages} 页 · 全包第 {page}/{total} 页</translation>
    </message>
    <message>
        <source>Screenshot {name} · SHA-256 {sha256} · taken {taken}</source>
        <comment>bundle_text.header_screenshot</comment>
        <translation>截图 {name} · SHA-256 {sha256} · 拍摄时间 {taken}</translation>
    </message>
    <message>
        <source>Source {source} · imported {utc} UTC ({local}) · operator {who}</source>
        <comment>bundle_text.header_source</comment>
        <translation>来源 {source} · 导入 {utc} UTC ({local}) · 操作人 {who}</translation>
    </message>
    <message>
        <source>Identity exhibits and contact approval records</source>
        <comment>bundle_text.identity_section</comment>
        <translation>身份证据与联系人审批记录</translation>
    </message>
    <message>
        <source>Gaps in time between exports</source>
        <comment>bundle_text.import_gaps</comment>
        <translation>导出文件之间的时间缺口</translation>
    </message>
    <message>
        <source>Imported</source>
        <comment>bundle_text.imported</comment>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importer</source>
        <comment>bundle_text.importer</comment>
        <translation>导入人</translation>
    </message>
    <message>
        <source>{n} included</source>
        <comment>bundle_text.included</comment>
        <translation>纳入 {n} 条</translation>
    </message>
    <message>
        <source>Integrity certificate</source>
        <comment>bundle_text.integrity</comment>
        <translation>完整性证书</translation>
    </message>
    <message>
        <source>Kit evidence manifest digest (evidence-manifest.json)</source>
        <comment>bundle_text.kit_digest</comment>
        <translation>校验包证据清单摘要（evidence-manifest.json）</translation>
    </message>
    <message>
        <source>Ledger entry {seq} (leaf index {leaf}), checkpoint {size}</source>
        <comment>bundle_text.ledger_ref</comment>
        <translation>存证链第 {seq} 条（叶索引 {leaf}），检查点 {size}</translation>
    </message>
    <message>
        <source>Evidence list</source>
        <comment>bundle_text.list</comment>
        <translation>证据目录</translation>
    </message>
    <message>
        <source>method 1-3; appendix: tools and versions</source>
        <comment>bundle_text.mapping_1_proof</comment>
        <translation>方法说明第1-3条；附录：工具与版本</translation>
    </message>
    <message>
        <source>EvP 93(1) system environment</source>
        <comment>bundle_text.mapping_1_rule</comment>
        <translation>证据规定第93条(1) 系统软硬件环境</translation>
    </message>
    <message>
        <source>ledger verification; checkpoint signatures and tokens</source>
        <comment>bundle_text.mapping_2_proof</comment>
        <translation>存证链校验；检查点签名与时间戳</translation>
    </message>
    <message>
        <source>EvP 93(2) system state</source>
        <comment>bundle_text.mapping_2_rule</comment>
        <translation>第93条(2) 系统运行状态</translation>
    </message>
    <message>
        <source>hash before parse, reproducible parse, verify</source>
        <comment>bundle_text.mapping_3_proof</comment>
        <translation>导入前哈希、解析可重现自检、verify 全量复核</translation>
    </message>
    <message>
        <source>EvP 93(3) error-prevention means</source>
        <comment>bundle_text.mapping_3_rule</comment>
        <translation>第93条(3) 防止出错的监测手段</translation>
    </message>
    <message>
        <source>integrity certificate; kit manifests</source>
        <comment>bundle_text.mapping_4_proof</comment>
        <translation>完整性证书；校验包清单文件</translation>
    </message>
    <message>
        <source>EvP 93(4) complete storage and transfer</source>
        <comment>bundle_text.mapping_4_rule</comment>
        <translation>第93条(4) 完整保存、传输、提取</translation>
    </message>
    <message>
        <source>contact approval record; chain of custody</source>
        <comment>bundle_text.mapping_5_proof</comment>
        <translation>联系人审批记录；保管链</translation>
    </message>
    <message>
        <source>EvP 93(6) formed in normal business</source>
        <comment>bundle_text.mapping_5_rule</comment>
        <translation>第93条(6) 正常业务活动中形成</translation>
    </message>
    <message>
        <source>completeness statement; Merkle proofs</source>
        <comment>bundle_text.mapping_6_proof</comment>
        <translation>完整性与缺漏说明；Merkle 证明</translation>
    </message>
    <message>
        <source>IC 11(5) additions, deletions, changes</source>
        <comment>bundle_text.mapping_6_rule</comment>
        <translation>互联网法院规定第11条(5) 增删改</translation>
    </message>
    <message>
        <source>verification appendix; verify-bundle</source>
        <comment>bundle_text.mapping_7_proof</comment>
        <translation>校验附录；verify-bundle</translation>
    </message>
    <message>
        <source>IC 11(6) verifiable</source>
        <comment>bundle_text.mapping_7_rule</comment>
        <translation>第11条(6) 可验证</translation>
    </message>
    <message>
        <source>{n} {n:message|messages}</source>
        <comment>bundle_text.messages_count</comment>
        <translation>共 {n} 条消息</translation>
    </message>
    <message>
        <source>Method statement and declaration</source>
        <comment>bundle_text.method</comment>
        <translation>取证说明与声明</translation>
    </message>
    <message>
        <source>1. Collection: after a supervisor approved the contact, field staff imported the chat app&apos;s export files (or screenshots). SHA-256 and SM3 of the original bytes are computed before any parsing; originals are kept byte for byte, encrypted with AES-256-GCM.</source>
        <comment>bundle_text.method_1</comment>
        <translation>1. 取证过程：催收员在主管审批联系人后，将聊天软件导出的文件（或截图）导入本系统。导入时先计算原始字节的 SHA-256 与 SM3 哈希值，再进行解析；原始文件以 AES-256-GCM 加密原样保存，不作任何修改。</translation>
    </message>
    <message>
        <source>2. Every import, approval, tag and export is a ledger entry: canonical JSON (RFC 8785) hashed with SHA-256, linked to the previous entry&apos;s hash, signed with the actor&apos;s Ed25519 key.</source>
        <comment>bundle_text.method_2</comment>
        <translation>2. 每次导入、审批、标记与导出均为存证链中的一条记录：记录内容以规范化 JSON（RFC 8785）计算 SHA-256，并链接前一条记录的哈希，由操作人的 Ed25519 私钥签名。</translation>
    </message>
    <message>
        <source>3. The entries are leaves of an RFC 9162 Merkle tree; each checkpoint (size and root) is signed and sent to an RFC 3161 time-stamp authority.</source>
        <comment>bundle_text.method_3</comment>
        <translation>3. 全部记录构成 RFC 9162 Merkle 树；每个检查点（条数与根哈希）由操作人签名，并提交 RFC 3161 可信时间戳机构（TSA）加盖时间戳。</translation>
    </message>
    <message>
        <source>4. Each message has a salted commitment H(salt || content) whose Merkle root is in the import entry; this bundle prints each message&apos;s commitment prefix.</source>
        <comment>bundle_text.method_4</comment>
        <translation>4. 每条消息另有加盐承诺值 H(盐值‖内容)，其 Merkle 根记入导入记录；本证据包中每条消息显示其承诺值前缀。</translation>
    </message>
    <message>
        <source>5. Parsing is reproducible: re-parsing a stored original gives byte-identical normalised output (checked by the store&apos;s verify).</source>
        <comment>bundle_text.method_5</comment>
        <translation>5. 解析过程可重现：对保存的原始文件重新解析，得到逐字节相同的规范化结果（系统自检）。</translation>
    </message>
    <message>
        <source>6. Limitations: the system cannot prove that nothing was deleted on the phone before the export; media missing from an export cannot be recovered; the local clock is not trusted time, only a TSA&apos;s genTime is.</source>
        <comment>bundle_text.method_6</comment>
        <translation>6. 局限：本系统无法证明导出前手机上的内容未被删除；导出文件中缺失的媒体无法恢复；本机时钟不作为可信时间，仅可信时间戳机构的时间为可信时间。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>bundle_text.name_separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Trusted time: none yet (the checkpoint is signed locally only)</source>
        <comment>bundle_text.no_tsa</comment>
        <translation>可信时间戳：暂无（检查点仅经本机签名）</translation>
    </message>
    <message>
        <source>none</source>
        <comment>bundle_text.none</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>Bank-card and account numbers in the transcripts and the annex are masked (first and last four digits shown, as 6222 **** **** 1234) to protect financial account information (PIPL art. 28). Message digests and commitments are those of the stored messages: the originals in the kit&apos;s data/originals/ hold the numbers in full.</source>
        <comment>bundle_text.numbers_masked</comment>
        <translation>为保护金融账户信息（《个人信息保护法》第二十八条），聊天记录和附录中的银行卡号和账号已作遮蔽处理（仅显示前四位和后四位，如 6222 **** **** 1234）。消息哈希值和承诺值均基于所存储的消息计算：校验包 data/originals/ 中的原始文件保存完整号码。</translation>
    </message>
    <message>
        <source>Bank-card and account numbers are printed in full: the legal team decided so with a reason, recorded as ledger entry {seq} (see the chain of custody).</source>
        <comment>bundle_text.numbers_unmasked</comment>
        <translation>银行卡号和账号已完整打印：系法务依理由决定，记录于存证链第 {seq} 条（见保管链记录）。</translation>
    </message>
    <message>
        <source>What the parties said, including promises to pay, acknowledgements of the debt and other statements</source>
        <comment>bundle_text.object_conversation</comment>
        <translation>双方沟通内容，包括还款承诺、债务确认及其他陈述</translation>
    </message>
    <message>
        <source>Identity of the counterparty and its link to the loan contract party; supervisor approval before the contact was used</source>
        <comment>bundle_text.object_identity</comment>
        <translation>聊天对方身份及其与借款合同当事人的对应关系；添加联系人前的主管审批</translation>
    </message>
    <message>
        <source>What the parties said and how collection was conducted in the recorded visits and calls</source>
        <comment>bundle_text.object_recordings</comment>
        <translation>外访及通话的录音录像所记录的双方陈述和催收行为</translation>
    </message>
    <message>
        <source>{n} left out (each listed below)</source>
        <comment>bundle_text.omitted</comment>
        <translation>未纳入 {n} 条（逐条列于下方）</translation>
    </message>
    <message>
        <source>Messages left out</source>
        <comment>bundle_text.omitted_list</comment>
        <translation>未纳入的消息</translation>
    </message>
    <message>
        <source>Organisation checkpoint</source>
        <comment>bundle_text.org_checkpoint</comment>
        <translation>组织检查点</translation>
    </message>
    <message>
        <source>Hub {hub_id}: size {size}, root {root}</source>
        <comment>bundle_text.org_checkpoint_value</comment>
        <translation>中心服务器 {hub_id}：大小 {size}，根 {root}</translation>
    </message>
    <message>
        <source>No witness cosigned this organisation checkpoint.</source>
        <comment>bundle_text.org_no_witnesses</comment>
        <translation>没有见证人联署此组织检查点。</translation>
    </message>
    <message>
        <source>This bundle&apos;s entries are not yet covered by an organisation checkpoint.</source>
        <comment>bundle_text.org_not_covered</comment>
        <translation>本证据包的记录尚未被组织检查点覆盖。</translation>
    </message>
    <message>
        <source>Time-stamped at {gen_time} by the RFC 3161 TSA {tsa}; the kit carries the token and VERIFY.txt gives the command that checks it against the TSA&apos;s published root.</source>
        <comment>bundle_text.org_stamp_time</comment>
        <translation>已由 RFC 3161 时间戳机构 {tsa} 于 {gen_time} 加盖时间戳；证据包附有该时间戳令牌，VERIFY.txt 给出以该机构公布的根证书核验它的命令。</translation>
    </message>
    <message>
        <source>{count} {count:entry|entries} of this bundle {count:is|are} not yet covered by an organisation checkpoint.</source>
        <comment>bundle_text.org_uncovered</comment>
        <translation>本证据包有 {count} 条记录尚未被组织检查点覆盖。</translation>
    </message>
    <message>
        <source>The hub had not yet time-stamped this organisation checkpoint when the bundle was made: it proves which entries the organisation held and in which order, not when.</source>
        <comment>bundle_text.org_unstamped</comment>
        <translation>生成本证据包时中心服务器尚未为此组织检查点加盖时间戳：它证明组织持有哪些记录及其顺序，但不证明时间。</translation>
    </message>
    <message>
        <source>Cosigned by the witnesses: {names}.</source>
        <comment>bundle_text.org_witnesses</comment>
        <translation>联署的见证人：{names}。</translation>
    </message>
    <message>
        <source>Parser</source>
        <comment>bundle_text.parser</comment>
        <translation>解析器</translation>
    </message>
    <message>
        <source>Parties</source>
        <comment>bundle_text.parties</comment>
        <translation>当事人</translation>
    </message>
    <message>
        <source>{party}: {name}</source>
        <comment>bundle_text.party</comment>
        <translation>{party}：{name}</translation>
    </message>
    <message>
        <source>Legal basis (PIPL art. 13)</source>
        <comment>bundle_text.pr_basis</comment>
        <translation>处理依据（《个人信息保护法》第十三条）</translation>
    </message>
    <message>
        <source>Basis, as stated</source>
        <comment>bundle_text.pr_basis_note</comment>
        <translation>依据说明</translation>
    </message>
    <message>
        <source>Bundle and its evidence manifest (SHA-256)</source>
        <comment>bundle_text.pr_bundle</comment>
        <translation>证据包及其证据清单（SHA-256）</translation>
    </message>
    <message>
        <source>Personal information provided</source>
        <comment>bundle_text.pr_categories</comment>
        <translation>提供的个人信息种类</translation>
    </message>
    <message>
        <source>Record</source>
        <comment>bundle_text.pr_id</comment>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Protection measures</source>
        <comment>bundle_text.pr_measures</comment>
        <translation>保护措施</translation>
    </message>
    <message>
        <source>Purpose of the provision</source>
        <comment>bundle_text.pr_purpose</comment>
        <translation>提供目的</translation>
    </message>
    <message>
        <source>Recipient</source>
        <comment>bundle_text.pr_recipient</comment>
        <translation>接收方</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <comment>bundle_text.pr_recipient_value</comment>
        <translation>{name}（{kind}）</translation>
    </message>
    <message>
        <source>Recorded</source>
        <comment>bundle_text.pr_recorded</comment>
        <translation>记录</translation>
    </message>
    <message>
        <source>{who}, {at}</source>
        <comment>bundle_text.pr_recorded_value</comment>
        <translation>{who}，{at}</translation>
    </message>
    <message>
        <source>Kept until</source>
        <comment>bundle_text.pr_retain</comment>
        <translation>保存至</translation>
    </message>
    <message>
        <source>Assessed risk to the individuals</source>
        <comment>bundle_text.pr_risk</comment>
        <translation>对个人权益的风险评估</translation>
    </message>
    <message>
        <source>Of which sensitive personal information (PIPL art. 28)</source>
        <comment>bundle_text.pr_sensitive</comment>
        <translation>其中敏感个人信息（《个人信息保护法》第二十八条）</translation>
    </message>
    <message>
        <source>Processing record and personal information impact assessment</source>
        <comment>bundle_text.processing</comment>
        <translation>处理情况记录及个人信息保护影响评估</translation>
    </message>
    <message>
        <source>Written by the system when this bundle was exported (PIPL arts. 55 and 56), in the same transaction as the export&apos;s ledger entry, and kept until {retain_until} at least. The kit carries it as processing-record.json; verify-bundle checks it.</source>
        <comment>bundle_text.processing_intro</comment>
        <translation>本记录由系统在导出本证据包时生成（《个人信息保护法》第五十五条、第五十六条），与导出的账本记录在同一事务中写入，至少保存至 {retain_until}。校验包中以 processing-record.json 携带本记录，verify-bundle 会对其进行核验。</translation>
    </message>
    <message>
        <source>Produced at</source>
        <comment>bundle_text.produced_at</comment>
        <translation>出具时间</translation>
    </message>
    <message>
        <source>Produced by</source>
        <comment>bundle_text.producer</comment>
        <translation>出具人</translation>
    </message>
    <message>
        <source>Public keys</source>
        <comment>bundle_text.public_keys</comment>
        <translation>公钥</translation>
    </message>
    <message>
        <source>QR code: bundle id and kit manifest digest</source>
        <comment>bundle_text.qr_note</comment>
        <translation>二维码内容：证据包编号与校验包摘要</translation>
    </message>
    <message>
        <source> (included because it is quoted)</source>
        <comment>bundle_text.quoted_note</comment>
        <translation>（因被引用而纳入）</translation>
    </message>
    <message>
        <source>Date range</source>
        <comment>bundle_text.range</comment>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>Reason</source>
        <comment>bundle_text.reason</comment>
        <translation>理由</translation>
    </message>
    <message>
        <source>{n} recalled messages</source>
        <comment>bundle_text.recalled</comment>
        <translation>撤回消息 {n} 条</translation>
    </message>
    <message>
        <source>audio recording</source>
        <comment>bundle_text.recording_audio</comment>
        <translation>录音</translation>
    </message>
    <message>
        <source>Codecs</source>
        <comment>bundle_text.recording_codecs</comment>
        <translation>编码</translation>
    </message>
    <message>
        <source>Duration</source>
        <comment>bundle_text.recording_duration</comment>
        <translation>时长</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>bundle_text.recording_media</comment>
        <translation>类型</translation>
    </message>
    <message>
        <source>The original travels unchanged in the kit at {path}; it plays in any media player and can be checked against the digests above.</source>
        <comment>bundle_text.recording_note</comment>
        <translation>原始文件按原样收于校验包 {path}，可用任何播放器播放，并可按上表所列哈希值核验。</translation>
    </message>
    <message>
        <source>Original</source>
        <comment>bundle_text.recording_original</comment>
        <translation>原始文件</translation>
    </message>
    <message>
        <source>Recorded (as the file states)</source>
        <comment>bundle_text.recording_recorded</comment>
        <translation>录制时间（文件记载）</translation>
    </message>
    <message>
        <source>Size</source>
        <comment>bundle_text.recording_size</comment>
        <translation>大小</translation>
    </message>
    <message>
        <source>not stated in the file</source>
        <comment>bundle_text.recording_unknown</comment>
        <translation>文件未记载</translation>
    </message>
    <message>
        <source>video recording</source>
        <comment>bundle_text.recording_video</comment>
        <translation>录像</translation>
    </message>
    <message>
        <source>Recordings</source>
        <comment>bundle_text.recordings</comment>
        <translation>录音录像</translation>
    </message>
    <message>
        <source>This bundle withholds {spans} {spans:passage|passages} of message text, {messages} whole {messages:message|messages} and {regions} {regions:region|regions} of images. Each is printed as a black box with its reason code; the width of a box never shows the length of what it withholds.</source>
        <comment>bundle_text.redaction_counts</comment>
        <translation>本证据包隐去了 {spans} 处消息文字、{messages} 条完整消息和 {regions} 处图像区域。每一处均以黑框显示，并标注理由代码；黑框宽度固定，不反映被隐去内容的长度。</translation>
    </message>
    <message>
        <source>The originals that hold redacted content are withheld from the kit. The kit carries, in ledger/disclosed/, each printed message&apos;s salted commitment with the inclusion proof that ties it to the signed ledger checkpoint, and, for each redacted message, its commitment only: a court later shown the original can check it against that commitment. The stored originals are not changed by a redaction.</source>
        <comment>bundle_text.redaction_kit</comment>
        <translation>含有被遮盖内容的原始文件不随校验包提供。校验包在 ledger/disclosed/ 中为每条已打印的消息附上其加盐承诺值及将其与已签名账本检查点相连的包含证明；对每条被遮盖的消息只附其承诺值：法院日后如获出示原件，可据此承诺值进行核对。遮盖不改变所存储的原始文件。</translation>
    </message>
    <message>
        <source>Redactions</source>
        <comment>bundle_text.redactions</comment>
        <translation>遮盖说明</translation>
    </message>
    <message>
        <source>Request</source>
        <comment>bundle_text.request</comment>
        <translation>申请</translation>
    </message>
    <message>
        <source>requested by {who} at {at}; initiated by: {initiated}; relation: {relation}</source>
        <comment>bundle_text.request_value</comment>
        <translation>{who} 于 {at} 申请；发起方：{initiated}；关系：{relation}</translation>
    </message>
    <message>
        <source>Revoked by {who} at {at}; reason: {note}</source>
        <comment>bundle_text.revoked_value</comment>
        <translation>已终止：{who} 于 {at}；原因：{note}</translation>
    </message>
    <message>
        <source>Export message</source>
        <comment>bundle_text.sc_col_message</comment>
        <translation>导出消息</translation>
    </message>
    <message>
        <source>Region of the screenshot</source>
        <comment>bundle_text.sc_col_region</comment>
        <translation>截图区域</translation>
    </message>
    <message>
        <source>Screenshot text (OCR) and export text</source>
        <comment>bundle_text.sc_col_text</comment>
        <translation>截图文字（OCR）与导出文字</translation>
    </message>
    <message>
        <source>Side and status</source>
        <comment>bundle_text.sc_col_verdict</comment>
        <translation>发送方与核对结果</translation>
    </message>
    <message>
        <source>Export: {text}</source>
        <comment>bundle_text.sc_export_text</comment>
        <translation>导出：{text}</translation>
    </message>
    <message>
        <source>Export: not printed in this bundle (outside its scope)</source>
        <comment>bundle_text.sc_export_unprinted</comment>
        <translation>导出：本证据包未载明（不在其范围内）</translation>
    </message>
    <message>
        <source>{exhibit} · screenshot {name}</source>
        <comment>bundle_text.sc_heading</comment>
        <translation>{exhibit} · 截图 {name}</translation>
    </message>
    <message>
        <source>Each screenshot of the conversations was read by offline OCR and each message bubble in it checked against the export of the same conversation: matched (the same text and side, at a time the screenshot allows), differs (the closest export message differs; the differing characters are marked in red and underlined) or not in the export. Export messages between the first and last message a screenshot shows that it does not show are listed under it. The OCR reading is derived data, sealed and ledgered with the screenshot; the screenshot itself is in the kit unchanged, and screenshots/crosscheck.json holds these findings.</source>
        <comment>bundle_text.sc_intro</comment>
        <translation>对话中的每张截图均经离线 OCR 识别，截图中的每个消息气泡均与同一对话的导出记录逐条核对：一致（文字与发送方相同，时间与截图所示相符）、与导出不同（最接近的导出消息有差异，不同的字符以红色下划线标出）或导出记录中没有。截图所示第一条与最后一条消息之间、截图未显示的导出消息列于其下。OCR 识别结果属派生数据，与截图一同加密保存并记入账本；截图原件原样收于核验包中，screenshots/crosscheck.json 载有本节核对结果。</translation>
    </message>
    <message>
        <source>Item {item} · SHA-256 {sha256}</source>
        <comment>bundle_text.sc_item</comment>
        <translation>条目 {item} · SHA-256 {sha256}</translation>
    </message>
    <message>
        <source>{exhibit} · {time} · message #{commitment}</source>
        <comment>bundle_text.sc_message</comment>
        <translation>{exhibit} · {time} · 消息 #{commitment}</translation>
    </message>
    <message>
        <source>outside this bundle&apos;s scope · {time} · message #{commitment}</source>
        <comment>bundle_text.sc_message_unprinted</comment>
        <translation>不在本证据包范围内 · {time} · 消息 #{commitment}</translation>
    </message>
    <message>
        <source>OCR found no message bubble in this screenshot.</source>
        <comment>bundle_text.sc_no_bubbles</comment>
        <translation>OCR 未在此截图中识别到消息气泡。</translation>
    </message>
    <message>
        <source>Not read: this screenshot has no OCR result yet, so it was not checked against the export.</source>
        <comment>bundle_text.sc_not_read</comment>
        <translation>未读取：此截图尚无 OCR 识别结果，因此未与导出记录核对。</translation>
    </message>
    <message>
        <source>Screenshot: {text}</source>
        <comment>bundle_text.sc_ocr_text</comment>
        <translation>截图：{text}</translation>
    </message>
    <message>
        <source>side</source>
        <comment>bundle_text.sc_reason_side</comment>
        <translation>发送方</translation>
    </message>
    <message>
        <source>text</source>
        <comment>bundle_text.sc_reason_text</comment>
        <translation>文字</translation>
    </message>
    <message>
        <source>time</source>
        <comment>bundle_text.sc_reason_time</comment>
        <translation>时间</translation>
    </message>
    <message>
        <source>differs in: {reasons}</source>
        <comment>bundle_text.sc_reasons</comment>
        <translation>不同之处：{reasons}</translation>
    </message>
    <message>
        <source>them</source>
        <comment>bundle_text.sc_side_them</comment>
        <translation>对方</translation>
    </message>
    <message>
        <source>us</source>
        <comment>bundle_text.sc_side_us</comment>
        <translation>我方</translation>
    </message>
    <message>
        <source>Export messages inside the screenshot&apos;s window that it does not show</source>
        <comment>bundle_text.sc_skipped</comment>
        <translation>截图时间范围内、截图未显示的导出消息</translation>
    </message>
    <message>
        <source>{side}: {reference}</source>
        <comment>bundle_text.sc_skipped_row</comment>
        <translation>{side}：{reference}</translation>
    </message>
    <message>
        <source>differs</source>
        <comment>bundle_text.sc_status_differs</comment>
        <translation>与导出不同</translation>
    </message>
    <message>
        <source>matched</source>
        <comment>bundle_text.sc_status_matched</comment>
        <translation>一致</translation>
    </message>
    <message>
        <source>not in the export</source>
        <comment>bundle_text.sc_status_not_in_export</comment>
        <translation>导出记录中没有</translation>
    </message>
    <message>
        <source>{matched} matched, {differs} differing, {missing} not in the export; {skipped} export messages skipped</source>
        <comment>bundle_text.sc_summary</comment>
        <translation>{matched} 条一致，{differs} 条与导出不同，{missing} 条导出记录中没有；截图未显示的导出消息 {skipped} 条</translation>
    </message>
    <message>
        <source>Scope</source>
        <comment>bundle_text.scope</comment>
        <translation>范围</translation>
    </message>
    <message>
        <source>all messages in range</source>
        <comment>bundle_text.scope_all</comment>
        <translation>范围内全部消息</translation>
    </message>
    <message>
        <source>tagged messages only (the others are listed in the completeness statement)</source>
        <comment>bundle_text.scope_tagged</comment>
        <translation>仅已标记消息（其余列于完整性说明）</translation>
    </message>
    <message>
        <source>dates {date_from} to {date_to} ({zone}); {which}</source>
        <comment>bundle_text.scope_value</comment>
        <translation>日期 {date_from} 至 {date_to}（{zone}）；{which}</translation>
    </message>
    <message>
        <source>{name}, {w}×{h} px, taken {taken}, device {device}</source>
        <comment>bundle_text.screenshot_caption</comment>
        <translation>{name}，{w}×{h} 像素，拍摄 {taken}，设备 {device}</translation>
    </message>
    <message>
        <source>Screenshots checked against the export</source>
        <comment>bundle_text.screenshot_check</comment>
        <translation>截图与导出记录核对</translation>
    </message>
    <message>
        <source>Screenshots</source>
        <comment>bundle_text.screenshots</comment>
        <translation>截图</translation>
    </message>
    <message>
        <source>Declarant: {name} ({role}) · public key {pubkey}</source>
        <comment>bundle_text.signature_line</comment>
        <translation>声明人：{name}（{role}）· 公钥 {pubkey}</translation>
    </message>
    <message>
        <source>Ed25519 signature (of the evidence manifest digest): {sig}</source>
        <comment>bundle_text.signature_value</comment>
        <translation>Ed25519 签名（evidence-manifest 摘要）：{sig}</translation>
    </message>
    <message>
        <source>Signed at: {at}</source>
        <comment>bundle_text.signed_at</comment>
        <translation>签署时间：{at}</translation>
    </message>
    <message>
        <source>signed by {signer}: {sig}</source>
        <comment>bundle_text.signed_by</comment>
        <translation>签名人 {signer}：{sig}</translation>
    </message>
    <message>
        <source>{size} {size:byte|bytes}</source>
        <comment>bundle_text.size_bytes</comment>
        <translation>{size} 字节</translation>
    </message>
    <message>
        <source>imported by {who} ({importer})</source>
        <comment>bundle_text.source_value</comment>
        <translation>{who} 导入（{importer}）</translation>
    </message>
    <message>
        <source>Submitted on {date}    Signature or seal of the submitting party: ________________</source>
        <comment>bundle_text.submission</comment>
        <translation>提交日期：{date}　　提交人（签名或盖章）：________________</translation>
    </message>
    <message>
        <source>{n} {n:msg|msgs}</source>
        <comment>bundle_text.summary_messages</comment>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{when} (EXIF DateTimeOriginal)</source>
        <comment>bundle_text.taken_exif</comment>
        <translation>{when}（EXIF 拍摄时间 DateTimeOriginal）</translation>
    </message>
    <message>
        <source>not stated (the file has no EXIF DateTimeOriginal)</source>
        <comment>bundle_text.taken_unknown</comment>
        <translation>未载明（文件无 EXIF 拍摄时间 DateTimeOriginal）</translation>
    </message>
    <message>
        <source>Electronic evidence bundle</source>
        <comment>bundle_text.title</comment>
        <translation>电子证据包</translation>
    </message>
    <message>
        <source>Gap from import to the first trusted time-stamp: {gap}</source>
        <comment>bundle_text.tsa_gap</comment>
        <translation>导入至首个可信时间戳间隔：{gap}</translation>
    </message>
    <message>
        <source> (over {hours} hours: flagged)</source>
        <comment>bundle_text.tsa_gap_flag</comment>
        <translation>（超过 {hours} 小时，已标记）</translation>
    </message>
    <message>
        <source>Trusted time: {tsa}, serial {serial}, genTime {gen_time}, policy {policy}, {alg}</source>
        <comment>bundle_text.tsa_ref</comment>
        <translation>可信时间戳：{tsa}，序列号 {serial}，签发时间 {gen_time}，策略 {policy}，{alg}</translation>
    </message>
    <message>
        <source>TSA {tsa}: {subject} · policy {policy}</source>
        <comment>bundle_text.tsa_tool</comment>
        <translation>时间戳机构 {tsa}：{subject} · 策略 {policy}</translation>
    </message>
    <message>
        <source>This checkpoint has no trusted time-stamp yet: its time is the local clock only.</source>
        <comment>bundle_text.unstamped</comment>
        <translation>该检查点尚无可信时间戳，时间仅为本机时间。</translation>
    </message>
    <message>
        <source>Volumes</source>
        <comment>bundle_text.volumes</comment>
        <translation>分卷</translation>
    </message>
    <message>
        <source>Message withheld · {reason}</source>
        <comment>bundle_text.withheld_message</comment>
        <translation>消息已隐去 · {reason}</translation>
    </message>
    <message>
        <source>use 1-{max} characters, without control characters or spaces at either end</source>
        <comment>case.bad_number</comment>
        <translation>请使用 1 至 {max} 个字符，不含控制字符，首尾不留空格</translation>
    </message>
    <message>
        <source>{count} bad {count:row|rows}</source>
        <comment>case.bad_rows</comment>
        <translation>{count} 行有误</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <comment>case.empty_file</comment>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>case {case} already exists</source>
        <comment>case.exists</comment>
        <translation>案件 {case} 已存在</translation>
    </message>
    <message>
        <source>header needs a case number column and a debtor name column (found: {header})</source>
        <comment>case.header</comment>
        <translation>表头须包含案件编号列和债务人姓名列（现有列：{header}）</translation>
    </message>
    <message>
        <source>the debtor&apos;s details of case {case} are sealed under a key you do not hold yet: an admin&apos;s next login wraps it for you</source>
        <comment>case.key_missing</comment>
        <translation>案件 {case} 的债务人信息已用您尚未持有的密钥加密：管理员下次登录时会为您封装该密钥</translation>
    </message>
    <message>
        <source>the debtor&apos;s name is required</source>
        <comment>case.name_required</comment>
        <translation>必须填写债务人姓名</translation>
    </message>
    <message>
        <source>must be zero or more</source>
        <comment>case.negative_amount</comment>
        <translation>不得为负数</translation>
    </message>
    <message>
        <source>no case {case}</source>
        <comment>case.no_case</comment>
        <translation>没有案件 {case}</translation>
    </message>
    <message>
        <source>no case rows found</source>
        <comment>case.no_rows</comment>
        <translation>未找到案件数据行</translation>
    </message>
    <message>
        <source>not an amount: {value!r}</source>
        <comment>case.not_amount</comment>
        <translation>不是有效金额：“{value}”</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {value!r}</source>
        <comment>case.not_date</comment>
        <translation>不是有效日期（YYYY-MM-DD）：“{value}”</translation>
    </message>
    <message>
        <source>not an editable case field</source>
        <comment>case.not_editable</comment>
        <translation>该案件字段不可修改</translation>
    </message>
    <message>
        <source>not UTF-8 or GBK/GB18030 text</source>
        <comment>case.not_text</comment>
        <translation>不是 UTF-8 或 GBK/GB18030 文本</translation>
    </message>
    <message>
        <source>nothing was imported; {errors}</source>
        <comment>case.nothing_imported</comment>
        <translation>未导入任何案件；{errors}</translation>
    </message>
    <message>
        <source>nothing was imported; {errors} ...</source>
        <comment>case.nothing_imported_more</comment>
        <translation>未导入任何案件；{errors} …</translation>
    </message>
    <message>
        <source>row {row}: {cells} {cells:cell|cells}, header has {width}</source>
        <comment>case.row_cells</comment>
        <translation>第 {row} 行：有 {cells} 个单元格，表头有 {width} 列</translation>
    </message>
    <message>
        <source>row {row}: {field}: {reason}</source>
        <comment>case.row_error</comment>
        <translation>第 {row} 行：{field}：{reason}</translation>
    </message>
    <message>
        <source>case {case} appears twice</source>
        <comment>case.twice</comment>
        <translation>案件 {case} 出现了两次</translation>
    </message>
    <message>
        <source>case {case}</source>
        <comment>case.where</comment>
        <translation>案件 {case}</translation>
    </message>
    <message>
        <source>a copy of an original is put for case {case}, not the entry&apos;s case</source>
        <comment>case_blob.case</comment>
        <translation>为案件 {case} 写入了原始文件副本，但该案件不是此条目的案件</translation>
    </message>
    <message>
        <source>two copies of one original are put for case {case}</source>
        <comment>case_blob.twice</comment>
        <translation>为案件 {case} 写入了同一原始文件的两份副本</translation>
    </message>
    <message>
        <source>{actor} may not hold the cases&apos; keys, so may not wrap them</source>
        <comment>case_key.actor_not_reader</comment>
        <translation>{actor} 无权持有案件密钥，因此不得封装案件密钥</translation>
    </message>
    <message>
        <source>the wrap differs from the one the ledger records</source>
        <comment>case_key.changed</comment>
        <translation>该封装与账本记录的不一致</translation>
    </message>
    <message>
        <source>holds a value in clear beside the sealed one</source>
        <comment>case_key.clear_beside_sealed</comment>
        <translation>在已加密的值旁边存有明文值</translation>
    </message>
    <message>
        <source>does not decrypt under the case key ({error})</source>
        <comment>case_key.field_opens_not</comment>
        <translation>无法用案件密钥解密（{error}）</translation>
    </message>
    <message>
        <source>the contact&apos;s handle digest is not the digest of its sealed handle (the one-matter-per-chat rule compared the wrong chat)</source>
        <comment>case_key.handle_index_differs</comment>
        <translation>联系人账号的摘要与其加密账号的摘要不符（“一事一聊”规则比对的是另一个聊天）</translation>
    </message>
    <message>
        <source>the ledger records a wrap that is not in the table</source>
        <comment>case_key.missing</comment>
        <translation>账本记录的封装在表中缺失</translation>
    </message>
    <message>
        <source>this device holds no wrap of the organisation&apos;s handle index key yet: sync once a device of an administrator has synced since you joined</source>
        <comment>case_key.no_handle_key</comment>
        <translation>本设备尚未持有组织账号索引密钥的封装：请在管理员的设备于您加入后同步过一次之后再同步</translation>
    </message>
    <message>
        <source>a key of case {case} was wrapped for {user} (role {role}), who may not read it</source>
        <comment>case_key.not_entitled</comment>
        <translation>案件 {case} 的密钥被封装给了无权阅读该案件的 {user}（角色 {role}）</translation>
    </message>
    <message>
        <source>content checks not performed: {user} holds no key of this case (role {role}); another reader&apos;s verify checks them</source>
        <comment>case_key.not_performed</comment>
        <translation>未执行内容检查：{user} 不持有此案件的密钥（角色 {role}）；由其他有权阅读者的校验检查</translation>
    </message>
    <message>
        <source>the migration put a personal column of {row} that is not sealed</source>
        <comment>case_key.not_sealed</comment>
        <translation>迁移写入的 {row} 个人信息列未加密</translation>
    </message>
    <message>
        <source>the verifier&apos;s wrap does not open ({error})</source>
        <comment>case_key.opens_not</comment>
        <translation>校验者的封装无法打开（{error}）</translation>
    </message>
    <message>
        <source>{user} is no longer entitled to read the case but still holds a wrap</source>
        <comment>case_key.stale</comment>
        <translation>{user} 已无权阅读该案件，但仍持有封装</translation>
    </message>
    <message>
        <source>two different keys were wrapped for case {case} in one entry</source>
        <comment>case_key.two_keys</comment>
        <translation>同一条目为案件 {case} 封装了两个不同的密钥</translation>
    </message>
    <message>
        <source>a wrap of the case key is in the table but no ledger entry made it (inserted outside the app)</source>
        <comment>case_key.unrecorded</comment>
        <translation>表中有案件密钥的封装，但没有任何账本条目生成它（在应用之外插入）</translation>
    </message>
    <message>
        <source>case {case} key</source>
        <comment>case_key.where</comment>
        <translation>案件 {case} 的密钥</translation>
    </message>
    <message>
        <source>table {table} row {key} column {column}</source>
        <comment>case_key.where_field</comment>
        <translation>表 {table} 行 {key} 列 {column}</translation>
    </message>
    <message>
        <source>case {case} key wrap for {user}</source>
        <comment>case_key.where_wrap</comment>
        <translation>案件 {case} 为 {user} 封装的密钥</translation>
    </message>
    <message>
        <source>a case key wrap is malformed</source>
        <comment>case_key.wrap_malformed</comment>
        <translation>案件密钥封装格式错误</translation>
    </message>
    <message>
        <source>a key of case {case} was wrapped under a key the ledger does not hold for {user}</source>
        <comment>case_key.wrong_key</comment>
        <translation>案件 {case} 的密钥所用的封装公钥不是账本为 {user} 记录的公钥</translation>
    </message>
    <message>
        <source>cannot read certificate file: {error}</source>
        <comment>cli.certificate_unreadable</comment>
        <translation>无法读取证书文件：{error}</translation>
    </message>
    <message>
        <source>--checkpoint-minutes must be more than 0</source>
        <comment>cli.checkpoint_minutes</comment>
        <translation>--checkpoint-minutes 必须大于 0</translation>
    </message>
    <message>
        <source>{device}  {user}  {size} {size:entry|entries}</source>
        <comment>cli.device_line</comment>
        <translation>{device}  {user}  {size} 条记录</translation>
    </message>
    <message>
        <source>{device}  {user}  {size} {size:entry|entries}  (this device)</source>
        <comment>cli.device_line_own</comment>
        <translation>{device}  {user}  {size} 条记录  （本设备）</translation>
    </message>
    <message>
        <source>{device}  {user}  {size} {size:entry|entries}  retired by {by} at {at}: {reason}</source>
        <comment>cli.device_line_retired</comment>
        <translation>{device}  {user}  {size} 条记录  已由 {by} 于 {at} 停用：{reason}</translation>
    </message>
    <message>
        <source>retired device {device} ({reason}): its {size} {size:entry stands|entries stand}, the hub refuses anything more from it</source>
        <comment>cli.device_retired</comment>
        <translation>已停用设备 {device}（{reason}）：其 {size} 条记录有效，中心不再接受它的任何内容</translation>
    </message>
    <message>
        <source>the hub&apos;s database cannot be reached ({error})</source>
        <comment>cli.hub_db</comment>
        <translation>无法连接中心的数据库（{error}）</translation>
    </message>
    <message>
        <source>this database holds no organisation (run hub init first)</source>
        <comment>cli.hub_no_organisation</comment>
        <translation>该数据库中没有组织（请先运行 hub init）</translation>
    </message>
    <message>
        <source>this database holds no hub schema (run hub init first)</source>
        <comment>cli.hub_no_schema</comment>
        <translation>此数据库中没有中心服务器的数据结构（请先运行 hub init）</translation>
    </message>
    <message>
        <source>the hub&apos;s database holds schema version {found}; this release needs {wanted}: stop the hub, run `evidence-desk hub upgrade --db URL` as the database&apos;s owner, then serve again</source>
        <comment>cli.hub_schema_old</comment>
        <translation>中心服务器数据库的数据结构版本为 {found}；本版本需要 {wanted}：请停止中心服务器，以数据库所有者身份运行 `evidence-desk hub upgrade --db URL`，然后重新启动服务</translation>
    </message>
    <message>
        <source>interrupted</source>
        <comment>cli.interrupted</comment>
        <translation>已中断</translation>
    </message>
    <message>
        <source>interrupted: nothing was changed</source>
        <comment>cli.interrupted_unchanged</comment>
        <translation>已中断：未做任何更改</translation>
    </message>
    <message>
        <source>no password: set {env} or run in a terminal to be prompted</source>
        <comment>cli.no_password</comment>
        <translation>没有密码：请设置 {env}，或在终端中运行以便输入密码</translation>
    </message>
    <message>
        <source>no user: pass --user NAME or set EVIDENCE_DESK_USER</source>
        <comment>cli.no_user</comment>
        <translation>没有用户：请用 --user NAME 指定，或设置 EVIDENCE_DESK_USER</translation>
    </message>
    <message>
        <source>--page-entries must be from {low} to {high}</source>
        <comment>cli.page_entries</comment>
        <translation>--page-entries 必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
        <source>{file}: {item}: {reason}</source>
        <comment>cli.redaction_plan</comment>
        <translation>{file}：{item}：{reason}</translation>
    </message>
    <message>
        <source>cannot read the redaction plan: {error}</source>
        <comment>cli.redaction_unreadable</comment>
        <translation>无法读取遮盖方案：{error}</translation>
    </message>
    <message>
        <source>wrote the default redaction plan to {file}: {spans} text spans, {messages} whole messages (review it, then: bundle --redact {file})</source>
        <comment>cli.redaction_written</comment>
        <translation>已将默认遮盖方案写入 {file}：{spans} 处文字片段，{messages} 条整条消息（请审阅后执行：bundle --redact {file}）</translation>
    </message>
    <message>
        <source>settings set KEY VALUE: a value is required</source>
        <comment>cli.setting_value</comment>
        <translation>settings set KEY VALUE：需要给出一个值</translation>
    </message>
    <message>
        <source>--staged-hours must be more than 0</source>
        <comment>cli.staged_hours</comment>
        <translation>--staged-hours 必须大于 0</translation>
    </message>
    <message>
        <source>acknowledged {finding} ({rule}) by {acked_by}: {note}</source>
        <comment>cli_review.acknowledged</comment>
        <translation>已确认 {finding}（{rule}），确认人 {acked_by}：{note}</translation>
    </message>
    <message>
        <source>acknowledged by {acked_by} at {acked_at}: {note}</source>
        <comment>cli_review.acknowledged_by</comment>
        <translation>已由 {acked_by} 于 {acked_at} 确认：{note}</translation>
    </message>
    <message>
        <source>contact</source>
        <comment>cli_review.at_contact</comment>
        <translation>联系人</translation>
    </message>
    <message>
        <source>message {message_id} ({sent_at})</source>
        <comment>cli_review.at_message</comment>
        <translation>消息 {message_id}（{sent_at}）</translation>
    </message>
    <message>
        <source>screenshot {item}, bubble {bubble}</source>
        <comment>cli_review.at_screenshot</comment>
        <translation>截图 {item}，第 {bubble} 个气泡</translation>
    </message>
    <message>
        <source>{count} {count:finding|findings}, {open} open; {parameters}</source>
        <comment>cli_review.findings</comment>
        <translation>共 {count} 条提示，{open} 条尚未确认；{parameters}</translation>
    </message>
    <message>
        <source>item {item_id}</source>
        <comment>cli_review.item</comment>
        <translation>证据项 {item_id}</translation>
    </message>
    <message>
        <source>message {message_id}</source>
        <comment>cli_review.message</comment>
        <translation>消息 {message_id}</translation>
    </message>
    <message>
        <source>{count} {count:message|messages}</source>
        <comment>cli_review.messages_found</comment>
        <translation>{count} 条消息</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <comment>cli_review.note</comment>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>{count} {count:screenshot|screenshots} by their OCR text (not messages)</source>
        <comment>cli_review.screenshots_found</comment>
        <translation>按 OCR 识别文字找到 {count} 张截图（不是消息）</translation>
    </message>
    <message>
        <source>[removed by {removed_by} at {removed_at}: {note}]</source>
        <comment>cli_review.tag_removed</comment>
        <translation>[已由 {removed_by} 于 {removed_at} 撤下：{note}]</translation>
    </message>
    <message>
        <source>tag: give a MESSAGE_ID or --item ITEM_ID (one of them)</source>
        <comment>cli_review.tag_target</comment>
        <translation>tag：请给出一个 MESSAGE_ID 或 --item ITEM_ID（二者选一）</translation>
    </message>
    <message>
        <source>tagged: {tag}</source>
        <comment>cli_review.tagged</comment>
        <translation>已标记：{tag}</translation>
    </message>
    <message>
        <source>removed: {tag}</source>
        <comment>cli_review.untagged</comment>
        <translation>已撤下：{tag}</translation>
    </message>
    <message>
        <source>The export shows the contact was already added (WeChat&apos;s friend-added system line, or else the first message of the chat) before a supervisor approved it. The app cannot stop a phone from accepting a friend request; it must catch it in the evidence.</source>
        <comment>conduct.about_cc0</comment>
        <translation>导出记录显示，在主管批准之前该联系人已被添加（以微信的添加好友系统提示为准，否则以聊天的第一条消息为准）。本软件无法阻止手机接受好友请求，只能在证据中发现这种情况。</translation>
    </message>
    <message>
        <source>A staff message or call between the quiet-hours start and end (debtor&apos;s local time) to a contact with no consent record.</source>
        <comment>conduct.about_cc1</comment>
        <translation>在免打扰时段开始与结束之间（按债务人当地时间），员工向没有同意记录的联系人发送消息或拨打电话。</translation>
    </message>
    <message>
        <source>Staff messages to someone whose recorded relation is neither debtor nor guarantor. Allowed only to restore contact with an unreachable debtor, never with debt details.</source>
        <comment>conduct.about_cc3</comment>
        <translation>员工向登记关系既非债务人也非担保人的人员发送消息。仅允许为恢复与失联债务人的联系而为之，且不得涉及任何债务细节。</translation>
    </message>
    <message>
        <source>A WeChat, WhatsApp, Telegram or LINE contact used by staff with no debtor-consent record (the consent box at request time or a consent document).</source>
        <comment>conduct.about_cc4</comment>
        <translation>员工使用微信、WhatsApp、Telegram 或 LINE 联系，但没有债务人同意记录（申请时勾选的同意项或同意文件）。</translation>
    </message>
    <message>
        <source>The first staff message to each contact must name the collecting institution.</source>
        <comment>conduct.about_cc5</comment>
        <translation>员工发给每个联系人的第一条消息必须表明催收机构的名称。</translation>
    </message>
    <message>
        <source>A staff message uses a word from the conduct lexicon: threats, insults, impersonating courts or police, &apos;blacklist&apos; claims, exaggerated consequences, extra fees, pressure to borrow elsewhere, public posting.</source>
        <comment>conduct.about_cc6</comment>
        <translation>员工消息使用了催收用语词库中的词语：威胁、侮辱、冒充法院或警察、声称列入“黑名单”、夸大后果、额外收费、施压要求向他处借款、公开张贴。</translation>
    </message>
    <message>
        <source>A staff message quotes a payment account (bank card, account number, Alipay) that is not on the approved repayment-channel list.</source>
        <comment>conduct.about_cc7</comment>
        <translation>员工消息中引用的收款账户（银行卡、账号、支付宝）不在核准的还款渠道名单上。</translation>
    </message>
    <message>
        <source>A message sent after a supervisor revoked the contact: the channel should have been closed at once.</source>
        <comment>conduct.about_revoked</comment>
        <translation>主管撤销该联系人后仍有消息发送：该渠道本应立即关闭。</translation>
    </message>
    <message>
        <source>finding {finding} was acknowledged by {acked_by} at {acked_at}; acknowledgements are final</source>
        <comment>conduct.acknowledged</comment>
        <translation>提示 {finding} 已由 {acked_by} 于 {acked_at} 确认；确认后不可更改</translation>
    </message>
    <message>
        <source>finding {finding} was acknowledged by {acked_by}</source>
        <comment>conduct.acknowledged_meanwhile</comment>
        <translation>提示 {finding} 刚刚已由 {acked_by} 确认</translation>
    </message>
    <message>
        <source>an account is digits, or an e-mail for Alipay</source>
        <comment>conduct.bad_account</comment>
        <translation>账号须为数字，支付宝账号可为电子邮箱</translation>
    </message>
    <message>
        <source>the first message is dated {sent_at}, before the approval by {approver} at {approved_at}</source>
        <comment>conduct.cc0_first_message</comment>
        <translation>第一条消息的时间为 {sent_at}，早于 {approver} 于 {approved_at} 的审批</translation>
    </message>
    <message>
        <source>the friend-added line is dated {sent_at}, before the approval by {approver} at {approved_at}</source>
        <comment>conduct.cc0_friend_added</comment>
        <translation>添加好友提示的时间为 {sent_at}，早于 {approver} 于 {approved_at} 的审批</translation>
    </message>
    <message>
        <source>staff {message_kind} at {local} {zone}, within quiet hours {window}, and the contact has no consent record</source>
        <comment>conduct.cc1_quiet_hours</comment>
        <translation>员工于 {local}（{zone}）发送{message_kind}，处于休息时段 {window}，且该联系人没有同意记录</translation>
    </message>
    <message>
        <source>{count} staff {count:message|messages} to {name}, whose relation is {relation!r}, not debtor or guarantor</source>
        <comment>conduct.cc3_relation</comment>
        <translation>员工向 {name} 发送了 {count} 条消息，其关系为{relation}，不是债务人或担保人</translation>
    </message>
    <message>
        <source>{channel} contact used by staff ({count} {count:message|messages}) with no debtor-consent record</source>
        <comment>conduct.cc4_no_consent</comment>
        <translation>员工使用{channel}联系（{count} 条消息），但没有债务人同意记录</translation>
    </message>
    <message>
        <source>CC-5 not checked: no institution name is set (settings institution_names or organisation)</source>
        <comment>conduct.cc5_not_checked</comment>
        <translation>未检查 CC-5：尚未设置机构名称（设置项 institution_names 或 organisation）</translation>
    </message>
    <message>
        <source>the first staff message (a {message_kind} message) names none of: {institutions}</source>
        <comment>conduct.cc5_other</comment>
        <translation>员工首条消息（{message_kind}）未提及以下任何机构名称：{institutions}</translation>
    </message>
    <message>
        <source>the first staff message names none of: {institutions}</source>
        <comment>conduct.cc5_text</comment>
        <translation>员工首条消息未提及以下任何机构名称：{institutions}</translation>
    </message>
    <message>
        <source>{hits}</source>
        <comment>conduct.cc6_hits</comment>
        <translation>发现用语：{hits}</translation>
    </message>
    <message>
        <source>not on the approved repayment list: {accounts}</source>
        <comment>conduct.cc7_accounts</comment>
        <translation>不在核准还款账户名单上的账户：{accounts}</translation>
    </message>
    <message>
        <source>CC-7: no approved repayment accounts are set (setting approved_accounts), so every account a staff message quotes is flagged</source>
        <comment>conduct.cc7_no_accounts</comment>
        <translation>CC-7：尚未设置经批准的还款账户（设置项 approved_accounts），因此员工消息中出现的每个账户都会被提示</translation>
    </message>
    <message>
        <source>no current conduct finding {finding} (run check to list them)</source>
        <comment>conduct.no_finding</comment>
        <translation>当前没有合规提示 {finding}（请重新运行合规自查）</translation>
    </message>
    <message>
        <source>an acknowledgement needs a note saying why or what was done</source>
        <comment>conduct.note_required</comment>
        <translation>确认提示时必须填写备注，说明理由或已采取的措施</translation>
    </message>
    <message>
        <source>contact message at {sent_at}, after the contact was revoked at {revoked_at}</source>
        <comment>conduct.revoked_contact</comment>
        <translation>联系人于 {sent_at} 发送的消息，晚于联系人被撤销的时间 {revoked_at}</translation>
    </message>
    <message>
        <source>staff message at {sent_at}, after the contact was revoked at {revoked_at}</source>
        <comment>conduct.revoked_staff</comment>
        <translation>员工于 {sent_at} 发送的消息，晚于联系人被撤销的时间 {revoked_at}</translation>
    </message>
    <message>
        <source>our bubble {bubble} in screenshot {item}, under the time {clock} the screenshot shows, within quiet hours {window}, and the contact has no consent record</source>
        <comment>conduct.shot_cc1_quiet_hours</comment>
        <translation>截图 {item} 中我方第 {bubble} 个气泡，位于截图所示时间 {clock} 之下，处于休息时段 {window}，且该联系人没有同意记录</translation>
    </message>
    <message>
        <source>our bubble {bubble} in screenshot {item}: {hits}</source>
        <comment>conduct.shot_cc6_hits</comment>
        <translation>截图 {item} 中我方第 {bubble} 个气泡发现用语：{hits}</translation>
    </message>
    <message>
        <source>our bubble {bubble} in screenshot {item} quotes {accounts}, not on the approved repayment list</source>
        <comment>conduct.shot_cc7_accounts</comment>
        <translation>截图 {item} 中我方第 {bubble} 个气泡引用了不在核准还款账户名单上的账户：{accounts}</translation>
    </message>
    <message>
        <source>our bubble {bubble} in screenshot {item}, dated {sent_at} by the screenshot, after the contact was revoked at {revoked_at}</source>
        <comment>conduct.shot_revoked</comment>
        <translation>截图 {item} 中我方第 {bubble} 个气泡，截图显示时间为 {sent_at}，晚于联系人被撤销的时间 {revoked_at}</translation>
    </message>
    <message>
        <source>added before approval</source>
        <comment>conduct.title_cc0</comment>
        <translation>审批前已添加</translation>
    </message>
    <message>
        <source>staff message in quiet hours</source>
        <comment>conduct.title_cc1</comment>
        <translation>免打扰时段内的员工消息</translation>
    </message>
    <message>
        <source>contact is not the debtor or a guarantor</source>
        <comment>conduct.title_cc3</comment>
        <translation>联系人不是债务人或担保人</translation>
    </message>
    <message>
        <source>social-app contact without consent</source>
        <comment>conduct.title_cc4</comment>
        <translation>未经同意使用社交软件联系</translation>
    </message>
    <message>
        <source>first staff message does not name the institution</source>
        <comment>conduct.title_cc5</comment>
        <translation>员工首条消息未表明机构名称</translation>
    </message>
    <message>
        <source>forbidden wording</source>
        <comment>conduct.title_cc6</comment>
        <translation>违禁用语</translation>
    </message>
    <message>
        <source>payment account not on the approved list</source>
        <comment>conduct.title_cc7</comment>
        <translation>收款账户不在批准名单内</translation>
    </message>
    <message>
        <source>message after revocation</source>
        <comment>conduct.title_revoked</comment>
        <translation>终止后的消息</translation>
    </message>
    <message>
        <source>the checkpoint of contact {contact}&apos;s request is missing</source>
        <comment>contact.checkpoint_missing</comment>
        <translation>缺少联系人 {contact} 申请记录的检查点</translation>
    </message>
    <message>
        <source>the cosignature is not {user}&apos;s</source>
        <comment>contact.cosigned_by_other</comment>
        <translation>联署签名不是 {user} 的</translation>
    </message>
    <message>
        <source>the approval cosigns a checkpoint that does not match the ledger</source>
        <comment>contact.cosigned_root</comment>
        <translation>批准所联署的检查点与存证链不符</translation>
    </message>
    <message>
        <source>role must be one of {choices}</source>
        <comment>contact.document_role</comment>
        <translation>材料类型必须是以下之一：{choices}</translation>
    </message>
    <message>
        <source>contact {contact} cannot be approved without the debtor&apos;s {documents}: the requester must attach them first</source>
        <comment>contact.documents_missing</comment>
        <translation>联系人 {contact} 缺少债务人的{roles}，无法批准：须由申请人先补充上传</translation>
    </message>
    <message>
        <source>{channel} {handle} already has an active contact on this case ({contact}, {status})</source>
        <comment>contact.duplicate</comment>
        <translation>{channel} {handle} 在本案件中已有有效的联系人（{contact}，{status}）</translation>
    </message>
    <message>
        <source>the approval of contact {contact} expired at {expires_at}: no evidence can be added; ask a supervisor for a new approval</source>
        <comment>contact.expired</comment>
        <translation>联系人 {contact} 的批准已于 {expires_at} 过期：不能再添加证据；请主管重新批准</translation>
    </message>
    <message>
        <source>the account handle or number is required</source>
        <comment>contact.handle_required</comment>
        <translation>必须填写账号或号码</translation>
    </message>
    <message>
        <source>no case {case}</source>
        <comment>contact.no_case</comment>
        <translation>没有案件 {case}</translation>
    </message>
    <message>
        <source>no contact {contact}</source>
        <comment>contact.no_contact</comment>
        <translation>没有联系人 {contact}</translation>
    </message>
    <message>
        <source>contact {contact} is {status}: evidence can be added only to a contact that a supervisor has approved and not revoked; ask a supervisor for a new approval</source>
        <comment>contact.not_approved</comment>
        <translation>联系人 {contact} 当前为“{status}”：只能为主管已批准且未终止的联系人添加证据；请主管重新批准</translation>
    </message>
    <message>
        <source>contact {contact} is {status}, only an approved contact can be revoked</source>
        <comment>contact.not_approved_revoke</comment>
        <translation>联系人 {contact} 当前为“{status}”，只有已批准的联系人才能终止</translation>
    </message>
    <message>
        <source>contact {contact} is {status}, only a requested contact can be approved</source>
        <comment>contact.not_requested_approve</comment>
        <translation>联系人 {contact} 当前为“{status}”，只有待审批的联系人才能批准</translation>
    </message>
    <message>
        <source>contact {contact} is {status}, only a requested contact can be rejected</source>
        <comment>contact.not_requested_reject</comment>
        <translation>联系人 {contact} 当前为“{status}”，只有待审批的联系人才能驳回</translation>
    </message>
    <message>
        <source>{channel} {handle} is already {status} on case {case} (contact {contact}); close it there first</source>
        <comment>contact.other_matter</comment>
        <translation>{channel} {handle} 已在案件 {case} 中处于“{status}”状态（联系人 {contact}）；请先在该案件中关闭</translation>
    </message>
    <message>
        <source>collection may address only the debtor and guarantor: a contact with relation &apos;other&apos; needs a justification</source>
        <comment>contact.other_needs_justification</comment>
        <translation>催收只能联系债务人和担保人：关系为“其他”的联系人必须说明理由</translation>
    </message>
    <message>
        <source>nobody may decide their own contact request; another supervisor must</source>
        <comment>contact.own_request</comment>
        <translation>任何人都不能审批本人提交的联系人申请；须由另一位主管审批</translation>
    </message>
    <message>
        <source>a reason is required for every contact request</source>
        <comment>contact.reason_required</comment>
        <translation>每个联系人申请都必须填写理由</translation>
    </message>
    <message>
        <source>a rejection needs a note saying why</source>
        <comment>contact.reject_note</comment>
        <translation>驳回时必须填写理由</translation>
    </message>
    <message>
        <source>the request entry of contact {contact} is missing from the ledger</source>
        <comment>contact.request_entry_missing</comment>
        <translation>存证链中缺少联系人 {contact} 的申请记录</translation>
    </message>
    <message>
        <source>the approval does not reference its request entry correctly</source>
        <comment>contact.request_reference</comment>
        <translation>批准记录未正确引用其申请记录</translation>
    </message>
    <message>
        <source>revoking a contact needs a note saying why</source>
        <comment>contact.revoke_note</comment>
        <translation>终止联系时必须填写理由</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>contact.where_entry</comment>
        <translation>存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>generic CSV, {encoding}, {columns} columns</source>
        <comment>csv.detected</comment>
        <translation>通用 CSV，{encoding}，{columns} 列</translation>
    </message>
    <message>
        <source>generic CSV, {encoding}, {columns} columns, auto-mapped {time}/{sender}/{text}</source>
        <comment>csv.detected_auto</comment>
        <translation>通用 CSV，{encoding}，{columns} 列，自动对应 {time}/{sender}/{text}</translation>
    </message>
    <message>
        <source>generic CSV, {encoding}, {columns} columns, mapped {time}/{sender}/{text}</source>
        <comment>csv.detected_mapped</comment>
        <translation>通用 CSV，{encoding}，{columns} 列，按指定对应 {time}/{sender}/{text}</translation>
    </message>
    <message>
        <source>direction value {value!r} is neither in nor out</source>
        <comment>csv.direction_unknown</comment>
        <translation>方向值“{value}”既不是 in 也不是 out</translation>
    </message>
    <message>
        <source>decoded as GB18030: the file is not UTF-8 (typically re-saved by Excel on a Chinese Windows); the stored original is unchanged</source>
        <comment>csv.gb18030</comment>
        <translation>已按 GB18030 解码：该文件不是 UTF-8（通常是在中文 Windows 上用 Excel 另存所致）；保存的原始文件保持不变</translation>
    </message>
    <message>
        <source>mapped columns not in the header: {missing} (the header has {header})</source>
        <comment>csv.mapped_missing</comment>
        <translation>指定的列 {missing} 不在表头中：{header}</translation>
    </message>
    <message>
        <source>{failures} of {rows} rows have an unreadable time: the time column or format in the mapping is wrong</source>
        <comment>csv.mapping_wrong</comment>
        <translation>{rows} 行中有 {failures} 行的时间无法读取：列对应关系中的时间列或时间格式有误</translation>
    </message>
    <message>
        <source>empty file: no CSV header</source>
        <comment>csv.no_header</comment>
        <translation>文件为空：没有 CSV 表头</translation>
    </message>
    <message>
        <source>no column mapping given and the header does not name time, sender and text columns: {header}</source>
        <comment>csv.no_mapping</comment>
        <translation>未指定列对应关系，且表头中没有时间、发送人和内容列：{header}</translation>
    </message>
    <message>
        <source>no data rows after the header</source>
        <comment>csv.no_rows</comment>
        <translation>表头之后没有数据行</translation>
    </message>
    <message>
        <source>row has {fields} {fields:field|fields}, the header has {width}</source>
        <comment>csv.row_width</comment>
        <translation>该行有 {fields} 个字段，表头有 {width} 个</translation>
    </message>
    <message>
        <source>text column missing in this row</source>
        <comment>csv.text_missing</comment>
        <translation>该行缺少内容列</translation>
    </message>
    <message>
        <source>time {time!r} does not match ISO-8601 or unix time; row kept as unknown with the previous row&apos;s time</source>
        <comment>csv.time_mismatch</comment>
        <translation>时间“{time}”既不是 ISO-8601 也不是 Unix 时间；该行按未知类型保留，时间沿用上一行</translation>
    </message>
    <message>
        <source>time {time!r} does not match {pattern}; row kept as unknown with the previous row&apos;s time</source>
        <comment>csv.time_mismatch_format</comment>
        <translation>时间“{time}”不符合格式 {pattern}；该行按未知类型保留，时间沿用上一行</translation>
    </message>
    <message>
        <source>unreadable CSV: {error}</source>
        <comment>csv.unreadable</comment>
        <translation>无法读取的 CSV：{error}</translation>
    </message>
    <message>
        <source>unterminated quoted field: the file is truncated or damaged</source>
        <comment>csv.unterminated_quote</comment>
        <translation>引号字段未闭合：文件不完整或已损坏</translation>
    </message>
    <message>
        <source>the bundle&apos;s chain of custody printed its own export as ledger seq {printed} or later, but the export entry is seq {seq}</source>
        <comment>custody.export_seq</comment>
        <translation>证据包保管链将本次导出印为存证链第 {printed} 条或其后，但导出记录实为第 {seq} 条</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>custody.where</comment>
        <translation>存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>ambiguous: {listed}; choose one with --format</source>
        <comment>detect.ambiguous</comment>
        <translation>多种格式都符合此文件：{formats}；无法确定用哪一种导入（命令行可用 --format 指定）</translation>
    </message>
    <message>
        <source>{reason} (generic fallback)</source>
        <comment>detect.fallback</comment>
        <translation>{reason}（通用格式兜底）</translation>
    </message>
    <message>
        <source>forced: {format}</source>
        <comment>detect.forced</comment>
        <translation>指定格式：{format}</translation>
    </message>
    <message>
        <source>looks like {format}</source>
        <comment>detect.generic</comment>
        <translation>看起来是 {format}</translation>
    </message>
    <message>
        <source>no importer recognised {file!r}</source>
        <comment>detect.nothing</comment>
        <translation>没有任何导入器能识别“{file}”</translation>
    </message>
    <message>
        <source>no importer recognised {file!r} (importers missing from this build: {missing})</source>
        <comment>detect.nothing_missing</comment>
        <translation>没有任何导入器能识别“{file}”（本版本缺少以下导入器：{missing}）</translation>
    </message>
    <message>
        <source>{path}: file in use by another program (antivirus, indexer or sync client?); it could not be replaced for {seconds} seconds ({error}). Close the program that holds it, or wait a moment, and try again</source>
        <comment>files.in_use</comment>
        <translation>{path}：文件正被其他程序占用（杀毒软件、索引服务或同步客户端？）；{seconds} 秒内无法替换（{error}）。请关闭占用该文件的程序，或稍候再试</translation>
    </message>
    <message>
        <source>the request&apos;s body does not match its signed Content-Digest</source>
        <comment>httpsig.digest_mismatch</comment>
        <translation>请求正文与其已签名的 Content-Digest 不符</translation>
    </message>
    <message>
        <source>the request was signed at {created}, {age} s ago, longer than the {window} s the hub accepts</source>
        <comment>httpsig.expired</comment>
        <translation>请求签名于 {created}，已过去 {age} 秒，超过服务中心接受的 {window} 秒</translation>
    </message>
    <message>
        <source>no key this hub holds for {key_id} verifies the request&apos;s signature</source>
        <comment>httpsig.forged</comment>
        <translation>本中心持有的 {key_id} 的密钥均无法验证该请求的签名</translation>
    </message>
    <message>
        <source>the request was signed at {created}, {ahead} s ahead of the hub&apos;s clock (at most {skew} s accepted)</source>
        <comment>httpsig.future</comment>
        <translation>请求签名于 {created}，比服务中心的时钟超前 {ahead} 秒（最多接受 {skew} 秒）</translation>
    </message>
    <message>
        <source>the request&apos;s {field} field is malformed</source>
        <comment>httpsig.malformed</comment>
        <translation>请求的 {field} 字段格式错误</translation>
    </message>
    <message>
        <source>the request is not signed (no Signature and Signature-Input fields)</source>
        <comment>httpsig.missing</comment>
        <translation>请求未签名（没有 Signature 和 Signature-Input 字段）</translation>
    </message>
    <message>
        <source>the request as {key_id} repeats a nonce already used within the last {window} s</source>
        <comment>httpsig.replayed</comment>
        <translation>以 {key_id} 身份发出的请求重复使用了最近 {window} 秒内已用过的随机数</translation>
    </message>
    <message>
        <source>the request&apos;s signature does not cover {component}</source>
        <comment>httpsig.uncovered</comment>
        <translation>请求的签名未覆盖 {component}</translation>
    </message>
    <message>
        <source>the request&apos;s {field} is missing or malformed</source>
        <comment>hub.bad_field</comment>
        <translation>请求中的 {field} 缺失或格式错误</translation>
    </message>
    <message>
        <source>a push holds at most {limit} entries, not {count}</source>
        <comment>hub.batch_too_large</comment>
        <translation>一次推送最多 {limit} 条记录，而不是 {count} 条</translation>
    </message>
    <message>
        <source>blob {digest}: chunk {index} was uploaded before with other bytes</source>
        <comment>hub.blob_chunk</comment>
        <translation>文件 {digest}：分块 {index} 之前已以不同的字节上传</translation>
    </message>
    <message>
        <source>blob {digest}: the uploaded chunks hash to {actual} ({size} bytes), not to the blob&apos;s digest ({expected_size} bytes); upload it again</source>
        <comment>hub.blob_digest</comment>
        <translation>文件 {digest}：已上传的分块哈希为 {actual}（{size} 字节），与文件的摘要（{expected_size} 字节）不符；请重新上传</translation>
    </message>
    <message>
        <source>blob {digest} is kept on the object store, and this hub was started without --blobs</source>
        <comment>hub.blob_elsewhere</comment>
        <translation>数据块 {digest} 保存在对象存储中，而本中心服务器启动时未指定 --blobs</translation>
    </message>
    <message>
        <source>blob {digest}: chunks not uploaded: {missing}</source>
        <comment>hub.blob_missing</comment>
        <translation>文件 {digest}：分块 {missing} 尚未上传</translation>
    </message>
    <message>
        <source>the hub is busy with other devices&apos; uploads: try again in {seconds} s</source>
        <comment>hub.busy</comment>
        <translation>服务中心正忙于其他设备的上传：请在 {seconds} 秒后重试</translation>
    </message>
    <message>
        <source>device {device} pushed an entry {seq} other than the one the hub accepted ({held}, not {pushed}): two stores share this device&apos;s identity</source>
        <comment>hub.cloned_device</comment>
        <translation>设备 {device} 推送的条目 {seq} 与中心服务器已接收的不同（已接收 {held}，推送 {pushed}）：有两个存储共用此设备的身份</translation>
    </message>
    <message>
        <source>the hub takes only application/json bodies, not {content_type}</source>
        <comment>hub.content_type</comment>
        <translation>服务中心只接受 application/json 正文，不接受 {content_type}</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} decides contact {contact}, which {by} decided first ({action}, device {first_device}); the first decision stands</source>
        <comment>hub.decided</comment>
        <translation>设备 {device}：记录 {seq} 对联系人 {contact} 作出决定，但 {by} 已先作出决定（{action}，设备 {first_device}）；以先作出的决定为准</translation>
    </message>
    <message>
        <source>device {device} is already registered (to {user})</source>
        <comment>hub.device_exists</comment>
        <translation>设备 {device} 已登记（属于 {user}）</translation>
    </message>
    <message>
        <source>This laptop (device {device}) was retired by {by} on {at}: {reason}. It keeps its {size} {size:entry|entries} and pushes nothing more</source>
        <comment>hub.device_retired</comment>
        <translation>这台笔记本电脑（设备 {device}）已由 {by} 于 {at} 停用：{reason}。它保留其 {size} 条记录，不再推送任何内容</translation>
    </message>
    <message>
        <source>this enrolment code expired at {expires_at}</source>
        <comment>hub.enrolment_expired</comment>
        <translation>此注册码已于 {expires_at} 过期</translation>
    </message>
    <message>
        <source>this enrolment code is not known to the hub</source>
        <comment>hub.enrolment_unknown</comment>
        <translation>中心服务器不认识此注册码</translation>
    </message>
    <message>
        <source>this enrolment code was used already</source>
        <comment>hub.enrolment_used</comment>
        <translation>此注册码已被使用</translation>
    </message>
    <message>
        <source>device {device}: the hash of entry {seq} does not match its contents</source>
        <comment>hub.entry_hash</comment>
        <translation>设备 {device}：条目 {seq} 的哈希与其内容不符</translation>
    </message>
    <message>
        <source>device {device}: {actor}, who wrote entry {seq}, is deactivated</source>
        <comment>hub.inactive_user</comment>
        <translation>设备 {device}：条目 {seq} 的写入人 {actor} 已被停用</translation>
    </message>
    <message>
        <source>the hub could not handle the request (see the hub&apos;s log)</source>
        <comment>hub.internal</comment>
        <translation>服务中心无法处理该请求（见服务中心的日志）</translation>
    </message>
    <message>
        <source>the invitation for {user} is not open (used or revoked)</source>
        <comment>hub.invite_closed</comment>
        <translation>{user} 的邀请已不可用（已使用或已撤销）</translation>
    </message>
    <message>
        <source>an invitation&apos;s key may only pull the history and join</source>
        <comment>hub.invite_only</comment>
        <translation>邀请密钥只能拉取历史记录并加入</translation>
    </message>
    <message>
        <source>device {device}: the join is not signed by the invitation&apos;s key for {user}, or is not the device&apos;s first entry</source>
        <comment>hub.join_invalid</comment>
        <translation>设备 {device}：加入请求未由 {user} 的邀请密钥签名，或不是该设备的第一条记录</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} ({action}) breaks the rule {violated}: the store&apos;s join with its history is refused and nothing was written</source>
        <comment>hub.join_rule</comment>
        <translation>设备 {device}：条目 {seq}（{action}）违反规则 {violated}：该存储库携带其历史加入的请求被拒绝，未写入任何内容</translation>
    </message>
    <message>
        <source>{listen}: not HOST:PORT (a port from 1 to 65535)</source>
        <comment>hub.listen</comment>
        <translation>{listen}：不是“主机:端口”格式（端口为 1 到 65535）</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} is malformed (a whole number and eight texts are expected)</source>
        <comment>hub.malformed</comment>
        <translation>设备 {device}：条目 {seq} 格式不正确（应为一个整数和八个文本）</translation>
    </message>
    <message>
        <source>the request body is not JSON (line {line}, column {column})</source>
        <comment>hub.malformed_json</comment>
        <translation>请求正文不是 JSON（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
        <source>{user} is not a user of this organisation</source>
        <comment>hub.no_user</comment>
        <translation>{user} 不是本机构的用户</translation>
    </message>
    <message>
        <source>the hub has no {method} {path}</source>
        <comment>hub.not_found</comment>
        <translation>服务中心没有 {method} {path}</translation>
    </message>
    <message>
        <source>the request body must be a JSON object</source>
        <comment>hub.not_object</comment>
        <translation>请求正文必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>this database already holds organisation {hub_id}</source>
        <comment>hub.organisation_exists</comment>
        <translation>此数据库已存有机构 {hub_id}</translation>
    </message>
    <message>
        <source>device {device}: the payload of entry {seq} is not a JSON object</source>
        <comment>hub.payload</comment>
        <translation>设备 {device}：条目 {seq} 的内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>device {device}: the payload of entry {seq} does not match its payload hash</source>
        <comment>hub.payload_hash</comment>
        <translation>设备 {device}：条目 {seq} 的内容与其内容哈希不符</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} by {actor} (role {role}) is {action}, which the role may not write</source>
        <comment>hub.permission</comment>
        <translation>设备 {device}：{actor}（角色 {role}）写入的条目 {seq} 为 {action}，该角色无权写入</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} does not link to the entry before it</source>
        <comment>hub.prev</comment>
        <translation>设备 {device}：条目 {seq} 未链接到其前一条目</translation>
    </message>
    <message>
        <source>the hub refused the request: {code} {facts}</source>
        <comment>hub.refused</comment>
        <translation>服务中心拒绝了请求：{code} {facts}</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} ({action}) breaks the rule {violated} at its place in the organisation&apos;s order; it is kept in the device&apos;s chain, marked not accepted, and applied nowhere</source>
        <comment>hub.rule</comment>
        <translation>设备 {device}：记录 {seq}（{action}）在机构顺序中的位置上违反规则 {violated}；该记录保留在设备的链中，标记为未被接受，在任何地方都不生效</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} does not follow the hub&apos;s last entry {size}</source>
        <comment>hub.seq</comment>
        <translation>设备 {device}：条目 {seq} 未紧接中心服务器已接收的最后一条 {size}</translation>
    </message>
    <message>
        <source>device {device}: the signature of entry {seq} does not verify under any key the organisation holds for {actor}</source>
        <comment>hub.signature</comment>
        <translation>设备 {device}：条目 {seq} 的签名无法用本机构为 {actor} 保存的任何公钥验证</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} differs from the entry staged at that place for this join</source>
        <comment>hub.staged_differs</comment>
        <translation>设备 {device}：第 {seq} 条条目与本次加入在该位置已暂存的条目不同</translation>
    </message>
    <message>
        <source>device {device}: the hub holds {held} staged entries of this join ending at {head}, not {size} ending at {wanted}; ask what is staged and upload the rest</source>
        <comment>hub.staged_size</comment>
        <translation>设备 {device}：中心为本次加入暂存了 {held} 条条目，结尾为 {head}，而不是 {size} 条、结尾为 {wanted}；请先查询已暂存的内容，再上传其余部分</translation>
    </message>
    <message>
        <source>the request body is larger than the {limit} bytes the hub accepts</source>
        <comment>hub.too_large</comment>
        <translation>请求正文超过服务中心接受的 {limit} 字节</translation>
    </message>
    <message>
        <source>--tsa needs --tsa-ca: the root certificate or certificates that the TSA&apos;s answers must chain to</source>
        <comment>hub.tsa_ca_missing</comment>
        <translation>--tsa 需要 --tsa-ca：时间戳机构的应答必须链接到的根证书</translation>
    </message>
    <message>
        <source>{path}: not readable PEM certificates ({error})</source>
        <comment>hub.tsa_ca_unreadable</comment>
        <translation>{path}：不是可读取的 PEM 证书（{error}）</translation>
    </message>
    <message>
        <source>device {device}: entry {seq} has action {action}, which is not an action of this application</source>
        <comment>hub.unknown_action</comment>
        <translation>设备 {device}：条目 {seq} 的操作 {action} 不是本应用的操作</translation>
    </message>
    <message>
        <source>device {device} is not registered with this organisation</source>
        <comment>hub.unknown_device</comment>
        <translation>设备 {device} 未在本机构登记</translation>
    </message>
    <message>
        <source>device {device}: {actor}, who wrote entry {seq}, is not a user of this organisation</source>
        <comment>hub.unknown_user</comment>
        <translation>设备 {device}：条目 {seq} 的写入人 {actor} 不是本机构的用户</translation>
    </message>
    <message>
        <source>{user} is deactivated on this hub</source>
        <comment>hub.user_deactivated</comment>
        <translation>{user} 在服务中心已被停用</translation>
    </message>
    <message>
        <source>{user} is already a user of this organisation</source>
        <comment>hub.user_exists</comment>
        <translation>{user} 已是本机构的用户</translation>
    </message>
    <message>
        <source>no organisation checkpoint of size {size}, or the cosignature does not verify under your key</source>
        <comment>hub.witness</comment>
        <translation>没有大小为 {size} 的组织检查点，或该联署签名无法用您的密钥验证</translation>
    </message>
    <message>
        <source>hub worker {pid} ended on its own (exit status {status}): the other workers were stopped</source>
        <comment>hub.worker_ended</comment>
        <translation>中心工作进程 {pid} 自行结束（退出状态 {status}）：其他工作进程已停止</translation>
    </message>
    <message>
        <source>{listen}: cannot listen there ({error})</source>
        <comment>hub.workers_listen</comment>
        <translation>{listen}：无法在此监听（{error}）</translation>
    </message>
    <message>
        <source>--workers {workers} needs SO_REUSEPORT, which this platform does not offer: serve with --workers 1</source>
        <comment>hub.workers_no_reuseport</comment>
        <translation>--workers {workers} 需要 SO_REUSEPORT，本平台不提供：请使用 --workers 1 运行</translation>
    </message>
    <message>
        <source>{listen}: with --workers {workers} name a port (port 0 would give each worker another one)</source>
        <comment>hub.workers_port_zero</comment>
        <translation>{listen}：使用 --workers {workers} 时请指定端口（端口 0 会让每个工作进程得到不同的端口）</translation>
    </message>
    <message>
        <source>--workers must be from 1 to {high}</source>
        <comment>hub.workers_range</comment>
        <translation>--workers 必须在 1 到 {high} 之间</translation>
    </message>
    <message>
        <source>the hub at {url} failed with HTTP status {status}</source>
        <comment>hubclient.failed</comment>
        <translation>位于 {url} 的服务中心出错，HTTP 状态码 {status}</translation>
    </message>
    <message>
        <source>the answer from {url} (HTTP status {status}) is not the hub&apos;s: not a JSON object</source>
        <comment>hubclient.not_hub</comment>
        <translation>来自 {url} 的回复（HTTP 状态码 {status}）不是服务中心的回复：不是 JSON 对象</translation>
    </message>
    <message>
        <source>the hub at {url} runs an older release (protocol {hub}); this app needs protocol {needed}: ask the hub&apos;s administrator to run `evidence-desk hub upgrade` and update the hub to this release</source>
        <comment>hubclient.too_old</comment>
        <translation>位于 {url} 的中心服务器运行的是较旧版本（协议 {hub}）；本应用需要协议 {needed}：请中心服务器管理员运行 `evidence-desk hub upgrade` 并将中心服务器更新到本版本</translation>
    </message>
    <message>
        <source>the hub at {url} cannot be reached ({error})</source>
        <comment>hubclient.unreachable</comment>
        <translation>无法连接位于 {url} 的服务中心（{error}）</translation>
    </message>
    <message>
        <source>the hub at {url} did not prove it is the hub: no TLS 1.3 connection with a certificate of the pinned CA {ca} ({error})</source>
        <comment>hubclient.untrusted</comment>
        <translation>位于 {url} 的服务中心未能证明其身份：无法以 TLS 1.3 建立连接，或其证书不属于已固定的 CA {ca}（{error}）</translation>
    </message>
    <message>
        <source>invalid value {value}; ignored</source>
        <comment>image.bad_orientation</comment>
        <translation>取值 {value} 无效；已忽略</translation>
    </message>
    <message>
        <source>local time in {zone} (no offset in EXIF)</source>
        <comment>image.basis_local</comment>
        <translation>{zone} 当地时间（EXIF 中没有时差）</translation>
    </message>
    <message>
        <source>EXIF offset {offset}</source>
        <comment>image.basis_offset</comment>
        <translation>EXIF 时差 {offset}</translation>
    </message>
    <message>
        <source>decoder warning: {warning}</source>
        <comment>image.decoder_warning</comment>
        <translation>解码器警告：{warning}</translation>
    </message>
    <message>
        <source>{format} image (file signature)</source>
        <comment>image.detected</comment>
        <translation>{format} 图片（按文件签名识别）</translation>
    </message>
    <message>
        <source>{format} image (file signature); the file name says {claimed}</source>
        <comment>image.detected_misnamed</comment>
        <translation>{format} 图片（按文件签名识别）；文件名表明为 {claimed}</translation>
    </message>
    <message>
        <source>{value!r} is not a UTC offset</source>
        <comment>image.exif_bad_offset</comment>
        <translation>“{value}”不是 UTC 偏移量</translation>
    </message>
    <message>
        <source>{value!r} is not a valid date and time</source>
        <comment>image.exif_bad_time</comment>
        <translation>“{value}”不是有效的日期时间</translation>
    </message>
    <message>
        <source>the EXIF offset {offset} differs from {zone} at that time (no offset); the EXIF offset is used</source>
        <comment>image.exif_no_offset</comment>
        <translation>EXIF 时区偏移 {offset} 与 {zone} 当时的偏移不同；采用 EXIF 偏移</translation>
    </message>
    <message>
        <source>the EXIF offset {offset} differs from {zone} at that time ({zone_offset}); the EXIF offset is used</source>
        <comment>image.exif_offset_differs</comment>
        <translation>EXIF 时区偏移 {offset} 与 {zone} 当时的偏移（{zone_offset}）不同；采用 EXIF 偏移</translation>
    </message>
    <message>
        <source>EXIF could not be read: {error}</source>
        <comment>image.exif_unreadable</comment>
        <translation>无法读取 EXIF：{error}</translation>
    </message>
    <message>
        <source>{frames} frames; the thumbnail shows the first</source>
        <comment>image.frames</comment>
        <translation>共 {frames} 帧；缩略图显示第一帧</translation>
    </message>
    <message>
        <source>GPS position present but unreadable</source>
        <comment>image.gps_unreadable</comment>
        <translation>含有 GPS 位置，但无法读取</translation>
    </message>
    <message>
        <source>the content is not a valid {format} image</source>
        <comment>image.invalid</comment>
        <translation>内容不是有效的 {format} 图片</translation>
    </message>
    <message>
        <source>invalid image size {width}x{height}</source>
        <comment>image.invalid_size</comment>
        <translation>图片尺寸无效：{width}×{height}</translation>
    </message>
    <message>
        <source>the file does not end with the JPEG end marker (FFD9): other data follows the image or the file is cut</source>
        <comment>image.jpeg_no_end</comment>
        <translation>文件末尾不是 JPEG 结束标记（FFD9）：图片后附有其他数据，或文件不完整</translation>
    </message>
    <message>
        <source>the file name says {claimed} but the content is {format}</source>
        <comment>image.misnamed</comment>
        <translation>文件名表明为 {claimed}，但内容是 {format}</translation>
    </message>
    <message>
        <source>not enough memory to decode this image</source>
        <comment>image.no_memory</comment>
        <translation>内存不足，无法解码此图片</translation>
    </message>
    <message>
        <source>not a PNG, JPEG or WebP image ({head})</source>
        <comment>image.not_image</comment>
        <translation>不是 PNG、JPEG 或 WebP 图片（{head}）</translation>
    </message>
    <message>
        <source>the file name says {claimed} but the content is not a PNG, JPEG or WebP ({head})</source>
        <comment>image.not_image_misnamed</comment>
        <translation>文件名表明为 {claimed}，但内容不是 PNG、JPEG 或 WebP 图片（{head}）</translation>
    </message>
    <message>
        <source>no PNG end chunk (IEND); the file may be cut</source>
        <comment>image.png_no_end</comment>
        <translation>缺少 PNG 结束块（IEND）；文件可能不完整</translation>
    </message>
    <message>
        <source>{count} {count:byte follows|bytes follow} the PNG end chunk</source>
        <comment>image.png_trailing</comment>
        <translation>PNG 结束块之后还有 {count} 字节</translation>
    </message>
    <message>
        <source>{time} does not exist in {zone} (clock change)</source>
        <comment>image.time_gap</comment>
        <translation>{time} 在 {zone} 中不存在（时钟调整）</translation>
    </message>
    <message>
        <source>{time} occurs twice in {zone} (clock change); the first is used</source>
        <comment>image.time_twice</comment>
        <translation>{time} 在 {zone} 中出现两次（时钟调整）；采用第一次</translation>
    </message>
    <message>
        <source>image is larger than the limit of {limit} pixels</source>
        <comment>image.too_large</comment>
        <translation>图片超过 {limit} 像素的上限</translation>
    </message>
    <message>
        <source>image is {width}x{height} = {pixels} pixels, more than the limit of {limit}</source>
        <comment>image.too_many_pixels</comment>
        <translation>图片为 {width}×{height} = {pixels} 像素，超过上限 {limit}</translation>
    </message>
    <message>
        <source>cannot decode the {format} image: {error}</source>
        <comment>image.undecodable</comment>
        <translation>无法解码该 {format} 图片：{error}</translation>
    </message>
    <message>
        <source>{format} images are not supported; save the picture as JPEG or PNG and import that (keep the original file as well)</source>
        <comment>image.unsupported</comment>
        <translation>不支持 {format} 图片；请另存为 JPEG 或 PNG 后导入（并保留原始文件）</translation>
    </message>
    <message>
        <source>the file is shorter than its WebP header says</source>
        <comment>image.webp_short</comment>
        <translation>文件长度小于其 WebP 文件头声明的长度</translation>
    </message>
    <message>
        <source>{count} {count:byte follows|bytes follow} the WebP data</source>
        <comment>image.webp_trailing</comment>
        <translation>WebP 数据之后还有 {count} 字节</translation>
    </message>
    <message>
        <source>{file}: identical bytes were already imported; skipped</source>
        <comment>import.already_imported</comment>
        <translation>{file}：完全相同的文件已导入过；已跳过</translation>
    </message>
    <message>
        <source>import cancelled by the user; nothing was stored</source>
        <comment>import.cancelled</comment>
        <translation>导入已被用户取消；未保存任何内容</translation>
    </message>
    <message>
        <source>the Merkle root of message commitments does not match the signed import entry</source>
        <comment>import.commitments</comment>
        <translation>消息承诺的 Merkle 根与已签名的导入记录不符</translation>
    </message>
    <message>
        <source>{reason}; chat file {member}</source>
        <comment>import.detected_chat_file</comment>
        <translation>{reason}；聊天文件 {member}</translation>
    </message>
    <message>
        <source>{reason} in {member}</source>
        <comment>import.detected_in_member</comment>
        <translation>{reason}，位于 {member}</translation>
    </message>
    <message>
        <source>empty file</source>
        <comment>import.empty_file</comment>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>format {wanted!r} is not available: {reason}</source>
        <comment>import.format_unavailable</comment>
        <translation>格式“{wanted}”不可用：{reason}</translation>
    </message>
    <message>
        <source>unknown format {wanted!r}; available formats: {formats}</source>
        <comment>import.format_unknown</comment>
        <translation>未知格式“{wanted}”；可用的格式：{formats}</translation>
    </message>
    <message>
        <source>gap between exports: nothing from {from_time} ({from_file}) to {to_time} ({to_file})</source>
        <comment>import.gap</comment>
        <translation>导出文件之间存在时间缺口：{from_time}（{from_file}）至 {to_time}（{to_file}）之间没有任何记录</translation>
    </message>
    <message>
        <source>the {format} importer could not read this file ({error})</source>
        <comment>import.importer_failed</comment>
        <translation>{format} 导入器无法读取此文件（{error}）</translation>
    </message>
    <message>
        <source>invalid JSON: {error}</source>
        <comment>import.invalid_json</comment>
        <translation>JSON 格式无效：{error}</translation>
    </message>
    <message>
        <source>JSON nested too deeply</source>
        <comment>import.json_too_deep</comment>
        <translation>JSON 嵌套层级过深</translation>
    </message>
    <message>
        <source>the import recorded {recorded} {recorded:message|messages} left out; applying its recorded choice to the original leaves out {current}</source>
        <comment>import.left_out_differs</comment>
        <translation>该次导入记录排除了 {recorded} 条消息；按所记录的选择处理原始文件则排除 {current} 条</translation>
    </message>
    <message>
        <source>columns that differ from the original: {columns}</source>
        <comment>import.message_changed</comment>
        <translation>字段 {columns} 与原始文件不符</translation>
    </message>
    <message>
        <source>a message of the original is missing from the store</source>
        <comment>import.message_missing</comment>
        <translation>原始文件中的一条消息在证据库中缺失</translation>
    </message>
    <message>
        <source>message checks not performed: the import was made on device {device}, whose messages this store does not hold (its original and normalised digest were checked)</source>
        <comment>import.messages_elsewhere</comment>
        <translation>未执行消息检查：该导入由设备 {device} 完成，本存储库不持有其消息（已检查其原始文件及规范化摘要）</translation>
    </message>
    <message>
        <source>the import was made on device {device} and its messages are not rebuilt here yet: the next sync rebuilds them from the original (its commitments give the signed root)</source>
        <comment>import.messages_not_rebuilt</comment>
        <translation>该导入由设备 {device} 完成，其消息尚未在本设备重建：下次同步将根据原始文件重建（其承诺值得出已签名的根哈希）</translation>
    </message>
    <message>
        <source>the zip&apos;s member names read as {current} now, the import recorded {stored}</source>
        <comment>import.name_encoding_differs</comment>
        <translation>压缩包内文件名现按 {current} 读取，导入时记录的是 {stored}</translation>
    </message>
    <message>
        <source>the stored original no longer parses: {error}</source>
        <comment>import.no_longer_parses</comment>
        <translation>已保存的原始文件无法再解析：{error}</translation>
    </message>
    <message>
        <source>re-parsing the original gives a different result than at import</source>
        <comment>import.normalised_differs</comment>
        <translation>重新解析原始文件的结果与导入时不同</translation>
    </message>
    <message>
        <source>linked to this import but not in the original</source>
        <comment>import.not_in_original</comment>
        <translation>关联到本次导入，但原始文件中没有这条消息</translation>
    </message>
    <message>
        <source>message is not produced by any stored original (inserted outside the app)</source>
        <comment>import.outside_app</comment>
        <translation>该消息不来自任何已保存的原始文件（在本程序之外插入）</translation>
    </message>
    <message>
        <source>stored with parser {stored}, this build has {current}: messages not re-derived</source>
        <comment>import.parser_changed</comment>
        <translation>保存时使用的解析器版本为 {stored}，本程序为 {current}：未重新推导消息</translation>
    </message>
    <message>
        <source>{file} {locator}: {reason}</source>
        <comment>import.problem</comment>
        <translation>{file} {locator}：{reason}</translation>
    </message>
    <message>
        <source>another import of this contact committed while this one was being prepared; nothing was stored: run the import again</source>
        <comment>import.raced</comment>
        <translation>在准备本次导入期间，该联系人的另一次导入已提交；未保存任何内容：请重新导入</translation>
    </message>
    <message>
        <source>Done.</source>
        <comment>import.step_done</comment>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <comment>import.step_parsing</comment>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Encrypting and sealing {file}…</source>
        <comment>import.step_sealing</comment>
        <translation>正在加密封存 {file}…</translation>
    </message>
    <message>
        <source>Storing messages and the ledger entry…</source>
        <comment>import.step_storing</comment>
        <translation>正在保存消息和存证记录…</translation>
    </message>
    <message>
        <source>unknown IANA time zone {tz!r}</source>
        <comment>import.unknown_zone</comment>
        <translation>未知的 IANA 时区“{tz}”</translation>
    </message>
    <message>
        <source>import {import_id} ({file})</source>
        <comment>import.where</comment>
        <translation>导入记录 {import_id}（{file}）</translation>
    </message>
    <message>
        <source>{where} {locator}</source>
        <comment>import.where_message</comment>
        <translation>{where} {locator}</translation>
    </message>
    <message>
        <source>message rowid {rowid}</source>
        <comment>import.where_row</comment>
        <translation>消息 rowid {rowid}</translation>
    </message>
    <message>
        <source>message rowid {rowid} ({where} position {position})</source>
        <comment>import.where_row_at</comment>
        <translation>消息 rowid {rowid}（{where} 第 {position} 条）</translation>
    </message>
    <message>
        <source>message rowid {rowid} ({where} {locator})</source>
        <comment>import.where_row_in</comment>
        <translation>消息 rowid {rowid}（{where} {locator}）</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <comment>input.cannot_read</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>must be zh_CN or en</source>
        <comment>input.language</comment>
        <translation>只能是 zh_CN 或 en</translation>
    </message>
    <message>
        <source>no files given</source>
        <comment>input.no_files</comment>
        <translation>未选择任何文件</translation>
    </message>
    <message>
        <source>not a file</source>
        <comment>input.not_a_file</comment>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>a note holds at most {limit} characters</source>
        <comment>input.note_too_long</comment>
        <translation>备注最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>must be one of {choices}</source>
        <comment>input.one_of</comment>
        <translation>必须是以下之一：{choices}</translation>
    </message>
    <message>
        <source>the join names device {named}, but it is an entry of device {device}</source>
        <comment>invite.device</comment>
        <translation>加入记录写明设备 {named}，但它是设备 {device} 的条目</translation>
    </message>
    <message>
        <source>a device.join with the store&apos;s history must follow that history ({size} entries), not be entry {seq}</source>
        <comment>invite.join_after_history</comment>
        <translation>携带存储库历史的 device.join 必须紧随该历史（{size} 条）之后，而不能是条目 {seq}</translation>
    </message>
    <message>
        <source>device.join must be the first entry of its device</source>
        <comment>invite.join_first</comment>
        <translation>device.join 必须是其设备的第一条记录</translation>
    </message>
    <message>
        <source>invitation {invite} is {status}, not open</source>
        <comment>invite.not_open</comment>
        <translation>邀请 {invite} 的状态是 {status}，不是待使用</translation>
    </message>
    <message>
        <source>{user} already has an open invitation ({invite})</source>
        <comment>invite.open_exists</comment>
        <translation>{user} 已有一个待使用的邀请（{invite}）</translation>
    </message>
    <message>
        <source>invitation {invite} is for {user}, not {actor}</source>
        <comment>invite.other_user</comment>
        <translation>邀请 {invite} 是给 {user} 的，不是给 {actor} 的</translation>
    </message>
    <message>
        <source>invitation {invite} is for role {role}, not {given}</source>
        <comment>invite.role</comment>
        <translation>邀请 {invite} 的角色是 {role}，不是 {given}</translation>
    </message>
    <message>
        <source>the join is not signed by the key of invitation {invite}</source>
        <comment>invite.signature</comment>
        <translation>此次加入没有用邀请 {invite} 的密钥签名</translation>
    </message>
    <message>
        <source>no invitation {invite}</source>
        <comment>invite.unknown</comment>
        <translation>没有邀请 {invite}</translation>
    </message>
    <message>
        <source>{user} is already a user of the organisation</source>
        <comment>invite.user_exists</comment>
        <translation>{user} 已经是本机构的用户</translation>
    </message>
    <message>
        <source>the store&apos;s file {sha256} is on record in the organisation already (a file is recorded once, org-wide)</source>
        <comment>join.blob_taken</comment>
        <translation>存储库中的文件 {sha256} 已在组织中登记（一个文件在整个组织中只登记一次）</translation>
    </message>
    <message>
        <source>the join was cancelled before it was sent: nothing of the store changed</source>
        <comment>join.cancelled</comment>
        <translation>加入在发送前已取消：存储未作任何更改</translation>
    </message>
    <message>
        <source>case {case} of the store is a case of the organisation already</source>
        <comment>join.case_taken</comment>
        <translation>存储库的案件 {case} 已是组织中的案件</translation>
    </message>
    <message>
        <source>the store&apos;s contact {contact} on case {case}: {detail}</source>
        <comment>join.chat_taken</comment>
        <translation>存储库中案件 {case} 的联系人 {contact}：{detail}</translation>
    </message>
    <message>
        <source>{entries} entries of the store&apos;s history hold {values} personal values in clear (the first: entry {seq}, {action}, {field}), written before this release sealed them under case keys; the hub must only ever hold ciphertext, so this history cannot join. Join with a new store instead (join without --store): this store stays on this computer as it is, and its verify still checks it</source>
        <comment>join.clear_history</comment>
        <translation>存储库历史中有 {entries} 条记录以明文保存了 {values} 项个人信息（第一项：记录 {seq}，{action}，{field}），写于本版本以案件密钥加密这些信息之前；组织服务器只能保存密文，因此不能带着这段历史加入。请改用新的存储库加入（join 不带 --store）：本存储库原样留在这台电脑上，其校验照常进行</translation>
    </message>
    <message>
        <source>the organisation&apos;s history does not begin with its founding store.init</source>
        <comment>join.no_founder</comment>
        <translation>组织的历史记录不是以其创建时的 store.init 开始的</translation>
    </message>
    <message>
        <source>the invitation seals no handle-index key of the organisation: the store&apos;s contacts cannot be reindexed</source>
        <comment>join.no_handle_key</comment>
        <translation>该邀请未封存组织的账号索引密钥：无法重新索引该存储库的联系人</translation>
    </message>
    <message>
        <source>no open invitation of the organisation matches this code for {user}</source>
        <comment>join.no_invite</comment>
        <translation>本机构没有与此邀请码相符、给 {user} 的待使用邀请</translation>
    </message>
    <message>
        <source>{path} is not an Evidence Desk store</source>
        <comment>join.not_a_store</comment>
        <translation>{path} 不是 Evidence Desk 存储库</translation>
    </message>
    <message>
        <source>{path}: the pending join is {user}&apos;s, not {given}&apos;s</source>
        <comment>join.pending_other</comment>
        <translation>{path}：待完成的加入属于 {user}，而不是 {given}</translation>
    </message>
    <message>
        <source>{path}: the hub accepted this store&apos;s join at entry {seq}, but the store does not follow it any more (it wrote other entries since, or the pending file was replaced): nothing was committed. Change nothing more in this store and give this message to your administrator: the hub holds device {device} with a join at entry {seq} that this store cannot commit, so this store cannot be bound under that id</source>
        <comment>join.pending_stale</comment>
        <translation>{path}：中心已在第 {seq} 条条目处接受本存储的加入，但本存储已不再与之衔接（此后写入了其他条目，或待完成文件已被替换）：未提交任何内容。请勿再更改本存储，并将此消息交给管理员：中心持有设备 {device}，其第 {seq} 条条目处的加入本存储无法提交，因此本存储无法以该标识绑定</translation>
    </message>
    <message>
        <source>{path}: unreadable pending join ({error})</source>
        <comment>join.pending_unreadable</comment>
        <translation>{path}：无法读取待完成的加入（{error}）</translation>
    </message>
    <message>
        <source>the store {path} already belongs to an organisation (it is bound to a hub or holds another device&apos;s entries): it cannot join another one</source>
        <comment>join.store_bound</comment>
        <translation>存储库 {path} 已属于某个组织（已绑定到中心服务器，或存有其他设备的条目）：不能再加入另一个组织</translation>
    </message>
    <message>
        <source>the store&apos;s user {user} has the name of a user of the organisation: one name would stand for two people; rename or enrol them before joining</source>
        <comment>join.user_taken</comment>
        <translation>存储库的用户 {user} 与组织中某个用户同名：一个名字将代表两个人；请在加入之前为其改名或登记</translation>
    </message>
    <message>
        <source>{path}: key slot file is corrupted ({error})</source>
        <comment>keys.corrupted</comment>
        <translation>{path}：密钥槽文件已损坏（{error}）</translation>
    </message>
    <message>
        <source>{path}: unknown key slot format</source>
        <comment>keys.format</comment>
        <translation>{path}：未知的密钥槽格式</translation>
    </message>
    <message>
        <source>{path}: key slot file is missing</source>
        <comment>keys.missing</comment>
        <translation>{path}：密钥槽文件缺失</translation>
    </message>
    <message>
        <source>unknown user or wrong password</source>
        <comment>keys.refused</comment>
        <translation>用户不存在或密码错误</translation>
    </message>
    <message>
        <source>{path}: key slot for this user is corrupted ({error})</source>
        <comment>keys.slot_corrupted</comment>
        <translation>{path}：该用户的密钥槽已损坏（{error}）</translation>
    </message>
    <message>
        <source>not a readable kit zip: {error}</source>
        <comment>kit.bad_zip</comment>
        <translation>不是可读取的校验包 zip 文件：{error}</translation>
    </message>
    <message>
        <source>missing</source>
        <comment>kit.certificates_missing</comment>
        <translation>缺失</translation>
    </message>
    <message>
        <source>not signed by {signer}</source>
        <comment>kit.checkpoint_signature</comment>
        <translation>签名并非 {signer} 所签</translation>
    </message>
    <message>
        <source>does not match the signed import entry&apos;s root</source>
        <comment>kit.commitments</comment>
        <translation>与已签名导入记录中的根哈希不符</translation>
    </message>
    <message>
        <source>checkpoint {cosigned} is not a prefix of {size}</source>
        <comment>kit.consistency</comment>
        <translation>检查点 {cosigned} 不是检查点 {size} 的前缀</translation>
    </message>
    <message>
        <source>seq {seq}: the approval&apos;s cosignature does not verify</source>
        <comment>kit.cosignature</comment>
        <translation>第 {seq} 条：批准的联署签名未通过校验</translation>
    </message>
    <message>
        <source>the cover does not print the SHA-256 of evidence-manifest.json</source>
        <comment>kit.cover_digest</comment>
        <translation>封面没有印出 evidence-manifest.json 的 SHA-256</translation>
    </message>
    <message>
        <source>the declaration is not {signer}&apos;s signature of the evidence manifest</source>
        <comment>kit.declaration</comment>
        <translation>声明不是 {signer} 对证据清单的签名</translation>
    </message>
    <message>
        <source>message {commitment}: its salt and content do not give its commitment</source>
        <comment>kit.disclosed_content</comment>
        <translation>消息 {commitment}：其盐值与内容算不出其承诺值</translation>
    </message>
    <message>
        <source>message {commitment} (index {index}) is not proven in the import&apos;s signed root</source>
        <comment>kit.disclosed_proof</comment>
        <translation>消息 {commitment}（序号 {index}）未能证明包含在该导入已签名的根中</translation>
    </message>
    <message>
        <source>message {commitment} is redacted, yet its salt is disclosed</source>
        <comment>kit.disclosed_redacted</comment>
        <translation>消息 {commitment} 已被遮盖，却披露了其盐值</translation>
    </message>
    <message>
        <source>no signed import entry in the ledger slice records import {import_id}</source>
        <comment>kit.disclosed_root</comment>
        <translation>账本片段中没有记录导入 {import_id} 的已签名导入条目</translation>
    </message>
    <message>
        <source>not a disclosure of an import&apos;s messages</source>
        <comment>kit.disclosed_unreadable</comment>
        <translation>不是某次导入的消息披露文件</translation>
    </message>
    <message>
        <source>line {line} (seq {seq})</source>
        <comment>kit.entry_hash</comment>
        <translation>第 {line} 行（存证链第 {seq} 条）：记录哈希与其内容不符</translation>
    </message>
    <message>
        <source>seq {seq} does not follow {previous}</source>
        <comment>kit.entry_link</comment>
        <translation>第 {seq} 条没有接在第 {previous} 条之后</translation>
    </message>
    <message>
        <source>line {line} (seq {seq}): payload hash</source>
        <comment>kit.entry_payload</comment>
        <translation>第 {line} 行（存证链第 {seq} 条）：内容哈希不符</translation>
    </message>
    <message>
        <source>seq {seq}: {action} by {actor} breaks rule {rule}: {reason}</source>
        <comment>kit.entry_rule</comment>
        <translation>第 {seq} 条：{actor} 的 {action} 违反规则 {rule}：{reason}</translation>
    </message>
    <message>
        <source>seq {seq}: not signed by {actor}</source>
        <comment>kit.entry_signature</comment>
        <translation>第 {seq} 条：签名并非 {actor} 所签</translation>
    </message>
    <message>
        <source>line {line}: {error}</source>
        <comment>kit.entry_unreadable</comment>
        <translation>第 {line} 行：{error}</translation>
    </message>
    <message>
        <source>the custody table&apos;s export entry (seq {seq}, {actor}, {action}) is not one this kit&apos;s export can write: it must be bundle.export by the kit&apos;s signer, after every entry the kit holds</source>
        <comment>kit.export_entry</comment>
        <translation>保管链中的导出记录（第 {seq} 条，{actor}，{action}）不可能由本校验包的导出写入：它必须是校验包签署人的 bundle.export，且序号在校验包所含全部记录之后</translation>
    </message>
    <message>
        <source>entry {seq} is not proven in checkpoint {size}</source>
        <comment>kit.inclusion</comment>
        <translation>无法证明第 {seq} 条记录包含在检查点 {size} 中</translation>
    </message>
    <message>
        <source>{user}&apos;s key is not the one the ledger slice introduced</source>
        <comment>kit.key_mismatch</comment>
        <translation>{user} 的公钥不是存证链片段中登记的公钥</translation>
    </message>
    <message>
        <source>file missing from the kit</source>
        <comment>kit.missing</comment>
        <translation>校验包中缺少此文件</translation>
    </message>
    <message>
        <source>no BagIt-Version</source>
        <comment>kit.no_bagit_version</comment>
        <translation>缺少 BagIt-Version</translation>
    </message>
    <message>
        <source>no signed declaration recorded</source>
        <comment>kit.no_declaration</comment>
        <translation>没有记录已签名的声明</translation>
    </message>
    <message>
        <source>no single verification kit (zip or bag folder) here</source>
        <comment>kit.no_kit</comment>
        <translation>此处没有唯一的校验包（zip 文件或 bag 文件夹）</translation>
    </message>
    <message>
        <source>no processing record: the bundle was exported by a release that did not write one</source>
        <comment>kit.no_processing_record</comment>
        <translation>没有处理情况记录：该证据包由尚不生成此记录的版本导出</translation>
    </message>
    <message>
        <source>no target size and root</source>
        <comment>kit.no_target</comment>
        <translation>缺少目标检查点的大小和根哈希</translation>
    </message>
    <message>
        <source>not covered by {file}</source>
        <comment>kit.not_covered</comment>
        <translation>未列入 {file}</translation>
    </message>
    <message>
        <source>not valid JSON: {error}</source>
        <comment>kit.not_json</comment>
        <translation>不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <source>not PEM: {error}</source>
        <comment>kit.not_pem</comment>
        <translation>不是 PEM 格式：{error}</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <comment>kit.not_utf8</comment>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>does not match the checkpoint</source>
        <comment>kit.note_mismatch</comment>
        <translation>与检查点不符</translation>
    </message>
    <message>
        <source>the checkpoint is of device {named}, but this is device {device}&apos;s folder</source>
        <comment>kit.org_device</comment>
        <translation>检查点属于设备 {named}，但此文件夹是设备 {device} 的</translation>
    </message>
    <message>
        <source>device {device} seq {seq} is placed before an earlier entry of its device</source>
        <comment>kit.org_device_order</comment>
        <translation>设备 {device} 序号 {seq} 排在其所属设备更早的记录之前</translation>
    </message>
    <message>
        <source>the organisation&apos;s order names {named} as the exporting device, but the kit&apos;s own ledger is {device}&apos;s</source>
        <comment>kit.org_exporter</comment>
        <translation>组织顺序将 {named} 列为导出设备，但工具包自身的账本属于 {device}</translation>
    </message>
    <message>
        <source>device {device} seq {seq} is in the organisation&apos;s order but not in the kit</source>
        <comment>kit.org_missing</comment>
        <translation>设备 {device} 序号 {seq} 在组织顺序中，但不在工具包中</translation>
    </message>
    <message>
        <source>device {device} seq {seq} is in the kit but not in the organisation&apos;s order</source>
        <comment>kit.org_not_listed</comment>
        <translation>设备 {device} 序号 {seq} 在工具包中，但不在组织顺序中</translation>
    </message>
    <message>
        <source>refused by the hub ({verdict}), yet it keeps the rules</source>
        <comment>kit.org_refused_valid</comment>
        <translation>被中心服务器拒绝（{verdict}），但它符合规则</translation>
    </message>
    <message>
        <source>not the statement or token {file} carries</source>
        <comment>kit.org_statement</comment>
        <translation>不是 {file} 所载的声明或时间戳令牌</translation>
    </message>
    <message>
        <source>device {device} seq {seq} is listed twice</source>
        <comment>kit.org_twice</comment>
        <translation>设备 {device} 序号 {seq} 被列出两次</translation>
    </message>
    <message>
        <source>device {device} is not one of the kit&apos;s devices</source>
        <comment>kit.org_unknown_device</comment>
        <translation>设备 {device} 不是工具包中的设备</translation>
    </message>
    <message>
        <source>not a device and seq: {item}</source>
        <comment>kit.org_unreadable</comment>
        <translation>不是设备和序号：{item}</translation>
    </message>
    <message>
        <source>differs from the digests in evidence-manifest.json</source>
        <comment>kit.original_changed</comment>
        <translation>与 evidence-manifest.json 中的摘要不符</translation>
    </message>
    <message>
        <source>original missing</source>
        <comment>kit.original_missing</comment>
        <translation>原始文件缺失</translation>
    </message>
    <message>
        <source>not recorded by ledger entry {seq} of the slice</source>
        <comment>kit.original_unrecorded</comment>
        <translation>存证链片段的第 {seq} 条记录中没有此文件</translation>
    </message>
    <message>
        <source>{algorithm} differs from {manifest}: changed</source>
        <comment>kit.payload_changed</comment>
        <translation>{algorithm} 哈希与 {manifest} 不符：文件已被改动</translation>
    </message>
    <message>
        <source>listed in {manifest} but not in the kit</source>
        <comment>kit.payload_missing</comment>
        <translation>已列入 {manifest}，但校验包中没有此文件</translation>
    </message>
    <message>
        <source>payload file not listed in {manifest}</source>
        <comment>kit.payload_unlisted</comment>
        <translation>数据文件未列入 {manifest}</translation>
    </message>
    <message>
        <source>its SHA-256 is not printed in the bundle&apos;s integrity certificate</source>
        <comment>kit.pdf_digest</comment>
        <translation>证据包的完整性证明中没有印出其 SHA-256</translation>
    </message>
    <message>
        <source>the filed PDF differs from the kit&apos;s copy: SHA-256 {sha256}, the kit lists {listed}</source>
        <comment>kit.pdf_filed_differs</comment>
        <translation>提交的 PDF 与验证包中的副本不同：SHA-256 为 {sha256}，验证包列明的是 {listed}</translation>
    </message>
    <message>
        <source>a PDF of this bundle that the kit does not list</source>
        <comment>kit.pdf_filed_unlisted</comment>
        <translation>属于本证据包、但验证包未列明的 PDF</translation>
    </message>
    <message>
        <source>PDF volume missing</source>
        <comment>kit.pdf_missing</comment>
        <translation>PDF 分册缺失</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <comment>kit.pdf_unreadable</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>carries no PAdES signature (exported by a release before signed PDFs)</source>
        <comment>kit.pdf_unsigned_before</comment>
        <translation>没有 PAdES 签名（由尚不签署 PDF 的旧版本导出）</translation>
    </message>
    <message>
        <source>the processing record is not valid: {problem}</source>
        <comment>kit.processing_invalid</comment>
        <translation>处理情况记录无效：{problem}</translation>
    </message>
    <message>
        <source>the processing record is of {field} {value}, not this bundle&apos;s {expected}</source>
        <comment>kit.processing_other</comment>
        <translation>处理情况记录的 {field} 为 {value}，而不是本证据包的 {expected}</translation>
    </message>
    <message>
        <source>the processing record was written by {user}, who did not sign this kit or may not export bundles</source>
        <comment>kit.processing_signer</comment>
        <translation>处理情况记录由 {user} 写入，但该用户未签署本校验包或无权导出证据包</translation>
    </message>
    <message>
        <source>the plan&apos;s digest {digest} is not the one the evidence manifest records ({recorded})</source>
        <comment>kit.redaction_plan_digest</comment>
        <translation>遮盖方案的摘要 {digest} 与证据清单记录的摘要（{recorded}）不一致</translation>
    </message>
    <message>
        <source>not a redaction plan: {code} {facts}</source>
        <comment>kit.redaction_plan_invalid</comment>
        <translation>不是有效的遮盖方案：{code} {facts}</translation>
    </message>
    <message>
        <source>the evidence manifest records a redaction plan, but the kit does not carry it</source>
        <comment>kit.redaction_plan_missing</comment>
        <translation>证据清单记录了遮盖方案，但校验包中没有该方案</translation>
    </message>
    <message>
        <source>a redaction plan the evidence manifest does not record</source>
        <comment>kit.redaction_plan_unlisted</comment>
        <translation>证据清单未记录的遮盖方案</translation>
    </message>
    <message>
        <source>{user}&apos;s role or active flag is not what the ledger slice gives</source>
        <comment>kit.role_mismatch</comment>
        <translation>keys/users.json 中 {user} 的角色或启用状态与存证链片段不符</translation>
    </message>
    <message>
        <source>screenshot {path} cites message #{commitment}, which is not one of the kit&apos;s committed messages</source>
        <comment>kit.screenshot_message</comment>
        <translation>截图 {path} 引用的消息 #{commitment} 不在本核验包已承诺的消息之中</translation>
    </message>
    <message>
        <source>screenshot {path} is not an original of exhibit {exhibit} with SHA-256 {sha256} in this kit</source>
        <comment>kit.screenshot_original</comment>
        <translation>截图 {path} 不是本核验包中证据 {exhibit} 的原件（SHA-256 {sha256}）</translation>
    </message>
    <message>
        <source>screenshot {number} is not described as the format says</source>
        <comment>kit.screenshot_unreadable</comment>
        <translation>第 {number} 张截图的记载不符合文件格式</translation>
    </message>
    <message>
        <source>SHA-256 differs from {file}</source>
        <comment>kit.signed_changed</comment>
        <translation>SHA-256 与 {file} 不符</translation>
    </message>
    <message>
        <source>the checkpoint entry {seq} was signed over is not a prefix of checkpoint {size}</source>
        <comment>kit.signed_checkpoint</comment>
        <translation>第 {seq} 条记录签名所依据的检查点不是检查点 {size} 的前缀</translation>
    </message>
    <message>
        <source>signed but missing</source>
        <comment>kit.signed_missing</comment>
        <translation>已签名，但文件缺失</translation>
    </message>
    <message>
        <source>SHA-256 differs from {manifest}: changed</source>
        <comment>kit.tag_changed</comment>
        <translation>SHA-256 与 {manifest} 不符：文件已被改动</translation>
    </message>
    <message>
        <source>listed in {manifest} but missing</source>
        <comment>kit.tag_missing</comment>
        <translation>已列入 {manifest}，但文件缺失</translation>
    </message>
    <message>
        <source>the tag manifest is not signed by {signer}</source>
        <comment>kit.tag_signature</comment>
        <translation>标签清单并非 {signer} 所签</translation>
    </message>
    <message>
        <source>the tag manifest is not signed by anyone</source>
        <comment>kit.tag_signature_nobody</comment>
        <translation>标签清单没有有效的签名</translation>
    </message>
    <message>
        <source>tag file not covered by {manifest}</source>
        <comment>kit.tag_unlisted</comment>
        <translation>标签文件未列入 {manifest}</translation>
    </message>
    <message>
        <source>the tag manifest carries no RFC 3161 token (no TSA answered at export)</source>
        <comment>kit.tag_unstamped</comment>
        <translation>标签清单没有 RFC 3161 时间戳（导出时没有时间戳机构响应）</translation>
    </message>
    <message>
        <source>unreadable: {error}</source>
        <comment>kit.token_unreadable</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>checkpoint {size} carries no RFC 3161 token: its time is the producer&apos;s clock</source>
        <comment>kit.unstamped</comment>
        <translation>检查点 {size} 没有 RFC 3161 时间戳：其时间仅来自制作方的时钟</translation>
    </message>
    <message>
        <source>FAILED: {files}</source>
        <comment>kit.verdict_failed</comment>
        <translation>未通过：{files}</translation>
    </message>
    <message>
        <source>OK</source>
        <comment>kit.verdict_ok</comment>
        <translation>通过</translation>
    </message>
    <message>
        <source>device {device} seq {seq}: {finding}</source>
        <comment>kit.where_device</comment>
        <translation>设备 {device} 序号 {seq}：{finding}</translation>
    </message>
    <message>
        <source>listed as withheld, yet the kit carries it</source>
        <comment>kit.withheld_present</comment>
        <translation>已列为不提供，但校验包中却含有该文件</translation>
    </message>
    <message>
        <source>Checkpoint {size}: root {root}</source>
        <comment>kit_text.checkpoint_root</comment>
        <translation>检查点 {size}：根哈希 {root}</translation>
    </message>
    <message>
        <source>Signers&apos; keys as this kit states them (SHA-256 of the raw Ed25519 public key); each
must appear with the same fingerprint in {file}:</source>
        <comment>kit_text.fingerprints</comment>
        <translation>本校验包所述的签名人公钥指纹（Ed25519 公钥原始字节的 SHA-256）；每一项都必须以相同的指纹
出现在 {file} 中:</translation>
    </message>
    <message>
        <source>It prints the issuer of every token and every signer&apos;s key fingerprint, and ends with
INTACT. INTACT BUT UNTRUSTED means the kit is consistent but a token chains only to a
root inside the kit or a signer is not in the published key list.</source>
        <comment>kit_text.intact</comment>
        <translation>它会列出每个时间戳的签发者和每位签名人的公钥指纹，并以 INTACT 结束。INTACT BUT UNTRUSTED
表示校验包内容一致，但有时间戳仅链接至包内自带的根证书，或有签名人不在公布的公钥列表中。</translation>
    </message>
    <message>
        <source>The PDF masks bank-card and account numbers in its transcripts (6222 **** ****
1234); the originals in data/originals/ hold them in full, and every digest and
commitment in this kit is over the stored messages and originals, not over the
printed text. Compare a transcript with its original to read a masked number.</source>
        <comment>kit_text.masked_numbers</comment>
        <translation>PDF 的聊天记录中银行卡号和账号已作遮蔽处理（6222 **** **** 1234）；
data/originals/ 中的原始文件保存完整号码。本校验包中的所有哈希值和承诺值
均基于所存储的消息和原始文件计算，而非打印文本。如需读取被遮蔽的号码，
请将聊天记录与其原始文件对照。</translation>
    </message>
    <message>
        <source>{file} holds the organisation hub&apos;s checkpoint {size} (its Merkle root over every
device&apos;s entries in the organisation&apos;s order), signed with the hub key it names,
its RFC 3161 token when the hub had one, the witnesses&apos; cosignatures and each
entry&apos;s inclusion proof. evidence-desk verify-bundle (the step above) checks them
with no hub: the organisation held every entry of this bundle, in this order and
with this verdict, in the history the witnesses cosigned.</source>
        <comment>kit_text.org_checkpoint</comment>
        <translation>{file} 保存组织中心服务器的检查点 {size}（按组织顺序覆盖每台设备记录的
Merkle 根），由其中注明的中心服务器密钥签名，并附有中心服务器取得的 RFC 3161
时间戳、见证人的联署及每条记录的包含证明。evidence-desk verify-bundle（上一步）
无需中心服务器即可检查：本组织按此顺序、以此裁决持有本证据包的每条记录，
且该历史经见证人联署。</translation>
    </message>
    <message>
        <source>- {file}: the signer keys that {organisation} publishes
  (written by `evidence-desk org-keys`), saved beside the kit.</source>
        <comment>kit_text.org_keys</comment>
        <translation>- {file}：{organisation}公布的签名人公钥列表（由 evidence-desk org-keys
  生成），保存在校验包旁。</translation>
    </message>
    <message>
        <source>This bundle combines the ledgers of {count} {count:device|devices} of the organisation. The
exporting device&apos;s ledger is in ledger/ and proofs/; each other device&apos;s is in
ledger/devices/&lt;device id&gt;/ (entries.jsonl, its signed checkpoint and proofs/).
ledger/org-order.json lists every entry by device and seq in the organisation&apos;s
order, in which verify-bundle replays the rules; each device&apos;s checkpoint note
names that device, so an entry moved to another device fails its signature.</source>
        <comment>kit_text.org_ledgers</comment>
        <translation>本证据包合并了本组织 {count} 台设备的账本。导出设备的账本在
ledger/ 和 proofs/ 中；其他每台设备的账本在 ledger/devices/&lt;设备标识&gt;/ 中
（entries.jsonl、其签名检查点和 proofs/）。ledger/org-order.json 按设备和序号
列出组织顺序中的每条记录，verify-bundle 按此顺序重放规则；每台设备的检查点
文本都写明该设备，因此移到另一台设备的记录无法通过签名验证。</translation>
    </message>
    <message>
        <source>{file}: {count} {count:entry|entries} of this bundle {count:is|are} not yet covered by an organisation
checkpoint (not pushed to the hub when the bundle was made); verify-bundle lists
them.</source>
        <comment>kit_text.org_uncovered</comment>
        <translation>{file}：本证据包有 {count} 条记录尚未被组织检查点覆盖（生成证据包时尚未推送到
中心服务器）；verify-bundle 会列出这些记录。</translation>
    </message>
    <message>
        <source>The hub had not yet time-stamped organisation checkpoint {size} when this bundle
was made (it stamps in the background): the checkpoint proves which entries the
organisation held and in which order, not when, and there is no step for its
token. A bundle made again once the hub has stamped it carries the dated one.</source>
        <comment>kit_text.org_unstamped</comment>
        <translation>生成本证据包时中心服务器尚未为组织检查点 {size} 加盖时间戳（盖戳在后台进行）：
该检查点证明组织持有哪些记录及其顺序，但不证明时间，因此没有其时间戳令牌的
验证步骤。中心服务器盖戳后重新生成的证据包将附带已盖戳的检查点。</translation>
    </message>
    <message>
        <source>PDF: {names}</source>
        <comment>kit_text.pdf_names</comment>
        <translation>PDF：{names}</translation>
    </message>
    <message>
        <source>Each must read &quot;Signature Validation: Signature is Valid.&quot; for the signer&apos;s
signature, and &quot;Total document signed&quot; for the last one (the document time-stamp;
without a TSA, the signature itself). -nocert skips the certificate check: the
signer&apos;s certificate and chain are in {chain}; compare its CA with the one the
organisation publishes. verify-bundle (the step before) checks the chain and
the time-stamps, and every PDF filed beside the kit.</source>
        <comment>kit_text.pdf_signature</comment>
        <translation>签署人的签名须显示 &quot;Signature Validation: Signature is Valid.&quot;，最后一个签名
（文档时间戳；无时间戳服务时即签名本身）须显示 &quot;Total document signed&quot;。-nocert 跳过证书
校验：签署人的证书及证书链在 {chain} 中，请将其 CA 与机构公布的 CA 比对。
上一步的 verify-bundle 会校验证书链、时间戳以及与校验包一同提交的每个 PDF。</translation>
    </message>
    <message>
        <source>The bundle redacts {spans} text spans, {messages} whole messages and {regions}
image regions (redaction/plan.json: what, where and why, by reason code). The
originals that hold what is redacted are not in this kit; evidence-manifest.json
lists each with its SHA-256 and SM3 (&quot;withheld&quot;: true). ledger/disclosed/ lists
every bundled message&apos;s commitment with its proof to the import&apos;s signed root
(verify-bundle checks them). Given a redacted message later (its content as the
company stores it, content.json, and its salt in hex, salt.hex), the command
below must print that message&apos;s commitment from ledger/disclosed/:</source>
        <comment>kit_text.redaction</comment>
        <translation>本证据包遮盖了 {spans} 处文字片段、{messages} 条整条消息和 {regions} 处
图像区域（redaction/plan.json：遮盖了什么、在哪里、原因代码）。含有被遮盖
内容的原始文件不在本校验包中；evidence-manifest.json 列出了每个此类文件
（标为不提供）的 SHA-256 和 SM3。ledger/disclosed/ 列出了证据包中每条消息的
承诺值及其到该导入已签名根的证明（verify-bundle 会逐一核验）。日后取得某条
被遮盖的消息（公司所存的消息内容及其十六进制盐值，各存为一个文件）时，
下面的命令输出的必须是 ledger/disclosed/ 中该消息的承诺值：</translation>
    </message>
    <message>
        <source>Run from the folder that holds bagit.txt (unzip the kit first).</source>
        <comment>kit_text.run_from</comment>
        <translation>在包含 bagit.txt 的目录中运行以下命令（先解压校验包）。</translation>
    </message>
    <message>
        <source>Everything at once: signatures, Merkle proofs, tokens, PDF digests, and whom the kit asks you to trust</source>
        <comment>kit_text.step_all</comment>
        <translation>一次性全部校验（含信任来源）</translation>
    </message>
    <message>
        <source>BagIt structure (Library of Congress bagit-python)</source>
        <comment>kit_text.step_bagit</comment>
        <translation>BagIt 结构</translation>
    </message>
    <message>
        <source>Trusted time of the organisation hub&apos;s checkpoint {size} ({tsa}), against the TSA&apos;s published root</source>
        <comment>kit_text.step_org_token</comment>
        <translation>组织中心检查点 {size} 的可信时间戳（{tsa}），以时间戳机构公布的根证书校验</translation>
    </message>
    <message>
        <source>Payload digests (originals and PDF)</source>
        <comment>kit_text.step_payload</comment>
        <translation>原始文件与 PDF 的哈希值</translation>
    </message>
    <message>
        <source>PAdES signature of each PDF volume (poppler pdfsig)</source>
        <comment>kit_text.step_pdf_signature</comment>
        <translation>每个 PDF 分册的 PAdES 签名（poppler pdfsig）</translation>
    </message>
    <message>
        <source>A message this bundle redacts, checked later against its original</source>
        <comment>kit_text.step_redaction</comment>
        <translation>本证据包遮盖的消息，日后如何对照其原始消息核验</translation>
    </message>
    <message>
        <source>Trusted time of the tag manifest ({tsa}), against the TSA&apos;s published root</source>
        <comment>kit_text.step_tag_token</comment>
        <translation>标签清单的可信时间戳（{tsa}），以时间戳机构公布的根证书校验</translation>
    </message>
    <message>
        <source>Tag files (ledger slice, proofs, keys, tokens)</source>
        <comment>kit_text.step_tags</comment>
        <translation>存证链片段、证明、公钥与时间戳</translation>
    </message>
    <message>
        <source>Trusted time of checkpoint {size} ({tsa}, RFC 3161), against the TSA&apos;s published root</source>
        <comment>kit_text.step_token</comment>
        <translation>检查点 {size} 的可信时间戳（{tsa}，RFC 3161），以时间戳机构公布的根证书校验</translation>
    </message>
    <message>
        <source>the producing organisation</source>
        <comment>kit_text.the_organisation</comment>
        <translation>出具机构</translation>
    </message>
    <message>
        <source>Evidence Desk bundle {bundle_id} — how to check this kit</source>
        <comment>kit_text.title</comment>
        <translation>Evidence Desk 证据包 {bundle_id}：如何校验本校验包</translation>
    </message>
    <message>
        <source>Two things must come from outside this kit, never from it: whoever makes a kit can put
any root certificate into tsa/ and any key into keys/users.json.</source>
        <comment>kit_text.trust_outside</comment>
        <translation>以下两项必须取自校验包之外，不得取自校验包：制作校验包的人可以在 tsa/ 中放入任何根证书，
在 keys/users.json 中放入任何公钥。</translation>
    </message>
    <message>
        <source>- {root}: the root certificate that {tsa} publishes (its
  website, or the trusted list the court relies on), saved beside the kit.</source>
        <comment>kit_text.tsa_root</comment>
        <translation>- {root}：时间戳机构 {tsa} 公布的根证书（取自其网站或法院认可的
  可信列表），保存在校验包旁。</translation>
    </message>
    <message>
        <source>Steps 1 and 2 on Windows: each has a PowerShell line that checks the whole manifest
(prints OK, or FAILED and the file) and a certutil command for one file, whose output
must equal that file&apos;s line in the manifest.</source>
        <comment>kit_text.windows</comment>
        <translation>Windows 上的第 1、2 步：每步都有一行 PowerShell 命令校验整个清单（输出 OK，或 FAILED 及
文件名），以及校验单个文件的 certutil 命令，其输出须与清单中该文件的一行相同。</translation>
    </message>
    <message>
        <source>category names are lower-case letters, digits and _</source>
        <comment>lexicon.category_name</comment>
        <translation>类别名称只能由小写字母、数字和 _ 组成</translation>
    </message>
    <message>
        <source>must be an object with zh and en term lists</source>
        <comment>lexicon.category_shape</comment>
        <translation>必须是包含中文（zh）和英文（en）词语列表的对象</translation>
    </message>
    <message>
        <source>needs an object {{&quot;categories&quot;: {{NAME: {{...}}}}}}</source>
        <comment>lexicon.no_categories</comment>
        <translation>必须是包含 categories 对象的 JSON 对象（各类别以名称为键）</translation>
    </message>
    <message>
        <source>not JSON: {error}</source>
        <comment>lexicon.not_json</comment>
        <translation>不是 JSON：{error}</translation>
    </message>
    <message>
        <source>must be a string</source>
        <comment>lexicon.not_string</comment>
        <translation>必须是字符串</translation>
    </message>
    <message>
        <source>must be a list of non-empty strings</source>
        <comment>lexicon.not_terms</comment>
        <translation>必须是由非空字符串组成的列表</translation>
    </message>
    <message>
        <source>the shipped lexicon is missing: {error}</source>
        <comment>lexicon.shipped_missing</comment>
        <translation>缺少内置词库：{error}</translation>
    </message>
    <message>
        <source>cannot read the lexicon file: {error}</source>
        <comment>lexicon.unreadable</comment>
        <translation>无法读取词库文件：{error}</translation>
    </message>
    <message>
        <source>date {date} out of range</source>
        <comment>line.date_out_of_range</comment>
        <translation>日期 {date} 超出范围</translation>
    </message>
    <message>
        <source>LINE chat history .txt, {locale} header (1:1)</source>
        <comment>line.detected_1to1</comment>
        <translation>LINE 聊天记录 .txt，{locale}表头（一对一）</translation>
    </message>
    <message>
        <source>LINE chat history .txt, {locale} header (chat)</source>
        <comment>line.detected_chat</comment>
        <translation>LINE 聊天记录 .txt，{locale}表头（聊天）</translation>
    </message>
    <message>
        <source>LINE chat history .txt, {locale} header (group)</source>
        <comment>line.detected_group</comment>
        <translation>LINE 聊天记录 .txt，{locale}表头（群聊）</translation>
    </message>
    <message>
        <source>LINE chat history .txt without header (date lines + tab-separated messages)</source>
        <comment>line.detected_no_header</comment>
        <translation>LINE 聊天记录 .txt，无表头（日期行 + 制表符分隔的消息）</translation>
    </message>
    <message>
        <source>LINE .txt</source>
        <comment>line.detected_plain</comment>
        <translation>LINE .txt</translation>
    </message>
    <message>
        <source>LINE chat history .txt, [LINE] header in an unknown locale</source>
        <comment>line.detected_unknown_locale</comment>
        <translation>LINE 聊天记录 .txt，[LINE] 表头，语言区域未知</translation>
    </message>
    <message>
        <source>LINE for Windows &apos;Save chat&apos; .txt (space-separated)</source>
        <comment>line.detected_windows</comment>
        <translation>LINE Windows 版“保存聊天”.txt（空格分隔）</translation>
    </message>
    <message>
        <source>{count} {count:line|lines} without a time {count:was|were} joined to the message before them</source>
        <comment>line.joined</comment>
        <translation>{count} 行没有时间，已并入其前一条消息</translation>
    </message>
    <message>
        <source>message line before any date line</source>
        <comment>line.message_before_date</comment>
        <translation>消息行出现在任何日期行之前</translation>
    </message>
    <message>
        <source>no LINE chat history .txt in this folder or zip</source>
        <comment>line.no_history</comment>
        <translation>此文件夹或压缩包中没有 LINE 聊天记录 .txt</translation>
    </message>
    <message>
        <source>not a LINE chat history</source>
        <comment>line.not_line</comment>
        <translation>不是 LINE 聊天记录</translation>
    </message>
    <message>
        <source>several LINE chat histories: {found}; pick one</source>
        <comment>line.several</comment>
        <translation>有多份 LINE 聊天记录：{found}；请选择其中一份</translation>
    </message>
    <message>
        <source>space-separated LINE format: the sender is the header&apos;s partner name when a line starts with it, else the first word; check multi-word names</source>
        <comment>line.space_separated</comment>
        <translation>空格分隔的 LINE 格式：行首为表头中的对方名称时以其为发送人，否则取第一个词；请核对含空格的名称</translation>
    </message>
    <message>
        <source>a quoted multi-line message is not closed; its lines are kept as written</source>
        <comment>line.unclosed_quote</comment>
        <translation>带引号的多行消息未闭合；其各行按原样保留</translation>
    </message>
    <message>
        <source>unrecognised line kept as unknown</source>
        <comment>line.unrecognised</comment>
        <translation>无法识别的行，按未知类型保留</translation>
    </message>
    <message>
        <source>unrecognised line before the first date: {line!r}</source>
        <comment>line.unrecognised_before_date</comment>
        <translation>第一个日期之前有无法识别的行：“{line}”</translation>
    </message>
    <message>
        <source>weekday {weekday!r} does not match {date}</source>
        <comment>line.weekday_mismatch</comment>
        <translation>星期“{weekday}”与 {date} 不符</translation>
    </message>
    <message>
        <source>weekday {weekday!r} matches neither reading of {first}/{second}/{year}; read as M/D/Y</source>
        <comment>line.weekday_neither</comment>
        <translation>星期“{weekday}”与 {first}/{second}/{year} 的两种读法都不符；按 月/日/年 读取</translation>
    </message>
    <message>
        <source>weekday {weekday!r} not recognised; date read as Y/M/D</source>
        <comment>line.weekday_unknown</comment>
        <translation>无法识别星期“{weekday}”；日期按 年/月/日 读取</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <comment>list.semicolons</comment>
        <translation>{first}；{rest}</translation>
    </message>
    <message>
        <source>the answer of {url} to a wait for news is not the hub&apos;s</source>
        <comment>live.not_news</comment>
        <translation>{url} 对等待新消息请求的回复不是服务中心的回复</translation>
    </message>
    <message>
        <source>store is busy: {holder}</source>
        <comment>lock.busy</comment>
        <translation>证据库正忙：{holder}</translation>
    </message>
    <message>
        <source>{user} is running {operation} (pid {pid} on {host}, since {since})</source>
        <comment>lock.holder</comment>
        <translation>{user} 正在执行 {operation}（{host} 上的进程 {pid}，开始于 {since}）</translation>
    </message>
    <message>
        <source>another process is writing to it</source>
        <comment>lock.unknown_holder</comment>
        <translation>另一个进程正在写入</translation>
    </message>
    <message>
        <source>user {user!r} is not an active user of this store</source>
        <comment>login.inactive</comment>
        <translation>用户“{user}”在此证据库中未启用</translation>
    </message>
    <message>
        <source>key slot of {user!r} does not match the ledger&apos;s public key</source>
        <comment>login.key_mismatch</comment>
        <translation>用户“{user}”的密钥槽与存证链中的公钥不符</translation>
    </message>
    <message>
        <source>unknown user or wrong password for {user!r}; further attempts are delayed</source>
        <comment>login.refused</comment>
        <translation>用户“{user}”不存在或密码错误；之后的每次尝试都会被延迟</translation>
    </message>
    <message>
        <source>timestamp_ms {value} unreadable; placed at 1970-01-01</source>
        <comment>messenger.bad_timestamp</comment>
        <translation>timestamp_ms {value} 无法读取；时间置为 1970-01-01</translation>
    </message>
    <message>
        <source>{where} JSON download ({count} message_N.json {count:file|files})</source>
        <comment>messenger.detected_download</comment>
        <translation>{where} JSON 下载包（{count} 个 message_N.json 文件）</translation>
    </message>
    <message>
        <source>{where} (messages[] with sender_name, timestamp_ms)</source>
        <comment>messenger.detected_file</comment>
        <translation>{where}（messages[] 含 sender_name、timestamp_ms）</translation>
    </message>
    <message>
        <source>{reason}, {count} files: {files}</source>
        <comment>messenger.detected_files</comment>
        <translation>{reason}，共 {count} 个文件：{files}</translation>
    </message>
    <message>
        <source>Messenger/Instagram HTML download (not readable: request JSON)</source>
        <comment>messenger.detected_html</comment>
        <translation>Messenger/Instagram HTML 下载包（无法读取：请申请 JSON 格式）</translation>
    </message>
    <message>
        <source>Messenger/Instagram JSON</source>
        <comment>messenger.detected_plain</comment>
        <translation>Messenger/Instagram JSON</translation>
    </message>
    <message>
        <source>message with neither content nor media kept as unknown</source>
        <comment>messenger.empty_message</comment>
        <translation>既无内容也无媒体的消息，按未知类型保留</translation>
    </message>
    <message>
        <source>this is the HTML download; request &apos;Download your information&apos; in JSON format</source>
        <comment>messenger.html_download</comment>
        <translation>这是 HTML 格式的下载包；请在“下载你的信息”中申请 JSON 格式</translation>
    </message>
    <message>
        <source>{count} {count:string|strings} could not be re-decoded as UTF-8 and {count:is|are} kept as written</source>
        <comment>messenger.mojibake_failed</comment>
        <translation>{count} 个字符串无法重新解码为 UTF-8，按原样保留</translation>
    </message>
    <message>
        <source>{file}: re-decoded {count} mojibake {count:string|strings} (UTF-8 bytes written as \u00XX code points) from latin-1 to UTF-8</source>
        <comment>messenger.mojibake_repaired</comment>
        <translation>{file}：已将 {count} 个乱码字符串（以 \u00XX 码位写入的 UTF-8 字节）从 latin-1 重新解码为 UTF-8</translation>
    </message>
    <message>
        <source>no message_N.json in this folder or zip</source>
        <comment>messenger.no_message_file</comment>
        <translation>此文件夹或压缩包中没有 message_N.json</translation>
    </message>
    <message>
        <source>no &apos;messages&apos; array: not a Messenger/Instagram message_N.json</source>
        <comment>messenger.no_messages</comment>
        <translation>没有 messages 数组：不是 Messenger/Instagram 的 message_N.json</translation>
    </message>
    <message>
        <source>no message has &apos;sender_name&apos; or &apos;timestamp_ms&apos;: not a Messenger/Instagram message_N.json (another app&apos;s export? choose its format)</source>
        <comment>messenger.not_messenger</comment>
        <translation>没有任何消息含 sender_name 或 timestamp_ms：不是 Messenger/Instagram 的 message_N.json（是其他应用的导出文件？请选择相应格式）</translation>
    </message>
    <message>
        <source>message is not a JSON object; kept as unknown</source>
        <comment>messenger.not_object</comment>
        <translation>消息不是 JSON 对象；按未知类型保留</translation>
    </message>
    <message>
        <source>{count} conversations ({shown}); pick one message_N.json</source>
        <comment>messenger.several</comment>
        <translation>共 {count} 个对话（{shown}）；请选择其中一个 message_N.json</translation>
    </message>
    <message>
        <source>{count} conversations ({shown} and {more} more); pick one message_N.json</source>
        <comment>messenger.several_more</comment>
        <translation>共 {count} 个对话（{shown} 等，另有 {more} 个）；请选择其中一个 message_N.json</translation>
    </message>
    <message>
        <source>message type {type!r} kept as unknown</source>
        <comment>messenger.unknown_type</comment>
        <translation>消息类型“{type}”按未知类型保留</translation>
    </message>
    <message>
        <source>bucket {bucket} has no Object Lock enabled: evidence must not be deletable; create the bucket with Object Lock</source>
        <comment>object_store.no_lock</comment>
        <translation>存储桶 {bucket} 未启用对象锁定：证据不得可被删除；请创建启用对象锁定的存储桶</translation>
    </message>
    <message>
        <source>object {key} holds {size} bytes after the upload, not {expected}</source>
        <comment>object_store.stored_other</comment>
        <translation>上传后对象 {key} 为 {size} 字节，而不是 {expected} 字节</translation>
    </message>
    <message>
        <source>bucket {bucket} cannot be read ({error})</source>
        <comment>object_store.unreachable</comment>
        <translation>无法读取存储桶 {bucket}（{error}）</translation>
    </message>
    <message>
        <source>--blobs must be s3://BUCKET[/PREFIX], not {url}</source>
        <comment>object_store.url</comment>
        <translation>--blobs 必须是 s3://存储桶[/前缀]，而不是 {url}</translation>
    </message>
    <message>
        <source>the sealed OCR result&apos;s digest {found} is not the one ledger entry {seq} records ({recorded})</source>
        <comment>ocr.changed</comment>
        <translation>封存的 OCR 结果摘要 {found} 与账本第 {seq} 条记录的摘要（{recorded}）不一致</translation>
    </message>
    <message>
        <source>reading the original again gives digest {found}, not {recorded} (ledger entry {seq}); the engine or its models changed since: {recorded_version} then, {version} now</source>
        <comment>ocr.engine_changed</comment>
        <translation>重新识别原件得到摘要 {found}，而非账本第 {seq} 条记录的 {recorded}；识别引擎或其模型已变更：当时为 {recorded_version}，现在为 {version}</translation>
    </message>
    <message>
        <source>item {item} is not a screenshot of contact {contact} with the original {sha256}</source>
        <comment>ocr.item_unknown</comment>
        <translation>条目 {item} 不是联系人 {contact} 的原件为 {sha256} 的截图</translation>
    </message>
    <message>
        <source>the ledger records an OCR result (entry {seq}) that is not in the store</source>
        <comment>ocr.missing</comment>
        <translation>账本记录了一项 OCR 结果（第 {seq} 条），但存储中没有该结果</translation>
    </message>
    <message>
        <source>no screenshot item {item}</source>
        <comment>ocr.no_screenshot</comment>
        <translation>没有截图条目 {item}</translation>
    </message>
    <message>
        <source>{count} screenshot {count:reading|readings} checked against the ledger, not read again (verify --deep reads every screenshot again)</source>
        <comment>ocr.not_reread</comment>
        <translation>已核对 {count} 份截图识别结果与存证链一致，未重新识别（verify --deep 会重新识别每张截图）</translation>
    </message>
    <message>
        <source>the sealed OCR result does not open under the case key ({error})</source>
        <comment>ocr.opens_not</comment>
        <translation>封存的 OCR 结果无法用案件密钥解密（{error}）</translation>
    </message>
    <message>
        <source>reading the original again gives digest {found}, not the {recorded} of ledger entry {seq} (same engine {version})</source>
        <comment>ocr.reads_otherwise</comment>
        <translation>重新识别原件得到摘要 {found}，而非账本第 {seq} 条记录的 {recorded}（同一引擎 {version}）</translation>
    </message>
    <message>
        <source>{count} {count:screenshot|screenshots} read again by OCR, each the same as the reading the ledger records</source>
        <comment>ocr.reread_same</comment>
        <translation>已用 OCR 重新识别 {count} 张截图，结果均与存证链记录的识别结果一致</translation>
    </message>
    <message>
        <source>an OCR result is in the store but no ledger entry records it (inserted outside the app)</source>
        <comment>ocr.unrecorded</comment>
        <translation>存储中有一项 OCR 结果，但没有任何账本记录（系在应用之外插入）</translation>
    </message>
    <message>
        <source>OCR result of item {item}</source>
        <comment>ocr.where</comment>
        <translation>条目 {item} 的 OCR 结果</translation>
    </message>
    <message>
        <source>an invitation code is {length} letters A-Z and digits 2-7</source>
        <comment>org.bad_code</comment>
        <translation>邀请码由 {length} 个字母 A-Z 和数字 2-7 组成</translation>
    </message>
    <message>
        <source>checkpoint {checkpoint} is not signed by the hub key {hub_key} this file pins</source>
        <comment>org.checkpoint_signature</comment>
        <translation>检查点 {checkpoint} 未由本文件固定的中心服务器密钥 {hub_key} 签名</translation>
    </message>
    <message>
        <source>entry {seq} of device {device} does not hash to its contents</source>
        <comment>org.entry_hash</comment>
        <translation>设备 {device} 的第 {seq} 条记录与其内容的哈希不符</translation>
    </message>
    <message>
        <source>entry {seq} of device {device} does not follow the last one held ({last})</source>
        <comment>org.link</comment>
        <translation>设备 {device} 的第 {seq} 条记录没有接在已持有的最后一条（{last}）之后</translation>
    </message>
    <message>
        <source>no open invitation of the organisation matches this code for {user}</source>
        <comment>org.no_invite</comment>
        <translation>本机构没有与此邀请码相符、给 {user} 的待使用邀请</translation>
    </message>
    <message>
        <source>no inclusion proof</source>
        <comment>org.no_proof</comment>
        <translation>没有包含证明</translation>
    </message>
    <message>
        <source>not proven at organisation position {index} in checkpoint {checkpoint}</source>
        <comment>org.not_included</comment>
        <translation>未在检查点 {checkpoint} 的组织位置 {index} 得到证明</translation>
    </message>
    <message>
        <source>its signature is not {signer}&apos;s</source>
        <comment>org.not_signed</comment>
        <translation>其签名不是 {signer} 的</translation>
    </message>
    <message>
        <source>the proof is of entry hash {stated} and verdict &apos;{verdict}&apos;, the kit holds {held} and &apos;{held_verdict}&apos;</source>
        <comment>org.other_entry</comment>
        <translation>证明针对记录哈希 {stated} 和裁决“{verdict}”，而证据包中为 {held} 和“{held_verdict}”</translation>
    </message>
    <message>
        <source>entries of this device ({device}) are held as another device&apos;s</source>
        <comment>org.own_device</comment>
        <translation>本设备（{device}）的条目被当作其他设备的条目保存</translation>
    </message>
    <message>
        <source>the hub placed entry {seq} of this device before entry {expected}</source>
        <comment>org.own_order</comment>
        <translation>中心服务器把本设备的第 {seq} 条记录排在第 {expected} 条之前</translation>
    </message>
    <message>
        <source>the hub holds entry {seq} of this device, which this device does not have (or has with another hash): a cloned or restored device</source>
        <comment>org.own_unknown</comment>
        <translation>中心服务器持有本设备的第 {seq} 条记录，但本设备没有这一条（或哈希不同）：设备被克隆或从旧副本恢复</translation>
    </message>
    <message>
        <source>organisation position {org_seq} is not after the last one held ({last})</source>
        <comment>org.position_behind</comment>
        <translation>机构顺序位置 {org_seq} 不在已持有的最后位置（{last}）之后</translation>
    </message>
    <message>
        <source>organisation position {org_seq} is before the position of an earlier entry of the same device: the organisation&apos;s order was changed</source>
        <comment>org.position_order</comment>
        <translation>机构顺序位置 {org_seq} 排在同一设备更早条目的位置之前：机构顺序被改动</translation>
    </message>
    <message>
        <source>organisation position {org_seq} is given to two entries</source>
        <comment>org.position_twice</comment>
        <translation>机构顺序位置 {org_seq} 被分给了两条记录</translation>
    </message>
    <message>
        <source>device {device} seq {seq}, before joining the organisation</source>
        <comment>org.pre_org</comment>
        <translation>设备 {device} 序号 {seq}（加入组织之前）</translation>
    </message>
    <message>
        <source>the pulled entry at {where} is refused: {detail}</source>
        <comment>org.pull_refused</comment>
        <translation>拉取的 {where} 被拒绝：{detail}</translation>
    </message>
    <message>
        <source>the time-stamp token does not date checkpoint {checkpoint}: {error}</source>
        <comment>org.stamp_invalid</comment>
        <translation>时间戳令牌不能为检查点 {checkpoint} 确定时间：{error}</translation>
    </message>
    <message>
        <source>not yet covered by an organisation checkpoint (not pushed to the hub, or pushed after the newest checkpoint the device kept)</source>
        <comment>org.uncovered</comment>
        <translation>尚未被组织检查点覆盖（未推送到中心服务器，或在设备保存的最新检查点之后才推送）</translation>
    </message>
    <message>
        <source>not an organisation checkpoint file of this release: {problem}</source>
        <comment>org.unreadable</comment>
        <translation>不是本版本的组织检查点文件：{problem}</translation>
    </message>
    <message>
        <source>device {device} seq {seq}</source>
        <comment>org.where_device_entry</comment>
        <translation>设备 {device} 第 {seq} 条</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>org.where_own_entry</comment>
        <translation>存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>witness {witness} cosigned checkpoint {theirs}, which does not extend checkpoint {checkpoint}</source>
        <comment>org.witness_fork</comment>
        <translation>见证人 {witness} 联署的检查点 {theirs} 不是检查点 {checkpoint} 的延续</translation>
    </message>
    <message>
        <source>witness {witness}&apos;s cosignature does not verify under the key the kit gives {witness}</source>
        <comment>org.witness_invalid</comment>
        <translation>见证人 {witness} 的联署无法用证据包为 {witness} 提供的密钥验证</translation>
    </message>
    <message>
        <source>witness {witness}: the kit has no key for this user, so the cosignature is unverified</source>
        <comment>org.witness_unverified</comment>
        <translation>见证人 {witness}：证据包中没有该用户的密钥，联署未经验证</translation>
    </message>
    <message>
        <source>its root is not the root of the organisation history this store holds ({held})</source>
        <comment>org_checkpoint.kept_root</comment>
        <translation>其根不是本存储所持组织历史的根（{held}）</translation>
    </message>
    <message>
        <source>not signed by the pinned hub key</source>
        <comment>org_checkpoint.kept_signature</comment>
        <translation>未由已固定的中心服务器密钥签名</translation>
    </message>
    <message>
        <source>the hub&apos;s organisation checkpoint is not one this release reads</source>
        <comment>org_checkpoint.malformed</comment>
        <translation>中心服务器的组织检查点不是本版本能读取的格式</translation>
    </message>
    <message>
        <source>the store kept organisation checkpoints but pinned no hub key</source>
        <comment>org_checkpoint.no_pin</comment>
        <translation>本存储保存了组织检查点，但未固定中心服务器密钥</translation>
    </message>
    <message>
        <source>the hub&apos;s history at checkpoint {second} is not an extension of checkpoint {first} it showed before: nothing is pulled from it</source>
        <comment>org_checkpoint.not_extension</comment>
        <translation>中心服务器在检查点 {second} 的历史不是其先前所示检查点 {first} 的延续：不从其拉取任何内容</translation>
    </message>
    <message>
        <source>the organisation checkpoint names hub {hub_id}, not the pinned hub {pinned}</source>
        <comment>org_checkpoint.other_hub</comment>
        <translation>组织检查点指向中心服务器 {hub_id}，而不是已固定的中心服务器 {pinned}</translation>
    </message>
    <message>
        <source>the hub&apos;s checkpoint {checkpoint} does not match the organisation history this device holds (root {held}): nothing is kept from it</source>
        <comment>org_checkpoint.root</comment>
        <translation>中心服务器的检查点 {checkpoint} 与本设备持有的组织历史（根 {held}）不符：不保留其任何内容</translation>
    </message>
    <message>
        <source>the hub&apos;s organisation checkpoint {checkpoint} is not signed by the pinned hub key</source>
        <comment>org_checkpoint.signature</comment>
        <translation>中心服务器的组织检查点 {checkpoint} 未由已固定的中心服务器密钥签名</translation>
    </message>
    <message>
        <source>witness {witness} cosigned checkpoint {second}, which is not the history this device was shown (checkpoint {first}): the hub shows two histories</source>
        <comment>org_checkpoint.split_view</comment>
        <translation>见证人 {witness} 联署了检查点 {second}，与本设备看到的历史（检查点 {first}）不同：中心服务器展示了两套历史</translation>
    </message>
    <message>
        <source>its time-stamp token does not date this checkpoint ({error})</source>
        <comment>org_checkpoint.stamp_invalid</comment>
        <translation>其时间戳令牌不能为此检查点确定时间（{error}）</translation>
    </message>
    <message>
        <source>its time-stamp token cannot be checked against the roots of a TSA this store configured (the hub&apos;s TSA is not one of them)</source>
        <comment>org_checkpoint.stamp_unchecked</comment>
        <translation>其时间戳令牌无法用本存储配置的时间戳机构根证书检查（中心服务器的时间戳机构不在其中）</translation>
    </message>
    <message>
        <source>its time-stamp token is not base64</source>
        <comment>org_checkpoint.stamp_unreadable</comment>
        <translation>其时间戳令牌不是 base64 编码</translation>
    </message>
    <message>
        <source>{path} cannot be read ({error})</source>
        <comment>org_checkpoint.unreadable</comment>
        <translation>无法读取 {path}（{error}）</translation>
    </message>
    <message>
        <source>organisation checkpoint {checkpoint}</source>
        <comment>org_checkpoint.where</comment>
        <translation>组织检查点 {checkpoint}</translation>
    </message>
    <message>
        <source>{file} in the store folder</source>
        <comment>org_checkpoint.where_file</comment>
        <translation>存储文件夹中的 {file}</translation>
    </message>
    <message>
        <source>bundle {bundle}</source>
        <comment>org_gossip.bundle</comment>
        <translation>证据包 {bundle}</translation>
    </message>
    <message>
        <source>checkpoint {checkpoint} in it is not signed by the pinned hub key</source>
        <comment>org_gossip.hub_signature</comment>
        <translation>其中的检查点 {checkpoint} 不是由已固定的中心密钥签名的</translation>
    </message>
    <message>
        <source>this store is bound to no hub: it holds no organisation checkpoint to exchange</source>
        <comment>org_gossip.no_hub</comment>
        <translation>此存储未绑定任何中心：没有可交换的组织检查点</translation>
    </message>
    <message>
        <source>this device has kept no organisation checkpoint yet: sync with the hub first</source>
        <comment>org_gossip.nothing_seen</comment>
        <translation>此设备尚未保存任何组织检查点：请先与中心同步</translation>
    </message>
    <message>
        <source>its checkpoints are of hub {hub_id}, not of the pinned hub {pinned}</source>
        <comment>org_gossip.other_hub</comment>
        <translation>其中的检查点属于中心 {hub_id}，而不是已固定的中心 {pinned}</translation>
    </message>
    <message>
        <source>user {sender}</source>
        <comment>org_gossip.sender</comment>
        <translation>用户 {sender}</translation>
    </message>
    <message>
        <source>its signature does not verify under the key this store holds for {sender}: the file was altered</source>
        <comment>org_gossip.sender_signature</comment>
        <translation>其签名无法用此存储为 {sender} 保存的密钥验证：文件已被改动</translation>
    </message>
    <message>
        <source>{source} was shown checkpoint {second} by the hub, which is not the history this device holds (checkpoint {first}): the hub shows two histories</source>
        <comment>org_gossip.split_view</comment>
        <translation>中心向{source}展示了检查点 {second}，它不是此设备所持有的历史（检查点 {first}）：中心展示了两套历史</translation>
    </message>
    <message>
        <source>larger than {limit} bytes: not a checkpoint exchange file</source>
        <comment>org_gossip.too_large</comment>
        <translation>大于 {limit} 字节：不是检查点交换文件</translation>
    </message>
    <message>
        <source>not a checkpoint exchange file of this release: {problem}</source>
        <comment>org_gossip.unreadable</comment>
        <translation>不是本版本的检查点交换文件：{problem}</translation>
    </message>
    <message>
        <source>witness {witness} (carried by {sender})</source>
        <comment>org_gossip.witness</comment>
        <translation>见证人 {witness}（由 {sender} 带来）</translation>
    </message>
    <message>
        <source>cannot write: {error}</source>
        <comment>orgkeys.cannot_write</comment>
        <translation>无法写入：{error}</translation>
    </message>
    <message>
        <source>is a folder: give a file name</source>
        <comment>orgkeys.is_folder</comment>
        <translation>这是一个文件夹：请给出文件名</translation>
    </message>
    <message>
        <source>the folder for this file does not exist</source>
        <comment>orgkeys.no_folder</comment>
        <translation>该文件所在的文件夹不存在</translation>
    </message>
    <message>
        <source>cancelled by the user; nothing was stored</source>
        <comment>originals.cancelled</comment>
        <translation>已被用户取消；未保存任何内容</translation>
    </message>
    <message>
        <source>the originals of case {case} are encrypted under the case&apos;s key, which you do not hold yet: an admin&apos;s next login wraps it for you</source>
        <comment>originals.key_missing</comment>
        <translation>案件 {case} 的原始文件以该案件的密钥加密，而您尚未持有该密钥：管理员下次登录时会为您封装</translation>
    </message>
    <message>
        <source>blob file is missing</source>
        <comment>originals.missing</comment>
        <translation>加密文件缺失</translation>
    </message>
    <message>
        <source>the PDF carries no originals: the bundle masks account numbers and the originals hold them in clear (the kit carries the originals)</source>
        <comment>pdfa.originals_masked</comment>
        <translation>PDF 未嵌入原始文件：本证据包遮蔽了账号，而原始文件中账号为明文（原始文件在校验包中）</translation>
    </message>
    <message>
        <source>volume {volume} is {size_mb} MB, over the {max_mb} MB limit: exhibit {exhibit} has {exhibit_mb} MB of originals and starts in it</source>
        <comment>pdfa.volume_over</comment>
        <translation>分册 {volume} 为 {size_mb} MB，超过 {max_mb} MB 上限：证据 {exhibit} 始于该册，其原始文件共 {exhibit_mb} MB</translation>
    </message>
    <message>
        <source>signature {field}: the signed bytes were changed (digest or signature does not verify)</source>
        <comment>pdfsig.broken</comment>
        <translation>签名 {field}：已签名的字节被改动（摘要或签名验证失败）</translation>
    </message>
    <message>
        <source>signature {field} does not cover its whole revision</source>
        <comment>pdfsig.coverage</comment>
        <translation>签名 {field} 未覆盖其所在修订版本的全部内容</translation>
    </message>
    <message>
        <source>document time-stamp {field} does not verify against {roots}</source>
        <comment>pdfsig.doc_timestamp</comment>
        <translation>文档时间戳 {field} 无法依据 {roots} 验证</translation>
    </message>
    <message>
        <source>changed after signature {field} beyond what PAdES appends</source>
        <comment>pdfsig.modified</comment>
        <translation>签名 {field} 之后的改动超出了 PAdES 允许追加的内容</translation>
    </message>
    <message>
        <source>signature {field} is by {subject}, not by the certificate in {chain}</source>
        <comment>pdfsig.other_signer</comment>
        <translation>签名 {field} 的签署人是 {subject}，而不是 {chain} 中的证书</translation>
    </message>
    <message>
        <source>signature {field}: its time-stamp does not verify against {roots}</source>
        <comment>pdfsig.timestamp</comment>
        <translation>签名 {field}：其时间戳无法依据 {roots} 验证</translation>
    </message>
    <message>
        <source>its signatures cannot be read: {error}</source>
        <comment>pdfsig.unreadable</comment>
        <translation>无法读取其签名：{error}</translation>
    </message>
    <message>
        <source>carries no PAdES signature</source>
        <comment>pdfsig.unsigned</comment>
        <translation>没有 PAdES 签名</translation>
    </message>
    <message>
        <source>signature {field}: its certificate does not chain to {chain}</source>
        <comment>pdfsig.untrusted</comment>
        <translation>签名 {field}：其证书无法链接到 {chain}</translation>
    </message>
    <message>
        <source>the PDF volumes are signed without trusted time (PAdES {level}): no time-stamp authority answered; export again when one is reachable</source>
        <comment>pdfsign.unstamped</comment>
        <translation>PDF 分册的签名没有可信时间（PAdES {level}）：没有时间戳服务机构应答；请在可连接时重新导出</translation>
    </message>
    <message>
        <source>role {role} may not {action} (allowed: {allowed})</source>
        <comment>permission.denied</comment>
        <translation>角色“{role}”无权执行“{action}”（有权角色：{allowed}）</translation>
    </message>
    <message>
        <source>beware of calls or messages that use these details to ask for money</source>
        <comment>pipl.advice_beware_fraud_calls</comment>
        <translation>警惕利用这些信息索要钱款的电话或短信</translation>
    </message>
    <message>
        <source>change passwords you may have shared with us</source>
        <comment>pipl.advice_change_passwords</comment>
        <translation>修改您可能与我们共用过的密码</translation>
    </message>
    <message>
        <source>ask your bank to block or replace an affected card</source>
        <comment>pipl.advice_contact_bank</comment>
        <translation>请银行冻结或更换受影响的银行卡</translation>
    </message>
    <message>
        <source>contact us with any question about this incident</source>
        <comment>pipl.advice_contact_us</comment>
        <translation>如对本事件有任何疑问，请与我们联系</translation>
    </message>
    <message>
        <source>watch your bank and payment accounts for transactions you did not make</source>
        <comment>pipl.advice_watch_accounts</comment>
        <translation>留意您的银行和支付账户中是否有非本人的交易</translation>
    </message>
    <message>
        <source>PIPL art. 13(1): the individual&apos;s consent</source>
        <comment>pipl.basis_consent</comment>
        <translation>《个人信息保护法》第十三条第一项：取得个人的同意</translation>
    </message>
    <message>
        <source>PIPL art. 13(2): necessary to conclude or perform a contract the individual is a party to</source>
        <comment>pipl.basis_contract</comment>
        <translation>《个人信息保护法》第十三条第二项：为订立、履行个人作为一方当事人的合同所必需</translation>
    </message>
    <message>
        <source>PIPL art. 13(4): necessary to protect life, health or property in an emergency</source>
        <comment>pipl.basis_emergency</comment>
        <translation>《个人信息保护法》第十三条第四项：为应对突发事件或紧急情况下为保护生命健康和财产安全所必需</translation>
    </message>
    <message>
        <source>PIPL art. 13(3): necessary to perform a statutory duty or obligation</source>
        <comment>pipl.basis_legal_duty</comment>
        <translation>《个人信息保护法》第十三条第三项：为履行法定职责或者法定义务所必需</translation>
    </message>
    <message>
        <source>PIPL art. 13(5): news reporting or public-opinion supervision in the public interest</source>
        <comment>pipl.basis_news_public_interest</comment>
        <translation>《个人信息保护法》第十三条第五项：为公共利益实施新闻报道、舆论监督等行为</translation>
    </message>
    <message>
        <source>PIPL art. 13(7): another circumstance laws or regulations provide</source>
        <comment>pipl.basis_other_law</comment>
        <translation>《个人信息保护法》第十三条第七项：法律、行政法规规定的其他情形</translation>
    </message>
    <message>
        <source>PIPL art. 13(6): information the individual disclosed, within a reasonable scope</source>
        <comment>pipl.basis_self_disclosed</comment>
        <translation>《个人信息保护法》第十三条第六项：在合理范围内处理个人自行公开的个人信息</translation>
    </message>
    <message>
        <source>unauthorised alteration</source>
        <comment>pipl.breach_alteration</comment>
        <translation>个人信息被非法篡改</translation>
    </message>
    <message>
        <source>destruction or loss of personal information</source>
        <comment>pipl.breach_destruction</comment>
        <translation>个人信息毁损或丢失</translation>
    </message>
    <message>
        <source>compromise of a password or key</source>
        <comment>pipl.breach_key_compromise</comment>
        <translation>密码或密钥泄露</translation>
    </message>
    <message>
        <source>loss or theft of a device holding the store</source>
        <comment>pipl.breach_lost_device</comment>
        <translation>存有证据库的设备丢失或被盗</translation>
    </message>
    <message>
        <source>other incident</source>
        <comment>pipl.breach_other</comment>
        <translation>其他事件</translation>
    </message>
    <message>
        <source>unauthorised access to personal information</source>
        <comment>pipl.breach_unauthorised_access</comment>
        <translation>个人信息被未经授权访问</translation>
    </message>
    <message>
        <source>personal information sent to the wrong recipient</source>
        <comment>pipl.breach_wrong_recipient</comment>
        <translation>个人信息发送给了错误的接收方</translation>
    </message>
    <message>
        <source>chat content</source>
        <comment>pipl.category_chat_content</comment>
        <translation>聊天内容</translation>
    </message>
    <message>
        <source>contact details (chat handles, phone numbers)</source>
        <comment>pipl.category_contact_details</comment>
        <translation>联系方式（聊天账号、电话号码）</translation>
    </message>
    <message>
        <source>debt details (loan reference, amounts)</source>
        <comment>pipl.category_debt_details</comment>
        <translation>债务信息（借款编号、金额）</translation>
    </message>
    <message>
        <source>financial accounts (sensitive)</source>
        <comment>pipl.category_financial_accounts</comment>
        <translation>金融账户（敏感）</translation>
    </message>
    <message>
        <source>identity (names, masked ID number)</source>
        <comment>pipl.category_identity</comment>
        <translation>身份信息（姓名、脱敏身份证号）</translation>
    </message>
    <message>
        <source>identity documents (sensitive)</source>
        <comment>pipl.category_identity_documents</comment>
        <translation>身份证件（敏感）</translation>
    </message>
    <message>
        <source>images and screenshots</source>
        <comment>pipl.category_images</comment>
        <translation>图片和截图</translation>
    </message>
    <message>
        <source>audio and video recordings</source>
        <comment>pipl.category_recordings</comment>
        <translation>录音录像</translation>
    </message>
    <message>
        <source>misuse by an insider</source>
        <comment>pipl.cause_insider_misuse</comment>
        <translation>内部人员滥用</translation>
    </message>
    <message>
        <source>a device was lost or stolen</source>
        <comment>pipl.cause_lost_or_stolen_device</comment>
        <translation>设备丢失或被盗</translation>
    </message>
    <message>
        <source>malicious software</source>
        <comment>pipl.cause_malware</comment>
        <translation>恶意软件</translation>
    </message>
    <message>
        <source>a bundle was exported or sent to the wrong recipient</source>
        <comment>pipl.cause_misdirected_export</comment>
        <translation>证据包导出或发送给了错误的接收方</translation>
    </message>
    <message>
        <source>other cause</source>
        <comment>pipl.cause_other</comment>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>a software fault</source>
        <comment>pipl.cause_software_fault</comment>
        <translation>软件故障</translation>
    </message>
    <message>
        <source>credentials were stolen or disclosed</source>
        <comment>pipl.cause_stolen_credentials</comment>
        <translation>登录凭据被盗或泄露</translation>
    </message>
    <message>
        <source>{field} must be one of {allowed}, not {value}</source>
        <comment>pipl.code_unknown</comment>
        <translation>{field} 必须是 {allowed} 之一，不能是 {value}</translation>
    </message>
    <message>
        <source>{field} must be a whole number of zero or more, not {value}</source>
        <comment>pipl.count_invalid</comment>
        <translation>{field} 必须是零或正整数，不能是 {value}</translation>
    </message>
    <message>
        <source>discovered_at ({value}) is after the record was filed ({at})</source>
        <comment>pipl.discovered_late</comment>
        <translation>发现时间（{value}）晚于记录登记时间（{at}）</translation>
    </message>
    <message>
        <source>discrimination</source>
        <comment>pipl.harm_discrimination</comment>
        <translation>歧视</translation>
    </message>
    <message>
        <source>fraud or financial loss</source>
        <comment>pipl.harm_fraud_or_financial_loss</comment>
        <translation>诈骗或财产损失</translation>
    </message>
    <message>
        <source>harassment</source>
        <comment>pipl.harm_harassment</comment>
        <translation>骚扰</translation>
    </message>
    <message>
        <source>identity theft</source>
        <comment>pipl.harm_identity_theft</comment>
        <translation>身份被冒用</translation>
    </message>
    <message>
        <source>no harm identified so far</source>
        <comment>pipl.harm_none_identified</comment>
        <translation>目前尚未发现危害</translation>
    </message>
    <message>
        <source>damage to reputation</source>
        <comment>pipl.harm_reputation</comment>
        <translation>名誉受损</translation>
    </message>
    <message>
        <source>the bundle is handed over in an encrypted container or in person</source>
        <comment>pipl.measure_encrypted_transport</comment>
        <translation>证据包以加密容器或当面方式交付</translation>
    </message>
    <message>
        <source>the debtor&apos;s identity documents are included unmasked: the approval rests on them and the court needs them to identify the party</source>
        <comment>pipl.measure_identity_documents_unmasked</comment>
        <translation>债务人的身份证明材料未作遮蔽：联系审批以其为依据，法院亦需据此确认当事人身份</translation>
    </message>
    <message>
        <source>digests, signatures and time stamps let the recipient detect any change</source>
        <comment>pipl.measure_integrity_proofs</comment>
        <translation>摘要、签名和时间戳使接收方能够发现任何改动</translation>
    </message>
    <message>
        <source>account numbers and ID numbers are masked unless needed</source>
        <comment>pipl.measure_masking</comment>
        <translation>账号和身份证号除确有必要外均经脱敏</translation>
    </message>
    <message>
        <source>only the case&apos;s approved contacts and the chosen date range are exported</source>
        <comment>pipl.measure_need_to_know_scope</comment>
        <translation>仅导出本案已批准的联系人及所选日期范围</translation>
    </message>
    <message>
        <source>the recipient is bound to confidentiality and to the stated purpose</source>
        <comment>pipl.measure_recipient_confidentiality</comment>
        <translation>接收方负有保密义务，且仅可用于所述目的</translation>
    </message>
    <message>
        <source>the recipient is asked to delete the bundle when the purpose is achieved</source>
        <comment>pipl.measure_retention_limit</comment>
        <translation>要求接收方在目的实现后删除证据包</translation>
    </message>
    <message>
        <source>{field} must be an RFC 3339 instant, not {value}</source>
        <comment>pipl.not_instant</comment>
        <translation>{field} 必须是 RFC 3339 时间，不能是 {value}</translation>
    </message>
    <message>
        <source>court</source>
        <comment>pipl.recipient_court</comment>
        <translation>法院</translation>
    </message>
    <message>
        <source>law firm</source>
        <comment>pipl.recipient_law_firm</comment>
        <translation>律师事务所</translation>
    </message>
    <message>
        <source>other recipient</source>
        <comment>pipl.recipient_other</comment>
        <translation>其他接收方</translation>
    </message>
    <message>
        <source>outsourced service provider</source>
        <comment>pipl.recipient_outsourcer</comment>
        <translation>受托服务机构</translation>
    </message>
    <message>
        <source>the user&apos;s access was revoked</source>
        <comment>pipl.remedy_access_revoked</comment>
        <translation>已撤销相关用户的访问权限</translation>
    </message>
    <message>
        <source>the device was wiped remotely</source>
        <comment>pipl.remedy_device_wiped</comment>
        <translation>已远程擦除设备</translation>
    </message>
    <message>
        <source>case keys were wrapped again for the remaining members</source>
        <comment>pipl.remedy_keys_rewrapped</comment>
        <translation>已为其余成员重新封装案件密钥</translation>
    </message>
    <message>
        <source>other measures</source>
        <comment>pipl.remedy_other</comment>
        <translation>其他措施</translation>
    </message>
    <message>
        <source>all passwords were changed</source>
        <comment>pipl.remedy_passwords_rotated</comment>
        <translation>已更换全部密码</translation>
    </message>
    <message>
        <source>the recipient was asked to delete what it received and confirm</source>
        <comment>pipl.remedy_recipient_asked_to_delete</comment>
        <translation>已要求接收方删除所收到的信息并确认</translation>
    </message>
    <message>
        <source>the authority in charge of personal information protection was notified</source>
        <comment>pipl.remedy_regulator_notified</comment>
        <translation>已向履行个人信息保护职责的部门报告</translation>
    </message>
    <message>
        <source>a processing record must be kept until at least {minimum} (3 years, PIPL art. 56), not {value}</source>
        <comment>pipl.retain_short</comment>
        <translation>处理情况记录至少应保存至 {minimum}（三年，《个人信息保护法》第五十六条），不能是 {value}</translation>
    </message>
    <message>
        <source>high</source>
        <comment>pipl.risk_high</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>low</source>
        <comment>pipl.risk_low</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <comment>pipl.risk_medium</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>sensitive_categories must be the sensitive ones of data_categories ({expected}), not {value}</source>
        <comment>pipl.sensitive_mismatch</comment>
        <translation>sensitive_categories 必须是 data_categories 中的敏感种类（{expected}），不能是 {value}</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <comment>pipl.text_required</comment>
        <translation>{field} 为必填项</translation>
    </message>
    <message>
        <source>the file {key} of the joining store&apos;s history ({table}) is on record in the organisation already</source>
        <comment>pre_org.blob_taken</comment>
        <translation>加入的存储库历史中的文件 {key}（{table}）已在组织中登记</translation>
    </message>
    <message>
        <source>the store&apos;s history breaks the rule table (entry {seq}: {rule}): the join is refused</source>
        <comment>pre_org.broken</comment>
        <translation>该存储库的历史违反规则表（条目 {seq}：{rule}）：加入被拒绝</translation>
    </message>
    <message>
        <source>case {case} of the joining store&apos;s history is a case of the organisation already</source>
        <comment>pre_org.case_taken</comment>
        <translation>加入的存储库历史中的案件 {case} 已是组织的案件</translation>
    </message>
    <message>
        <source>the join lists cases {said}, but the store&apos;s history created {cases}</source>
        <comment>pre_org.cases</comment>
        <translation>加入条目列出的案件为 {said}，但该存储库的历史创建的是 {cases}</translation>
    </message>
    <message>
        <source>the join names keys for {user} other than the ones the store&apos;s history holds for them: a join cannot put fresh keys behind a name with history</source>
        <comment>pre_org.keys_differ</comment>
        <translation>加入条目为 {user} 登记的密钥与该存储库历史中其密钥不同：加入不能为有历史的用户名换上新密钥</translation>
    </message>
    <message>
        <source>the join&apos;s description of the store&apos;s history is malformed</source>
        <comment>pre_org.malformed</comment>
        <translation>加入条目对存储库历史的描述格式不正确</translation>
    </message>
    <message>
        <source>the join describes a history that its device does not have (the device&apos;s first entry is not its own store.init)</source>
        <comment>pre_org.no_history</comment>
        <translation>加入条目描述的历史并不属于该设备（该设备的第一条条目不是其自己的 store.init）</translation>
    </message>
    <message>
        <source>{user} is not an active user of the joining store&apos;s history</source>
        <comment>pre_org.not_a_user</comment>
        <translation>{user} 不是加入的存储库历史中的有效用户</translation>
    </message>
    <message>
        <source>{table} row {key} of the joining store&apos;s history is a row of the organisation already</source>
        <comment>pre_org.row_taken</comment>
        <translation>加入的存储库历史中 {table} 的记录 {key} 已是组织的记录</translation>
    </message>
    <message>
        <source>the join says the store&apos;s history is {said} entries ending at {head}, but it is {size} entries</source>
        <comment>pre_org.size</comment>
        <translation>加入条目称该存储库的历史为 {said} 条、结束于 {head}，但实际为 {size} 条</translation>
    </message>
    <message>
        <source>processing record {record} of bundle {bundle} is not followed by that bundle&apos;s export entry (bundle.export with the same bundle id and evidence manifest digest)</source>
        <comment>processing.no_export</comment>
        <translation>证据包 {bundle} 的处理情况记录 {record} 之后没有该证据包的导出记录（bundle.export，证据包编号和证据清单摘要相同）</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>processing.where</comment>
        <translation>账本第 {seq} 条</translation>
    </message>
    <message>
        <source>contact {contact} has no document with digest {sha256}</source>
        <comment>reading.no_document</comment>
        <translation>联系人 {contact} 没有哈希值为 {sha256} 的材料</translation>
    </message>
    <message>
        <source>no import {import_id}</source>
        <comment>reading.no_import</comment>
        <translation>没有导入记录 {import_id}</translation>
    </message>
    <message>
        <source>no message {message}</source>
        <comment>reading.no_message</comment>
        <translation>没有消息 {message}</translation>
    </message>
    <message>
        <source>a receipt from the hub (entries {seq_from} to {seq_to}) is not signed by the pinned hub key</source>
        <comment>receipt.bad_signature</comment>
        <translation>中心的一张回执（条目 {seq_from} 至 {seq_to}）不是由已固定的中心密钥签名的</translation>
    </message>
    <message>
        <source>the hub places this device&apos;s entries {seq_from} to {seq_to} otherwise than its signed receipt states: nothing is pulled from it</source>
        <comment>receipt.denied</comment>
        <translation>中心对本设备条目 {seq_from} 至 {seq_to} 的排位与其签名回执所述不符：不从该中心拉取任何内容</translation>
    </message>
    <message>
        <source>the hub acknowledged entries this device does not hold as written (entry hash or Merkle root after entry {seq} differs)</source>
        <comment>receipt.entries</comment>
        <translation>中心确认的条目与本设备所写的不一致（条目 {seq} 处的条目哈希或其后的 Merkle 根不同）</translation>
    </message>
    <message>
        <source>the hub {hub_id} answers with receipt key {key}, not the key {pinned} this store pinned: its receipts are not accepted</source>
        <comment>receipt.hub_key_changed</comment>
        <translation>中心 {hub_id} 以回执密钥 {key} 应答，而非本存储库固定的密钥 {pinned}：不接受其回执</translation>
    </message>
    <message>
        <source>this store has pinned no hub key: the hub&apos;s receipts cannot be checked</source>
        <comment>receipt.hub_not_pinned</comment>
        <translation>本存储库尚未固定中心密钥：无法核验中心的回执</translation>
    </message>
    <message>
        <source>a receipt from the hub names hub {hub_id} and device {device}, not this store</source>
        <comment>receipt.hub_other_device</comment>
        <translation>中心的一张回执指向中心 {hub_id} 和设备 {device}，而非本存储库</translation>
    </message>
    <message>
        <source>{file} holds a receipt key a rotation retired: the hub would sign what devices refuse (restore the newest key)</source>
        <comment>receipt.key_retired</comment>
        <translation>{file} 中是已被轮换停用的回执密钥：中心将签出设备拒收的内容（请恢复最新的密钥）</translation>
    </message>
    <message>
        <source>not a receipt this release reads</source>
        <comment>receipt.malformed</comment>
        <translation>不是本版本可读取的回执</translation>
    </message>
    <message>
        <source>a receipt from the hub is not one this release reads</source>
        <comment>receipt.malformed_from_hub</comment>
        <translation>中心的一张回执不是本版本可读取的格式</translation>
    </message>
    <message>
        <source>the store keeps hub receipts but has pinned no hub key to check them</source>
        <comment>receipt.no_pin</comment>
        <translation>存储库保存了中心回执，但没有固定用于核验它们的中心密钥</translation>
    </message>
    <message>
        <source>names hub {hub_id} and device {device}, not this store</source>
        <comment>receipt.other_device</comment>
        <translation>指向中心 {hub_id} 和设备 {device}，而非本存储库</translation>
    </message>
    <message>
        <source>covers entries an earlier receipt covers (up to {seq})</source>
        <comment>receipt.overlap</comment>
        <translation>与之前的回执覆盖了相同的条目（至 {seq}）</translation>
    </message>
    <message>
        <source>{path}: unreadable pinned hub key ({error})</source>
        <comment>receipt.pin_unreadable</comment>
        <translation>{path}：无法读取已固定的中心密钥（{error}）</translation>
    </message>
    <message>
        <source>the hub placed these entries otherwise than its receipt states</source>
        <comment>receipt.placement</comment>
        <translation>中心对这些条目的排位与其回执所述不符</translation>
    </message>
    <message>
        <source>not signed by the pinned hub key</source>
        <comment>receipt.signature</comment>
        <translation>不是由已固定的中心密钥签名的</translation>
    </message>
    <message>
        <source>hub receipt of entries {seq_from} to {seq_to}</source>
        <comment>receipt.where</comment>
        <translation>条目 {seq_from} 至 {seq_to} 的中心回执</translation>
    </message>
    <message>
        <source>hub receipt {id}</source>
        <comment>receipt.where_row</comment>
        <translation>中心回执 {id}</translation>
    </message>
    <message>
        <source>{part} has an invalid value; ignored</source>
        <comment>recording.bad_field</comment>
        <translation>{part} 的值无效；已忽略</translation>
    </message>
    <message>
        <source>the header says {channels} channels at {rate} Hz</source>
        <comment>recording.bad_format</comment>
        <translation>文件头声明为 {channels} 个声道、{rate} Hz</translation>
    </message>
    <message>
        <source>{count} {count:byte|bytes} from here {count:is|are} not audio frames of this stream; the length counts the frames before them</source>
        <comment>recording.bad_frame</comment>
        <translation>从此处起的 {count} 字节不是该音频流的帧；时长只计算此前的帧</translation>
    </message>
    <message>
        <source>{value!r} is not a valid date and time</source>
        <comment>recording.bad_time</comment>
        <translation>“{value}”不是有效的日期时间</translation>
    </message>
    <message>
        <source>{part} has an unknown version {version}</source>
        <comment>recording.bad_version</comment>
        <translation>{part} 的版本 {version} 未知</translation>
    </message>
    <message>
        <source>local time in {zone} (no offset in {source})</source>
        <comment>recording.basis_local</comment>
        <translation>{zone} 当地时间（{source} 中没有时差）</translation>
    </message>
    <message>
        <source>container UTC (Matroska DateUTC)</source>
        <comment>recording.basis_matroska</comment>
        <translation>容器记录的 UTC 时间（Matroska DateUTC）</translation>
    </message>
    <message>
        <source>container UTC (mvhd creation time, seconds since 1904)</source>
        <comment>recording.basis_mvhd</comment>
        <translation>容器记录的 UTC 时间（mvhd 创建时间，自 1904 年起的秒数）</translation>
    </message>
    <message>
        <source>{source} with its offset {offset}</source>
        <comment>recording.basis_offset</comment>
        <translation>{source}，带时差 {offset}</translation>
    </message>
    <message>
        <source>the file ends inside a header ({left} bytes left)</source>
        <comment>recording.cut</comment>
        <translation>文件在某个头部中间结束（仅剩 {left} 字节）</translation>
    </message>
    <message>
        <source>the {format} structure cannot be read ({error})</source>
        <comment>recording.damaged</comment>
        <translation>无法读取该 {format} 文件的结构（{error}）</translation>
    </message>
    <message>
        <source>the audio data declares {declared} bytes but only {present} are present: the file is cut; the length counts the bytes present</source>
        <comment>recording.data_short</comment>
        <translation>音频数据声明为 {declared} 字节，但实际只有 {present} 字节：文件不完整；时长按现有字节计算</translation>
    </message>
    <message>
        <source>{value!r} gives no time of day; no recording time is taken from it</source>
        <comment>recording.date_only</comment>
        <translation>“{value}”只有日期没有具体时间；未据此确定录制时间</translation>
    </message>
    <message>
        <source>{format} recording (file signature)</source>
        <comment>recording.detected</comment>
        <translation>{format} 录音录像（按文件签名识别）</translation>
    </message>
    <message>
        <source>{format} audio recording, {duration} (file signature)</source>
        <comment>recording.detected_audio</comment>
        <translation>{format} 录音，时长 {duration}（按文件签名识别）</translation>
    </message>
    <message>
        <source>{reason}; the file name says {claimed}</source>
        <comment>recording.detected_misnamed</comment>
        <translation>{reason}；文件名表明为 {claimed}</translation>
    </message>
    <message>
        <source>{format} video recording, {duration} (file signature)</source>
        <comment>recording.detected_video</comment>
        <translation>{format} 录像，时长 {duration}（按文件签名识别）</translation>
    </message>
    <message>
        <source>the EBML document type is {doctype!r}, not Matroska or WebM</source>
        <comment>recording.doctype</comment>
        <translation>EBML 文档类型为“{doctype}”，不是 Matroska 或 WebM</translation>
    </message>
    <message>
        <source>the file has no frame count: the length is estimated from its size at {bitrate} kbit/s</source>
        <comment>recording.duration_estimated</comment>
        <translation>文件未记录帧数：时长按文件大小和 {bitrate} kbit/s 的码率估算</translation>
    </message>
    <message>
        <source>length unknown</source>
        <comment>recording.duration_unknown</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>invalid element ID</source>
        <comment>recording.ebml_bad_id</comment>
        <translation>元素 ID 无效</translation>
    </message>
    <message>
        <source>invalid element size</source>
        <comment>recording.ebml_bad_size</comment>
        <translation>元素长度无效</translation>
    </message>
    <message>
        <source>the first FLAC metadata block is not STREAMINFO</source>
        <comment>recording.flac_no_streaminfo</comment>
        <translation>第一个 FLAC 元数据块不是 STREAMINFO</translation>
    </message>
    <message>
        <source>the last frame is cut; the length counts whole frames only</source>
        <comment>recording.frame_cut</comment>
        <translation>最后一帧不完整；时长只计算完整的帧</translation>
    </message>
    <message>
        <source>the file states a length of {seconds} seconds, which cannot be right; ignored</source>
        <comment>recording.implausible_length</comment>
        <translation>文件注明的时长为 {seconds} 秒，显然有误；已忽略</translation>
    </message>
    <message>
        <source>the file name says {claimed} but the content is {format}</source>
        <comment>recording.misnamed</comment>
        <translation>文件名表明为 {claimed}，但内容是 {format}</translation>
    </message>
    <message>
        <source>the required {part} is missing</source>
        <comment>recording.missing_part</comment>
        <translation>缺少必需的 {part}</translation>
    </message>
    <message>
        <source>the frame count header says {declared} bytes of audio but {present} are present: the file is cut; the length is scaled to the bytes present</source>
        <comment>recording.mp3_short</comment>
        <translation>帧数信息头声明音频为 {declared} 字节，但实际只有 {present} 字节：文件不完整；时长按现有字节比例折算</translation>
    </message>
    <message>
        <source>no audio frames follow the header</source>
        <comment>recording.no_audio</comment>
        <translation>文件头之后没有音频帧</translation>
    </message>
    <message>
        <source>no audio data chunk (data)</source>
        <comment>recording.no_audio_data</comment>
        <translation>缺少音频数据块（data）</translation>
    </message>
    <message>
        <source>the file does not state its length</source>
        <comment>recording.no_duration</comment>
        <translation>文件未注明时长</translation>
    </message>
    <message>
        <source>no MPEG audio frame found</source>
        <comment>recording.no_frame</comment>
        <translation>未找到 MPEG 音频帧</translation>
    </message>
    <message>
        <source>no movie box (moov): the recording was never finished (the app or the phone stopped before saving it) or the file is cut</source>
        <comment>recording.no_moov</comment>
        <translation>缺少影片信息框（moov）：录制未正常结束（应用或手机在保存前停止），或文件不完整</translation>
    </message>
    <message>
        <source>no audio or video track</source>
        <comment>recording.no_tracks</comment>
        <translation>没有音频或视频轨道</translation>
    </message>
    <message>
        <source>not an audio or video recording in a known format ({head})</source>
        <comment>recording.not_recording</comment>
        <translation>不是已知格式的录音或录像（{head}）</translation>
    </message>
    <message>
        <source>the file name says {claimed} but the content is not an audio or video recording in a known format ({head})</source>
        <comment>recording.not_recording_misnamed</comment>
        <translation>文件名表明为 {claimed}，但内容不是已知格式的录音或录像（{head}）</translation>
    </message>
    <message>
        <source>not a valid Ogg page</source>
        <comment>recording.ogg_bad_page</comment>
        <translation>不是有效的 Ogg 页</translation>
    </message>
    <message>
        <source>the Ogg stream holds {codec}, not Opus, Vorbis, Speex or FLAC audio</source>
        <comment>recording.ogg_codec</comment>
        <translation>该 Ogg 流的内容是 {codec}，不是 Opus、Vorbis、Speex 或 FLAC 音频</translation>
    </message>
    <message>
        <source>the last Ogg page is cut; the length is read from the last complete page</source>
        <comment>recording.ogg_cut</comment>
        <translation>最后一个 Ogg 页不完整；时长取自最后一个完整的页</translation>
    </message>
    <message>
        <source>{part} declares {size} bytes but only {left} remain: the file is cut or damaged</source>
        <comment>recording.past_end</comment>
        <translation>{part} 声明长度为 {size} 字节，但文件只剩 {left} 字节：文件不完整或已损坏</translation>
    </message>
    <message>
        <source>the audio data chunk states no real size ({declared}): it is read to the end of the file</source>
        <comment>recording.size_placeholder</comment>
        <translation>音频数据块未声明实际长度（{declared}）：读取至文件末尾</translation>
    </message>
    <message>
        <source>the file type box names {brand}: a still picture (HEIF/AVIF), not a recording</source>
        <comment>recording.still_image</comment>
        <translation>文件类型框标明为 {brand}：这是静态图片（HEIF/AVIF），不是录音录像</translation>
    </message>
    <message>
        <source>the metadata ({part}) is damaged and was not read</source>
        <comment>recording.tags_unreadable</comment>
        <translation>元数据（{part}）已损坏，未读取</translation>
    </message>
    <message>
        <source>{time} does not exist in {zone} (clock change)</source>
        <comment>recording.time_gap</comment>
        <translation>{time} 在 {zone} 中不存在（时钟调整）</translation>
    </message>
    <message>
        <source>{value!r} is not between 1970 and 2100; ignored</source>
        <comment>recording.time_out_of_range</comment>
        <translation>“{value}”不在 1970 年至 2100 年之间；已忽略</translation>
    </message>
    <message>
        <source>{time} occurs twice in {zone} (clock change); the first is used</source>
        <comment>recording.time_twice</comment>
        <translation>{time} 在 {zone} 中出现两次（时钟调整）；采用第一次</translation>
    </message>
    <message>
        <source>nested more than {limit} levels deep</source>
        <comment>recording.too_deep</comment>
        <translation>嵌套层级超过 {limit} 层</translation>
    </message>
    <message>
        <source>more than {limit} boxes, chunks or elements</source>
        <comment>recording.too_many</comment>
        <translation>box、chunk 或元素的数量超过 {limit} 个</translation>
    </message>
    <message>
        <source>{part} holds {size} bytes, fewer than the {need} its fields take</source>
        <comment>recording.too_short</comment>
        <translation>{part} 只有 {size} 字节，少于其字段所需的 {need} 字节</translation>
    </message>
    <message>
        <source>{part} declares {size} bytes, less than its own {header}-byte header</source>
        <comment>recording.too_small</comment>
        <translation>{part} 声明长度为 {size} 字节，小于其自身 {header} 字节的头部</translation>
    </message>
    <message>
        <source>{count} {count:byte follows|bytes follow} the end of the {format} data</source>
        <comment>recording.trailing_bytes</comment>
        <translation>{format} 数据结束之后还有 {count} 字节</translation>
    </message>
    <message>
        <source>{part} states no size, which only the Segment and Clusters may do</source>
        <comment>recording.unknown_size</comment>
        <translation>{part} 未声明长度，只有 Segment 和 Cluster 可以这样做</translation>
    </message>
    <message>
        <source>the records key entry&apos;s wraps name another key than it does</source>
        <comment>records_key.key_id</comment>
        <translation>记录密钥条目中的密钥封装所指的密钥与该条目所述的不同</translation>
    </message>
    <message>
        <source>the records key wrapped for this user has the public key {held}, not the one on record ({on_record})</source>
        <comment>records_key.mismatch</comment>
        <translation>为该用户封装的记录密钥的公钥为 {held}，而不是账本中登记的公钥（{on_record}）</translation>
    </message>
    <message>
        <source>{field} is in clear, but the organisation&apos;s records key is on record: it must be sealed to it</source>
        <comment>records_key.not_sealed</comment>
        <translation>{field} 为明文，但组织的记录密钥已在账本中登记：必须用它加密</translation>
    </message>
    <message>
        <source>the text sealed to the organisation&apos;s records key does not open with it ({error})</source>
        <comment>records_key.opens_not</comment>
        <translation>用组织的记录密钥无法打开加密的文本（{error}）</translation>
    </message>
    <message>
        <source>the records key&apos;s public key is not an X25519 key (64 hex digits)</source>
        <comment>records_key.public_key</comment>
        <translation>记录密钥的公钥不是 X25519 密钥（64 位十六进制）</translation>
    </message>
    <message>
        <source>{place}, {column}</source>
        <comment>records_key.where</comment>
        <translation>{place}，{column}</translation>
    </message>
    <message>
        <source>the records key wrapped for {user}</source>
        <comment>records_key.where_key</comment>
        <translation>为 {user} 封装的记录密钥</translation>
    </message>
    <message>
        <source>a records key entry may wrap only the records key, not the key of {case}</source>
        <comment>records_key.wrap_other</comment>
        <translation>记录密钥条目只能封装记录密钥，不能封装 {case} 的密钥</translation>
    </message>
    <message>
        <source>{value} is not a box [left, top, right, bottom] with area</source>
        <comment>redaction.box</comment>
        <translation>{value} 不是有面积的矩形 [左, 上, 右, 下]</translation>
    </message>
    <message>
        <source>{value} is not a SHA-256 in lower-case hex</source>
        <comment>redaction.digest</comment>
        <translation>{value} 不是小写十六进制的 SHA-256</translation>
    </message>
    <message>
        <source>not a redaction plan (line {line}: {reason})</source>
        <comment>redaction.json</comment>
        <translation>不是遮盖方案（第 {line} 行：{reason}）</translation>
    </message>
    <message>
        <source>{value} is not a whole number of at least 0</source>
        <comment>redaction.number</comment>
        <translation>{value} 不是大于或等于 0 的整数</translation>
    </message>
    <message>
        <source>unknown origin {value} (default or legal)</source>
        <comment>redaction.origin</comment>
        <translation>未知的来源 {value}（应为 default 或 legal）</translation>
    </message>
    <message>
        <source>the export&apos;s redaction record is malformed: {field}</source>
        <comment>redaction.payload_malformed</comment>
        <translation>导出记录中的遮盖记录格式有误：{field}</translation>
    </message>
    <message>
        <source>unknown reason code {value} (TP, AC, ID, IR, PV or OT)</source>
        <comment>redaction.reason</comment>
        <translation>未知的原因代码 {value}（应为 TP、AC、ID、IR、PV 或 OT）</translation>
    </message>
    <message>
        <source>characters {start} to {end} are not inside the message&apos;s text</source>
        <comment>redaction.span</comment>
        <translation>第 {start} 至 {end} 个字符不在该消息的文字范围内</translation>
    </message>
    <message>
        <source>{value} is not a message or image of this bundle</source>
        <comment>redaction.unknown</comment>
        <translation>{value} 不是本证据包中的消息或图像</translation>
    </message>
    <message>
        <source>handle.reindex must put every contact of the device&apos;s history before joining exactly once, and no other ({contact})</source>
        <comment>reindex.contacts</comment>
        <translation>handle.reindex 必须对该设备加入之前历史中的每个联系人恰好写入一次，且不得涉及其他联系人（{contact}）</translation>
    </message>
    <message>
        <source>handle.reindex must put a handle digest (hx1:) for contact {contact}</source>
        <comment>reindex.digest</comment>
        <translation>handle.reindex 必须为联系人 {contact} 写入账号摘要（hx1:）</translation>
    </message>
    <message>
        <source>handle.reindex may only be written by the user who joined this device with its history, as the entry right after that device.join</source>
        <comment>reindex.not_after_join</comment>
        <translation>handle.reindex 只能由携带历史加入该设备的用户写入，且必须紧随该 device.join 条目之后</translation>
    </message>
    <message>
        <source>{setting} must be a whole number of years, at least the retention floor ({floor}), not {value}</source>
        <comment>retention.cap_low</comment>
        <translation>{setting} 必须是整数年，且不少于最短保存期（{floor}），而不是 {value}</translation>
    </message>
    <message>
        <source>case {case} was already closed at {closed_at}</source>
        <comment>retention.closed_once</comment>
        <translation>案件 {case} 已于 {closed_at} 结案</translation>
    </message>
    <message>
        <source>the closure of case {case} records its last record at {value_last} and its deletion date {value}, but the case&apos;s last record is at {expected_last} and its deletion date must be {expected}</source>
        <comment>retention.closure_dates</comment>
        <translation>案件 {case} 的结案记录所载最后一条记录时间为 {value_last}、删除日期为 {value}，但该案件最后一条记录的时间为 {expected_last}，删除日期应为 {expected}</translation>
    </message>
    <message>
        <source>the closure of case {case} must use the retention settings in force (floor {floor}, cap {cap}), not floor {used_floor}, cap {used_cap}</source>
        <comment>retention.closure_years</comment>
        <translation>案件 {case} 的结案必须采用当时有效的保存期限设置（最短 {floor}，最长 {cap}），而不是最短 {used_floor}、最长 {used_cap}</translation>
    </message>
    <message>
        <source>the deletion date of case {case} must be {expected}, not {value}</source>
        <comment>retention.deletion_date</comment>
        <translation>案件 {case} 的删除日期应为 {expected}，而不是 {value}</translation>
    </message>
    <message>
        <source>{setting} ({value}) may not exceed the retention cap ({cap})</source>
        <comment>retention.floor_above_cap</comment>
        <translation>{setting}（{value}）不得超过最长保存期（{cap}）</translation>
    </message>
    <message>
        <source>{setting} must be a whole number of years, at least {minimum} (CC-9), not {value}</source>
        <comment>retention.floor_low</comment>
        <translation>{setting} 必须是整数年，至少 {minimum} 年（CC-9），而不是 {value}</translation>
    </message>
    <message>
        <source>case {case}&apos;s records must be kept until {floor_until} (retention floor, CC-9)</source>
        <comment>retention.floor_not_passed</comment>
        <translation>案件 {case} 的记录必须保存至 {floor_until}（最短保存期，CC-9）</translation>
    </message>
    <message>
        <source>case {case} is under legal hold {hold} (placed by {placed_by}: {reason}); nothing may be deleted until it is lifted</source>
        <comment>retention.held</comment>
        <translation>案件 {case} 处于法律保全 {hold}（由 {placed_by} 设置：{reason}）；解除之前不得删除任何内容</translation>
    </message>
    <message>
        <source>case {case} is already under legal hold {hold} (placed by {placed_by}); lift it first</source>
        <comment>retention.hold_active</comment>
        <translation>案件 {case} 已处于法律保全 {hold}（由 {placed_by} 设置）；请先解除</translation>
    </message>
    <message>
        <source>hold {hold} is not in force (lifted by {lifted_by})</source>
        <comment>retention.hold_not_active</comment>
        <translation>保全 {hold} 已不在效力中（由 {lifted_by} 解除）</translation>
    </message>
    <message>
        <source>the closure of case {case} records its last record at {value}, but the case&apos;s last record is at {expected}</source>
        <comment>retention.last_record</comment>
        <translation>案件 {case} 的结案记录所载最后一条记录时间为 {value}，但该案件最后一条记录的时间为 {expected}</translation>
    </message>
    <message>
        <source>case {case} is not under legal hold</source>
        <comment>retention.no_active_hold</comment>
        <translation>案件 {case} 未处于法律保全</translation>
    </message>
    <message>
        <source>no case {case}</source>
        <comment>retention.no_case</comment>
        <translation>没有案件 {case}</translation>
    </message>
    <message>
        <source>no hold {hold} on case {case}</source>
        <comment>retention.no_hold</comment>
        <translation>案件 {case} 没有保全 {hold}</translation>
    </message>
    <message>
        <source>case {case} may be deleted from {delete_after}, not before</source>
        <comment>retention.not_due</comment>
        <translation>案件 {case} 自 {delete_after} 起方可删除，此前不得删除</translation>
    </message>
    <message>
        <source>case {case} is not closed: it has no deletion date yet</source>
        <comment>retention.open</comment>
        <translation>案件 {case} 尚未结案：还没有删除日期</translation>
    </message>
    <message>
        <source>a reason is required</source>
        <comment>retention.reason_required</comment>
        <translation>必须填写理由</translation>
    </message>
    <message>
        <source>the final size of device {device} must be the {held} entries the organisation holds of it here, not {size}</source>
        <comment>retire.final_size</comment>
        <translation>设备 {device} 的最终条数必须是组织在此处持有的 {held} 条，而不是 {size}</translation>
    </message>
    <message>
        <source>device {device} may not retire itself: an admin on another device retires it</source>
        <comment>retire.own_device</comment>
        <translation>设备 {device} 不能停用自己：须由管理员在另一台设备上停用它</translation>
    </message>
    <message>
        <source>{reason} is not a reason to retire a device (lost, stolen, replaced, left)</source>
        <comment>retire.reason</comment>
        <translation>{reason} 不是停用设备的理由（lost、stolen、replaced、left）</translation>
    </message>
    <message>
        <source>device {device} was retired by {by} at {at} ({reason}) with {size} entries: its entry {seq} does not stand</source>
        <comment>retire.retired</comment>
        <translation>设备 {device} 已由 {by} 于 {at} 停用（{reason}），共 {size} 条记录：其第 {seq} 条记录无效</translation>
    </message>
    <message>
        <source>device {device} was already retired by {by} at {at}</source>
        <comment>retire.twice</comment>
        <translation>设备 {device} 已由 {by} 于 {at} 停用</translation>
    </message>
    <message>
        <source>{device} is not a device that joined the organisation</source>
        <comment>retire.unknown_device</comment>
        <translation>{device} 不是加入本组织的设备</translation>
    </message>
    <message>
        <source>tag {tag_id} was already removed by {removed_by} at {removed_at}</source>
        <comment>review.already_removed</comment>
        <translation>标签 {tag_id} 已由 {removed_by} 于 {removed_at} 撤回</translation>
    </message>
    <message>
        <source>use YYYY-MM-DD or an ISO date-time</source>
        <comment>review.bad_date</comment>
        <translation>请使用 YYYY-MM-DD 或 ISO 日期时间格式</translation>
    </message>
    <message>
        <source>must be in, out or system</source>
        <comment>review.bad_direction</comment>
        <translation>只能是 in、out 或 system</translation>
    </message>
    <message>
        <source>must be 1 or more</source>
        <comment>review.bad_limit</comment>
        <translation>必须大于或等于 1</translation>
    </message>
    <message>
        <source>this {target} already carries the active tag {tag} ({existing}); add a note to it instead</source>
        <comment>review.duplicate_tag</comment>
        <translation>该{target}已有有效的“{tag}”标签（{existing}）；请改为在该标签上添加备注</translation>
    </message>
    <message>
        <source>the tagged item {item} is not an item of contact {contact}</source>
        <comment>review.item_elsewhere</comment>
        <translation>被标记的证据 {item} 不属于联系人 {contact}</translation>
    </message>
    <message>
        <source>the tagged message {fingerprint} of contact {contact} is not in the store</source>
        <comment>review.message_gone</comment>
        <translation>联系人 {contact} 被标记的消息 {fingerprint} 不在证据库中</translation>
    </message>
    <message>
        <source>no item {item}</source>
        <comment>review.no_item</comment>
        <translation>没有证据 {item}</translation>
    </message>
    <message>
        <source>no message {message}</source>
        <comment>review.no_message</comment>
        <translation>没有消息 {message}</translation>
    </message>
    <message>
        <source>no tag {tag_id}</source>
        <comment>review.no_tag</comment>
        <translation>没有标签 {tag_id}</translation>
    </message>
    <message>
        <source>the tag names no message or item</source>
        <comment>review.no_target</comment>
        <translation>该标签既未指向消息也未指向证据</translation>
    </message>
    <message>
        <source>tag {tag_id} was set by {created_by}: field staff may remove only their own tags; ask a supervisor or the legal team</source>
        <comment>review.not_own_tag</comment>
        <translation>标签 {tag_id} 由 {created_by} 添加：一线员工只能撤回自己的标签；请联系主管或法务</translation>
    </message>
    <message>
        <source>a free note needs its text</source>
        <comment>review.note_text</comment>
        <translation>自由备注必须填写内容</translation>
    </message>
    <message>
        <source>tag {tag_id} was removed meanwhile by {removed_by}</source>
        <comment>review.removed_meanwhile</comment>
        <translation>标签 {tag_id} 刚刚已被 {removed_by} 撤回</translation>
    </message>
    <message>
        <source>unknown tag (known: {known})</source>
        <comment>review.unknown_tag</comment>
        <translation>未知标签（可用：{known}）</translation>
    </message>
    <message>
        <source>tag {tag_id}</source>
        <comment>review.where_tag</comment>
        <translation>标签 {tag_id}</translation>
    </message>
    <message>
        <source>signed attribute {name} occurs twice</source>
        <comment>rfc3161.attr_twice</comment>
        <translation>签名属性 {name} 出现了两次</translation>
    </message>
    <message>
        <source>content-type or message-digest attribute is missing</source>
        <comment>rfc3161.attrs_missing</comment>
        <translation>缺少 content-type 或 message-digest 属性</translation>
    </message>
    <message>
        <source>nonce must be a positive integer below 2**160</source>
        <comment>rfc3161.bad_nonce</comment>
        <translation>随机数必须是小于 2**160 的正整数</translation>
    </message>
    <message>
        <source>bad signature algorithm: {error}</source>
        <comment>rfc3161.bad_signature_alg</comment>
        <translation>签名算法无效：{error}</translation>
    </message>
    <message>
        <source>timeout must be positive</source>
        <comment>rfc3161.bad_timeout</comment>
        <translation>超时时间必须大于零</translation>
    </message>
    <message>
        <source>TSA URL must be http(s)://host/...: {url!r}</source>
        <comment>rfc3161.bad_url</comment>
        <translation>时间戳机构的网址必须为 http(s)://主机/… 格式：{url}</translation>
    </message>
    <message>
        <source>cannot encode request: {error}</source>
        <comment>rfc3161.cannot_encode</comment>
        <translation>无法编码请求：{error}</translation>
    </message>
    <message>
        <source>content-type attribute is not id-ct-TSTInfo</source>
        <comment>rfc3161.content_type</comment>
        <translation>content-type 属性不是 id-ct-TSTInfo</translation>
    </message>
    <message>
        <source>the message-digest attribute does not match the TSTInfo: the content was altered</source>
        <comment>rfc3161.digest_mismatch</comment>
        <translation>message-digest 属性与 TSTInfo 不符：内容已被改动</translation>
    </message>
    <message>
        <source>digest is {size} bytes, {algorithm} needs {needed}</source>
        <comment>rfc3161.digest_size</comment>
        <translation>摘要为 {size} 字节，{algorithm} 需要 {needed} 字节</translation>
    </message>
    <message>
        <source>the TSA certificate&apos;s extended key usage is not critical</source>
        <comment>rfc3161.eku_not_critical</comment>
        <translation>时间戳机构证书的扩展密钥用法未标记为关键</translation>
    </message>
    <message>
        <source>the TSA certificate&apos;s extended key usage must be exactly id-kp-timeStamping</source>
        <comment>rfc3161.eku_not_timestamping</comment>
        <translation>时间戳机构证书的扩展密钥用法必须仅为 id-kp-timeStamping</translation>
    </message>
    <message>
        <source>the signing-certificate issuer/serial does not match the signer&apos;s certificate</source>
        <comment>rfc3161.ess_issuer</comment>
        <translation>signing-certificate 的签发者/序列号与签名人的证书不符</translation>
    </message>
    <message>
        <source>the signing-certificate attribute names a different certificate than the signer&apos;s</source>
        <comment>rfc3161.ess_other</comment>
        <translation>signing-certificate 属性指向的证书不是签名人的证书</translation>
    </message>
    <message>
        <source>unreadable extensions: {error}</source>
        <comment>rfc3161.extensions</comment>
        <translation>无法读取证书扩展：{error}</translation>
    </message>
    <message>
        <source>time-stamp {tsa_reason}: {detail}</source>
        <comment>rfc3161.failed</comment>
        <translation>时间戳（{tsa_reason}）：{detail}</translation>
    </message>
    <message>
        <source>genTime missing or not in UTC</source>
        <comment>rfc3161.gen_time</comment>
        <translation>genTime 缺失或不是 UTC 时间</translation>
    </message>
    <message>
        <source>{what} uses {algorithm}, not accepted</source>
        <comment>rfc3161.hash_not_accepted</comment>
        <translation>{what}使用 {algorithm}，不予接受</translation>
    </message>
    <message>
        <source>hash algorithm {algorithm!r} not supported; use one of {choices}</source>
        <comment>rfc3161.hash_unsupported</comment>
        <translation>不支持哈希算法 {algorithm}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>{url} answered HTTP {status} {status_text}</source>
        <comment>rfc3161.http_status</comment>
        <translation>{url} 返回 HTTP {status} {status_text}</translation>
    </message>
    <message>
        <source>the token stamps a different hash than the one sent</source>
        <comment>rfc3161.imprint</comment>
        <translation>时间戳令牌加盖的哈希与发送的不同</translation>
    </message>
    <message>
        <source>the token stamps a {found} imprint, expected {expected}</source>
        <comment>rfc3161.imprint_alg</comment>
        <translation>时间戳令牌加盖的是 {found} 摘要，应为 {expected}</translation>
    </message>
    <message>
        <source>{url}: answer not complete before the deadline</source>
        <comment>rfc3161.incomplete</comment>
        <translation>{url}：在时限内未收到完整应答</translation>
    </message>
    <message>
        <source>signature algorithm {kind} does not fit the signer&apos;s {key_type}</source>
        <comment>rfc3161.key_mismatch</comment>
        <translation>签名算法 {kind} 与签名人的 {key_type} 不匹配</translation>
    </message>
    <message>
        <source>signer key not supported: {error}</source>
        <comment>rfc3161.key_unsupported</comment>
        <translation>不支持签名人的密钥：{error}</translation>
    </message>
    <message>
        <source>the TSA certificate&apos;s key usage must be digitalSignature and/or nonRepudiation</source>
        <comment>rfc3161.key_usage</comment>
        <translation>时间戳机构证书的密钥用法必须为 digitalSignature 和/或 nonRepudiation</translation>
    </message>
    <message>
        <source>{error}</source>
        <comment>rfc3161.library_unsupported</comment>
        <translation>加密库不支持：{error}</translation>
    </message>
    <message>
        <source>now must be an aware datetime</source>
        <comment>rfc3161.naive_now</comment>
        <translation>当前时间必须带时区</translation>
    </message>
    <message>
        <source>{url}: no answer within {timeout:g} s</source>
        <comment>rfc3161.no_answer</comment>
        <translation>{url}：{timeout} 秒内无应答</translation>
    </message>
    <message>
        <source>{subject} is not a CA (no basicConstraints)</source>
        <comment>rfc3161.no_basic_constraints</comment>
        <translation>{subject} 不是证书颁发机构（没有 basicConstraints）</translation>
    </message>
    <message>
        <source>{subject} may not sign certificates</source>
        <comment>rfc3161.no_cert_sign</comment>
        <translation>{subject} 无权签发证书</translation>
    </message>
    <message>
        <source>no chain from {subject} to a trusted root</source>
        <comment>rfc3161.no_chain</comment>
        <translation>从 {subject} 到受信任的根证书没有证书链</translation>
    </message>
    <message>
        <source>the TSA certificate has no extended key usage</source>
        <comment>rfc3161.no_eku</comment>
        <translation>时间戳机构证书没有扩展密钥用法</translation>
    </message>
    <message>
        <source>no signing-certificate(-v2) attribute binds the signer&apos;s certificate</source>
        <comment>rfc3161.no_ess</comment>
        <translation>没有 signing-certificate(-v2) 属性绑定签名人的证书</translation>
    </message>
    <message>
        <source>no trusted TSA roots configured</source>
        <comment>rfc3161.no_roots</comment>
        <translation>没有配置受信任的时间戳机构根证书</translation>
    </message>
    <message>
        <source>the signer has no signed attributes</source>
        <comment>rfc3161.no_signed_attrs</comment>
        <translation>签名人没有签名属性</translation>
    </message>
    <message>
        <source>status granted but no token</source>
        <comment>rfc3161.no_token</comment>
        <translation>状态为已批准，但没有时间戳令牌</translation>
    </message>
    <message>
        <source>the TSTInfo is missing</source>
        <comment>rfc3161.no_tst_info</comment>
        <translation>缺少 TSTInfo</translation>
    </message>
    <message>
        <source>the token does not echo the request&apos;s nonce (replayed or foreign answer)</source>
        <comment>rfc3161.nonce</comment>
        <translation>时间戳令牌未回传请求中的随机数（重放或他人的应答）</translation>
    </message>
    <message>
        <source>{subject} is not a CA</source>
        <comment>rfc3161.not_ca</comment>
        <translation>{subject} 不是证书颁发机构</translation>
    </message>
    <message>
        <source>not a TimeStampResp ({size} bytes)</source>
        <comment>rfc3161.not_response</comment>
        <translation>不是 TimeStampResp（{size} 字节）</translation>
    </message>
    <message>
        <source>token is not a CMS SignedData</source>
        <comment>rfc3161.not_signed_data</comment>
        <translation>时间戳令牌不是 CMS SignedData</translation>
    </message>
    <message>
        <source>eContentType is not id-ct-TSTInfo</source>
        <comment>rfc3161.not_tst_info</comment>
        <translation>eContentType 不是 id-ct-TSTInfo</translation>
    </message>
    <message>
        <source>{subject} is not valid at genTime {at} (valid {start} to {end})</source>
        <comment>rfc3161.not_valid</comment>
        <translation>{subject} 在 genTime {at} 时无效（有效期为 {start} 至 {end}）</translation>
    </message>
    <message>
        <source>path length constraint of {subject} exceeded</source>
        <comment>rfc3161.path_length</comment>
        <translation>超出了 {subject} 的路径长度限制</translation>
    </message>
    <message>
        <source>the token is under policy {found}, requested {requested}</source>
        <comment>rfc3161.policy</comment>
        <translation>时间戳令牌采用策略 {found}，请求的是 {requested}</translation>
    </message>
    <message>
        <source>PSS without MGF1</source>
        <comment>rfc3161.pss_mgf</comment>
        <translation>PSS 未使用 MGF1</translation>
    </message>
    <message>
        <source>{url}: connection refused</source>
        <comment>rfc3161.refused</comment>
        <translation>{url}：连接被拒绝</translation>
    </message>
    <message>
        <source>the TSA refused: {status}</source>
        <comment>rfc3161.rejected</comment>
        <translation>时间戳机构拒绝：{status}</translation>
    </message>
    <message>
        <source>signature check failed: {error}</source>
        <comment>rfc3161.signature_failed</comment>
        <translation>签名校验失败：{error}</translation>
    </message>
    <message>
        <source>the token&apos;s signature does not verify with the TSA key</source>
        <comment>rfc3161.signature_invalid</comment>
        <translation>时间戳令牌的签名无法用时间戳机构的密钥验证</translation>
    </message>
    <message>
        <source>signature algorithm {name} not supported</source>
        <comment>rfc3161.signature_unsupported</comment>
        <translation>不支持签名算法 {name}</translation>
    </message>
    <message>
        <source>the signing certificate is neither in the token nor among the extra certificates</source>
        <comment>rfc3161.signer_not_found</comment>
        <translation>签名证书既不在时间戳令牌中，也不在附加证书中</translation>
    </message>
    <message>
        <source>{count} signers, expected one</source>
        <comment>rfc3161.signers</comment>
        <translation>有 {count} 个签名人，应为一个</translation>
    </message>
    <message>
        <source>genTime {gen_time} is more than {skew} away from the local clock {local}</source>
        <comment>rfc3161.skew</comment>
        <translation>genTime {gen_time} 与本地时钟 {local} 相差超过 {skew}</translation>
    </message>
    <message>
        <source>{url}: answer larger than {limit} bytes</source>
        <comment>rfc3161.too_large</comment>
        <translation>{url}：应答超过 {limit} 字节</translation>
    </message>
    <message>
        <source>{url}: {error!r}</source>
        <comment>rfc3161.transport</comment>
        <translation>{url}：{error}</translation>
    </message>
    <message>
        <source>the TSTInfo tsa field is not a name of the signer</source>
        <comment>rfc3161.tsa_name</comment>
        <translation>TSTInfo 的 tsa 字段不是签名人的名称</translation>
    </message>
    <message>
        <source>cannot compare TSA names: {error}</source>
        <comment>rfc3161.tsa_name_unreadable</comment>
        <translation>无法比较时间戳机构名称：{error}</translation>
    </message>
    <message>
        <source>TSTInfo version is not 1</source>
        <comment>rfc3161.tst_version</comment>
        <translation>TSTInfo 的版本不是 1</translation>
    </message>
    <message>
        <source>unknown hash algorithm {algorithm!r}</source>
        <comment>rfc3161.unknown_hash</comment>
        <translation>未知的哈希算法 {algorithm}</translation>
    </message>
    <message>
        <source>cannot parse the token: {error}</source>
        <comment>rfc3161.unparsable</comment>
        <translation>无法解析时间戳令牌：{error}</translation>
    </message>
    <message>
        <source>{url}: {error}</source>
        <comment>rfc3161.unreachable</comment>
        <translation>{url}：{error}</translation>
    </message>
    <message>
        <source>the ESSCertID</source>
        <comment>rfc3161.what_cert_id</comment>
        <translation>ESSCertID</translation>
    </message>
    <message>
        <source>the signer&apos;s digest</source>
        <comment>rfc3161.what_digest</comment>
        <translation>签名人的摘要</translation>
    </message>
    <message>
        <source>the signature</source>
        <comment>rfc3161.what_signature</comment>
        <translation>签名</translation>
    </message>
    <message>
        <source>is a folder: name the .rsmf file to write</source>
        <comment>rsmf.is_folder</comment>
        <translation>是一个文件夹：请指定要写入的 .rsmf 文件名</translation>
    </message>
    <message>
        <source>is after --to {date_to}</source>
        <comment>scope.after_to</comment>
        <translation>晚于结束日期 {date_to}</translation>
    </message>
    <message>
        <source>{start} — {end} ({days} d)</source>
        <comment>scope.gap</comment>
        <translation>{start} — {end}（{days} 天）</translation>
    </message>
    <message>
        <source>must be at least 1 MB</source>
        <comment>scope.max_volume</comment>
        <translation>不得小于 1 MB</translation>
    </message>
    <message>
        <source>not a date: use YYYY-MM-DD</source>
        <comment>scope.not_date</comment>
        <translation>不是日期：请使用 YYYY-MM-DD 格式</translation>
    </message>
    <message>
        <source>not tagged</source>
        <comment>scope.not_tagged</comment>
        <translation>未标记</translation>
    </message>
    <message>
        <source>must be at least 20 pages</source>
        <comment>scope.page_cap</comment>
        <translation>不得少于 20 页</translation>
    </message>
    <message>
        <source>Press Enter to close this window.</source>
        <comment>selftest.press_enter</comment>
        <translation>按回车键关闭此窗口。</translation>
    </message>
    <message>
        <source>entry {seq}, signed elsewhere, does not follow this store&apos;s ledger, does not hash as stored or is not signed by its writer&apos;s key: nothing was written</source>
        <comment>session.append_refused</comment>
        <translation>在别处签名的条目 {seq} 未接续本存储的账本、其哈希与存储不符，或并非由其写入者的密钥签名：未写入任何内容</translation>
    </message>
    <message>
        <source>{folder}: the store was replaced (restored from a backup) while {user} was logged in; nothing was written. Log in again to work in the restored store</source>
        <comment>session.store_replaced</comment>
        <translation>{folder}：{user} 登录期间证据库已被替换（从备份恢复）；未写入任何内容。请重新登录，以使用恢复后的证据库</translation>
    </message>
    <message>
        <source>must be a whole number, 0 or more</source>
        <comment>setting.not_count</comment>
        <translation>必须是 0 或正整数</translation>
    </message>
    <message>
        <source>must be a whole number, 1 or more</source>
        <comment>setting.not_positive</comment>
        <translation>必须是正整数（1 或以上）</translation>
    </message>
    <message>
        <source>not an IANA time zone (e.g. Asia/Shanghai)</source>
        <comment>setting.not_zone</comment>
        <translation>不是 IANA 时区（例如 Asia/Shanghai）</translation>
    </message>
    <message>
        <source>use HH:MM-HH:MM, e.g. 22:00-08:00</source>
        <comment>setting.quiet_hours</comment>
        <translation>请使用 HH:MM-HH:MM 格式，例如 22:00-08:00</translation>
    </message>
    <message>
        <source>unknown setting (known: {known})</source>
        <comment>setting.unknown</comment>
        <translation>未知设置项（可用：{known}）</translation>
    </message>
    <message>
        <source>must be auto, on or off</source>
        <comment>setting.witness</comment>
        <translation>必须是 auto、on 或 off</translation>
    </message>
    <message>
        <source>setting {key} is reserved: only its own action may put it</source>
        <comment>settings.reserved</comment>
        <translation>设置项 {key} 为保留项：只能由其专用操作写入</translation>
    </message>
    <message>
        <source>the shredding is dated {value}, after its ledger entry ({at})</source>
        <comment>shred.at</comment>
        <translation>销毁日期为 {value}，晚于其存证记录（{at}）</translation>
    </message>
    <message>
        <source>the basis must be expired or request</source>
        <comment>shred.bad_basis</comment>
        <translation>依据必须为 expired 或 request</translation>
    </message>
    <message>
        <source>the basis of a shredding must be expired or request, not {basis}</source>
        <comment>shred.basis</comment>
        <translation>销毁的依据必须为 expired 或 request，而不是 {basis}</translation>
    </message>
    <message>
        <source>content of shredded case {case} is present again ({what})</source>
        <comment>shred.content_present</comment>
        <translation>已销毁案件 {case} 的内容再次出现（{what}）</translation>
    </message>
    <message>
        <source>the tombstone of case {case} records {recorded} {what}, {found} remain</source>
        <comment>shred.count</comment>
        <translation>案件 {case} 的销毁记录载明 {recorded} 个 {what}，现存 {found} 个</translation>
    </message>
    <message>
        <source>the {what} digest of case {case} does not match its tombstone</source>
        <comment>shred.digest</comment>
        <translation>案件 {case} 的 {what} 摘要与其销毁记录不符</translation>
    </message>
    <message>
        <source>case {case} was shredded at {shredded_at}: nothing more may be written about it</source>
        <comment>shred.done</comment>
        <translation>案件 {case} 已于 {shredded_at} 销毁：不得再写入与其有关的任何内容</translation>
    </message>
    <message>
        <source>case {case} shredded (basis {basis}): {contacts} {contacts:contact|contacts}, {messages} {messages:message|messages}, {imports} {imports:import|imports}, {items} {items:item|items} ({documents} {documents:document|documents}), {tags} {tags:tag|tags}, {blobs} {blobs:original|originals} ({bytes} {bytes:byte|bytes}) destroyed, {entries} ledger {entries:entry|entries} and {reads} read log {reads:row|rows} redacted; tombstone at ledger seq {seq}</source>
        <comment>shred.done_text</comment>
        <translation>案件 {case} 已销毁（依据 {basis}）：销毁联系人 {contacts} 个、消息 {messages} 条、导入 {imports} 次、证据项 {items} 个（其中材料 {documents} 份）、标记 {tags} 个、原始文件 {blobs} 个（{bytes} 字节），删改存证记录 {entries} 条、读取日志 {reads} 行；销毁记录为存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>case {case}&apos;s records must be kept until {floor_until} (retention floor, CC-9)</source>
        <comment>shred.floor</comment>
        <translation>案件 {case} 的记录必须保存至 {floor_until}（最短保存期，CC-9）</translation>
    </message>
    <message>
        <source>case {case} is under legal hold {hold} (placed by {placed_by}); nothing may be deleted until it is lifted</source>
        <comment>shred.held</comment>
        <translation>案件 {case} 处于法律保全 {hold}（由 {placed_by} 设置）；解除之前不得删除任何内容</translation>
    </message>
    <message>
        <source>no case {case}</source>
        <comment>shred.no_case</comment>
        <translation>没有案件 {case}</translation>
    </message>
    <message>
        <source>case {case} may be deleted from {delete_after}, not before</source>
        <comment>shred.not_due</comment>
        <translation>案件 {case} 自 {delete_after} 起方可删除，此前不得删除</translation>
    </message>
    <message>
        <source>case {case} was shredded at {shredded_at} by {shredded_by} (basis {basis}); its content checks are skipped, its tombstone checked</source>
        <comment>shred.note</comment>
        <translation>案件 {case} 已于 {shredded_at} 由 {shredded_by} 销毁（依据 {basis}）；跳过其内容校验，已核对其销毁记录</translation>
    </message>
    <message>
        <source>case {case} is not closed: it has no deletion date yet (a deletion request is basis request)</source>
        <comment>shred.open</comment>
        <translation>案件 {case} 尚未结案：尚无删除日期（债务人删除请求请选择依据 request）</translation>
    </message>
    <message>
        <source>{restored}; re-applied {count} {count:shredding|shreddings} recorded after the backup was made: {count:case|cases} {cases}</source>
        <comment>shred.reapplied</comment>
        <translation>{restored}；已重新执行该备份之后记录的 {count} 次销毁：案件 {cases}</translation>
    </message>
    <message>
        <source>the backup still holds case {case}, shredded at {shredded_at}, and its shredding cannot be re-applied ({reason}); the restore was refused so that it does not bring the case back</source>
        <comment>shred.reapply_refused</comment>
        <translation>备份中仍含有已于 {shredded_at} 销毁的案件 {case}，且无法重新执行该销毁（{reason}）；为避免该案件被恢复，已拒绝本次恢复</translation>
    </message>
    <message>
        <source>the payload was changed after it was signed, by a shredding (ledger seq {tombstone}) that breaks the rules</source>
        <comment>shred.redacted_by_rejected</comment>
        <translation>签名后载荷被一次违反规则的销毁（存证链第 {tombstone} 条）修改</translation>
    </message>
    <message>
        <source>the redacted payload does not match the digest its tombstone (ledger seq {tombstone}) records</source>
        <comment>shred.redacted_digest</comment>
        <translation>删改后的载荷与其销毁记录（存证链第 {tombstone} 条）所载摘要不符</translation>
    </message>
    <message>
        <source>the tombstone (ledger seq {tombstone}) redacts an entry that is not about case {case}</source>
        <comment>shred.redacted_unrelated</comment>
        <translation>销毁记录（存证链第 {tombstone} 条）删改了一条与案件 {case} 无关的记录</translation>
    </message>
    <message>
        <source>case {case} was shredded at {shredded_at} (basis {basis}): its content no longer exists, so no bundle can be made</source>
        <comment>shred.refused_bundle</comment>
        <translation>案件 {case} 已于 {shredded_at} 销毁（依据 {basis}）：其内容已不存在，无法制作证据包</translation>
    </message>
    <message>
        <source>the request document&apos;s digest must be a SHA-256 (64 hex digits) or null, not {value}</source>
        <comment>shred.request_digest</comment>
        <translation>请求文件的摘要必须为 SHA-256（64 位十六进制）或为空，而不是 {value}</translation>
    </message>
    <message>
        <source>cannot read the request document ({error})</source>
        <comment>shred.request_unreadable</comment>
        <translation>无法读取请求文件（{error}）</translation>
    </message>
    <message>
        <source>the store changed while case {case} was being prepared for shredding; nothing was destroyed, try again</source>
        <comment>shred.store_moved</comment>
        <translation>准备销毁案件 {case} 期间证据库发生了变化；未销毁任何内容，请重试</translation>
    </message>
    <message>
        <source>case {case}</source>
        <comment>shred.where_case</comment>
        <translation>案件 {case}</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>shred.where_entry</comment>
        <translation>存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>the certificate is not valid now (valid {not_before} to {not_after})</source>
        <comment>signing.expired</comment>
        <translation>该证书当前无效（有效期 {not_before} 至 {not_after}）</translation>
    </message>
    <message>
        <source>the sealed key of certificate {sha256} does not open for {user}</source>
        <comment>signing.key_unopened</comment>
        <translation>证书 {sha256} 的加密私钥无法为 {user} 打开</translation>
    </message>
    <message>
        <source>the certificate may not sign documents: its key usage lacks nonRepudiation</source>
        <comment>signing.key_usage</comment>
        <translation>该证书不能用于签署文件：其密钥用途缺少 nonRepudiation（不可否认）</translation>
    </message>
    <message>
        <source>there is no organisation signing CA whose key you hold: an administrator creates one first (evidence-desk signing-ca create)</source>
        <comment>signing.no_ca</comment>
        <translation>没有您持有密钥的机构签名 CA：请管理员先创建（evidence-desk signing-ca create）</translation>
    </message>
    <message>
        <source>{user} has no PDF signing certificate: an administrator issues one (evidence-desk signing-cert issue --user {user}) or {user} imports a PKCS#12 from a licensed CA (evidence-desk signing-cert import --p12 FILE)</source>
        <comment>signing.no_certificate</comment>
        <translation>{user} 没有 PDF 签名证书：请管理员签发（evidence-desk signing-cert issue --user {user}），或由 {user} 导入持牌 CA 颁发的 PKCS#12（evidence-desk signing-cert import --p12 FILE）</translation>
    </message>
    <message>
        <source>{user} is not a user of this store</source>
        <comment>signing.no_user</comment>
        <translation>{user} 不是本存储库的用户</translation>
    </message>
    <message>
        <source>{user} has no key to seal a signing key for yet: they log in once first</source>
        <comment>signing.no_wrap_key</comment>
        <translation>{user} 还没有可用于封装签名私钥的密钥：请其先登录一次</translation>
    </message>
    <message>
        <source>{user} is not an active legal user: only they sign bundles</source>
        <comment>signing.not_legal</comment>
        <translation>{user} 不是在职的法务用户：只有法务用户签署证据包</translation>
    </message>
    <message>
        <source>{actor} may import a signing certificate only for themselves, not for {user}</source>
        <comment>signing.not_own</comment>
        <translation>{actor} 只能为自己导入签名证书，不能为 {user} 导入</translation>
    </message>
    <message>
        <source>the PKCS#12 holds no certificate with its private key</source>
        <comment>signing.p12_incomplete</comment>
        <translation>该 PKCS#12 不含带私钥的证书</translation>
    </message>
    <message>
        <source>the PKCS#12&apos;s key is not RSA or ECDSA</source>
        <comment>signing.p12_key_type</comment>
        <translation>该 PKCS#12 的密钥不是 RSA 或 ECDSA</translation>
    </message>
    <message>
        <source>not a PKCS#12 file, or the password is wrong ({error})</source>
        <comment>signing.p12_unreadable</comment>
        <translation>不是 PKCS#12 文件，或密码错误（{error}）</translation>
    </message>
    <message>
        <source>no ledger entry that keeps the rules records this certificate with this sealed key</source>
        <comment>signing.unrecorded</comment>
        <translation>没有遵守规则的账本条目以此加密私钥记录该证书</translation>
    </message>
    <message>
        <source>signing certificate {sha256} of {holder}</source>
        <comment>signing.where</comment>
        <translation>{holder} 的签名证书 {sha256}</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <comment>signing_cli.unreadable</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>part {name!r}: base64 data does not decode</source>
        <comment>sms.bad_base64</comment>
        <translation>部分“{name}”：base64 数据无法解码</translation>
    </message>
    <message>
        <source>&lt;{tag} count={declared}&gt; but {total} {total:record|records} found: the file may be truncated or edited</source>
        <comment>sms.count_mismatch</comment>
        <translation>&lt;{tag} count={declared}&gt; 但实际找到 {total} 条记录：文件可能不完整或被修改过</translation>
    </message>
    <message>
        <source>date {value} read as seconds, not milliseconds</source>
        <comment>sms.date_seconds</comment>
        <translation>日期 {value} 按秒（而非毫秒）读取</translation>
    </message>
    <message>
        <source>SMS Backup &amp; Restore XML ({sms_content}, &lt;{root}&gt;)</source>
        <comment>sms.detected</comment>
        <translation>SMS Backup &amp; Restore XML（{sms_content}，&lt;{root}&gt;）</translation>
    </message>
    <message>
        <source>SMS Backup &amp; Restore XML</source>
        <comment>sms.detected_plain</comment>
        <translation>SMS Backup &amp; Restore XML</translation>
    </message>
    <message>
        <source>SMS Backup &amp; Restore XML ({sms_content}, &lt;{root}&gt;, v{version})</source>
        <comment>sms.detected_version</comment>
        <translation>SMS Backup &amp; Restore XML（{sms_content}，&lt;{root}&gt;，v{version}）</translation>
    </message>
    <message>
        <source>MMS with neither text nor attachment</source>
        <comment>sms.mms_empty</comment>
        <translation>既无文字也无附件的彩信</translation>
    </message>
    <message>
        <source>MMS {mms_box}: not a delivered message</source>
        <comment>sms.mms_not_delivered</comment>
        <translation>彩信（{mms_box}）：不是已送达的消息</translation>
    </message>
    <message>
        <source>MMS unknown msg_box {box!r}: not a delivered message</source>
        <comment>sms.mms_unknown_box</comment>
        <translation>彩信信箱未知（msg_box “{box}”）：不是已送达的消息</translation>
    </message>
    <message>
        <source>no SMS Backup &amp; Restore XML in this folder or zip</source>
        <comment>sms.no_backup</comment>
        <translation>此文件夹或压缩包中没有 SMS Backup &amp; Restore XML</translation>
    </message>
    <message>
        <source>no root element</source>
        <comment>sms.no_root</comment>
        <translation>没有根元素</translation>
    </message>
    <message>
        <source>XML not well-formed: {error}</source>
        <comment>sms.not_well_formed</comment>
        <translation>XML 格式不正确：{error}</translation>
    </message>
    <message>
        <source>replaced {count} {count:reference|references} to characters XML 1.0 forbids ({chars}) with U+FFFD</source>
        <comment>sms.repaired_forbidden</comment>
        <translation>已将 {count} 个 XML 1.0 禁止的字符引用（{chars}）替换为 U+FFFD</translation>
    </message>
    <message>
        <source>replaced {count} lone surrogate character {count:reference|references} with U+FFFD</source>
        <comment>sms.repaired_lone</comment>
        <translation>已将 {count} 个孤立的代理字符引用替换为 U+FFFD</translation>
    </message>
    <message>
        <source>combined {count} surrogate-pair character {count:reference|references} (e.g. &amp;#55357;&amp;#56832;) into the characters they encode</source>
        <comment>sms.repaired_pairs</comment>
        <translation>已将 {count} 个代理对字符引用（如 &amp;#55357;&amp;#56832;）合并为其所表示的字符</translation>
    </message>
    <message>
        <source>several SMS Backup &amp; Restore files: {found}; pick one</source>
        <comment>sms.several</comment>
        <translation>有多个 SMS Backup &amp; Restore 文件：{found}；请选择其中一个</translation>
    </message>
    <message>
        <source>SMS {sms_type}: not a delivered message</source>
        <comment>sms.sms_not_delivered</comment>
        <translation>短信（{sms_type}）：不是已送达的消息</translation>
    </message>
    <message>
        <source>SMS unknown type {type!r}: not a delivered message</source>
        <comment>sms.sms_unknown_type</comment>
        <translation>短信类型未知（“{type}”）：不是已送达的消息</translation>
    </message>
    <message>
        <source>SMS backup ({count} counterparts)</source>
        <comment>sms.title_several</comment>
        <translation>短信备份（{count} 个联系方）</translation>
    </message>
    <message>
        <source>text part with undecodable data</source>
        <comment>sms.undecodable_text</comment>
        <translation>文字部分的数据无法解码</translation>
    </message>
    <message>
        <source>unknown element &lt;{tag}&gt; kept as unknown</source>
        <comment>sms.unknown_element</comment>
        <translation>未知元素 &lt;{tag}&gt;，按未知类型保留</translation>
    </message>
    <message>
        <source>unreadable date {value!r}; placed at the previous record&apos;s time</source>
        <comment>sms.unreadable_date</comment>
        <translation>日期“{value}”无法读取；时间沿用上一条记录</translation>
    </message>
    <message>
        <source>refused unsafe XML: {error}</source>
        <comment>sms.unsafe_xml</comment>
        <translation>已拒绝不安全的 XML：{error}</translation>
    </message>
    <message>
        <source>&lt;{tag}&gt; is not &lt;smses&gt; or &lt;calls&gt;: not an SMS Backup &amp; Restore file</source>
        <comment>sms.wrong_root</comment>
        <translation>根元素 &lt;{tag}&gt; 不是 &lt;smses&gt; 或 &lt;calls&gt;：不是 SMS Backup &amp; Restore 文件</translation>
    </message>
    <message>
        <source>unsupported XML encoding: {error}</source>
        <comment>sms.xml_encoding</comment>
        <translation>不支持的 XML 编码：{error}</translation>
    </message>
    <message>
        <source>XML nested too deeply</source>
        <comment>sms.xml_too_deep</comment>
        <translation>XML 嵌套层级过深</translation>
    </message>
    <message>
        <source>{path}: the database is damaged or truncated ({error}); restore the latest backup (evidence-desk restore)</source>
        <comment>store.db_damaged</comment>
        <translation>{path}：数据库已损坏或被截断（{error}）；请恢复最近的备份</translation>
    </message>
    <message>
        <source>{path}: database file is empty (truncated); restore the latest backup (evidence-desk restore)</source>
        <comment>store.db_empty</comment>
        <translation>{path}：数据库文件为空（已被截断）；请恢复最近的备份</translation>
    </message>
    <message>
        <source>{path}: store is busy: another program holds its database ({error})</source>
        <comment>store.db_locked</comment>
        <translation>{path}：证据库正忙：另一个程序正在占用其数据库（{error}）</translation>
    </message>
    <message>
        <source>{path}: database file is missing</source>
        <comment>store.db_missing</comment>
        <translation>{path}：数据库文件缺失</translation>
    </message>
    <message>
        <source>{path}: the database is damaged or truncated ({size} bytes, its header describes {pages} pages of {page_size}); restore the latest backup (evidence-desk restore)</source>
        <comment>store.db_short</comment>
        <translation>{path}：数据库已损坏或被截断（{size} 字节，而其文件头描述为 {pages} 页、每页 {page_size} 字节）；请恢复最近的备份</translation>
    </message>
    <message>
        <source>{path}: corrupted ({error})</source>
        <comment>store.descriptor_corrupted</comment>
        <translation>{path}：文件已损坏（{error}）</translation>
    </message>
    <message>
        <source>{folder}: the disk holding the store is full ({error}); nothing was stored. Free some space and try again</source>
        <comment>store.disk_full</comment>
        <translation>{folder}：证据库所在磁盘已满（{error}）；未保存任何内容。请释放空间后重试</translation>
    </message>
    <message>
        <source>{path}: folder is not empty; choose a new folder for a store</source>
        <comment>store.folder_not_empty</comment>
        <translation>{path}：文件夹不是空的；请为新证据库选择一个新文件夹</translation>
    </message>
    <message>
        <source>{path}: unsupported store format {version}</source>
        <comment>store.format</comment>
        <translation>{path}：不支持的证据库格式 {version}</translation>
    </message>
    <message>
        <source>{path}: head checkpoint is malformed</source>
        <comment>store.head_malformed</comment>
        <translation>{path}：最新检查点的格式错误</translation>
    </message>
    <message>
        <source>{path} is on {folder}, a network drive: the store&apos;s database keeps a write-ahead log (WAL) that needs memory shared by the programs using it, which a network share (SMB, NFS) cannot provide, and its locks are not reliable there: the database gets damaged. Keep the store in a local folder that is not synced. Teams share evidence through the organisation hub, not a synced or shared folder</source>
        <comment>store.location_network_drive</comment>
        <translation>{path} 位于网络驱动器 {folder} 上：证据库的数据库使用预写日志（WAL），它需要使用它的程序之间共享内存，网络共享（SMB、NFS）无法提供，而且那里的文件锁不可靠：数据库会损坏。请把证据库放在不同步的本地文件夹。团队之间通过机构中心（organisation hub）共享证据，而不是同步文件夹或共享文件夹</translation>
    </message>
    <message>
        <source>{path} is on a network file system ({client} at {folder}): the store&apos;s database keeps a write-ahead log (WAL) that needs memory shared by the programs using it, which a network share (SMB, NFS) cannot provide, and its locks are not reliable there: the database gets damaged. Keep the store in a local folder that is not synced. Teams share evidence through the organisation hub, not a synced or shared folder</source>
        <comment>store.location_network_fs</comment>
        <translation>{path} 位于网络文件系统上（{client}，挂载于 {folder}）：证据库的数据库使用预写日志（WAL），它需要使用它的程序之间共享内存，网络共享（SMB、NFS）无法提供，而且那里的文件锁不可靠：数据库会损坏。请把证据库放在不同步的本地文件夹。团队之间通过机构中心（organisation hub）共享证据，而不是同步文件夹或共享文件夹</translation>
    </message>
    <message>
        <source>{path} is inside the OneDrive folder {folder}: a sync client uploads the database while it is being written and can put back an older or half-written copy, which damages the store. Keep the store in a local folder that is not synced. Teams share evidence through the organisation hub, not a synced or shared folder</source>
        <comment>store.location_onedrive</comment>
        <translation>{path} 位于 OneDrive 文件夹 {folder} 内：同步软件会在数据库写入过程中上传它，还可能放回旧的或写了一半的副本，这会损坏证据库。请把证据库放在不同步的本地文件夹。团队之间通过机构中心（organisation hub）共享证据，而不是同步文件夹或共享文件夹</translation>
    </message>
    <message>
        <source>{path} is inside the {client} sync folder {folder}: a sync client uploads the database while it is being written and can put back an older or half-written copy, which damages the store. Keep the store in a local folder that is not synced. Teams share evidence through the organisation hub, not a synced or shared folder</source>
        <comment>store.location_sync</comment>
        <translation>{path} 位于 {client} 的同步文件夹 {folder} 内：同步软件会在数据库写入过程中上传它，还可能放回旧的或写了一半的副本，这会损坏证据库。请把证据库放在不同步的本地文件夹。团队之间通过机构中心（organisation hub）共享证据，而不是同步文件夹或共享文件夹</translation>
    </message>
    <message>
        <source>{path} is on the network share {folder}: the store&apos;s database keeps a write-ahead log (WAL) that needs memory shared by the programs using it, which a network share (SMB, NFS) cannot provide, and its locks are not reliable there: the database gets damaged. Keep the store in a local folder that is not synced. Teams share evidence through the organisation hub, not a synced or shared folder</source>
        <comment>store.location_unc</comment>
        <translation>{path} 位于网络共享 {folder} 上：证据库的数据库使用预写日志（WAL），它需要使用它的程序之间共享内存，网络共享（SMB、NFS）无法提供，而且那里的文件锁不可靠：数据库会损坏。请把证据库放在不同步的本地文件夹。团队之间通过机构中心（organisation hub）共享证据，而不是同步文件夹或共享文件夹</translation>
    </message>
    <message>
        <source>{reason}. The store was opened anyway; move it to a local folder (evidence-desk backup, then evidence-desk restore into the new folder)</source>
        <comment>store.location_warning</comment>
        <translation>{reason}。证据库仍已打开；请把它移到本地文件夹（先 evidence-desk backup 备份，再用 evidence-desk restore 恢复到新文件夹）</translation>
    </message>
    <message>
        <source>this store uses schema version {version}, newer than this build understands ({latest}): update Evidence Desk</source>
        <comment>store.newer_schema</comment>
        <translation>此证据库使用的数据结构版本 {version} 比本程序支持的版本（{latest}）更新：请升级 Evidence Desk</translation>
    </message>
    <message>
        <source>{path}: not an Evidence Desk store descriptor</source>
        <comment>store.not_a_descriptor</comment>
        <translation>{path}：不是 Evidence Desk 证据库描述文件</translation>
    </message>
    <message>
        <source>{path}: not an Evidence Desk store (no store.json)</source>
        <comment>store.not_a_store</comment>
        <translation>{path}：不是 Evidence Desk 证据库（没有 store.json）</translation>
    </message>
    <message>
        <source>{folder}: the store folder is read-only or not writable for this user ({error}); Evidence Desk needs to write to it, even to read (its database keeps a shared journal there). Copy the store to a writable folder, or restore a backup</source>
        <comment>store.read_only</comment>
        <translation>{folder}：证据库文件夹为只读，或当前用户无写入权限（{error}）；即使只是查看，Evidence Desk 也需要写入该文件夹（数据库在其中保存共享日志）。请将证据库复制到可写的文件夹，或恢复备份</translation>
    </message>
    <message>
        <source>a rewind guard was committed: a sync removes its guards in the transaction that writes them, so someone wrote this one to open the database&apos;s refusal to delete the row</source>
        <comment>store.rewind_guard_left</comment>
        <translation>提交了一条回退保护记录：同步在写入保护记录的同一事务中将其删除，因此这一条是有人为绕过数据库对删除该行的拒绝而写入的</translation>
    </message>
    <message>
        <source>rewind guard of {table} row {row_id} (own entry {seq})</source>
        <comment>store.rewind_guard_where</comment>
        <translation>{table} 表第 {row_id} 行的回退保护（本设备条目 {seq}）</translation>
    </message>
    <message>
        <source>{path}: the store cannot be used ({error})</source>
        <comment>store.unusable</comment>
        <translation>{path}：证据库无法使用（{error}）</translation>
    </message>
    <message>
        <source>blob file {path} from the hub does not hash to {digest}</source>
        <comment>sync.blob_digest</comment>
        <translation>来自中心的密封文件 {path} 的哈希值不是 {digest}</translation>
    </message>
    <message>
        <source>the hub&apos;s history is not the one this store pulled (entries edited, deleted or moved on the hub) for these devices: {devices}; nothing is pulled from it</source>
        <comment>sync.hub_changed</comment>
        <translation>中心上设备 {devices} 的历史记录与本存储库拉取时的不一致（记录在中心被修改、删除或移动）：不从该中心拉取任何内容</translation>
    </message>
    <message>
        <source>{path}: unreadable hub binding ({error})</source>
        <comment>sync.hub_unreadable</comment>
        <translation>{path}：无法读取中心绑定信息（{error}）</translation>
    </message>
    <message>
        <source>the join was cancelled before it was sent: the hub enrolled nothing and no store was made</source>
        <comment>sync.join_cancelled</comment>
        <translation>加入在发送之前已取消：中心服务器未登记任何内容，也未创建存储库</translation>
    </message>
    <message>
        <source>{path}: this store is not bound to a hub (run join, or hub user add with --hub and --ca)</source>
        <comment>sync.not_bound</comment>
        <translation>{path}：此存储库未绑定到中心（请运行 join，或带 --hub 和 --ca 运行 hub user add）</translation>
    </message>
    <message>
        <source>address or contact info</source>
        <comment>tag.contact_info</comment>
        <translation>地址/联系方式</translation>
    </message>
    <message>
        <source>debt acknowledgement</source>
        <comment>tag.debt_ack</comment>
        <translation>债务确认</translation>
    </message>
    <message>
        <source>dispute</source>
        <comment>tag.dispute</comment>
        <translation>异议</translation>
    </message>
    <message>
        <source>identity</source>
        <comment>tag.identity</comment>
        <translation>身份</translation>
    </message>
    <message>
        <source>note</source>
        <comment>tag.note</comment>
        <translation>备注</translation>
    </message>
    <message>
        <source>promise to pay</source>
        <comment>tag.promise_to_pay</comment>
        <translation>还款承诺</translation>
    </message>
    <message>
        <source>threat or abuse</source>
        <comment>tag.threat</comment>
        <translation>威胁</translation>
    </message>
    <message>
        <source>{chats}; and {more} more</source>
        <comment>telegram.chat_list_more</comment>
        <translation>{chats}；另有 {more} 个</translation>
    </message>
    <message>
        <source>a chat entry is not a JSON object</source>
        <comment>telegram.chat_not_object</comment>
        <translation>某个聊天条目不是 JSON 对象</translation>
    </message>
    <message>
        <source>{count} chats match {wanted!r}; choose by id: {chats}</source>
        <comment>telegram.chats_match</comment>
        <translation>有 {count} 个聊天与“{wanted}”匹配；请按 ID 选择：{chats}</translation>
    </message>
    <message>
        <source>Telegram Desktop export folder/zip with {member}</source>
        <comment>telegram.detected_folder</comment>
        <translation>Telegram Desktop 导出文件夹/压缩包，含 {member}</translation>
    </message>
    <message>
        <source>Telegram Desktop JSON, full export (chats.list)</source>
        <comment>telegram.detected_full</comment>
        <translation>Telegram Desktop JSON，完整导出（chats.list）</translation>
    </message>
    <message>
        <source>Telegram Desktop JSON</source>
        <comment>telegram.detected_plain</comment>
        <translation>Telegram Desktop JSON</translation>
    </message>
    <message>
        <source>Telegram Desktop JSON, single chat</source>
        <comment>telegram.detected_single</comment>
        <translation>Telegram Desktop JSON，单个聊天</translation>
    </message>
    <message>
        <source>Telegram Desktop JSON, single chat, {chat_type}</source>
        <comment>telegram.detected_single_type</comment>
        <translation>Telegram Desktop JSON，单个聊天，{chat_type}</translation>
    </message>
    <message>
        <source>duplicate key {key!r}; later value kept as {kept!r} (tdesktop#28781)</source>
        <comment>telegram.duplicate_key</comment>
        <translation>键“{key}”重复；后一个值保存为“{kept}”（tdesktop#28781）</translation>
    </message>
    <message>
        <source>this is an HTML file; export the chat again choosing &apos;Machine-readable JSON&apos;</source>
        <comment>telegram.html</comment>
        <translation>这是 HTML 文件；请重新导出聊天并选择“Machine-readable JSON”</translation>
    </message>
    <message>
        <source>the export holds no chats</source>
        <comment>telegram.no_chats</comment>
        <translation>导出中没有任何聊天</translation>
    </message>
    <message>
        <source>no date; placed at the previous message&apos;s time</source>
        <comment>telegram.no_date</comment>
        <translation>没有日期；时间沿用上一条消息</translation>
    </message>
    <message>
        <source>the chat has no &apos;messages&apos; array</source>
        <comment>telegram.no_messages</comment>
        <translation>该聊天没有 messages 数组</translation>
    </message>
    <message>
        <source>no result.json in this folder or zip (Telegram JSON export)</source>
        <comment>telegram.no_result</comment>
        <translation>此文件夹或压缩包中没有 result.json（Telegram JSON 导出）</translation>
    </message>
    <message>
        <source>no chat with id or name {wanted!r}; chats: {chats}</source>
        <comment>telegram.no_such_chat</comment>
        <translation>没有 ID 或名称为“{wanted}”的聊天；现有聊天：{chats}</translation>
    </message>
    <message>
        <source>no message has &apos;date&apos;, &apos;date_unixtime&apos; or a Telegram &apos;type&apos;: not a Telegram Desktop export (another app&apos;s JSON? choose its format)</source>
        <comment>telegram.not_desktop</comment>
        <translation>没有任何消息含 date、date_unixtime 或 Telegram 的 type：不是 Telegram Desktop 导出（是其他应用的 JSON？请选择相应格式）</translation>
    </message>
    <message>
        <source>the top level is not a JSON object</source>
        <comment>telegram.not_object</comment>
        <translation>顶层不是 JSON 对象</translation>
    </message>
    <message>
        <source>message is not a JSON object; kept as unknown</source>
        <comment>telegram.not_object_message</comment>
        <translation>消息不是 JSON 对象；按未知类型保留</translation>
    </message>
    <message>
        <source>no &apos;messages&apos; array and no &apos;chats.list&apos;: not a Telegram JSON export</source>
        <comment>telegram.not_telegram</comment>
        <translation>既没有 messages 数组也没有 chats.list：不是 Telegram JSON 导出</translation>
    </message>
    <message>
        <source>quoted {count} unquoted document_id {count:value|values} (Telegram Desktop writer bug, tdesktop#24961)</source>
        <comment>telegram.repaired_document_id</comment>
        <translation>已为 {count} 个未加引号的 document_id 值加上引号（Telegram Desktop 写入错误，tdesktop#24961）</translation>
    </message>
    <message>
        <source>replaced {count} invalid \xHH {count:escape|escapes} with \u00HH (Telegram Desktop writer bug, tdesktop#27571)</source>
        <comment>telegram.repaired_escapes</comment>
        <translation>已将 {count} 个无效的 \xHH 转义替换为 \u00HH（Telegram Desktop 写入错误，tdesktop#27571）</translation>
    </message>
    <message>
        <source>the export holds {count} chats; choose one by id or name: {chats}</source>
        <comment>telegram.several_chats</comment>
        <translation>导出中有 {count} 个聊天；请按 ID 或名称选择一个：{chats}</translation>
    </message>
    <message>
        <source>several result.json files: {found}; pick one</source>
        <comment>telegram.several_results</comment>
        <translation>有多个 result.json 文件：{found}；请选择其中一个</translation>
    </message>
    <message>
        <source>&apos;text&apos; is neither a string nor an array; kept as JSON</source>
        <comment>telegram.text_not_string</comment>
        <translation>text 既不是字符串也不是数组；按 JSON 保留</translation>
    </message>
    <message>
        <source>date_unixtime {value!r} is not a number</source>
        <comment>telegram.unixtime_not_number</comment>
        <translation>date_unixtime“{value}”不是数字</translation>
    </message>
    <message>
        <source>date_unixtime {value} out of range</source>
        <comment>telegram.unixtime_range</comment>
        <translation>date_unixtime {value} 超出范围</translation>
    </message>
    <message>
        <source>message type {type!r} kept as unknown</source>
        <comment>telegram.unknown_type</comment>
        <translation>消息类型“{type}”按未知类型保留</translation>
    </message>
    <message>
        <source>unreadable date {value!r}</source>
        <comment>telegram.unreadable_date</comment>
        <translation>日期“{value}”无法读取</translation>
    </message>
    <message>
        <source>unreadable date {value!r}; date_unixtime used</source>
        <comment>telegram.unreadable_date_used_unix</comment>
        <translation>日期“{value}”无法读取；采用 date_unixtime</translation>
    </message>
    <message>
        <source>unreadable text part kept as JSON</source>
        <comment>telegram.unreadable_part</comment>
        <translation>无法读取的文本片段，按 JSON 保留</translation>
    </message>
    <message>
        <source>the &apos;date&apos; text differs from date_unixtime by {offset} in zone {zone} for {count} {count:message|messages}; the exporting PC was probably in another zone. date_unixtime was used</source>
        <comment>telegram.zone_mismatch</comment>
        <translation>在 {zone} 时区下，{count} 条消息的 date 文本与 date_unixtime 相差 {offset}；导出时电脑可能处于其他时区。已采用 date_unixtime</translation>
    </message>
    <message>
        <source>the &apos;date&apos; text differs from date_unixtime by {amounts} further different {amounts:amount|amounts} in {count} {count:message|messages}; date_unixtime was used</source>
        <comment>telegram.zone_mismatch_more</comment>
        <translation>另有 {count} 条消息的 date 文本与 date_unixtime 存在 {amounts} 种不同差值；已采用 date_unixtime</translation>
    </message>
    <message>
        <source>invalid {encoding} text</source>
        <comment>text.invalid_encoding</comment>
        <translation>不是有效的 {encoding} 文本</translation>
    </message>
    <message>
        <source>line longer than {limit} characters</source>
        <comment>text.line_too_long</comment>
        <translation>单行超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>not valid UTF-8, UTF-16 or GB18030 text</source>
        <comment>text.not_text</comment>
        <translation>不是有效的 UTF-8、UTF-16 或 GB18030 文本</translation>
    </message>
    <message>
        <source>binary data (NUL byte) in a text export</source>
        <comment>text.nul_byte</comment>
        <translation>文本导出文件中含有二进制数据（NUL 字节）</translation>
    </message>
    <message>
        <source>nonexistent local time {time} in {zone} (DST gap): read with the offset before the change</source>
        <comment>time.dst_gap</comment>
        <translation>本地时间 {time} 在 {zone} 中不存在（夏令时跳过）：按调整前的时区偏移读取</translation>
    </message>
    <message>
        <source>ambiguous local time {time} in {zone} (DST overlap): took the earlier instant</source>
        <comment>time.dst_overlap</comment>
        <translation>本地时间 {time} 在 {zone} 中有歧义（夏令时重叠）：采用较早的时刻</translation>
    </message>
    <message>
        <source>{folder}: has {present} but not {missing}</source>
        <comment>tls.incomplete</comment>
        <translation>{folder}：有 {present}，但缺少 {missing}</translation>
    </message>
    <message>
        <source>{path}: the private key does not belong to the certificate</source>
        <comment>tls.mismatch</comment>
        <translation>{path}：私钥与证书不匹配</translation>
    </message>
    <message>
        <source>{path}: the certificate names no host (subject alternative names)</source>
        <comment>tls.no_names</comment>
        <translation>{path}：证书未列出任何主机名（主题备用名称）</translation>
    </message>
    <message>
        <source>no private CA of the hub here (ca-key.pem); the CA that issued this certificate renews it</source>
        <comment>tls.not_our_ca</comment>
        <translation>此处没有中心自己的私有 CA（ca-key.pem）；请由签发该证书的 CA 续期</translation>
    </message>
    <message>
        <source>{path}: not a PEM certificate or key ({error})</source>
        <comment>tls.unreadable</comment>
        <translation>{path}：不是 PEM 格式的证书或密钥（{error}）</translation>
    </message>
    <message>
        <source>{path}: the certificate does not chain to {ca} for {host} ({error})</source>
        <comment>tls.untrusted</comment>
        <translation>{path}：证书无法针对 {host} 链接到 {ca}（{error}）</translation>
    </message>
    <message>
        <source>{count} from {source}</source>
        <comment>trust.count_from</comment>
        <translation>{count} 个，来自{source}</translation>
    </message>
    <message>
        <source>signed checkpoint {size}</source>
        <comment>trust.duty_checkpoint</comment>
        <translation>签署了检查点 {size}</translation>
    </message>
    <message>
        <source>cosigned the approvals in entries {seqs}</source>
        <comment>trust.duty_cosigned</comment>
        <translation>会签了第 {seqs} 条记录中的审批</translation>
    </message>
    <message>
        <source>signed the declaration</source>
        <comment>trust.duty_declaration</comment>
        <translation>签署了声明</translation>
    </message>
    <message>
        <source>signed ledger entries {seqs}</source>
        <comment>trust.duty_entries</comment>
        <translation>签署了存证链第 {seqs} 条记录</translation>
    </message>
    <message>
        <source>listed in keys/users.json</source>
        <comment>trust.duty_listed</comment>
        <translation>列于 keys/users.json</translation>
    </message>
    <message>
        <source>exported the bundle</source>
        <comment>trust.duty_producer</comment>
        <translation>导出了本证据包</translation>
    </message>
    <message>
        <source>signed the tag manifest</source>
        <comment>trust.duty_tag_manifest</comment>
        <translation>签署了标签清单</translation>
    </message>
    <message>
        <source>it chains to {root} inside the kit; against the trusted roots: {error}</source>
        <comment>trust.external_failed</comment>
        <translation>它链接至校验包内的 {root}；按受信任的根证书校验：{error}</translation>
    </message>
    <message>
        <source>the TSA roots shipped with the app in {path}</source>
        <comment>trust.from_app</comment>
        <translation>随软件提供的时间戳机构根证书（{path}）</translation>
    </message>
    <message>
        <source>the Mozilla root list shipped with the app (certifi {version})</source>
        <comment>trust.from_mozilla</comment>
        <translation>随软件提供的 Mozilla 根证书列表（certifi {version}）</translation>
    </message>
    <message>
        <source>the Mozilla root list (not installed: the certifi package is missing)</source>
        <comment>trust.from_mozilla_missing</comment>
        <translation>Mozilla 根证书列表（未安装：缺少 certifi 软件包）</translation>
    </message>
    <message>
        <source>the organisation key list {path}</source>
        <comment>trust.from_org_key</comment>
        <translation>机构公钥列表 {path}</translation>
    </message>
    <message>
        <source>the pinned folder {path}</source>
        <comment>trust.from_pinned</comment>
        <translation>固定信任目录 {path}</translation>
    </message>
    <message>
        <source>the pinned file {path}</source>
        <comment>trust.from_pinned_file</comment>
        <translation>固定信任的文件 {path}</translation>
    </message>
    <message>
        <source>the TSA roots file {path}</source>
        <comment>trust.from_tsa_roots</comment>
        <translation>时间戳机构根证书文件 {path}</translation>
    </message>
    <message>
        <source>organisation hub {hub_id}, checkpoint key {fingerprint}: pinned ({source})</source>
        <comment>trust.hub_pinned</comment>
        <translation>组织中心 {hub_id}，检查点密钥 {fingerprint}：已固定（{source}）</translation>
    </message>
    <message>
        <source>organisation hub {hub_id}, checkpoint key {fingerprint}: not in any published key list&apos;s hub keys</source>
        <comment>trust.hub_unpinned</comment>
        <translation>组织中心 {hub_id}，检查点密钥 {fingerprint}：不在任何已公布密钥列表的中心密钥中</translation>
    </message>
    <message>
        <source>{count} {count:key|keys} of {organisation} (store {store}) from {source}</source>
        <comment>trust.keys_from</comment>
        <translation>{organisation}（证据库 {store}）的 {count} 个公钥，来自{source}</translation>
    </message>
    <message>
        <source>pinned organisation keys: {sources}</source>
        <comment>trust.keys_line</comment>
        <translation>固定信任的机构公钥：{sources}</translation>
    </message>
    <message>
        <source>it chains only to {root}, a root inside the kit</source>
        <comment>trust.kit_root_only</comment>
        <translation>它仅链接至校验包内自带的根证书 {root}</translation>
    </message>
    <message>
        <source>no PEM certificate in it</source>
        <comment>trust.no_certificate</comment>
        <translation>其中没有 PEM 证书</translation>
    </message>
    <message>
        <source>it chains only to {root}, a root inside the kit (and no TSA roots from outside the kit are configured)</source>
        <comment>trust.no_roots</comment>
        <translation>它仅链接至校验包内自带的根证书 {root}（且未配置校验包之外的时间戳根证书）</translation>
    </message>
    <message>
        <source>not PEM certificates: {error}</source>
        <comment>trust.not_pem</comment>
        <translation>不是 PEM 证书：{error}</translation>
    </message>
    <message>
        <source>no pinned organisation key has this fingerprint</source>
        <comment>trust.not_pinned</comment>
        <translation>没有任何固定信任的机构公钥具有此指纹</translation>
    </message>
    <message>
        <source>none</source>
        <comment>trust.nothing</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>the fingerprint does not match the public key</source>
        <comment>trust.org_fingerprint</comment>
        <translation>指纹与公钥不符</translation>
    </message>
    <message>
        <source>not an organisation key list (format {expected} expected)</source>
        <comment>trust.org_format</comment>
        <translation>不是机构公钥列表（应为 {expected} 格式）</translation>
    </message>
    <message>
        <source>the public key is not 64 hex digits</source>
        <comment>trust.org_public_key</comment>
        <translation>公钥不是 64 位十六进制数</translation>
    </message>
    <message>
        <source>not a user with a name and keys</source>
        <comment>trust.org_user</comment>
        <translation>不是带有名称和公钥的用户</translation>
    </message>
    <message>
        <source>this key is pinned for {pinned}, not for {name}</source>
        <comment>trust.other_name</comment>
        <translation>此公钥固定信任给 {pinned}，而不是 {name}</translation>
    </message>
    <message>
        <source>this key is pinned for store {pinned_store}, the kit is from store {store}</source>
        <comment>trust.other_store</comment>
        <translation>此公钥固定信任给证据库 {pinned_store}，而本校验包来自证据库 {store}</translation>
    </message>
    <message>
        <source>the organisation hub&apos;s key {short}… that signed the checkpoint is not in a published key list</source>
        <comment>trust.reason_hub</comment>
        <translation>签署检查点的组织中心密钥 {short}… 不在已公布的密钥列表中</translation>
    </message>
    <message>
        <source>the organisation hub&apos;s key {short}… that signed the checkpoint cannot be checked: the key list {file} predates hub keys (it names none); the organisation must export it again with `evidence-desk org-keys --out FILE` and publish that file</source>
        <comment>trust.reason_hub_list_predates</comment>
        <translation>签署检查点的组织中心服务器密钥 {short}… 无法核对：密钥列表 {file} 早于中心服务器密钥（未列出任何中心服务器密钥）；组织须用 `evidence-desk org-keys --out FILE` 重新导出并公布该文件</translation>
    </message>
    <message>
        <source>signer {name} ({role}, key {short}…): {why}</source>
        <comment>trust.reason_signer</comment>
        <translation>签名人 {name}（{role}，公钥指纹 {short}…）：{why}</translation>
    </message>
    <message>
        <source>token {file} ({issuer}): {why}</source>
        <comment>trust.reason_token</comment>
        <translation>时间戳令牌 {file}（{issuer}）：{why}</translation>
    </message>
    <message>
        <source>trusted TSA roots from outside the kit: {sources}</source>
        <comment>trust.roots_line</comment>
        <translation>校验包之外的受信任时间戳根证书：{sources}</translation>
    </message>
    <message>
        <source>signer {name} ({role}), key {fingerprint}: pinned ({source}); {duties}</source>
        <comment>trust.signer_pinned</comment>
        <translation>签名人 {name}（{role}），公钥指纹 {fingerprint}：已固定信任（{source}）；{duties}</translation>
    </message>
    <message>
        <source>signer {name} ({role}), key {fingerprint}: NOT pinned ({reason}); {duties}</source>
        <comment>trust.signer_unpinned</comment>
        <translation>签名人 {name}（{role}），公钥指纹 {fingerprint}：未固定信任（{reason}）；{duties}</translation>
    </message>
    <message>
        <source>token {file}: issued by {issuer} at {gen_time}; chains to {root}: trusted ({source})</source>
        <comment>trust.token_trusted</comment>
        <translation>时间戳令牌 {file}：由 {issuer} 于 {gen_time} 签发；链接至 {root}：受信任（{source}）</translation>
    </message>
    <message>
        <source>token {file}: issued by {issuer} at {gen_time}: NOT trusted: {reason}</source>
        <comment>trust.token_untrusted</comment>
        <translation>时间戳令牌 {file}：由 {issuer} 于 {gen_time} 签发：不受信任：{reason}</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <comment>trust.unreadable</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>hash must be one of {choices}</source>
        <comment>tsa.hash</comment>
        <translation>哈希算法必须是以下之一：{choices}</translation>
    </message>
    <message>
        <source>the TSA that issued it is not configured</source>
        <comment>tsa.issuer_unknown</comment>
        <translation>签发该时间戳的机构未配置</translation>
    </message>
    <message>
        <source>a trusted time-stamp covers {size} entries but the ledger has only {entries}: the tail of the ledger was removed</source>
        <comment>tsa.ledger_truncated</comment>
        <translation>可信时间戳覆盖 {size} 条记录，但存证链只有 {entries} 条：存证链末尾已被删除</translation>
    </message>
    <message>
        <source>the mirrored time-stamp is not signed by {signer} with a key this ledger gave them: store.json was edited</source>
        <comment>tsa.mirror_signature</comment>
        <translation>镜像的时间戳不是 {signer} 用存证链为其登记的密钥签名的：store.json 已被改动</translation>
    </message>
    <message>
        <source>the mirrored time-stamp is not signed (written by an older version): who mirrored it is not proven</source>
        <comment>tsa.mirror_unsigned</comment>
        <translation>store.json 中镜像的时间戳未签名（由旧版本写入）：无法证明由谁写入</translation>
    </message>
    <message>
        <source>needs a name and an http(s) URL</source>
        <comment>tsa.name_url</comment>
        <translation>须填写名称和 http(s) 网址</translation>
    </message>
    <message>
        <source>at least one root certificate is required</source>
        <comment>tsa.no_root</comment>
        <translation>至少需要一个根证书</translation>
    </message>
    <message>
        <source>no time-stamp authority named {name!r}</source>
        <comment>tsa.no_such</comment>
        <translation>没有名为“{name}”的时间戳机构</translation>
    </message>
    <message>
        <source>no time-stamp authority is configured: an admin adds one with `tsa add`</source>
        <comment>tsa.none</comment>
        <translation>尚未配置时间戳机构：须由管理员添加</translation>
    </message>
    <message>
        <source>not PEM certificates ({error})</source>
        <comment>tsa.not_pem</comment>
        <translation>不是 PEM 格式的证书（{error}）</translation>
    </message>
    <message>
        <source>{count} {count:entry|entries} sealed locally, not yet time-stamped</source>
        <comment>tsa.pending</comment>
        <translation>{count} 条记录已在本地封存，尚未加盖时间戳</translation>
    </message>
    <message>
        <source>the stamped root does not match the ledger</source>
        <comment>tsa.root_mismatch</comment>
        <translation>加盖时间戳的根哈希与存证链不符</translation>
    </message>
    <message>
        <source>token does not verify: {error}</source>
        <comment>tsa.token_invalid</comment>
        <translation>时间戳令牌校验失败：{error}</translation>
    </message>
    <message>
        <source>ledger seq {first}..{last}</source>
        <comment>tsa.where_pending</comment>
        <translation>存证链第 {first}–{last} 条</translation>
    </message>
    <message>
        <source>store.json stamped checkpoint</source>
        <comment>tsa.where_stamped</comment>
        <translation>store.json 中已加盖时间戳的检查点</translation>
    </message>
    <message>
        <source>timestamp {id} (checkpoint {size}, {name})</source>
        <comment>tsa.where_timestamp</comment>
        <translation>时间戳 {id}（检查点 {size}，{name}）</translation>
    </message>
    <message>
        <source>the bundle printed account numbers in clear without a bundle.unmask entry of its case by its exporter that keeps the rules (unmask_seq {unmask_seq})</source>
        <comment>unmask.not_authorised</comment>
        <translation>该证据包完整打印了账号，但没有同一案件、由导出人写入且符合规则的 bundle.unmask 记录（unmask_seq {unmask_seq}）</translation>
    </message>
    <message>
        <source>printing account numbers in clear needs a reason</source>
        <comment>unmask.reason_required</comment>
        <translation>完整打印账号需要说明理由</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>unmask.where</comment>
        <translation>存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>use 1-64 letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; or &apos;@&apos;</source>
        <comment>user.bad_name</comment>
        <translation>用户名须为 1–64 个字母、数字或 &apos;.&apos;、&apos;-&apos;、&apos;_&apos;、&apos;@&apos;</translation>
    </message>
    <message>
        <source>a user named {name!r} already exists</source>
        <comment>user.exists</comment>
        <translation>名为“{name}”的用户已存在</translation>
    </message>
    <message>
        <source>no user named {name!r}</source>
        <comment>user.no_user</comment>
        <translation>没有名为“{name}”的用户</translation>
    </message>
    <message>
        <source>an admin cannot deactivate themselves</source>
        <comment>user.self_deactivate</comment>
        <translation>管理员不能停用自己</translation>
    </message>
    <message>
        <source>an admin cannot reset their own password here; change it with the old password</source>
        <comment>user.self_reset</comment>
        <translation>管理员不能在此重置自己的密码；请用原密码修改</translation>
    </message>
    <message>
        <source>must be at least {length} characters</source>
        <comment>user.short_password</comment>
        <translation>至少需要 {length} 个字符</translation>
    </message>
    <message>
        <source>checkpoint covers {size} entries but the ledger has {entries}: entries were removed</source>
        <comment>verify.beyond_ledger</comment>
        <translation>检查点覆盖 {size} 条记录，但存证链只有 {entries} 条：有记录被删除</translation>
    </message>
    <message>
        <source>blob file is missing</source>
        <comment>verify.blob_file_missing</comment>
        <translation>加密文件缺失</translation>
    </message>
    <message>
        <source>blob row names another file</source>
        <comment>verify.blob_name</comment>
        <translation>原始文件记录指向另一个加密文件</translation>
    </message>
    <message>
        <source>the case refers to this original but holds no copy of it, and no file under the store key is recorded</source>
        <comment>verify.blob_no_copy</comment>
        <translation>该案件引用了此原始文件，但没有持有其副本，也没有记录以存储密钥加密的文件</translation>
    </message>
    <message>
        <source>{count} {count:original|originals} not decrypted or re-hashed: {user} holds no key of this case (role {role}); another reader&apos;s verify checks them</source>
        <comment>verify.blob_not_performed</comment>
        <translation>{count} 个原始文件未解密或重新计算哈希：{user} 不持有此案件的密钥（角色 {role}）；由其他有权阅读者的校验检查</translation>
    </message>
    <message>
        <source>encrypted file not referenced by any entry (left by an interrupted write); not evidence</source>
        <comment>verify.blob_orphan</comment>
        <translation>没有任何记录引用的加密文件（中断的写入遗留）；不属于证据</translation>
    </message>
    <message>
        <source>partial write left by an interrupted import; not evidence</source>
        <comment>verify.blob_partial</comment>
        <translation>中断的导入遗留的不完整文件；不属于证据</translation>
    </message>
    <message>
        <source>content hashes to {sha256}: the file was replaced</source>
        <comment>verify.blob_replaced</comment>
        <translation>内容的哈希为 {sha256}：文件已被替换</translation>
    </message>
    <message>
        <source>size of the content differs</source>
        <comment>verify.blob_size</comment>
        <translation>内容的大小不符</translation>
    </message>
    <message>
        <source>SM3 of the content differs</source>
        <comment>verify.blob_sm3</comment>
        <translation>内容的 SM3 哈希不符</translation>
    </message>
    <message>
        <source>cannot be checked ({error})</source>
        <comment>verify.blob_unchecked</comment>
        <translation>无法校验（{error}）</translation>
    </message>
    <message>
        <source>the verification was cancelled before it finished; nothing was concluded</source>
        <comment>verify.cancelled</comment>
        <translation>校验在完成前被取消，未得出任何结论</translation>
    </message>
    <message>
        <source>no checkpoint was kept for this entry (every write cuts one)</source>
        <comment>verify.checkpoint_missing</comment>
        <translation>此记录没有对应的检查点（每次写入都会生成一个）</translation>
    </message>
    <message>
        <source>Merkle root does not match the ledger entries</source>
        <comment>verify.checkpoint_root</comment>
        <translation>Merkle 根哈希与存证链记录不符</translation>
    </message>
    <message>
        <source>checkpoint signed by {signer}, but entry {size} was written by {actor} (every write&apos;s checkpoint is its writer&apos;s)</source>
        <comment>verify.checkpoint_signer</comment>
        <translation>检查点由 {signer} 签名，但第 {size} 条记录由 {actor} 写入（每次写入的检查点都应由写入人签名）</translation>
    </message>
    <message>
        <source>{column} holds {type}, not text</source>
        <comment>verify.column_type</comment>
        <translation>{column} 列存放的是 {type}，而不是文本</translation>
    </message>
    <message>
        <source>entry hash does not match its contents</source>
        <comment>verify.entry_hash</comment>
        <translation>记录哈希与其内容不符</translation>
    </message>
    <message>
        <source>store.json has no head checkpoint</source>
        <comment>verify.head_missing</comment>
        <translation>store.json 中没有最新检查点</translation>
    </message>
    <message>
        <source>the head&apos;s root does not match the first {size} ledger entries</source>
        <comment>verify.head_root</comment>
        <translation>最新检查点的根哈希与存证链前 {size} 条记录不符</translation>
    </message>
    <message>
        <source>could not finish on this ledger ({error}); the entries it reads are malformed (see the other findings)</source>
        <comment>verify.incomplete</comment>
        <translation>无法在此存证链上完成（{error}）；它读取的记录格式错误（见其他发现）</translation>
    </message>
    <message>
        <source>{user} was deactivated, but a key slot for them is present (keyslots.json restored from an older copy?)</source>
        <comment>verify.keyslot_inactive</comment>
        <translation>{user} 已被停用，但其密钥槽仍然存在（keyslots.json 可能被旧副本替换）</translation>
    </message>
    <message>
        <source>the slot&apos;s public key is not the one the ledger holds for {user}</source>
        <comment>verify.keyslot_key</comment>
        <translation>该密钥槽的公钥与存证链中 {user} 的公钥不一致</translation>
    </message>
    <message>
        <source>{count} {count:slot belongs|slots belong} to no user of the ledger</source>
        <comment>verify.keyslot_unknown</comment>
        <translation>{count} 个密钥槽不属于存证链中的任何用户</translation>
    </message>
    <message>
        <source>cannot be read: {error}</source>
        <comment>verify.keyslots_unreadable</comment>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>prev_hash does not match the previous entry&apos;s hash: the chain is broken here (deleted, inserted or swapped entry)</source>
        <comment>verify.link</comment>
        <translation>prev_hash 与上一条记录的哈希不符：存证链在此处断开（记录被删除、插入或调换）</translation>
    </message>
    <message>
        <source>the cached Merkle tree state does not match the ledger (the next write would build on it)</source>
        <comment>verify.merkle_state</comment>
        <translation>缓存的 Merkle 树状态与存证链不符（下一次写入会以它为基础）</translation>
    </message>
    <message>
        <source>signature is not {signer}&apos;s</source>
        <comment>verify.not_signed</comment>
        <translation>签名并非 {signer} 所签</translation>
    </message>
    <message>
        <source>signature is not {signer}&apos;s (signer unknown to the ledger at that point)</source>
        <comment>verify.not_signed_unknown</comment>
        <translation>签名并非 {signer} 所签（此时存证链中尚无该签名人）</translation>
    </message>
    <message>
        <source>payload was changed after it was signed</source>
        <comment>verify.payload</comment>
        <translation>记录内容在签名后被修改</translation>
    </message>
    <message>
        <source>payload is not JSON</source>
        <comment>verify.payload_json</comment>
        <translation>记录内容不是 JSON</translation>
    </message>
    <message>
        <source>device {device} holds {size} entries of a store&apos;s history before joining the organisation that no join follows: they are judged on their own and enter nothing of the organisation</source>
        <comment>verify.pre_org_pending</comment>
        <translation>设备 {device} 持有某存储库加入组织之前的历史条目 {size} 条，但其后没有加入条目：这些条目单独评判，不进入组织的任何记录</translation>
    </message>
    <message>
        <source>the hub refused entry {seq} of device {device} by the rule {verdict} at its place in the organisation&apos;s order: it is kept in that device&apos;s chain, marked not accepted, and took effect nowhere</source>
        <comment>verify.refused</comment>
        <translation>中心服务器以规则 {verdict} 拒绝了设备 {device} 的记录 {seq}（按其在机构顺序中的位置）：该记录保留在该设备的链中，标记为未被接受，在任何地方都未生效</translation>
    </message>
    <message>
        <source>the hub refused this entry ({verdict}), but it keeps the rules at its place in the organisation&apos;s order</source>
        <comment>verify.refused_valid</comment>
        <translation>中心服务器拒绝了这条记录（{verdict}），但它在机构顺序中的位置上符合规则</translation>
    </message>
    <message>
        <source>malformed row change</source>
        <comment>verify.row_change</comment>
        <translation>一项数据行变更的格式错误</translation>
    </message>
    <message>
        <source>malformed row changes</source>
        <comment>verify.row_changes</comment>
        <translation>数据行变更的格式错误</translation>
    </message>
    <message>
        <source>columns that differ from the ledger: {columns}</source>
        <comment>verify.row_differs</comment>
        <translation>{columns} 列与存证链不符</translation>
    </message>
    <message>
        <source>row recorded in the ledger is missing</source>
        <comment>verify.row_missing</comment>
        <translation>存证链记录的数据行已缺失</translation>
    </message>
    <message>
        <source>row has no ledger entry (inserted outside the app)</source>
        <comment>verify.row_unrecorded</comment>
        <translation>该数据行没有对应的存证链记录（在应用之外插入）</translation>
    </message>
    <message>
        <source>{action} by {actor} breaks rule {rule}: {reason}</source>
        <comment>verify.rule</comment>
        <translation>{actor} 的 {action} 违反规则 {rule}：{reason}</translation>
    </message>
    <message>
        <source>expected seq {expected}: an entry before it was deleted, or entries were inserted or reordered</source>
        <comment>verify.sequence</comment>
        <translation>此处应为第 {expected} 条：之前有记录被删除，或有记录被插入或调换了顺序</translation>
    </message>
    <message>
        <source>the signed head covers {size} entries but the ledger has only {entries}: the tail of the ledger was removed (entries {first}..{size})</source>
        <comment>verify.truncated</comment>
        <translation>已签名的最新检查点覆盖 {size} 条记录，但存证链只有 {entries} 条：存证链末尾已被删除（第 {first}–{size} 条）</translation>
    </message>
    <message>
        <source>blob sha256 {sha256}</source>
        <comment>verify.where_blob</comment>
        <translation>原始文件 SHA-256 {sha256}</translation>
    </message>
    <message>
        <source>blobs/{prefix}/{rest}</source>
        <comment>verify.where_blob_file</comment>
        <translation>blobs/{prefix}/{rest}</translation>
    </message>
    <message>
        <source>originals of case {case}</source>
        <comment>verify.where_case_blobs</comment>
        <translation>案件 {case} 的原始文件</translation>
    </message>
    <message>
        <source>check {check}</source>
        <comment>verify.where_check</comment>
        <translation>附加检查 {check}</translation>
    </message>
    <message>
        <source>checkpoint {size}</source>
        <comment>verify.where_checkpoint</comment>
        <translation>检查点 {size}</translation>
    </message>
    <message>
        <source>blob sha256 {sha256} of case {case}</source>
        <comment>verify.where_copy</comment>
        <translation>案件 {case} 的原始文件 SHA-256 {sha256}</translation>
    </message>
    <message>
        <source>store.json</source>
        <comment>verify.where_descriptor</comment>
        <translation>store.json</translation>
    </message>
    <message>
        <source>ledger seq {seq}</source>
        <comment>verify.where_entry</comment>
        <translation>存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>store.json head</source>
        <comment>verify.where_head</comment>
        <translation>store.json 中的最新检查点</translation>
    </message>
    <message>
        <source>keyslots.json slot of {user}</source>
        <comment>verify.where_keyslot</comment>
        <translation>keyslots.json 中 {user} 的密钥槽</translation>
    </message>
    <message>
        <source>keyslots.json</source>
        <comment>verify.where_keyslots</comment>
        <translation>密钥槽文件 keyslots.json</translation>
    </message>
    <message>
        <source>table merkle_state</source>
        <comment>verify.where_merkle_state</comment>
        <translation>merkle_state 表</translation>
    </message>
    <message>
        <source>blobs/tmp/{name}</source>
        <comment>verify.where_partial</comment>
        <translation>blobs/tmp/{name}</translation>
    </message>
    <message>
        <source>table {table} row {key}</source>
        <comment>verify.where_row</comment>
        <translation>{table} 表中 {key} 的行</translation>
    </message>
    <message>
        <source>WeChat MemoTrace AI-training JSON (not accepted as evidence)</source>
        <comment>wechat.detected_training</comment>
        <translation>微信 MemoTrace AI 训练用 JSON（不能作为证据）</translation>
    </message>
    <message>
        <source>no {variant} in this folder or zip</source>
        <comment>wechat.no_variant</comment>
        <translation>此文件夹或压缩包中没有 {variant}</translation>
    </message>
    <message>
        <source>not a {variant}</source>
        <comment>wechat.not_variant</comment>
        <translation>不是 {variant}</translation>
    </message>
    <message>
        <source>not a recognised WeChat export (MemoTrace CSV/TXT/HTML, PyWxDump CSV, WechatExporter TXT/HTML)</source>
        <comment>wechat.not_wechat</comment>
        <translation>不是可识别的微信导出文件（MemoTrace CSV/TXT/HTML、PyWxDump CSV、WechatExporter TXT/HTML）</translation>
    </message>
    <message>
        <source>several chat files in this folder or zip: {found}; pick one</source>
        <comment>wechat.several_chats</comment>
        <translation>此文件夹或压缩包中有多个聊天文件：{found}；请选择其中一个</translation>
    </message>
    <message>
        <source>MemoTrace&apos;s JSON export is an AI training set: shuffled, text only, no times or senders. It cannot serve as evidence; export CSV, TXT or HTML instead</source>
        <comment>wechat.training_json</comment>
        <translation>MemoTrace 的 JSON 导出是 AI 训练数据集：顺序打乱、只有文字、没有时间和发送人，不能作为证据；请改为导出 CSV、TXT 或 HTML</translation>
    </message>
    <message>
        <source>content is not the JSON {{src, msg}} object; kept as is</source>
        <comment>wechat_csv.content_not_json</comment>
        <translation>content 不是含 src 与 msg 的 JSON 对象；按原样保留</translation>
    </message>
    <message>
        <source>CreateTime {value!r} is not unix seconds (an Excel re-save?); time read from StrTime in {zone}</source>
        <comment>wechat_csv.create_not_unix</comment>
        <translation>CreateTime“{value}”不是 Unix 秒数（是否经 Excel 另存？）；改按 {zone} 时区读取 StrTime</translation>
    </message>
    <message>
        <source>CreateTime {value} out of range</source>
        <comment>wechat_csv.create_out_of_range</comment>
        <translation>CreateTime {value} 超出范围</translation>
    </message>
    <message>
        <source>CreateTime out of range</source>
        <comment>wechat_csv.create_range</comment>
        <translation>CreateTime 超出范围</translation>
    </message>
    <message>
        <source>WeChat MemoTrace CSV, {encoding}, {columns} columns</source>
        <comment>wechat_csv.detected_memotrace</comment>
        <translation>微信 MemoTrace CSV，{encoding}，{columns} 列</translation>
    </message>
    <message>
        <source>{reason}; {count} pages</source>
        <comment>wechat_csv.detected_pages</comment>
        <translation>{reason}；共 {count} 页</translation>
    </message>
    <message>
        <source>WeChat PyWxDump CSV (older JSON content column), {encoding}, {columns} columns</source>
        <comment>wechat_csv.detected_pywxdump_content</comment>
        <translation>微信 PyWxDump CSV（旧版 JSON content 列），{encoding}，{columns} 列</translation>
    </message>
    <message>
        <source>WeChat PyWxDump CSV (msg/src columns), {encoding}, {columns} columns</source>
        <comment>wechat_csv.detected_pywxdump_msg</comment>
        <translation>微信 PyWxDump CSV（msg/src 列），{encoding}，{columns} 列</translation>
    </message>
    <message>
        <source>duplicate of row {row} (same time, direction, type and content); kept, decide in the preview</source>
        <comment>wechat_csv.duplicate</comment>
        <translation>与第 {row} 行重复（时间、方向、类型和内容均相同）；已保留，请在预览中决定</translation>
    </message>
    <message>
        <source>duplicate of row {row} of {file} (same time, direction, type and content); kept, decide in the preview</source>
        <comment>wechat_csv.duplicate_in</comment>
        <translation>与 {file} 的第 {row} 行重复（时间、方向、类型和内容均相同）；已保留，请在预览中决定</translation>
    </message>
    <message>
        <source>IsSender is {value!r}, not 0 or 1</source>
        <comment>wechat_csv.is_sender</comment>
        <translation>IsSender 为“{value}”，不是 0 或 1</translation>
    </message>
    <message>
        <source>not a {variant} header: missing {missing}</source>
        <comment>wechat_csv.missing_columns</comment>
        <translation>不是 {variant} 表头：缺少 {missing}</translation>
    </message>
    <message>
        <source>no messages after the header</source>
        <comment>wechat_csv.no_messages</comment>
        <translation>表头之后没有消息</translation>
    </message>
    <message>
        <source>no msg or content column</source>
        <comment>wechat_csv.no_msg_column</comment>
        <translation>没有 msg 或 content 列</translation>
    </message>
    <message>
        <source>neither CreateTime nor StrTime is readable</source>
        <comment>wechat_csv.no_time</comment>
        <translation>CreateTime 和 StrTime 都无法读取</translation>
    </message>
    <message>
        <source>page holds exactly {rows} rows: PyWxDump may have written further pages that are not in this import</source>
        <comment>wechat_csv.page_full</comment>
        <translation>该页恰好有 {rows} 行：PyWxDump 可能还写出了未包含在本次导入中的后续分页</translation>
    </message>
    <message>
        <source>rows {first}-{last} of the split export are missing</source>
        <comment>wechat_csv.pages_missing</comment>
        <translation>分页导出缺少第 {first}–{last} 行</translation>
    </message>
    <message>
        <source>row has {fields} {fields:field|fields}, the header has {width}: the file is truncated or damaged</source>
        <comment>wechat_csv.row_width</comment>
        <translation>该行有 {fields} 个字段，表头有 {width} 个：文件不完整或已损坏</translation>
    </message>
    <message>
        <source>StrTime {value!r} is not a time</source>
        <comment>wechat_csv.strtime_not_time</comment>
        <translation>StrTime“{value}”不是时间</translation>
    </message>
    <message>
        <source>time {time!r} out of range</source>
        <comment>wechat_csv.time_out_of_range</comment>
        <translation>时间“{time}”超出范围</translation>
    </message>
    <message>
        <source>Type/SubType {type!r}/{subtype!r} are not numbers; kept as unknown</source>
        <comment>wechat_csv.type_not_number</comment>
        <translation>Type/SubType“{type}”/“{subtype}”不是数字；按未知类型保留</translation>
    </message>
    <message>
        <source>unreadable time {time!r}</source>
        <comment>wechat_csv.unreadable_time</comment>
        <translation>时间“{time}”无法读取</translation>
    </message>
    <message>
        <source>StrTime is consistently {shift} from CreateTime read in {zone}: the exporting PC ran in another time zone; sent_at follows CreateTime</source>
        <comment>wechat_csv.zone_consistent</comment>
        <translation>按 {zone} 读取时，StrTime 与 CreateTime 一律相差 {shift}：导出时电脑处于其他时区；发送时间以 CreateTime 为准</translation>
    </message>
    <message>
        <source>StrTime differs from CreateTime by {shift} in {zone}; sent_at follows CreateTime</source>
        <comment>wechat_csv.zone_differs</comment>
        <translation>在 {zone} 时区下 StrTime 与 CreateTime 相差 {shift}；发送时间以 CreateTime 为准</translation>
    </message>
    <message>
        <source>{count} more rows differ by {shift}</source>
        <comment>wechat_csv.zone_differs_more</comment>
        <translation>另有 {count} 行相差 {shift}</translation>
    </message>
    <message>
        <source>missing or invalid timestamp</source>
        <comment>wechat_html.bad_timestamp</comment>
        <translation>时间戳缺失或无效</translation>
    </message>
    <message>
        <source>message block has no time</source>
        <comment>wechat_html.block_no_time</comment>
        <translation>消息块没有时间</translation>
    </message>
    <message>
        <source>broken message array: {error} (file truncated or edited?)</source>
        <comment>wechat_html.broken_array</comment>
        <translation>消息数组已损坏：{error}（文件不完整或被修改过？）</translation>
    </message>
    <message>
        <source>broken page: {error}</source>
        <comment>wechat_html.broken_page</comment>
        <translation>分页已损坏：{error}</translation>
    </message>
    <message>
        <source>WeChat WechatExporter HTML, {encoding}</source>
        <comment>wechat_html.detected_exporter</comment>
        <translation>微信 WechatExporter HTML，{encoding}</translation>
    </message>
    <message>
        <source>WeChat WechatExporter HTML with Files/Data pages, {encoding}</source>
        <comment>wechat_html.detected_exporter_paged</comment>
        <translation>微信 WechatExporter HTML，含 Files/Data 分页，{encoding}</translation>
    </message>
    <message>
        <source>WeChat MemoTrace HTML (embedded message array), {encoding}</source>
        <comment>wechat_html.detected_memotrace</comment>
        <translation>微信 MemoTrace HTML（内嵌消息数组），{encoding}</translation>
    </message>
    <message>
        <source>invalid time {time!r}</source>
        <comment>wechat_html.invalid_time</comment>
        <translation>时间“{time}”无效</translation>
    </message>
    <message>
        <source>array item is not an object</source>
        <comment>wechat_html.item_not_object</comment>
        <translation>数组元素不是对象</translation>
    </message>
    <message>
        <source>no JavaScript message array in the page</source>
        <comment>wechat_html.no_array</comment>
        <translation>页面中没有 JavaScript 消息数组</translation>
    </message>
    <message>
        <source>no message blocks in the page; a paged WechatExporter export keeps them in Files/Data/msg-N.js: import the whole folder or zip</source>
        <comment>wechat_html.no_blocks</comment>
        <translation>页面中没有消息块；分页的 WechatExporter 导出把消息放在 Files/Data/msg-N.js 中：请导入整个文件夹或压缩包</translation>
    </message>
    <message>
        <source>no dated message in the export</source>
        <comment>wechat_html.no_dated_message</comment>
        <translation>导出中没有带时间的消息</translation>
    </message>
    <message>
        <source>no MemoTrace message array (chatMessages) found</source>
        <comment>wechat_html.no_memotrace_array</comment>
        <translation>未找到 MemoTrace 消息数组（chatMessages）</translation>
    </message>
    <message>
        <source>no messages</source>
        <comment>wechat_html.no_messages</comment>
        <translation>没有消息</translation>
    </message>
    <message>
        <source>message has no numeric type</source>
        <comment>wechat_html.no_type</comment>
        <translation>消息没有数字类型</translation>
    </message>
    <message>
        <source>not message HTML</source>
        <comment>wechat_html.not_message_html</comment>
        <translation>不是消息 HTML</translation>
    </message>
    <message>
        <source>system notice has no time in WechatExporter HTML; sent_at copied from {from_locator} ({time}); the true time is not after it</source>
        <comment>wechat_html.notice_time_after</comment>
        <translation>WechatExporter HTML 中的系统通知没有时间；发送时间取自 {from_locator}（{time}）；实际时间不晚于此</translation>
    </message>
    <message>
        <source>system notice has no time in WechatExporter HTML; sent_at copied from {from_locator} ({time}); the true time is not before it</source>
        <comment>wechat_html.notice_time_before</comment>
        <translation>WechatExporter HTML 中的系统通知没有时间；发送时间取自 {from_locator}（{time}）；实际时间不早于此</translation>
    </message>
    <message>
        <source>page has no message array</source>
        <comment>wechat_html.page_no_array</comment>
        <translation>分页中没有消息数组</translation>
    </message>
    <message>
        <source>page file is not UTF-8 text</source>
        <comment>wechat_html.page_not_utf8</comment>
        <translation>分页文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>time out of range</source>
        <comment>wechat_html.time_out_of_range</comment>
        <translation>时间超出范围</translation>
    </message>
    <message>
        <source>unreadable HTML: {error}</source>
        <comment>wechat_html.unreadable_html</comment>
        <translation>无法读取的 HTML：{error}</translation>
    </message>
    <message>
        <source>{variant}, {encoding}</source>
        <comment>wechat_txt.detected</comment>
        <translation>{variant}，{encoding}</translation>
    </message>
    <message>
        <source>expected &apos;name (YYYY-MM-DD HH:MM:SS):message&apos; or &apos;系统消息: ...&apos;</source>
        <comment>wechat_txt.expected_exporter</comment>
        <translation>此处应为“名称 (YYYY-MM-DD HH:MM:SS):消息”或“系统消息: …”</translation>
    </message>
    <message>
        <source>expected a record header &apos;YYYY-MM-DD HH:MM:SS name&apos;</source>
        <comment>wechat_txt.expected_memotrace</comment>
        <translation>此处应为记录表头“YYYY-MM-DD HH:MM:SS 名称”</translation>
    </message>
    <message>
        <source>invalid time {time!r}</source>
        <comment>wechat_txt.invalid_time</comment>
        <translation>时间“{time}”无效</translation>
    </message>
    <message>
        <source>no dated message in the file</source>
        <comment>wechat_txt.no_dated_message</comment>
        <translation>文件中没有带时间的消息</translation>
    </message>
    <message>
        <source>record without header</source>
        <comment>wechat_txt.no_header</comment>
        <translation>记录没有表头行</translation>
    </message>
    <message>
        <source>no messages in the file</source>
        <comment>wechat_txt.no_messages</comment>
        <translation>文件中没有消息</translation>
    </message>
    <message>
        <source>system line has no time in WechatExporter TXT; sent_at copied from line {line} ({time}); the true time is not after it</source>
        <comment>wechat_txt.system_time_after</comment>
        <translation>WechatExporter TXT 中的系统消息行没有时间；发送时间取自第 {line} 行（{time}）；实际时间不晚于此</translation>
    </message>
    <message>
        <source>system line has no time in WechatExporter TXT; sent_at copied from line {line} ({time}); the true time is not before it</source>
        <comment>wechat_txt.system_time_before</comment>
        <translation>WechatExporter TXT 中的系统消息行没有时间；发送时间取自第 {line} 行（{time}）；实际时间不早于此</translation>
    </message>
    <message>
        <source>time {time!r} out of range</source>
        <comment>wechat_txt.time_out_of_range</comment>
        <translation>时间“{time}”超出范围</translation>
    </message>
    <message>
        <source>ambiguous d/m vs m/d ({note})</source>
        <comment>whatsapp.ambiguous_order</comment>
        <translation>日/月顺序不明确（{note}）</translation>
    </message>
    <message>
        <source>Buddhist calendar</source>
        <comment>whatsapp.buddhist</comment>
        <translation>佛历</translation>
    </message>
    <message>
        <source>WhatsApp {platform}, {language}, {clock}, {orders}</source>
        <comment>whatsapp.detected</comment>
        <translation>WhatsApp {platform}，{language}，{clock}，{orders}</translation>
    </message>
    <message>
        <source>{reason}, {extra}</source>
        <comment>whatsapp.detected_extra</comment>
        <translation>{reason}，{extra}</translation>
    </message>
    <message>
        <source>local time {time} does not exist in {zone} (skipped by a DST change); read with the offset before the change, UTC{offset} = {utc}</source>
        <comment>whatsapp.dst_gap</comment>
        <translation>本地时间 {time} 在 {zone} 中不存在（被夏令时调整跳过）；按调整前的偏移读取，UTC{offset} = {utc}</translation>
    </message>
    <message>
        <source>local time {time} occurs twice in {zone} (DST change); read as the first occurrence, UTC{offset} = {utc}</source>
        <comment>whatsapp.dst_twice</comment>
        <translation>本地时间 {time} 在 {zone} 中出现两次（夏令时调整）；按第一次读取，UTC{offset} = {utc}</translation>
    </message>
    <message>
        <source>looks like a message header but its date is invalid as {written}; kept as text of the previous message</source>
        <comment>whatsapp.invalid_date</comment>
        <translation>看起来是消息头，但按 {written} 读取时日期无效；作为上一条消息的文字保留</translation>
    </message>
    <message>
        <source>looks like a message header but its date or time is invalid; kept as text of the previous message</source>
        <comment>whatsapp.invalid_header</comment>
        <translation>看起来是消息头，但日期或时间无效；作为上一条消息的文字保留</translation>
    </message>
    <message>
        <source>Japanese calendar</source>
        <comment>whatsapp.japanese</comment>
        <translation>日本年号纪年</translation>
    </message>
    <message>
        <source>no WhatsApp chat .txt file in the export</source>
        <comment>whatsapp.no_chat_file</comment>
        <translation>导出中没有 WhatsApp 聊天 .txt 文件</translation>
    </message>
    <message>
        <source>no WhatsApp message header found</source>
        <comment>whatsapp.no_header</comment>
        <translation>未找到 WhatsApp 消息头</translation>
    </message>
    <message>
        <source>day/month order is ambiguous ({note}); read as {order}/y, check against a known date</source>
        <comment>whatsapp.order_ambiguous</comment>
        <translation>日/月顺序不明确（{note}）；已按 {order}/年 读取，请对照一个已知日期核实</translation>
    </message>
    <message>
        <source>no day above 12; chosen by fewer out-of-order dates</source>
        <comment>whatsapp.order_by_inversions</comment>
        <translation>没有大于 12 的日期；按时间倒序较少的读法选定</translation>
    </message>
    <message>
        <source>no day above 12; default d/m</source>
        <comment>whatsapp.order_default</comment>
        <translation>没有大于 12 的日期；默认按 日/月</translation>
    </message>
    <message>
        <source>no day above 12; default m/d for unpadded &apos;/&apos; dates with 2-digit years</source>
        <comment>whatsapp.order_us_default</comment>
        <translation>没有大于 12 的日期；对不补零、两位年份的“/”日期默认按 月/日</translation>
    </message>
    <message>
        <source>several WhatsApp chat files: {found}; pick one</source>
        <comment>whatsapp.several</comment>
        <translation>有多个 WhatsApp 聊天文件：{found}；请选择其中一个</translation>
    </message>
    <message>
        <source>text before the first message header was not parsed: {excerpt!r}</source>
        <comment>whatsapp.text_before_header</comment>
        <translation>第一条消息头之前的文字未解析：“{excerpt}”</translation>
    </message>
    <message>
        <source>text before the first message header was not parsed: {excerpt!r} (+{more} {more:character|characters})</source>
        <comment>whatsapp.text_before_header_long</comment>
        <translation>第一条消息头之前的文字未解析：“{excerpt}”（另有 {more} 个字符）</translation>
    </message>
    <message>
        <source>unknown time zone {tz!r}</source>
        <comment>whatsapp.unknown_zone</comment>
        <translation>未知时区“{tz}”</translation>
    </message>
    <message>
        <source>{count} read(s) from {first_at} on (by {users}) were never sealed: the session ended without closing its batch</source>
        <comment>access.unsealed</comment>
        <translation type="vanished">自 {first_at} 起的 {count} 次读取（由 {users}）从未封存：会话结束时未封存其批次</translation>
    </message>
    <message>
        <source>{action} may not set column(s) {columns} of {table}</source>
        <comment>authority.columns_forbidden</comment>
        <translation type="vanished">{action} 无权设置表 {table} 的列 {columns}</translation>
    </message>
    <message>
        <source>{action} must give column(s) {columns} of a new {table} row</source>
        <comment>authority.columns_missing</comment>
        <translation type="vanished">{action} 新增 {table} 行时必须提供列 {columns}</translation>
    </message>
    <message>
        <source>backup checked: store {store_id}, {ledger_size} ledger entries, {blobs} originals; made {created_at} by {created_by}; verify INTACT</source>
        <comment>backup.checked</comment>
        <translation type="vanished">备份已检查：证据库 {store_id}，{ledger_size} 条存证记录，{blobs} 个原始文件；由 {created_by} 于 {created_at} 制作；校验完好</translation>
    </message>
    <message>
        <source>{path}: the restored store does not verify ({count} problem(s): {problems})</source>
        <comment>backup.does_not_verify</comment>
        <translation type="vanished">{path}：恢复出的证据库未通过校验（{count} 个问题：{problems}）</translation>
    </message>
    <message>
        <source>backup restored to {path}: store {store_id}, {ledger_size} ledger entries, {blobs} originals; made {created_at} by {created_by}; verify INTACT</source>
        <comment>backup.restored</comment>
        <translation type="vanished">备份已恢复到 {path}：证据库 {store_id}，{ledger_size} 条存证记录，{blobs} 个原始文件；由 {created_by} 于 {created_at} 制作；校验完好</translation>
    </message>
    <message>
        <source>backup written to {path}: store {store_id}, {ledger_size} ledger entries, {blobs} originals, {bytes} bytes</source>
        <comment>backup.written</comment>
        <translation type="vanished">备份已写入 {path}：证据库 {store_id}，{ledger_size} 条存证记录，{blobs} 个原始文件，{bytes} 字节</translation>
    </message>
    <message>
        <source>It concerns {cases} case(s) and about {people} person(s).</source>
        <comment>breach.notice_scope</comment>
        <translation type="vanished">涉及 {cases} 个案件、约 {people} 人。</translation>
    </message>
    <message>
        <source>another entry was written to the ledger while the bundle was drawn, so its chain of custody would name its own entry wrongly: export again</source>
        <comment>bundle.ledger_moved</comment>
        <translation type="vanished">生成证据包期间存证链又写入了其他记录，保管链将无法正确标明本次导出的记录：请重新导出</translation>
    </message>
    <message>
        <source>bundle_id={bundle_id}: this export. Its entry is written to the ledger right after this PDF, with the digests of the PDF and the kit, so its hashes cannot be printed here; the kit&apos;s evidence-manifest.json names its seq, and verify checks it.</source>
        <comment>bundle_text.custody_export</comment>
        <translation type="vanished">证据包 {bundle_id}：本次导出。其记录在本 PDF 生成后立即写入存证链，并含本 PDF 和校验包的哈希值，因此其哈希无法印于此处；校验包的 evidence-manifest.json 载明其序号，verify 会核对。</translation>
    </message>
    <message>
        <source>This bundle combines the ledgers of {count} devices of the organisation. Each entry names the device whose ledger holds it (its short id and the user who joined it) and the user who signed it; entries are in the organisation&apos;s order, and Seq is the entry&apos;s number in its own device&apos;s ledger.</source>
        <comment>bundle_text.custody_org_intro</comment>
        <translation type="vanished">本证据包合并了本组织 {count} 台设备的账本。每条记录注明保存它的设备（设备短标识及加入该设备的用户）和签署它的用户；记录按组织顺序排列，序号是该记录在其所属设备账本中的编号。</translation>
    </message>
    <message>
        <source>Page {label} · volume {vol} of {vol_pages} pages · bundle page {page}/{total}</source>
        <comment>bundle_text.header_page</comment>
        <translation type="vanished">第 {label} 页 · 卷 {vol} 共 {vol_pages} 页 · 全包第 {page}/{total} 页</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <comment>bundle_text.messages_count</comment>
        <translation type="vanished">共 {n} 条消息</translation>
    </message>
    <message>
        <source>Time-stamped by an RFC 3161 TSA at {gen_time}.</source>
        <comment>bundle_text.org_stamp_time</comment>
        <translation type="vanished">已由 RFC 3161 时间戳机构于 {gen_time} 加盖时间戳。</translation>
    </message>
    <message>
        <source>{count} entries of this bundle are not yet covered by an organisation checkpoint.</source>
        <comment>bundle_text.org_uncovered</comment>
        <translation type="vanished">本证据包有 {count} 条记录尚未被组织检查点覆盖。</translation>
    </message>
    <message>
        <source>This organisation checkpoint has no trusted time-stamp.</source>
        <comment>bundle_text.org_unstamped</comment>
        <translation type="vanished">此组织检查点没有可信时间戳。</translation>
    </message>
    <message>
        <source>This bundle withholds {spans} passages of message text, {messages} whole messages and {regions} regions of images. Each is printed as a black box with its reason code; the width of a box never shows the length of what it withholds.</source>
        <comment>bundle_text.redaction_counts</comment>
        <translation type="vanished">本证据包隐去了 {spans} 处消息文字、{messages} 条完整消息和 {regions} 处图像区域。每一处均以黑框显示，并标注理由代码；黑框宽度固定，不反映被隐去内容的长度。</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <comment>bundle_text.size_bytes</comment>
        <translation type="vanished">{size} 字节</translation>
    </message>
    <message>
        <source>{n} msgs</source>
        <comment>bundle_text.summary_messages</comment>
        <translation type="vanished">{n} 条消息</translation>
    </message>
    <message>
        <source>{count} bad row(s)</source>
        <comment>case.bad_rows</comment>
        <translation type="vanished">{count} 行有误</translation>
    </message>
    <message>
        <source>row {row}: {cells} cells, header has {width}</source>
        <comment>case.row_cells</comment>
        <translation type="vanished">第 {row} 行：有 {cells} 个单元格，表头有 {width} 列</translation>
    </message>
    <message>
        <source>(founding device)</source>
        <comment>cli.device_founding</comment>
        <translation type="vanished">（创始设备）</translation>
    </message>
    <message>
        <source>{device}  {user}  {size} entries</source>
        <comment>cli.device_line</comment>
        <translation type="vanished">{device}  {user}  {size} 条记录</translation>
    </message>
    <message>
        <source>{device}  {user}  {size} entries  (this device)</source>
        <comment>cli.device_line_own</comment>
        <translation type="vanished">{device}  {user}  {size} 条记录  （本设备）</translation>
    </message>
    <message>
        <source>{device}  {user}  {size} entries  retired by {by} at {at}: {reason}</source>
        <comment>cli.device_line_retired</comment>
        <translation type="vanished">{device}  {user}  {size} 条记录  已由 {by} 于 {at} 停用：{reason}</translation>
    </message>
    <message>
        <source>retired device {device} ({reason}): its {size} entries stand, the hub refuses anything more from it</source>
        <comment>cli.device_retired</comment>
        <translation type="vanished">已停用设备 {device}（{reason}）：其 {size} 条记录有效，中心不再接受它的任何内容</translation>
    </message>
    <message>
        <source>{count} finding(s), {open} open; {parameters}</source>
        <comment>cli_review.findings</comment>
        <translation type="vanished">共 {count} 条提示，{open} 条尚未确认；{parameters}</translation>
    </message>
    <message>
        <source>{count} message(s)</source>
        <comment>cli_review.messages_found</comment>
        <translation type="vanished">{count} 条消息</translation>
    </message>
    <message>
        <source>{count} screenshot(s) by their OCR text (not messages)</source>
        <comment>cli_review.screenshots_found</comment>
        <translation type="vanished">按 OCR 识别文字找到 {count} 张截图（不是消息）</translation>
    </message>
    <message>
        <source>{count} staff message(s) to {name}, whose relation is {relation!r}, not debtor or guarantor</source>
        <comment>conduct.cc3_relation</comment>
        <translation type="vanished">员工向 {name} 发送了 {count} 条消息，其关系为{relation}，不是债务人或担保人</translation>
    </message>
    <message>
        <source>{channel} contact used by staff ({count} message(s)) with no debtor-consent record</source>
        <comment>conduct.cc4_no_consent</comment>
        <translation type="vanished">员工使用{channel}联系（{count} 条消息），但没有债务人同意记录</translation>
    </message>
    <message>
        <source>account(s) not on the approved repayment list: {accounts}</source>
        <comment>conduct.cc7_accounts</comment>
        <translation type="vanished">不在核准还款账户名单上的账户：{accounts}</translation>
    </message>
    <message>
        <source>our bubble {bubble} in screenshot {item} quotes account(s) not on the approved repayment list: {accounts}</source>
        <comment>conduct.shot_cc7_accounts</comment>
        <translation type="vanished">截图 {item} 中我方第 {bubble} 个气泡引用了不在核准还款账户名单上的账户：{accounts}</translation>
    </message>
    <message>
        <source>mapped column(s) {missing} not in the header: {header}</source>
        <comment>csv.mapped_missing</comment>
        <translation type="vanished">指定的列 {missing} 不在表头中：{header}</translation>
    </message>
    <message>
        <source>row has {fields} fields, the header has {width}</source>
        <comment>csv.row_width</comment>
        <translation type="vanished">该行有 {fields} 个字段，表头有 {width} 个</translation>
    </message>
    <message>
        <source>the bundle&apos;s chain of custody printed its own export as ledger seq {printed}, but the export entry is seq {seq}</source>
        <comment>custody.export_seq</comment>
        <translation type="vanished">证据包保管链将本次导出印为存证链第 {printed} 条，但导出记录实为第 {seq} 条</translation>
    </message>
    <message>
        <source>the request&apos;s signature as {key_id} does not verify</source>
        <comment>httpsig.forged</comment>
        <translation type="vanished">请求以 {key_id} 身份所作的签名验证不通过</translation>
    </message>
    <message>
        <source>the request is signed as {key_id}, whom this hub does not know</source>
        <comment>httpsig.unknown_key</comment>
        <translation type="vanished">请求以 {key_id} 身份签名，但服务中心没有此用户</translation>
    </message>
    <message>
        <source>blob {digest}: chunk(s) {missing} have not been uploaded</source>
        <comment>hub.blob_missing</comment>
        <translation type="vanished">文件 {digest}：分块 {missing} 尚未上传</translation>
    </message>
    <message>
        <source>This laptop (device {device}) was retired by {by} on {at}: {reason}. It keeps its {size} entries and pushes nothing more</source>
        <comment>hub.device_retired</comment>
        <translation type="vanished">这台笔记本电脑（设备 {device}）已由 {by} 于 {at} 停用：{reason}。它保留其 {size} 条记录，不再推送任何内容</translation>
    </message>
    <message>
        <source>--tsa needs --tsa-ca: the TSA&apos;s root certificate(s) that its answers must chain to</source>
        <comment>hub.tsa_ca_missing</comment>
        <translation type="vanished">--tsa 需要 --tsa-ca：时间戳机构的应答必须链接到的根证书</translation>
    </message>
    <message>
        <source>{count} bytes follow the PNG end chunk</source>
        <comment>image.png_trailing</comment>
        <translation type="vanished">PNG 结束块之后还有 {count} 字节</translation>
    </message>
    <message>
        <source>{count} bytes follow the WebP data</source>
        <comment>image.webp_trailing</comment>
        <translation type="vanished">WebP 数据之后还有 {count} 字节</translation>
    </message>
    <message>
        <source>the import recorded {recorded} message(s) left out; applying its recorded choice to the original leaves out {current}</source>
        <comment>import.left_out_differs</comment>
        <translation type="vanished">该次导入记录排除了 {recorded} 条消息；按所记录的选择处理原始文件则排除 {current} 条</translation>
    </message>
    <message>
        <source>column(s) {columns} differ from the original</source>
        <comment>import.message_changed</comment>
        <translation type="vanished">字段 {columns} 与原始文件不符</translation>
    </message>
    <message>
        <source>the store {path} passed every check ({cases} case(s), {contacts} contact(s), none taken in the organisation), but the hub does not accept a store&apos;s pre-organisation history yet: nothing was sent and nothing of the store changed</source>
        <comment>join.not_accepted</comment>
        <translation type="vanished">存储库 {path} 通过了所有检查（{cases} 个案件、{contacts} 个联系人，均未在组织中被占用），但中心服务器尚不接受存储库加入组织之前的历史记录：未发送任何内容，存储库也未做任何更改</translation>
    </message>
    <message>
        <source>{path}: the hub holds this device&apos;s join, but not as the pending join made at entry {seq} of this store, or the store moved on since: nothing committed</source>
        <comment>join.pending_stale</comment>
        <translation type="vanished">{path}：中心已持有本设备的加入，但与在本存储第 {seq} 条条目处生成的待完成加入不一致，或本存储此后已有新条目：未提交任何内容</translation>
    </message>
    <message>
        <source>{path}: the pending join was made at entry {seq} of this store, which has moved on since; the hub {held}</source>
        <comment>join.pending_stale</comment>
        <translation type="vanished"></translation>
    </message>
    <message>
        <source>This bundle combines the ledgers of {count} devices of the organisation. The
exporting device&apos;s ledger is in ledger/ and proofs/; each other device&apos;s is in
ledger/devices/&lt;device id&gt;/ (entries.jsonl, its signed checkpoint and proofs/).
ledger/org-order.json lists every entry by device and seq in the organisation&apos;s
order, in which verify-bundle replays the rules; each device&apos;s checkpoint note
names that device, so an entry moved to another device fails its signature.</source>
        <comment>kit_text.org_ledgers</comment>
        <translation type="vanished">本证据包合并了本组织 {count} 台设备的账本。导出设备的账本在
ledger/ 和 proofs/ 中；其他每台设备的账本在 ledger/devices/&lt;设备标识&gt;/ 中
（entries.jsonl、其签名检查点和 proofs/）。ledger/org-order.json 按设备和序号
列出组织顺序中的每条记录，verify-bundle 按此顺序重放规则；每台设备的检查点
文本都写明该设备，因此移到另一台设备的记录无法通过签名验证。</translation>
    </message>
    <message>
        <source>The hub&apos;s time-stamp of organisation checkpoint {size} is in {file}, but the
certificates of the TSA that issued it are not in this kit (the hub did not
publish them), so there is no openssl step for it.</source>
        <comment>kit_text.org_stamp_unchecked</comment>
        <translation type="vanished">中心服务器对组织检查点 {size} 的时间戳位于 {file}，但签发该时间戳的
时间戳机构证书不在本证据包中（中心服务器未公布），因此没有相应的 openssl 步骤。</translation>
    </message>
    <message>
        <source>{file}: {count} entries of this bundle are not yet covered by an organisation
checkpoint (not pushed to the hub when the bundle was made); verify-bundle lists
them.</source>
        <comment>kit_text.org_uncovered</comment>
        <translation type="vanished">{file}：本证据包有 {count} 条记录尚未被组织检查点覆盖（生成证据包时尚未推送到
中心服务器）；verify-bundle 会列出这些记录。</translation>
    </message>
    <message>
        <source>{count} line(s) without a time were joined to the message before them</source>
        <comment>line.joined</comment>
        <translation type="vanished">{count} 行没有时间，已并入其前一条消息</translation>
    </message>
    <message>
        <source>{where} JSON download ({count} message_N.json file(s))</source>
        <comment>messenger.detected_download</comment>
        <translation type="vanished">{where} JSON 下载包（{count} 个 message_N.json 文件）</translation>
    </message>
    <message>
        <source>{count} string(s) could not be re-decoded as UTF-8 and are kept as written</source>
        <comment>messenger.mojibake_failed</comment>
        <translation type="vanished">{count} 个字符串无法重新解码为 UTF-8，按原样保留</translation>
    </message>
    <message>
        <source>{file}: re-decoded {count} mojibake string(s) (UTF-8 bytes written as \u00XX code points) from latin-1 to UTF-8</source>
        <comment>messenger.mojibake_repaired</comment>
        <translation type="vanished">{file}：已将 {count} 个乱码字符串（以 \u00XX 码位写入的 UTF-8 字节）从 latin-1 重新解码为 UTF-8</translation>
    </message>
    <message>
        <source>{count} screenshot reading(s) checked against the ledger, not read again (verify --deep reads every screenshot again)</source>
        <comment>ocr.not_reread</comment>
        <translation type="vanished">已核对 {count} 份截图识别结果与存证链一致，未重新识别（verify --deep 会重新识别每张截图）</translation>
    </message>
    <message>
        <source>{count} screenshot(s) read again by OCR, each the same as the reading the ledger records</source>
        <comment>ocr.reread_same</comment>
        <translation type="vanished">已用 OCR 重新识别 {count} 张截图，结果均与存证链记录的识别结果一致</translation>
    </message>
    <message>
        <source>its time-stamp token cannot be checked: this store has no TSA roots configured</source>
        <comment>org_checkpoint.stamp_unchecked</comment>
        <translation type="vanished">其时间戳令牌无法检查：本存储未配置时间戳机构根证书</translation>
    </message>
    <message>
        <source>{count} bytes from here are not audio frames of this stream; the length counts the frames before them</source>
        <comment>recording.bad_frame</comment>
        <translation type="vanished">从此处起的 {count} 字节不是该音频流的帧；时长只计算此前的帧</translation>
    </message>
    <message>
        <source>{count} bytes follow the end of the {format} data</source>
        <comment>recording.trailing_bytes</comment>
        <translation type="vanished">{format} 数据结束之后还有 {count} 字节</translation>
    </message>
    <message>
        <source>case {case} shredded (basis {basis}): {contacts} contacts, {messages} messages, {imports} imports, {items} items ({documents} documents), {tags} tags, {blobs} originals ({bytes} bytes) destroyed, {entries} ledger entries and {reads} read log rows redacted; tombstone at ledger seq {seq}</source>
        <comment>shred.done_text</comment>
        <translation type="vanished">案件 {case} 已销毁（依据 {basis}）：销毁联系人 {contacts} 个、消息 {messages} 条、导入 {imports} 次、证据项 {items} 个（其中材料 {documents} 份）、标记 {tags} 个、原始文件 {blobs} 个（{bytes} 字节），删改存证记录 {entries} 条、读取日志 {reads} 行；销毁记录为存证链第 {seq} 条</translation>
    </message>
    <message>
        <source>{restored}; re-applied {count} shredding(s) recorded after the backup was made: case(s) {cases}</source>
        <comment>shred.reapplied</comment>
        <translation type="vanished">{restored}；已重新执行该备份之后记录的 {count} 次销毁：案件 {cases}</translation>
    </message>
    <message>
        <source>&lt;{tag} count={declared}&gt; but {total} record(s) found: the file may be truncated or edited</source>
        <comment>sms.count_mismatch</comment>
        <translation type="vanished">&lt;{tag} count={declared}&gt; 但实际找到 {total} 条记录：文件可能不完整或被修改过</translation>
    </message>
    <message>
        <source>replaced {count} reference(s) to characters XML 1.0 forbids ({chars}) with U+FFFD</source>
        <comment>sms.repaired_forbidden</comment>
        <translation type="vanished">已将 {count} 个 XML 1.0 禁止的字符引用（{chars}）替换为 U+FFFD</translation>
    </message>
    <message>
        <source>replaced {count} lone surrogate character reference(s) with U+FFFD</source>
        <comment>sms.repaired_lone</comment>
        <translation type="vanished">已将 {count} 个孤立的代理字符引用替换为 U+FFFD</translation>
    </message>
    <message>
        <source>combined {count} surrogate-pair character reference(s) (e.g. &amp;#55357;&amp;#56832;) into the characters they encode</source>
        <comment>sms.repaired_pairs</comment>
        <translation type="vanished">已将 {count} 个代理对字符引用（如 &amp;#55357;&amp;#56832;）合并为其所表示的字符</translation>
    </message>
    <message>
        <source>the hub&apos;s history of device(s) {devices} is not the one this store pulled (entries edited, deleted or moved on the hub): nothing is pulled from it</source>
        <comment>sync.hub_changed</comment>
        <translation type="vanished">中心上设备 {devices} 的历史记录与本存储库拉取时的不一致（记录在中心被修改、删除或移动）：不从该中心拉取任何内容</translation>
    </message>
    <message>
        <source>quoted {count} unquoted document_id value(s) (Telegram Desktop writer bug, tdesktop#24961)</source>
        <comment>telegram.repaired_document_id</comment>
        <translation type="vanished">已为 {count} 个未加引号的 document_id 值加上引号（Telegram Desktop 写入错误，tdesktop#24961）</translation>
    </message>
    <message>
        <source>replaced {count} invalid \xHH escape(s) with \u00HH (Telegram Desktop writer bug, tdesktop#27571)</source>
        <comment>telegram.repaired_escapes</comment>
        <translation type="vanished">已将 {count} 个无效的 \xHH 转义替换为 \u00HH（Telegram Desktop 写入错误，tdesktop#27571）</translation>
    </message>
    <message>
        <source>the &apos;date&apos; text differs from date_unixtime by {offset} in zone {zone} for {count} message(s); the exporting PC was probably in another zone. date_unixtime was used</source>
        <comment>telegram.zone_mismatch</comment>
        <translation type="vanished">在 {zone} 时区下，{count} 条消息的 date 文本与 date_unixtime 相差 {offset}；导出时电脑可能处于其他时区。已采用 date_unixtime</translation>
    </message>
    <message>
        <source>the &apos;date&apos; text differs from date_unixtime by {amounts} further different amount(s) in {count} message(s); date_unixtime was used</source>
        <comment>telegram.zone_mismatch_more</comment>
        <translation type="vanished">另有 {count} 条消息的 date 文本与 date_unixtime 存在 {amounts} 种不同差值；已采用 date_unixtime</translation>
    </message>
    <message>
        <source>{count} keys of {organisation} (store {store}) from {source}</source>
        <comment>trust.keys_from</comment>
        <translation type="vanished">{organisation}（证据库 {store}）的 {count} 个公钥，来自{source}</translation>
    </message>
    <message>
        <source>{count} entries sealed locally, not yet time-stamped</source>
        <comment>tsa.pending</comment>
        <translation type="vanished">{count} 条记录已在本地封存，尚未加盖时间戳</translation>
    </message>
    <message>
        <source>{count} original(s) not decrypted or re-hashed: {user} holds no key of this case (role {role}); another reader&apos;s verify checks them</source>
        <comment>verify.blob_not_performed</comment>
        <translation type="vanished">{count} 个原始文件未解密或重新计算哈希：{user} 不持有此案件的密钥（角色 {role}）；由其他有权阅读者的校验检查</translation>
    </message>
    <message>
        <source>{count} slot(s) belong to no user of the ledger</source>
        <comment>verify.keyslot_unknown</comment>
        <translation type="vanished">{count} 个密钥槽不属于存证链中的任何用户</translation>
    </message>
    <message>
        <source>column(s) {columns} differ from the ledger</source>
        <comment>verify.row_differs</comment>
        <translation type="vanished">{columns} 列与存证链不符</translation>
    </message>
    <message>
        <source>row has {fields} fields, the header has {width}: the file is truncated or damaged</source>
        <comment>wechat_csv.row_width</comment>
        <translation type="vanished">该行有 {fields} 个字段，表头有 {width} 个：文件不完整或已损坏</translation>
    </message>
    <message>
        <source>text before the first message header was not parsed: {excerpt!r} (+{more} characters)</source>
        <comment>whatsapp.text_before_header_long</comment>
        <translation type="vanished">第一条消息头之前的文字未解析：“{excerpt}”（另有 {more} 个字符）</translation>
    </message>
</context>
</TS>
