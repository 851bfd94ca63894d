"""The bundle's wording in Chinese (default) and English, kept apart from the layout code.

Whole sentences with named placeholders, never concatenated fragments, so each language keeps
its own word order. ``t(lang, key, **values)`` falls back to English for a missing key.
"""

from __future__ import annotations

from typing import Any

ZH: dict[str, str] = {
    "title": "电子证据包",
    "cover": "封面",
    "case_no": "案号",
    "parties": "当事人",
    "creditor": "出具单位（债权人）",
    "debtor": "债务人",
    "counterparties": "聊天对方",
    "producer": "出具人",
    "produced_at": "出具时间",
    "bundle_id": "证据包编号",
    "kit_digest": "校验包证据清单摘要（evidence-manifest.json）",
    "checkpoint": "存证链检查点",
    "checkpoint_value": "第 {size} 条，根哈希 {root}",
    "unstamped": "该检查点尚无可信时间戳，时间仅为本机时间。",
    "scope": "范围",
    "scope_value": "日期 {date_from} 至 {date_to}（{zone}）；{which}",
    "scope_all": "范围内全部消息",
    "scope_tagged": "仅已标记消息（其余列于完整性说明）",
    "any": "不限",
    "volumes": "分卷",
    "qr_note": "二维码内容：证据包编号与校验包摘要",
    "list": "证据目录",
    "col_no": "编号",
    "col_name": "证据名称",
    "col_source": "来源",
    "col_object": "证明对象",
    "col_pages": "页码",
    "col_digest": "SHA-256 前缀",
    "form_note": "证据形式：电子数据；原始文件见校验包 data/originals/，与本目录所列哈希值一致。",
    "submission": "提交日期：{date}　　提交人（签名或盖章）：________________",
    "method": "取证说明与声明",
    "integrity": "完整性证书",
    "identity_section": "身份证据与联系人审批记录",
    "conversations": "聊天记录",
    "completeness": "完整性与缺漏说明",
    "annex": "标签与催收合规检查附录",
    "custody": "保管链记录",
    "appendix": "校验附录",
    "exhibit_identity": "身份证据及审批记录：{name}（{channel} {handle}）",
    "exhibit_conversation": "聊天记录：{name}（{channel} {handle}）",
    "exhibit_recordings": "录音录像：{name}（{channel} {handle}）",
    "recordings": "录音录像",
    "object_recordings": "外访及通话的录音录像所记录的双方陈述和催收行为",
    "recording_media": "类型",
    "recording_audio": "录音",
    "recording_video": "录像",
    "recording_duration": "时长",
    "recording_recorded": "录制时间（文件记载）",
    "recording_codecs": "编码",
    "recording_unknown": "文件未记载",
    "recording_original": "原始文件",
    "recording_size": "大小",
    "recording_note": "原始文件按原样收于校验包 {path}，可用任何播放器播放，"
    "并可按上表所列哈希值核验。",
    "object_identity": "聊天对方身份及其与借款合同当事人的对应关系；添加联系人前的主管审批",
    "object_conversation": "双方沟通内容，包括还款承诺、债务确认及其他陈述",
    "source_value": "{who} 导入（{importer}）",
    "size_bytes": "{size} 字节",
    "imported": "导入",
    "importer": "导入人",
    "parser": "解析器",
    "device": "设备",
    "ledger_ref": "存证链第 {seq} 条（叶索引 {leaf}），检查点 {size}",
    "tsa_ref": "可信时间戳：{tsa}，序列号 {serial}，genTime {gen_time}，策略 {policy}，{alg}",
    "tsa_gap": "导入至首个可信时间戳间隔：{gap}",
    "tsa_gap_flag": "（超过 {hours} 小时，已标记）",
    "no_tsa": "可信时间戳：暂无（检查点仅经本机签名）",
    "request": "申请",
    "request_value": "{who} 于 {at} 申请；发起方：{initiated}；关系：{relation}",
    "reason": "理由",
    "consent": "同意记录",
    "documents": "申请材料",
    "decision": "审批",
    "decision_value": "{status}：{who} 于 {at}；意见：{note}",
    "cosign": "主管对申请检查点的联署签名：检查点 {size}，签名 {sig}",
    "revoked_value": "已终止：{who} 于 {at}；原因：{note}",
    "flags": "标记",
    "messages_count": "共 {n} 条消息",
    "screenshots": "截图",
    "screenshot_caption": "{name}，{w}×{h} 像素，拍摄 {taken}，设备 {device}",
    "quoted_note": "（因被引用而纳入）",
    "attachment": "附件",
    "range": "日期范围",
    "counts": "范围内各类消息数",
    "included": "纳入 {n} 条",
    "omitted": "未纳入 {n} 条（逐条列于下方）",
    "recalled": "撤回消息 {n} 条",
    "gaps": "超过 7 天的沉默期",
    "import_gaps": "导出文件之间的时间缺口",
    "none": "无",
    "omitted_list": "未纳入的消息",
    "cannot_carry": "导出格式无法承载的内容：导出前已删除的消息、未随导出保存的媒体文件"
    "（标为“未导出”或“缺失”）、对方已撤回消息的原文。",
    "annex_none": "本证据包范围内无标签或合规检查记录。",
    "custody_intro": "以下记录由防篡改存证链自动生成，非人工录入。"
    "每条记录含操作人、时间、操作及前一条记录的哈希。",
    "col_kind": "类别",
    "col_subject": "对象",
    "col_seq": "序号",
    "col_time": "时间（UTC / 本地）",
    "col_actor": "操作人",
    "col_action": "操作",
    "col_detail": "内容",
    "col_prev": "前哈希",
    "header_bundle": "证据包 {id}",
    "header_page": "第 {label} 页 · 卷 {vol} 共 {vol_pages} 页 · 全包第 {page}/{total} 页",
    "header_exhibit": "证据 {id} · SHA-256 {digest}",
    "header_source": "来源 {source} · 导入 {utc} UTC（{local}）· 操作人 {who}",
    "declaration_title": "声明",
    "signature_line": "声明人：{name}（{role}）· 公钥 {pubkey}",
    "signature_value": "Ed25519 签名（evidence-manifest 摘要）：{sig}",
    "signed_at": "签署时间：{at}",
}

EN: dict[str, str] = {
    "title": "Electronic evidence bundle",
    "cover": "Cover",
    "case_no": "Case number",
    "parties": "Parties",
    "creditor": "Producing organisation (creditor)",
    "debtor": "Debtor",
    "counterparties": "Chat counterparties",
    "producer": "Produced by",
    "produced_at": "Produced at",
    "bundle_id": "Bundle id",
    "kit_digest": "Kit evidence manifest digest (evidence-manifest.json)",
    "checkpoint": "Ledger checkpoint",
    "checkpoint_value": "size {size}, root {root}",
    "unstamped": "This checkpoint has no trusted time-stamp yet: its time is the local clock only.",
    "scope": "Scope",
    "scope_value": "dates {date_from} to {date_to} ({zone}); {which}",
    "scope_all": "all messages in range",
    "scope_tagged": "tagged messages only (the others are listed in the completeness statement)",
    "any": "open",
    "volumes": "Volumes",
    "qr_note": "QR code: bundle id and kit manifest digest",
    "list": "Evidence list",
    "col_no": "No.",
    "col_name": "Name",
    "col_source": "Source",
    "col_object": "Object of proof",
    "col_pages": "Pages",
    "col_digest": "SHA-256 prefix",
    "form_note": "Form: electronic data. The originals are in the kit's data/originals/ and carry "
    "the digests listed here.",
    "submission": "Submitted on {date}    Signature or seal of the submitting party: "
    "________________",
    "method": "Method statement and declaration",
    "integrity": "Integrity certificate",
    "identity_section": "Identity exhibits and contact approval records",
    "conversations": "Conversations",
    "completeness": "Completeness and gap statement",
    "annex": "Tags and conduct-check annex",
    "custody": "Chain of custody",
    "appendix": "Verification appendix",
    "exhibit_identity": "Identity and approval record: {name} ({channel} {handle})",
    "exhibit_conversation": "Conversation: {name} ({channel} {handle})",
    "exhibit_recordings": "Recordings: {name} ({channel} {handle})",
    "recordings": "Recordings",
    "object_recordings": "What the parties said and how collection was conducted in the "
    "recorded visits and calls",
    "recording_media": "Type",
    "recording_audio": "audio recording",
    "recording_video": "video recording",
    "recording_duration": "Duration",
    "recording_recorded": "Recorded (as the file states)",
    "recording_codecs": "Codecs",
    "recording_unknown": "not stated in the file",
    "recording_original": "Original",
    "recording_size": "Size",
    "recording_note": "The original travels unchanged in the kit at {path}; it plays in any "
    "media player and can be checked against the digests above.",
    "object_identity": "Identity of the counterparty and its link to the loan contract party; "
    "supervisor approval before the contact was used",
    "object_conversation": "What the parties said, including promises to pay, "
    "acknowledgements of the debt and other statements",
    "source_value": "imported by {who} ({importer})",
    "size_bytes": "{size} bytes",
    "imported": "Imported",
    "importer": "Importer",
    "parser": "Parser",
    "device": "Device",
    "ledger_ref": "Ledger entry {seq} (leaf index {leaf}), checkpoint {size}",
    "tsa_ref": "Trusted time: {tsa}, serial {serial}, genTime {gen_time}, policy {policy}, {alg}",
    "tsa_gap": "Gap from import to the first trusted time-stamp: {gap}",
    "tsa_gap_flag": " (over {hours} hours: flagged)",
    "no_tsa": "Trusted time: none yet (the checkpoint is signed locally only)",
    "request": "Request",
    "request_value": "requested by {who} at {at}; initiated by: {initiated}; relation: {relation}",
    "reason": "Reason",
    "consent": "Consent on record",
    "documents": "Documents",
    "decision": "Decision",
    "decision_value": "{status}: {who} at {at}; note: {note}",
    "cosign": "Supervisor's cosignature of the request checkpoint: size {size}, signature {sig}",
    "revoked_value": "Revoked by {who} at {at}; reason: {note}",
    "flags": "Flags",
    "messages_count": "{n} messages",
    "screenshots": "Screenshots",
    "screenshot_caption": "{name}, {w}×{h} px, taken {taken}, device {device}",
    "quoted_note": " (included because it is quoted)",
    "attachment": "Attachment",
    "range": "Date range",
    "counts": "Messages in range by kind",
    "included": "{n} included",
    "omitted": "{n} left out (each listed below)",
    "recalled": "{n} recalled messages",
    "gaps": "Silences longer than 7 days",
    "import_gaps": "Gaps in time between exports",
    "none": "none",
    "omitted_list": "Messages left out",
    "cannot_carry": "What the export format cannot carry: messages deleted before the export, "
    "media not saved with the export (marked omitted or missing), the text of recalled messages.",
    "annex_none": "No tags or conduct-check records in this bundle's scope.",
    "custody_intro": "Generated from the tamper-evident ledger, never typed by hand. Each entry "
    "names who, when, what, and the hash of the entry before it.",
    "col_kind": "Kind",
    "col_subject": "Subject",
    "col_seq": "Seq",
    "col_time": "Time (UTC / local)",
    "col_actor": "Actor",
    "col_action": "Action",
    "col_detail": "Detail",
    "col_prev": "Prev hash",
    "header_bundle": "Bundle {id}",
    "header_page": "Page {label} · volume {vol} of {vol_pages} pages · bundle page {page}/{total}",
    "header_exhibit": "Exhibit {id} · SHA-256 {digest}",
    "header_source": "Source {source} · imported {utc} UTC ({local}) · operator {who}",
    "declaration_title": "Declaration",
    "signature_line": "Declarant: {name} ({role}) · public key {pubkey}",
    "signature_value": "Ed25519 signature (of the evidence manifest digest): {sig}",
    "signed_at": "Signed at: {at}",
}

METHOD: dict[str, list[str]] = {
    "zh_CN": [
        "1. 取证过程：催收员在主管审批联系人后，将聊天软件导出的文件（或截图）导入本系统。"
        "导入时先计算原始字节的 SHA-256 与 SM3 哈希值，再进行解析；原始文件以 AES-256-GCM "
        "加密原样保存，不作任何修改。",
        "2. 每次导入、审批、标记与导出均为存证链中的一条记录：记录内容以规范化 JSON（RFC 8785）"
        "计算 SHA-256，并链接前一条记录的哈希，由操作人的 Ed25519 私钥签名。",
        "3. 全部记录构成 RFC 9162 Merkle 树；每个检查点（条数与根哈希）由操作人签名，"
        "并提交 RFC 3161 可信时间戳机构（TSA）加盖时间戳。",
        "4. 每条消息另有加盐承诺值 H(salt‖内容)，其 Merkle 根记入导入记录；本证据包中每条消息"
        "显示其承诺值前缀。",
        "5. 解析过程可重现：对保存的原始文件重新解析，得到逐字节相同的规范化结果（系统自检）。",
        "6. 局限：本系统无法证明导出前手机上的内容未被删除；导出文件中缺失的媒体无法恢复；"
        "本机时钟不作为可信时间，仅可信时间戳机构的时间为可信时间。",
    ],
    "en": [
        "1. Collection: after a supervisor approved the contact, field staff imported the chat "
        "app's export files (or screenshots). SHA-256 and SM3 of the original bytes are computed "
        "before any parsing; originals are kept byte for byte, encrypted with AES-256-GCM.",
        "2. Every import, approval, tag and export is a ledger entry: canonical JSON (RFC 8785) "
        "hashed with SHA-256, linked to the previous entry's hash, signed with the actor's "
        "Ed25519 key.",
        "3. The entries are leaves of an RFC 9162 Merkle tree; each checkpoint (size and root) is "
        "signed and sent to an RFC 3161 time-stamp authority.",
        "4. Each message has a salted commitment H(salt || content) whose Merkle root is in the "
        "import entry; this bundle prints each message's commitment prefix.",
        "5. Parsing is reproducible: re-parsing a stored original gives byte-identical normalised "
        "output (checked by the store's verify).",
        "6. Limitations: the system cannot prove that nothing was deleted on the phone before the "
        "export; media missing from an export cannot be recovered; the local clock is not "
        "trusted time, only a TSA's genTime is.",
    ],
}

DECLARATION: dict[str, str] = {
    "zh_CN": "本人 {name} 声明：本证据包由 Evidence Desk {version} 依据上述方法从存证库自动生成；"
    "所列每个原始文件的哈希值均由系统在导入时计算并记入存证链；本人已核对存证库校验结果，"
    "据本人所知所信，上述内容真实、完整。本声明兼作美国联邦证据规则 902(13)/(14) 意义上的证明。"
    "依据第 902(11) 条的通知日期：{date}。",
    "en": "I, {name}, declare that this bundle was generated by Evidence Desk {version} from the "
    "evidence store by the method above; every original's digests were computed by the system "
    "at import and recorded in the ledger; I have reviewed the store's verification result, and "
    "to the best of my knowledge and belief the contents are true and complete. This declaration "
    "also serves as a certification under FRE 902(13)/(14); notice date under FRE 902(11): "
    "{date}.",
}

MAPPING: dict[str, list[tuple[str, str]]] = {
    "zh_CN": [
        ("证据规定第93条(1) 系统软硬件环境", "方法说明第1-3条；附录：工具与版本"),
        ("第93条(2) 系统运行状态", "存证链校验；检查点签名与时间戳"),
        ("第93条(3) 防止出错的监测手段", "导入前哈希、解析可重现自检、verify 全量复核"),
        ("第93条(4) 完整保存、传输、提取", "完整性证书；校验包 manifest"),
        ("第93条(6) 正常业务活动中形成", "联系人审批记录；保管链"),
        ("互联网法院规定第11条(5) 增删改", "完整性与缺漏说明；Merkle 证明"),
        ("第11条(6) 可验证", "校验附录；verify-bundle"),
    ],
    "en": [
        ("EvP 93(1) system environment", "method 1-3; appendix: tools and versions"),
        ("EvP 93(2) system state", "ledger verification; checkpoint signatures and tokens"),
        ("EvP 93(3) error-prevention means", "hash before parse, reproducible parse, verify"),
        ("EvP 93(4) complete storage and transfer", "integrity certificate; kit manifests"),
        ("EvP 93(6) formed in normal business", "contact approval record; chain of custody"),
        ("IC 11(5) additions, deletions, changes", "completeness statement; Merkle proofs"),
        ("IC 11(6) verifiable", "verification appendix; verify-bundle"),
    ],
}


def t(lang: str, key: str, **values: Any) -> str:
    table = ZH if lang == "zh_CN" else EN
    template = table.get(key) or EN.get(key) or key
    return template.format(**values) if values else template
