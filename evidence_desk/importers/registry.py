"""Which importer reads a file: detection across every format, and the ``--format`` override.

Importer modules are listed by name and imported lazily with :mod:`importlib`, so one that is
missing or broken leaves the others working; :func:`unavailable` says which and why.

Detection asks every importer in :data:`MODULES` order (more specific formats first) and reports
all candidates with their reasons. When two specific chat formats both claim a file, the result is
*ambiguous*: the first is offered as the suggestion, but :func:`parse` refuses to guess and asks
for ``--format`` (chat-formats.md §0.2, §9.1). Generic fallbacks (``generic_csv``) never cause
ambiguity; they win only when nothing specific matched.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, cast

from evidence_desk.domain.errors import EvidenceDeskError, ImportInputError, UsageError
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.importers.base import ExportSource, Importer, ParsedChat, failure_facts

if TYPE_CHECKING:
    from evidence_desk.importers.images import ImageImporter, ParsedImage
    from evidence_desk.importers.recordings import ParsedRecording, RecordingImporter

__all__ = [
    "AUTO",
    "MODULES",
    "Candidate",
    "Detection",
    "ImporterModule",
    "Kind",
    "detect",
    "detect_kind",
    "get",
    "names",
    "parse",
    "unavailable",
]

Kind = Literal["chat", "image", "recording"]

_said = Catalogue(
    {
        "detect.generic": "looks like {format}",
        "detect.fallback": "{reason} (generic fallback)",
        # ``formats`` names the candidates; ``listed`` is "name (reason); ..." for the CLI
        "detect.ambiguous": "ambiguous: {listed}; choose one with --format",
        "detect.nothing": "no importer recognised {file!r}",
        "detect.nothing_missing": "no importer recognised {file!r} (importers missing from this "
        "build: {missing})",
        "import.importer_failed": "the {format} importer could not read this file ({error})",
        # a --format name: ``reason`` is why the importer did not load (a programming error)
        "import.format_unavailable": "format {wanted!r} is not available: {reason}",
        "import.format_unknown": "unknown format {wanted!r}; available formats: {formats}",
    },
    also={"detect.ambiguous": ("formats",), "import.importer_failed": ("category",)},
)

AnyImporter: TypeAlias = "Importer | ImageImporter | RecordingImporter"
"""Whatever a module's ``IMPORTER`` is: a chat importer, or the image or recording one."""

#: The name that asks for detection instead of a forced format (``--format auto``).
AUTO: Final = "auto"

_PACKAGE: Final = "evidence_desk.importers"
_IMAGES: Final = "images"


@dataclass(frozen=True, slots=True)
class ImporterModule:
    """One entry of :data:`MODULES`: a module of ``evidence_desk.importers`` and its role.

    ``fallback``: matches only when nothing specific does, and never makes a file ambiguous.
    ``auto``: takes part in detection; ``False`` for variant modules that an umbrella importer
    already detects and delegates to (reachable with ``--format`` only).
    """

    module: str
    kind: Kind
    fallback: bool = False
    auto: bool = True


#: Importer modules in detection order. Images and recordings first (a file signature is proof),
#: then formats with a structural signature (XML root, JSON keys, the WeChat tools' headers and
#: columns), then the line-grammar text formats, and the generic CSV fallback last. The WeChat
#: variant modules come after: ``wechat`` detects all of them and names the variant in its reason.
#: A module exposes ``IMPORTER`` or a sequence ``IMPORTERS``; listed modules that do not exist yet
#: are skipped.
MODULES: Final[tuple[ImporterModule, ...]] = (
    ImporterModule(_IMAGES, "image"),
    ImporterModule("recordings", "recording"),
    ImporterModule("sms_xml", "chat"),
    ImporterModule("telegram", "chat"),
    ImporterModule("messenger", "chat"),
    ImporterModule("wechat", "chat"),
    ImporterModule("line", "chat"),
    ImporterModule("whatsapp", "chat"),
    ImporterModule("generic_csv", "chat", fallback=True),
    ImporterModule("wechat.csv_export", "chat", auto=False),
    ImporterModule("wechat.txt_export", "chat", auto=False),
    ImporterModule("wechat.html_export", "chat", auto=False),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One importer that said yes, with the reason it gave."""

    name: str
    kind: Kind
    reason: str
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class Detection:
    """The outcome of detection.

    ``name``/``kind`` are the suggested format, ``None`` when nothing matched. ``ambiguous`` means
    several specific formats matched; ``name`` is then only the first by :data:`MODULES` order and
    :func:`parse` will not use it without ``--format``. ``errors`` lists importers whose ``detect``
    raised (a bug in that importer; detection carried on without it). ``reason`` is a coded
    :class:`~evidence_desk.domain.wording.Phrase` (``detect.*`` or the importer's own code).
    """

    name: str | None
    kind: Kind | None
    reason: str
    candidates: tuple[Candidate, ...] = ()
    ambiguous: bool = False
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Loaded:
    importer: AnyImporter
    spec: ImporterModule


@dataclass(frozen=True, slots=True)
class _Registry:
    loaded: tuple[_Loaded, ...]
    unavailable: dict[str, str]


_lock = threading.Lock()
_registry: _Registry | None = None


def _load() -> _Registry:
    """Import every listed module once per process; later calls reuse the result."""
    global _registry
    with _lock:
        if _registry is None:
            _registry = _import_all(MODULES)
        return _registry


def _import_all(specs: Sequence[ImporterModule]) -> _Registry:
    loaded: list[_Loaded] = []
    missing: dict[str, str] = {}
    seen: set[str] = set()
    for spec in specs:
        full = f"{_PACKAGE}.{spec.module}"
        try:
            module = importlib.import_module(full)
        except ModuleNotFoundError as error:
            if error.name == full:
                missing[spec.module] = "module not present"
            else:
                missing[spec.module] = f"import failed: {error}"
            continue
        except Exception as error:  # a broken importer must not take the others down
            missing[spec.module] = f"import failed: {_describe(error)}"
            continue
        found = getattr(module, "IMPORTERS", None)
        if found is None:
            found = (getattr(module, "IMPORTER", None),)
        problem = None
        importers: list[AnyImporter] = []
        for candidate in found if isinstance(found, list | tuple) else (found,):
            problem = _shape_problem(candidate)
            if problem is not None:
                break
            importers.append(cast("AnyImporter", candidate))
        if problem is not None or not importers:
            missing[spec.module] = problem or "IMPORTERS is empty"
            continue
        for importer in importers:
            if _key(importer.name) in seen or _key(importer.name) == AUTO:
                missing[spec.module] = f"duplicate or reserved format name {importer.name!r}"
                continue
            seen.add(_key(importer.name))
            loaded.append(_Loaded(importer, spec))
    return _Registry(tuple(loaded), missing)


def _shape_problem(candidate: object) -> str | None:
    if candidate is None:
        return "no IMPORTER defined"
    name = getattr(candidate, "name", None)
    if not isinstance(name, str) or not name:
        return "IMPORTER has no name"
    if not isinstance(getattr(candidate, "version", None), str):
        return f"importer {name!r} has no version"
    for method in ("detect", "parse"):
        if not callable(getattr(candidate, method, None)):
            return f"importer {name!r} has no {method}()"
    return None


def names() -> list[str]:
    """Every available format name (the choices for ``--format``), in :data:`MODULES` order."""
    return [entry.importer.name for entry in _load().loaded]


def unavailable() -> dict[str, str]:
    """Listed importer modules that could not be used, with the reason (for diagnostics)."""
    return dict(_load().unavailable)


def get(name: str) -> AnyImporter:
    """The importer for a format name. Raises UsageError for an unknown or unavailable name."""
    wanted = _key(name)
    registry = _load()
    for entry in registry.loaded:
        if _key(entry.importer.name) == wanted:
            return entry.importer
    module_matches = [entry for entry in registry.loaded if entry.spec.module == wanted]
    if len(module_matches) == 1:
        return module_matches[0].importer
    if wanted in registry.unavailable:
        raise UsageError(
            _said("import.format_unavailable", wanted=wanted, reason=registry.unavailable[wanted])
        )
    known = ", ".join(names()) or "none"
    raise UsageError(_said("import.format_unknown", wanted=name, formats=known))


def _key(name: str) -> str:
    """Format names compare case-insensitively, with ``-`` and ``_`` alike (module names)."""
    return name.strip().lower().replace("-", "_")


def detect(source: ExportSource) -> Detection:
    """Ask every importer whether ``source`` is theirs. Never raises.

    A file with an image or a recording signature is that and nothing else: chat detectors are
    not run on it, which keeps dropping a folder of large screenshots or videos cheap.
    """
    registry = _load()
    candidates: list[Candidate] = []
    errors: list[str] = []
    for entry in registry.loaded:
        if not entry.spec.auto:
            continue
        importer = entry.importer
        try:
            reason = importer.detect(source)
        except Exception as error:  # the contract says detect never raises; survive if it does
            errors.append(f"{importer.name}: detect() raised {_describe(error)}")
            continue
        if reason is None:
            continue
        text = reason if isinstance(reason, Phrase) else str(reason).strip()
        text = text or _said("detect.generic", format=importer.name)
        candidates.append(Candidate(importer.name, entry.spec.kind, text, entry.spec.fallback))
        if entry.spec.kind in ("image", "recording"):
            break
    return _decide(source, candidates, errors, registry.unavailable)


def _decide(
    source: ExportSource,
    candidates: Sequence[Candidate],
    errors: Sequence[str],
    missing: dict[str, str],
) -> Detection:
    """Choose among the candidates (already in detection order)."""
    found = tuple(candidates)
    specific = [c for c in found if not c.fallback]
    if not found:
        return Detection(None, None, _nothing_reason(source, missing), (), False, tuple(errors))
    if len(specific) > 1:
        reason: str = _said(
            "detect.ambiguous",
            listed="; ".join(f"{c.name} ({c.reason})" for c in specific),
            formats=", ".join(c.name for c in specific),
        )
        first = specific[0]
        return Detection(first.name, first.kind, reason, found, True, tuple(errors))
    chosen = specific[0] if specific else found[0]
    reason = chosen.reason if specific else _said("detect.fallback", reason=chosen.reason)
    return Detection(chosen.name, chosen.kind, reason, found, False, tuple(errors))


def _nothing_reason(source: ExportSource, missing: dict[str, str]) -> str:
    if _IMAGES not in missing:
        images = importlib.import_module(f"{_PACKAGE}.{_IMAGES}")
        hint = cast("str | None", images.unsupported_image_reason(source.name, source.data))
        if hint is not None:
            return hint
    absent = sorted(module for module, why in missing.items() if why == "module not present")
    if absent:
        return _said("detect.nothing_missing", file=source.name, missing=", ".join(absent))
    return _said("detect.nothing", file=source.name)


def detect_kind(name: str, data: bytes) -> Kind | None:
    """``"image"``, ``"recording"``, ``"chat"`` or ``None`` for a loose file (sorting a drop into
    the right pile)."""
    return detect(ExportSource(name=name, data=data)).kind


def parse(
    source: ExportSource, tz: str, format_name: str | None = None
) -> ParsedChat | ParsedImage | ParsedRecording:
    """Parse with the forced ``format_name``, or with the detected format when it is None/"auto".

    Raises ImportInputError when nothing matches, detection is ambiguous, or the importer rejects
    the input. Forcing a wrong format always ends in ImportInputError: an importer crash (any
    exception that is not an EvidenceDeskError) is reported as one, with the cause chained.
    UsageError for an unknown format name.
    """
    if format_name is None or _key(format_name) == AUTO:
        detection = detect(source)
        if detection.name is None or detection.ambiguous:
            raise ImportInputError(source.name, "", detection.reason)
        format_name = detection.name
    importer = get(format_name)
    try:
        return importer.parse(source, tz)
    except EvidenceDeskError:
        raise
    except Exception as error:
        raise ImportInputError(
            source.name,
            "",
            _said(
                "import.importer_failed",
                format=importer.name,
                error=_describe(error),
                **failure_facts(error),
            ),
        ) from error


def _describe(error: BaseException, limit: int = 200) -> str:
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= limit else text[: limit - 3] + "..."
