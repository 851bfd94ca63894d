#!/usr/bin/env python3
"""Screenshots read by OCR: our pipeline against the bare engine, and character accuracy.

``--count`` phone-size chat screenshots (720 x 1280 by default) are rendered first
(evidence_desk_testing/screenshots.py: WeChat and WhatsApp, light and dark, with the app's CJK
font; Chinese collection talk with amounts, dates and times, seeded so every run draws the same).

**Speed.** Each image is read twice in the same run, in alternating order: by our pipeline
(``evidence_desk.ocr.engine.Engine.read`` on the PNG bytes: decode, EXIF upright, the engine,
the result with its provenance; then the chat layout, the sealed encoding and the digest
services/ocr.py records) and by the bare engine (``RapidOCR`` with the same settings and
threads, on the same PNG bytes). Target: our total <= 1.2x the bare engine's.

**Accuracy.** What the layout rebuilt (title, separators, system lines, bubbles with their
in-bubble times) against what was drawn, both normalised (NFKC, no spaces): 1 - edit distance
/ characters drawn, over the whole set. Target >= 98 %.

    python bench/ocr.py [--count 50] [--width 720] [--height 1280]

The last line printed is one JSON object (figures, ratio, targets) for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence_desk.ocr import engine
from evidence_desk.ocr.layout import Bubble, Separator, layout, normalise
from evidence_desk_testing.screenshots import Chat, Row, render_rows

NAMES = ("陈立新", "王芳", "张三", "李四", "赵敏", "周杰")
THEM = (
    "你好，我下周一还款",
    "这个月手头紧，能不能晚几天",
    "我已经转了5,000元，请查收",
    "收到",
    "好的，我知道了",
    "能分期吗？每月还1,200元可以吗",
    "我在上班，晚点再说",
    "上次说的账号是哪个？",
)
US = (
    "您好，我是示例消费金融的陈专员",
    "请按时还款48,600元，谢谢配合",
    "您的借款已逾期15天，请尽快处理",
    "可以申请分期，需要提交收入证明",
    "请转账到公司对公账户，户名示例消费金融",
    "还款问题请致电客服4008001234",
    "好的，已为您登记，3月15日前还清即可",
    "收到，谢谢您",
)
SYSTEM = ("你已添加了{name}，现在可以开始聊天了。", "{name}撤回了一条消息")
TIMES = ("昨天 14:05", "09:12", "星期一 10:30", "2026年1月5日 09:00", "下午 3:20")


def chats(count: int, width: int, height: int) -> list[Chat]:
    rng = random.Random(22)
    made = []
    for index in range(count):
        name = rng.choice(NAMES)
        style = "wechat" if index % 2 == 0 else "whatsapp"
        rows: list[Row] = [Row("system", rng.choice(SYSTEM).format(name=name))]
        for _ in range(3):
            rows.append(Row("time", rng.choice(TIMES)))
            for _ in range(2):
                kind = rng.choice(("them", "us"))
                text = rng.choice(THEM if kind == "them" else US)
                clock = f"{rng.randrange(8, 22):02d}:{rng.randrange(60):02d}"
                rows.append(Row(kind, text, clock if style == "whatsapp" else ""))
        made.append(Chat(name, tuple(rows), style, dark=index % 4 >= 2, width=width, height=height))
    return made


def drawn_text(chat: Chat, rows: tuple[Row, ...]) -> str:
    """What was drawn, in the order the layout gives it back."""
    parts = [chat.title]
    for row in rows:
        parts.append(row.text)
        if row.time:
            parts.append(row.time)
    return normalise("".join(parts))


def read_text(result: engine.OcrResult) -> str:
    chat = layout(result.lines, result.width, result.height)
    parts = [chat.title]
    for entry in chat.entries:
        if isinstance(entry, Bubble):
            parts.append(entry.text)
            if entry.time is not None:
                parts.append(entry.time.text)
        elif isinstance(entry, Separator):
            parts.append(entry.mark.text)
        else:
            parts.append(entry.text)
    return normalise("".join(parts))


def distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def _png(chat: Chat) -> tuple[bytes, tuple[Row, ...]]:
    image, rows = render_rows(chat)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), rows


def ours(ocr: engine.Engine, data: bytes) -> engine.OcrResult:
    """Our whole pipeline on one screenshot: read, lay out, encode for sealing, digest."""
    result = ocr.read(data)
    layout(result.lines, result.width, result.height)
    result.encode()
    result.digest()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--width", type=int, default=720)
    parser.add_argument("--height", type=int, default=1280)
    args = parser.parse_args(argv)

    from rapidocr_onnxruntime import RapidOCR

    images = [(chat, *_png(chat)) for chat in chats(args.count, args.width, args.height)]
    ocr = engine.shared()
    bare = RapidOCR(print_verbose=False, intra_op_num_threads=1, inter_op_num_threads=1)
    ours(ocr, images[0][1])  # warm both up: the first run loads and optimises the models
    bare(images[0][1], **engine.SETTINGS)

    ours_s = bare_s = 0.0
    errors = characters = 0
    for index, (chat, data, rows) in enumerate(images):
        order = ("ours", "bare") if index % 2 == 0 else ("bare", "ours")
        result = None
        for who in order:
            started = time.perf_counter()
            if who == "ours":
                result = ours(ocr, data)
                ours_s += time.perf_counter() - started
            else:
                bare(data, **engine.SETTINGS)
                bare_s += time.perf_counter() - started
        assert result is not None
        truth = drawn_text(chat, rows)
        errors += distance(truth, read_text(result))
        characters += len(truth)
        print(
            f"{index + 1:>3}/{len(images)} {chat.style:<8} {'dark' if chat.dark else 'light'}"
            f"  ours {ours_s:7.1f} s  bare {bare_s:7.1f} s  errors {errors}/{characters}",
            flush=True,
        )
    ratio = ours_s / bare_s
    accuracy = 1 - errors / characters
    print(
        f"pipeline {ours_s / len(images):.2f} s/image, bare engine {bare_s / len(images):.2f} "
        f"s/image: {ratio:.3f}x (target <= 1.2x); character accuracy {accuracy:.2%} over "
        f"{characters} characters (target >= 98 %)"
    )
    ok = ratio <= 1.2 and accuracy >= 0.98
    print(
        json.dumps(
            {
                "figures": {
                    "pipeline_s_per_image": round(ours_s / len(images), 3),
                    "engine_s_per_image": round(bare_s / len(images), 3),
                    "characters": characters,
                    "character_errors": errors,
                    "accuracy": round(accuracy, 4),
                },
                "ratios": {"pipeline / bare engine": round(ratio, 3)},
                "targets": {"pipeline / bare engine": "<= 1.2", "accuracy": ">= 0.98"},
                "ok": ok,
                "data": f"{len(images)} rendered screenshots {args.width}x{args.height}, "
                f"{ocr.info.name} {ocr.info.version}",
            }
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
