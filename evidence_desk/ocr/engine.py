"""The OCR engine: rapidocr-onnxruntime over an image's bytes, lines with boxes and confidences.

Offline and CPU only: the PP-OCRv4 Chinese detection and recognition models ship inside the
rapidocr-onnxruntime wheel and run on onnxruntime; nothing is downloaded. OpenCV comes from the
headless build (opencv-python-headless): the desktop build bundles Qt plugins that clash with
PySide6 (tests/ocr/test_engine.py runs Qt after loading the engine).

An :class:`OcrResult` is derived data, never evidence: it names the engine, its version and the
SHA-256 of each model file used, and :meth:`OcrResult.digest` is what the ledger records, so
``verify`` can run the engine again on the sealed original and compare. The text angle
classifier is off: screenshots are upright (it would only cost time), and the same settings are
used for every read, so a recomputation reads the same way.

The engine is built once per process (its sessions take a second to load) and guarded by a
lock: onnxruntime sessions are thread-safe, but rapidocr keeps per-call state on the object.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import orjson
from PIL import Image, ImageOps

ENGINE_NAME: Final = "rapidocr-onnxruntime"
#: the settings every read uses (part of what a recomputation must repeat)
SETTINGS: Final = {"use_cls": False, "text_score": 0.5, "box_thresh": 0.5, "unclip_ratio": 1.6}
#: the sections of rapidocr's config.yaml that name a model file
_MODEL_SECTIONS: Final = ("Det", "Rec")
#: confidences are kept to this many decimals: a recomputation compares digests
_CONFIDENCE_DIGITS: Final = 3

Point = tuple[int, int]
Box = tuple[Point, Point, Point, Point]


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text the engine read: its text, its four corners (clockwise from top left,
    in pixels of the upright image) and the recogniser's confidence (0..1)."""

    text: str
    box: Box
    confidence: float

    @property
    def left(self) -> int:
        return min(p[0] for p in self.box)

    @property
    def right(self) -> int:
        return max(p[0] for p in self.box)

    @property
    def top(self) -> int:
        return min(p[1] for p in self.box)

    @property
    def bottom(self) -> int:
        return max(p[1] for p in self.box)


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """Which engine read the image: name, version and model file name -> SHA-256."""

    name: str
    version: str
    models: tuple[tuple[str, str], ...]

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "models": dict(self.models)}


@dataclass(frozen=True, slots=True)
class OcrResult:
    """What one read of one image gave: the upright image's size, its lines, the engine."""

    width: int
    height: int
    lines: tuple[OcrLine, ...]
    engine: EngineInfo

    def as_json(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "lines": [
                {"text": ln.text, "box": [list(p) for p in ln.box], "confidence": ln.confidence}
                for ln in self.lines
            ],
            "engine": self.engine.as_json(),
            "settings": dict(SETTINGS),
        }

    def encode(self) -> bytes:
        """Canonical bytes (sorted keys, orjson): what is sealed and what :meth:`digest` hashes."""
        return orjson.dumps(self.as_json(), option=orjson.OPT_SORT_KEYS)

    def digest(self) -> str:
        """SHA-256 of the lines alone (text, boxes, confidences) and the image size: equal for
        two reads that saw the same, whatever engine version produced them."""
        body = {k: v for k, v in self.as_json().items() if k in {"width", "height", "lines"}}
        return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()

    @classmethod
    def decode(cls, data: bytes) -> OcrResult:
        """The inverse of :meth:`encode` (raises ValueError, KeyError or TypeError on other
        shapes)."""
        raw = orjson.loads(data)
        engine = raw["engine"]
        return cls(
            width=int(raw["width"]),
            height=int(raw["height"]),
            lines=tuple(
                OcrLine(
                    str(ln["text"]),
                    _box(ln["box"]),
                    float(ln["confidence"]),
                )
                for ln in raw["lines"]
            ),
            engine=EngineInfo(
                str(engine["name"]),
                str(engine["version"]),
                tuple(sorted((str(k), str(v)) for k, v in engine["models"].items())),
            ),
        )


def _box(points: Any) -> Box:
    corners = [(round(float(p[0])), round(float(p[1]))) for p in points]
    if len(corners) != 4:
        raise ValueError("a box has four corners")
    return (corners[0], corners[1], corners[2], corners[3])


class Engine:
    """The process's OCR engine (see :func:`shared`)."""

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR  # loads onnxruntime: only when used

        # one thread per model: a read in the background leaves the other cores to the app (and
        # on a busy CPU, onnxruntime's spinning thread pool is slower than one thread)
        self._ocr = RapidOCR(print_verbose=False, intra_op_num_threads=1, inter_op_num_threads=1)
        self._lock = threading.Lock()
        self.info = engine_info()

    def read_pixels(self, image: Image.Image) -> tuple[OcrLine, ...]:
        """The lines of an upright image (any mode; converted to 8-bit BGR for OpenCV)."""
        import numpy as np  # with the engine: the CLI (verify imports this module) starts faster

        rgb = image if image.mode == "RGB" else image.convert("RGB")
        bgr = np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])
        with self._lock:
            found, _elapsed = self._ocr(bgr, **SETTINGS)
        lines = []
        for box, text, score in found or ():
            lines.append(OcrLine(str(text), _box(box), round(float(score), _CONFIDENCE_DIGITS)))
        return tuple(lines)

    def read(self, data: bytes) -> OcrResult:
        """Read an image file's bytes (PNG, JPEG, WebP: the importer has already checked them),
        upright as its EXIF orientation says."""
        with Image.open(io.BytesIO(data)) as opened:
            upright = ImageOps.exif_transpose(opened)
            upright.load()
        return OcrResult(upright.width, upright.height, self.read_pixels(upright), self.info)


_shared: Engine | None = None
_shared_lock = threading.Lock()


def shared() -> Engine:
    """The engine of this process, built at first use (loading the models takes ~1 s)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Engine()
        return _shared


def engine_info() -> EngineInfo:
    """The installed engine's name, version and the digest of each model file it loads."""
    import rapidocr_onnxruntime
    import yaml

    root = Path(rapidocr_onnxruntime.__file__).resolve().parent
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    models = []
    for section in _MODEL_SECTIONS:
        path = root / str(config[section]["model_path"])
        models.append((path.name, _file_sha256(path)))
    return EngineInfo(ENGINE_NAME, importlib.metadata.version(ENGINE_NAME), tuple(sorted(models)))


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
