"""The English templates the importers had in the release before issue 17, frozen.

Until then an import's normalised bytes (and an image's or recording's sealed description)
held each problem, repair and detection reason as English text. Verify rebuilds those bytes for
imports recorded with that release's parser versions (:mod:`evidence_desk.importers.legacy`),
and it must rebuild them exactly as that release wrote them, whatever the live catalogues say
today: a reworded template must not turn an old import into "normalised differs". So the
templates are copied here, once, and never edited. Nothing else may use them; what is shown
is worded by the live catalogues.

Every code of every importer catalogue (and the one they nest, ``list.semicolons``) as of
commit 14acead, and the time bases of images and recordings, which that release wrote as f-strings
(`_FROZEN_TIME_BASES`); codes added later have no place here, because nothing sealed them as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["TEMPLATES"]

_FROZEN = {
    "archive.absolute_path": "unsafe member path (absolute)",
    "archive.cannot_list": "cannot list: {error}",
    "archive.cannot_open": "cannot open: {error}",
    "archive.cannot_open_folder": "cannot open folder: {error}",
    "archive.cannot_read": "cannot read: {error}",
    "archive.compression": "unsupported compression method {method}",
    "archive.corrupt_member": "corrupt member: {error}",
    "archive.corrupt_zip": "not a readable zip (truncated or corrupt): {error}",
    "archive.drive_letter": "unsafe member path (drive letter)",
    "archive.duplicate_member": "duplicate member name",
    "archive.empty_name": "empty member name",
    "archive.encrypted": "encrypted member; cannot be read",
    "archive.expands": "member expands beyond its declared {cap} bytes",
    "archive.file_grew": "file grew above the cap of {cap} bytes",
    "archive.file_too_big": "file is {size} bytes, above the cap of {cap}",
    "archive.folder_too_big": "total size exceeds the cap of {cap} bytes",
    "archive.link_outside": "symbolic link points outside the folder",
    "archive.member_too_big": "member is {size} bytes, above the cap of {cap}",
    "archive.nested": "nested archive; not opened recursively",
    "archive.no_local_header": "local header missing (truncated or corrupt zip)",
    "archive.no_member": "no such member",
    "archive.not_regular": "not a regular file",
    "archive.nul_in_name": "NUL byte in member name",
    "archive.only_nested": (
        "the zip holds only another archive, which is not opened recursively; "
        "extract it and import that archive directly"
    ),
    "archive.overlap": "overlapping members (several entries share data; zip bomb?)",
    "archive.parent_path": "unsafe member path (parent directory '..')",
    "archive.past_end": "member data runs past the end of the zip",
    "archive.ratio": "compression ratio {ratio}:1 exceeds {cap}:1 (zip bomb?)",
    "archive.size_mismatch": "member is {size} bytes, its header declares {cap}",
    "archive.symlink_member": "symbolic link member",
    "archive.too_many_files": "more than {cap} files in the folder",
    "archive.too_many_members": "{count} members, above the cap of {cap}",
    "archive.zip_too_big": "total uncompressed size exceeds the cap of {cap} bytes",
    "csv.detected": "generic CSV, {encoding}, {columns} columns",
    "csv.detected_auto": (
        "generic CSV, {encoding}, {columns} columns, auto-mapped {time}/{sender}/{text}"
    ),
    "csv.detected_mapped": (
        "generic CSV, {encoding}, {columns} columns, mapped {time}/{sender}/{text}"
    ),
    "csv.direction_unknown": "direction value {value!r} is neither in nor out",
    "csv.gb18030": (
        "decoded as GB18030: the file is not UTF-8 (typically re-saved by Excel on "
        "a Chinese Windows); the stored original is unchanged"
    ),
    "csv.mapped_missing": "mapped column(s) {missing} not in the header: {header}",
    "csv.mapping_wrong": (
        "{failures} of {rows} rows have an unreadable time: the time column or "
        "format in the mapping is wrong"
    ),
    "csv.no_header": "empty file: no CSV header",
    "csv.no_mapping": (
        "no column mapping given and the header does not name time, sender and "
        "text columns: {header}"
    ),
    "csv.no_rows": "no data rows after the header",
    "csv.row_width": "row has {fields} fields, the header has {width}",
    "csv.text_missing": "text column missing in this row",
    "csv.time_mismatch": (
        "time {time!r} does not match ISO-8601 or unix time; row kept as unknown "
        "with the previous row's time"
    ),
    "csv.time_mismatch_format": (
        "time {time!r} does not match {pattern}; row kept as unknown with the previous row's time"
    ),
    "csv.unreadable": "unreadable CSV: {error}",
    "csv.unterminated_quote": ("unterminated quoted field: the file is truncated or damaged"),
    "detect.ambiguous": "ambiguous: {listed}; choose one with --format",
    "detect.fallback": "{reason} (generic fallback)",
    "detect.generic": "looks like {format}",
    "detect.nothing": "no importer recognised {file!r}",
    "detect.nothing_missing": (
        "no importer recognised {file!r} (importers missing from this build: {missing})"
    ),
    "image.bad_orientation": "invalid value {value}; ignored",
    "image.decoder_warning": "decoder warning: {warning}",
    "image.detected": "{format} image (file signature)",
    "image.detected_misnamed": ("{format} image (file signature); the file name says {claimed}"),
    "image.exif_bad_offset": "{value!r} is not a UTC offset",
    "image.exif_bad_time": "{value!r} is not a valid date and time",
    "image.exif_no_offset": (
        "the EXIF offset {offset} differs from {zone} at that time (no offset); "
        "the EXIF offset is used"
    ),
    "image.exif_offset_differs": (
        "the EXIF offset {offset} differs from {zone} at that time "
        "({zone_offset}); the EXIF offset is used"
    ),
    "image.exif_unreadable": "EXIF could not be read: {error}",
    "image.frames": "{frames} frames; the thumbnail shows the first",
    "image.gps_unreadable": "GPS position present but unreadable",
    "image.invalid": "the content is not a valid {format} image",
    "image.invalid_size": "invalid image size {width}x{height}",
    "image.jpeg_no_end": (
        "the file does not end with the JPEG end marker (FFD9): other data follows "
        "the image or the file is cut"
    ),
    "image.misnamed": "the file name says {claimed} but the content is {format}",
    "image.no_memory": "not enough memory to decode this image",
    "image.not_image": "not a PNG, JPEG or WebP image ({head})",
    "image.not_image_misnamed": (
        "the file name says {claimed} but the content is not a PNG, JPEG or WebP ({head})"
    ),
    "image.png_no_end": "no PNG end chunk (IEND); the file may be cut",
    "image.png_trailing": "{count} bytes follow the PNG end chunk",
    "image.time_gap": "{time} does not exist in {zone} (clock change)",
    "image.time_twice": ("{time} occurs twice in {zone} (clock change); the first is used"),
    "image.too_large": "image is larger than the limit of {limit} pixels",
    "image.too_many_pixels": (
        "image is {width}x{height} = {pixels} pixels, more than the limit of {limit}"
    ),
    "image.undecodable": "cannot decode the {format} image: {error}",
    "image.unsupported": (
        "{format} images are not supported; save the picture as JPEG or PNG and "
        "import that (keep the original file as well)"
    ),
    "image.webp_short": "the file is shorter than its WebP header says",
    "image.webp_trailing": "{count} bytes follow the WebP data",
    "import.detected_chat_file": "{reason}; chat file {member}",
    "import.detected_in_member": "{reason} in {member}",
    "import.empty_file": "empty file",
    "import.importer_failed": ("the {format} importer could not read this file ({error})"),
    "import.invalid_json": "invalid JSON: {error}",
    "import.json_too_deep": "JSON nested too deeply",
    "import.unknown_zone": "unknown IANA time zone {tz!r}",
    "line.date_out_of_range": "date {date} out of range",
    "line.detected_1to1": "LINE chat history .txt, {locale} header (1:1)",
    "line.detected_chat": "LINE chat history .txt, {locale} header (chat)",
    "line.detected_group": "LINE chat history .txt, {locale} header (group)",
    "line.detected_no_header": (
        "LINE chat history .txt without header (date lines + tab-separated messages)"
    ),
    "line.detected_plain": "LINE .txt",
    "line.detected_unknown_locale": ("LINE chat history .txt, [LINE] header in an unknown locale"),
    "line.detected_windows": "LINE for Windows 'Save chat' .txt (space-separated)",
    "line.joined": ("{count} line(s) without a time were joined to the message before them"),
    "line.message_before_date": "message line before any date line",
    "line.no_history": "no LINE chat history .txt in this folder or zip",
    "line.not_line": "not a LINE chat history",
    "line.several": "several LINE chat histories: {found}; pick one",
    "line.space_separated": (
        "space-separated LINE format: the sender is the header's partner name when "
        "a line starts with it, else the first word; check multi-word names"
    ),
    "line.unclosed_quote": (
        "a quoted multi-line message is not closed; its lines are kept as written"
    ),
    "line.unrecognised": "unrecognised line kept as unknown",
    "line.unrecognised_before_date": ("unrecognised line before the first date: {line!r}"),
    "line.weekday_mismatch": "weekday {weekday!r} does not match {date}",
    "line.weekday_neither": (
        "weekday {weekday!r} matches neither reading of {first}/{second}/{year}; read as M/D/Y"
    ),
    "line.weekday_unknown": "weekday {weekday!r} not recognised; date read as Y/M/D",
    "list.semicolons": "{first}; {rest}",
    "messenger.bad_timestamp": "timestamp_ms {value} unreadable; placed at 1970-01-01",
    "messenger.detected_download": ("{where} JSON download ({count} message_N.json file(s))"),
    "messenger.detected_file": "{where} (messages[] with sender_name, timestamp_ms)",
    "messenger.detected_files": "{reason}, {count} files: {files}",
    "messenger.detected_html": ("Messenger/Instagram HTML download (not readable: request JSON)"),
    "messenger.detected_plain": "Messenger/Instagram JSON",
    "messenger.empty_message": "message with neither content nor media kept as unknown",
    "messenger.html_download": (
        "this is the HTML download; request 'Download your information' in JSON format"
    ),
    "messenger.mojibake_failed": (
        "{count} string(s) could not be re-decoded as UTF-8 and are kept as written"
    ),
    "messenger.mojibake_repaired": (
        "{file}: re-decoded {count} mojibake string(s) (UTF-8 bytes written as "
        "\\u00XX code points) from latin-1 to UTF-8"
    ),
    "messenger.no_message_file": "no message_N.json in this folder or zip",
    "messenger.no_messages": ("no 'messages' array: not a Messenger/Instagram message_N.json"),
    "messenger.not_messenger": (
        "no message has 'sender_name' or 'timestamp_ms': not a Messenger/Instagram "
        "message_N.json (another app's export? choose its format)"
    ),
    "messenger.not_object": "message is not a JSON object; kept as unknown",
    "messenger.several": "{count} conversations ({shown}); pick one message_N.json",
    "messenger.several_more": (
        "{count} conversations ({shown} and {more} more); pick one message_N.json"
    ),
    "messenger.unknown_type": "message type {type!r} kept as unknown",
    "recording.bad_field": "{part} has an invalid value; ignored",
    "recording.bad_format": "the header says {channels} channels at {rate} Hz",
    "recording.bad_frame": (
        "{count} bytes from here are not audio frames of this stream; the length "
        "counts the frames before them"
    ),
    "recording.bad_time": "{value!r} is not a valid date and time",
    "recording.bad_version": "{part} has an unknown version {version}",
    "recording.cut": "the file ends inside a header ({left} bytes left)",
    "recording.damaged": "the {format} structure cannot be read ({error})",
    "recording.data_short": (
        "the audio data declares {declared} bytes but only {present} are present: "
        "the file is cut; the length counts the bytes present"
    ),
    "recording.date_only": ("{value!r} gives no time of day; no recording time is taken from it"),
    "recording.detected": "{format} recording (file signature)",
    "recording.detected_audio": "{format} audio recording, {duration} (file signature)",
    "recording.detected_misnamed": "{reason}; the file name says {claimed}",
    "recording.detected_video": "{format} video recording, {duration} (file signature)",
    "recording.doctype": "the EBML document type is {doctype!r}, not Matroska or WebM",
    "recording.duration_estimated": (
        "the file has no frame count: the length is estimated from its size at {bitrate} kbit/s"
    ),
    "recording.duration_unknown": "length unknown",
    "recording.ebml_bad_id": "invalid element ID",
    "recording.ebml_bad_size": "invalid element size",
    "recording.flac_no_streaminfo": "the first FLAC metadata block is not STREAMINFO",
    "recording.frame_cut": "the last frame is cut; the length counts whole frames only",
    "recording.implausible_length": (
        "the file states a length of {seconds} seconds, which cannot be right; ignored"
    ),
    "recording.misnamed": "the file name says {claimed} but the content is {format}",
    "recording.missing_part": "the required {part} is missing",
    "recording.mp3_short": (
        "the frame count header says {declared} bytes of audio but {present} are "
        "present: the file is cut; the length is scaled to the bytes present"
    ),
    "recording.no_audio": "no audio frames follow the header",
    "recording.no_audio_data": "no audio data chunk (data)",
    "recording.no_duration": "the file does not state its length",
    "recording.no_frame": "no MPEG audio frame found",
    "recording.no_moov": (
        "no movie box (moov): the recording was never finished (the app or the "
        "phone stopped before saving it) or the file is cut"
    ),
    "recording.no_tracks": "no audio or video track",
    "recording.not_recording": ("not an audio or video recording in a known format ({head})"),
    "recording.not_recording_misnamed": (
        "the file name says {claimed} but the content is not an audio or video "
        "recording in a known format ({head})"
    ),
    "recording.ogg_bad_page": "not a valid Ogg page",
    "recording.ogg_codec": ("the Ogg stream holds {codec}, not Opus, Vorbis, Speex or FLAC audio"),
    "recording.ogg_cut": (
        "the last Ogg page is cut; the length is read from the last complete page"
    ),
    "recording.past_end": (
        "{part} declares {size} bytes but only {left} remain: the file is cut or damaged"
    ),
    "recording.size_placeholder": (
        "the audio data chunk states no real size ({declared}): it is read to the end of the file"
    ),
    "recording.still_image": (
        "the file type box names {brand}: a still picture (HEIF/AVIF), not a recording"
    ),
    "recording.tags_unreadable": "the metadata ({part}) is damaged and was not read",
    "recording.time_gap": "{time} does not exist in {zone} (clock change)",
    "recording.time_out_of_range": "{value!r} is not between 1970 and 2100; ignored",
    "recording.time_twice": ("{time} occurs twice in {zone} (clock change); the first is used"),
    "recording.too_deep": "nested more than {limit} levels deep",
    "recording.too_many": "more than {limit} boxes, chunks or elements",
    "recording.too_short": ("{part} holds {size} bytes, fewer than the {need} its fields take"),
    "recording.too_small": ("{part} declares {size} bytes, less than its own {header}-byte header"),
    "recording.trailing_bytes": "{count} bytes follow the end of the {format} data",
    "recording.unknown_size": ("{part} states no size, which only the Segment and Clusters may do"),
    "sms.bad_base64": "part {name!r}: base64 data does not decode",
    "sms.count_mismatch": (
        "<{tag} count={declared}> but {total} record(s) found: the file may be truncated or edited"
    ),
    "sms.date_seconds": "date {value} read as seconds, not milliseconds",
    "sms.detected": "SMS Backup & Restore XML ({sms_content}, <{root}>)",
    "sms.detected_plain": "SMS Backup & Restore XML",
    "sms.detected_version": ("SMS Backup & Restore XML ({sms_content}, <{root}>, v{version})"),
    "sms.mms_empty": "MMS with neither text nor attachment",
    "sms.mms_not_delivered": "MMS {mms_box}: not a delivered message",
    "sms.mms_unknown_box": "MMS unknown msg_box {box!r}: not a delivered message",
    "sms.no_backup": "no SMS Backup & Restore XML in this folder or zip",
    "sms.no_root": "no root element",
    "sms.not_well_formed": "XML not well-formed: {error}",
    "sms.repaired_forbidden": (
        "replaced {count} reference(s) to characters XML 1.0 forbids ({chars}) with U+FFFD"
    ),
    "sms.repaired_lone": ("replaced {count} lone surrogate character reference(s) with U+FFFD"),
    "sms.repaired_pairs": (
        "combined {count} surrogate-pair character reference(s) (e.g. "
        "&#55357;&#56832;) into the characters they encode"
    ),
    "sms.several": "several SMS Backup & Restore files: {found}; pick one",
    "sms.sms_not_delivered": "SMS {sms_type}: not a delivered message",
    "sms.sms_unknown_type": "SMS unknown type {type!r}: not a delivered message",
    "sms.title_several": "SMS backup ({count} counterparts)",
    "sms.undecodable_text": "text part with undecodable data",
    "sms.unknown_element": "unknown element <{tag}> kept as unknown",
    "sms.unreadable_date": ("unreadable date {value!r}; placed at the previous record's time"),
    "sms.unsafe_xml": "refused unsafe XML: {error}",
    "sms.wrong_root": ("<{tag}> is not <smses> or <calls>: not an SMS Backup & Restore file"),
    "sms.xml_encoding": "unsupported XML encoding: {error}",
    "sms.xml_too_deep": "XML nested too deeply",
    "telegram.chat_list_more": "{chats}; and {more} more",
    "telegram.chat_not_object": "a chat entry is not a JSON object",
    "telegram.chats_match": "{count} chats match {wanted!r}; choose by id: {chats}",
    "telegram.detected_folder": "Telegram Desktop export folder/zip with {member}",
    "telegram.detected_full": "Telegram Desktop JSON, full export (chats.list)",
    "telegram.detected_plain": "Telegram Desktop JSON",
    "telegram.detected_single": "Telegram Desktop JSON, single chat",
    "telegram.detected_single_type": "Telegram Desktop JSON, single chat, {chat_type}",
    "telegram.duplicate_key": (
        "duplicate key {key!r}; later value kept as {kept!r} (tdesktop#28781)"
    ),
    "telegram.html": (
        "this is an HTML file; export the chat again choosing 'Machine-readable JSON'"
    ),
    "telegram.no_chats": "the export holds no chats",
    "telegram.no_date": "no date; placed at the previous message's time",
    "telegram.no_messages": "the chat has no 'messages' array",
    "telegram.no_result": "no result.json in this folder or zip (Telegram JSON export)",
    "telegram.no_such_chat": "no chat with id or name {wanted!r}; chats: {chats}",
    "telegram.not_desktop": (
        "no message has 'date', 'date_unixtime' or a Telegram 'type': not a "
        "Telegram Desktop export (another app's JSON? choose its format)"
    ),
    "telegram.not_object": "the top level is not a JSON object",
    "telegram.not_object_message": "message is not a JSON object; kept as unknown",
    "telegram.not_telegram": (
        "no 'messages' array and no 'chats.list': not a Telegram JSON export"
    ),
    "telegram.repaired_document_id": (
        "quoted {count} unquoted document_id value(s) (Telegram Desktop writer bug, tdesktop#24961)"
    ),
    "telegram.repaired_escapes": (
        "replaced {count} invalid \\xHH escape(s) with \\u00HH (Telegram Desktop "
        "writer bug, tdesktop#27571)"
    ),
    "telegram.several_chats": ("the export holds {count} chats; choose one by id or name: {chats}"),
    "telegram.several_results": "several result.json files: {found}; pick one",
    "telegram.text_not_string": "'text' is neither a string nor an array; kept as JSON",
    "telegram.unixtime_not_number": "date_unixtime {value!r} is not a number",
    "telegram.unixtime_range": "date_unixtime {value} out of range",
    "telegram.unknown_type": "message type {type!r} kept as unknown",
    "telegram.unreadable_date": "unreadable date {value!r}",
    "telegram.unreadable_date_used_unix": ("unreadable date {value!r}; date_unixtime used"),
    "telegram.unreadable_part": "unreadable text part kept as JSON",
    "telegram.zone_mismatch": (
        "the 'date' text differs from date_unixtime by {offset} in zone {zone} for "
        "{count} message(s); the exporting PC was probably in another zone. "
        "date_unixtime was used"
    ),
    "telegram.zone_mismatch_more": (
        "the 'date' text differs from date_unixtime by {amounts} further different "
        "amount(s) in {count} message(s); date_unixtime was used"
    ),
    "text.invalid_encoding": "invalid {encoding} text",
    "text.line_too_long": "line longer than {limit} characters",
    "text.not_text": "not valid UTF-8, UTF-16 or GB18030 text",
    "text.nul_byte": "binary data (NUL byte) in a text export",
    "time.dst_gap": (
        "nonexistent local time {time} in {zone} (DST gap): read with the offset before the change"
    ),
    "time.dst_overlap": (
        "ambiguous local time {time} in {zone} (DST overlap): took the earlier instant"
    ),
    "wechat.detected_training": ("WeChat MemoTrace AI-training JSON (not accepted as evidence)"),
    "wechat.no_variant": "no {variant} in this folder or zip",
    "wechat.not_variant": "not a {variant}",
    "wechat.not_wechat": (
        "not a recognised WeChat export (MemoTrace CSV/TXT/HTML, PyWxDump CSV, "
        "WechatExporter TXT/HTML)"
    ),
    "wechat.several_chats": ("several chat files in this folder or zip: {found}; pick one"),
    "wechat.training_json": (
        "MemoTrace's JSON export is an AI training set: shuffled, text only, no "
        "times or senders. It cannot serve as evidence; export CSV, TXT or HTML "
        "instead"
    ),
    "wechat_csv.content_not_json": ("content is not the JSON {{src, msg}} object; kept as is"),
    "wechat_csv.create_not_unix": (
        "CreateTime {value!r} is not unix seconds (an Excel re-save?); time read "
        "from StrTime in {zone}"
    ),
    "wechat_csv.create_out_of_range": "CreateTime {value} out of range",
    "wechat_csv.create_range": "CreateTime out of range",
    "wechat_csv.detected_memotrace": ("WeChat MemoTrace CSV, {encoding}, {columns} columns"),
    "wechat_csv.detected_pages": "{reason}; {count} pages",
    "wechat_csv.detected_pywxdump_content": (
        "WeChat PyWxDump CSV (older JSON content column), {encoding}, {columns} columns"
    ),
    "wechat_csv.detected_pywxdump_msg": (
        "WeChat PyWxDump CSV (msg/src columns), {encoding}, {columns} columns"
    ),
    "wechat_csv.duplicate": (
        "duplicate of row {row} (same time, direction, type and content); kept, "
        "decide in the preview"
    ),
    "wechat_csv.duplicate_in": (
        "duplicate of row {row} of {file} (same time, direction, type and "
        "content); kept, decide in the preview"
    ),
    "wechat_csv.is_sender": "IsSender is {value!r}, not 0 or 1",
    "wechat_csv.missing_columns": "not a {variant} header: missing {missing}",
    "wechat_csv.no_messages": "no messages after the header",
    "wechat_csv.no_msg_column": "no msg or content column",
    "wechat_csv.no_time": "neither CreateTime nor StrTime is readable",
    "wechat_csv.page_full": (
        "page holds exactly {rows} rows: PyWxDump may have written further pages "
        "that are not in this import"
    ),
    "wechat_csv.pages_missing": "rows {first}-{last} of the split export are missing",
    "wechat_csv.row_width": (
        "row has {fields} fields, the header has {width}: the file is truncated or damaged"
    ),
    "wechat_csv.strtime_not_time": "StrTime {value!r} is not a time",
    "wechat_csv.time_out_of_range": "time {time!r} out of range",
    "wechat_csv.type_not_number": (
        "Type/SubType {type!r}/{subtype!r} are not numbers; kept as unknown"
    ),
    "wechat_csv.unreadable_time": "unreadable time {time!r}",
    "wechat_csv.zone_consistent": (
        "StrTime is consistently {shift} from CreateTime read in {zone}: the "
        "exporting PC ran in another time zone; sent_at follows CreateTime"
    ),
    "wechat_csv.zone_differs": (
        "StrTime differs from CreateTime by {shift} in {zone}; sent_at follows CreateTime"
    ),
    "wechat_csv.zone_differs_more": "{count} more rows differ by {shift}",
    "wechat_html.bad_timestamp": "missing or invalid timestamp",
    "wechat_html.block_no_time": "message block has no time",
    "wechat_html.broken_array": ("broken message array: {error} (file truncated or edited?)"),
    "wechat_html.broken_page": "broken page: {error}",
    "wechat_html.detected_exporter": "WeChat WechatExporter HTML, {encoding}",
    "wechat_html.detected_exporter_paged": (
        "WeChat WechatExporter HTML with Files/Data pages, {encoding}"
    ),
    "wechat_html.detected_memotrace": (
        "WeChat MemoTrace HTML (embedded message array), {encoding}"
    ),
    "wechat_html.invalid_time": "invalid time {time!r}",
    "wechat_html.item_not_object": "array item is not an object",
    "wechat_html.no_array": "no JavaScript message array in the page",
    "wechat_html.no_blocks": (
        "no message blocks in the page; a paged WechatExporter export keeps them "
        "in Files/Data/msg-N.js: import the whole folder or zip"
    ),
    "wechat_html.no_dated_message": "no dated message in the export",
    "wechat_html.no_memotrace_array": "no MemoTrace message array (chatMessages) found",
    "wechat_html.no_messages": "no messages",
    "wechat_html.no_type": "message has no numeric type",
    "wechat_html.not_message_html": "not message HTML",
    "wechat_html.notice_time_after": (
        "system notice has no time in WechatExporter HTML; sent_at copied from "
        "{from_locator} ({time}); the true time is not after it"
    ),
    "wechat_html.notice_time_before": (
        "system notice has no time in WechatExporter HTML; sent_at copied from "
        "{from_locator} ({time}); the true time is not before it"
    ),
    "wechat_html.page_no_array": "page has no message array",
    "wechat_html.page_not_utf8": "page file is not UTF-8 text",
    "wechat_html.time_out_of_range": "time out of range",
    "wechat_html.unreadable_html": "unreadable HTML: {error}",
    "wechat_txt.detected": "{variant}, {encoding}",
    "wechat_txt.expected_exporter": (
        "expected 'name (YYYY-MM-DD HH:MM:SS):message' or '系统消息: ...'"
    ),
    "wechat_txt.expected_memotrace": ("expected a record header 'YYYY-MM-DD HH:MM:SS name'"),
    "wechat_txt.invalid_time": "invalid time {time!r}",
    "wechat_txt.no_dated_message": "no dated message in the file",
    "wechat_txt.no_header": "record without header",
    "wechat_txt.no_messages": "no messages in the file",
    "wechat_txt.system_time_after": (
        "system line has no time in WechatExporter TXT; sent_at copied from line "
        "{line} ({time}); the true time is not after it"
    ),
    "wechat_txt.system_time_before": (
        "system line has no time in WechatExporter TXT; sent_at copied from line "
        "{line} ({time}); the true time is not before it"
    ),
    "wechat_txt.time_out_of_range": "time {time!r} out of range",
    "whatsapp.ambiguous_order": "ambiguous d/m vs m/d ({note})",
    "whatsapp.buddhist": "Buddhist calendar",
    "whatsapp.detected": "WhatsApp {platform}, {language}, {clock}, {orders}",
    "whatsapp.detected_extra": "{reason}, {extra}",
    "whatsapp.dst_gap": (
        "local time {time} does not exist in {zone} (skipped by a DST change); "
        "read with the offset before the change, UTC{offset} = {utc}"
    ),
    "whatsapp.dst_twice": (
        "local time {time} occurs twice in {zone} (DST change); read as the first "
        "occurrence, UTC{offset} = {utc}"
    ),
    "whatsapp.invalid_date": (
        "looks like a message header but its date is invalid as {written}; kept as "
        "text of the previous message"
    ),
    "whatsapp.invalid_header": (
        "looks like a message header but its date or time is invalid; kept as text "
        "of the previous message"
    ),
    "whatsapp.japanese": "Japanese calendar",
    "whatsapp.no_chat_file": "no WhatsApp chat .txt file in the export",
    "whatsapp.no_header": "no WhatsApp message header found",
    "whatsapp.order_ambiguous": (
        "day/month order is ambiguous ({note}); read as {order}/y, check against a known date"
    ),
    "whatsapp.order_by_inversions": ("no day above 12; chosen by fewer out-of-order dates"),
    "whatsapp.order_default": "no day above 12; default d/m",
    "whatsapp.order_us_default": (
        "no day above 12; default m/d for unpadded '/' dates with 2-digit years"
    ),
    "whatsapp.several": "several WhatsApp chat files: {found}; pick one",
    "whatsapp.text_before_header": (
        "text before the first message header was not parsed: {excerpt!r}"
    ),
    "whatsapp.text_before_header_long": (
        "text before the first message header was not parsed: {excerpt!r} (+{more} characters)"
    ),
    "whatsapp.unknown_zone": "unknown time zone {tz!r}",
}

# The time bases of images and recordings were f-strings then, sealed as their text; written
# as the templates of the codes that word them now, they rebuild the same text.
_FROZEN_TIME_BASES = {
    "image.basis_offset": "EXIF offset {offset}",
    "image.basis_local": "local time in {zone} (no offset in EXIF)",
    "recording.basis_offset": "{source} with its offset {offset}",
    "recording.basis_local": "local time in {zone} (no offset in {source})",
    "recording.basis_mvhd": "container UTC (mvhd creation time, seconds since 1904)",
    "recording.basis_matroska": "container UTC (Matroska DateUTC)",
}

TEMPLATES: Final[Mapping[str, str]] = MappingProxyType({**_FROZEN, **_FROZEN_TIME_BASES})
