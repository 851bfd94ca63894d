"""The OCR engine wrapper on a rendered screenshot: lines, boxes, confidences, provenance."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
from pathlib import Path

import rapidocr_onnxruntime

from evidence_desk.ocr import engine
from evidence_desk_testing.screenshots import Chat, Row, png


def test_lines_boxes_and_the_engine_that_read_them() -> None:
    image = png(
        Chat("陈立新", (Row("time", "09:12"), Row("us", "请还款48,600元")), width=360, height=420)
    )
    result = engine.shared().read(image)
    texts = [line.text for line in result.lines]
    assert "陈立新" in texts and "09:12" in texts
    assert any("48,600" in text or "48，600" in text for text in texts)
    bubble = next(line for line in result.lines if "600" in line.text)
    assert bubble.left > 360 / 3  # our bubble is on the right
    assert 0.5 <= bubble.confidence <= 1.0
    assert (result.width, result.height) == (360, 420)

    info = result.engine
    assert info.name == "rapidocr-onnxruntime"
    assert info.version == importlib.metadata.version("rapidocr-onnxruntime")
    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    for name, digest in info.models:
        assert hashlib.sha256((models / name).read_bytes()).hexdigest() == digest
    assert {name for name, _ in info.models} == {
        "ch_PP-OCRv4_det_infer.onnx",
        "ch_PP-OCRv4_rec_infer.onnx",
    }

    # the sealed form reads back to the same result and the same digest
    again = engine.OcrResult.decode(result.encode())
    assert again == result and again.digest() == result.digest()
    # one character read otherwise is another digest
    changed = dataclasses.replace(bubble, text=bubble.text.replace("48", "4"))
    lines = tuple(changed if line is bubble else line for line in result.lines)
    assert dataclasses.replace(result, lines=lines).digest() != result.digest()
