"""Write a chat-export zip whose member names are GBK bytes without the UTF-8 flag, as Windows'
"Send to > Compressed folder" and Chinese archivers make on a Chinese system (code page 936).
The Windows CI job imports it with the built program (.github/workflows/windows.yml).

    python packaging/windows/gbk_zip.py OUT.zip
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMBER = "微信聊天记录_陈立新.csv"
DEMO_EXPORT = "wechat_chenlixin_memotrace.csv"


def write(out: Path) -> None:
    data = (ROOT / "evidence_desk" / "data" / "demo" / DEMO_EXPORT).read_bytes()
    name = MEMBER.encode("gbk")
    placeholder = "x" * (len(name) - 4) + ".csv"  # ASCII, same length: no UTF-8 flag is set
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(placeholder, data)
    raw = out.read_bytes()
    assert raw.count(placeholder.encode()) == 2  # local header and central directory
    out.write_bytes(raw.replace(placeholder.encode(), name))
    with zipfile.ZipFile(out) as check:  # the flag stays unset: readers must guess GBK
        info = check.infolist()[0]
        assert not info.flag_bits & 0x800 and info.filename.encode("cp437") == name


if __name__ == "__main__":
    write(Path(sys.argv[1]))
    print(sys.argv[1])
