"""Interface language: Chinese by default on a Chinese system, English source strings otherwise.

The choice is a per-person preference kept in QSettings (the store-wide ``language`` setting is
the bundles' language and needs an admin). Translations are compiled ``.qm`` files built from the
committed ``.ts`` sources by ``scripts/translations.py``. Qt's own strings (the standard
dialog buttons, the file dialog) come from Qt's ``qtbase_zh_CN.qm``, shipped with PySide6 (and
with the frozen build by PyInstaller's PySide6 hooks).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from evidence_desk.resources import resource_path

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []
#: the language :func:`install` set last (English also installs a translator: its plurals)
_language = ["en"]


def tr(text: str, context: str = "EvidenceDesk") -> str:
    return QCoreApplication.translate(context, text)


def preferred_language(settings: QSettings | None = None, system: str | None = None) -> str:
    """The saved choice, else Chinese on a Chinese system (``system``: a locale name, for tests)."""
    stored = (settings or QSettings()).value("ui/language", "", str)
    if stored in LANGUAGES:
        return str(stored)
    name = system if system is not None else QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def language() -> str:
    """The interface language in effect (the one :func:`install` set last)."""
    return _language[0]


def qt_translation_folders() -> list[Path]:
    """Where Qt's own translations are: Qt's configured folder, then the PySide6 package's
    (its layout differs between the Linux/macOS and the Windows wheels)."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        folders += [package / "Qt" / "translations", package / "translations"]
    except (ImportError, TypeError):
        pass
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]


def install(language: str) -> str:
    """Install the translator for ``language`` (removing any previous one); returns it."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "zh_CN":
        translator = QTranslator(app)
        qm = resource_path("translations", "evidence_desk_zh_CN.qm")
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
        qt_own = QTranslator(app)
        if any(qt_own.load("qtbase_zh_CN", str(folder)) for folder in qt_translation_folders()):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        # English's own sentences are the sources; its translator holds only the plural forms
        # of the "%n ..." strings ("1 contact", "2 contacts"), which Qt picks by the count
        translator = QTranslator(app)
        if translator.load(str(resource_path("translations", "evidence_desk_en.qm"))):
            app.installTranslator(translator)
            _installed.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    _language[0] = "zh_CN" if language == "zh_CN" else "en"
    return language
