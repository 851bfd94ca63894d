"""A plain wheel is the whole product and only the product (issue 17, item 6): it carries the
fonts, translations, icons, demo export, conduct lexicon and TSA roots the app reads through
``evidence_desk.resources``, and never the test TSA of ``evidence_desk_testing``."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from evidence_desk.resources import resource_path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = "evidence_desk/data/"


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    # built from a copy: setuptools' build/ folder would otherwise keep files of older builds
    source = tmp_path_factory.mktemp("source")
    shutil.copy2(REPO_ROOT / "pyproject.toml", source)
    shutil.copy2(REPO_ROOT / "README.md", source)
    for package in ("evidence_desk", "evidence_desk_testing"):
        shutil.copytree(
            REPO_ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    [wheel] = out.glob("evidence_desk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.slow
def test_the_wheel_carries_every_resource_the_app_reads(wheel_names: set[str]) -> None:
    for shipped in (
        "fonts/wqy-microhei.ttc",
        "fonts/wqy-microhei.COPYRIGHT.txt",
        "translations/evidence_desk_zh_CN.qm",
        "translations/evidence_desk_zh_CN.ts",
        "icons/evidence-desk.svg",
        "icons/evidence-desk-256.png",
        "demo/wechat_chenlixin_memotrace.csv",
        "conduct/lexicon.json",
        "tsa-roots/README.txt",
    ):
        assert DATA + shipped in wheel_names, shipped
        assert resource_path(*shipped.split("/")).is_file(), shipped  # where the app looks
    checkout = {
        p.relative_to(REPO_ROOT).as_posix()
        for p in (REPO_ROOT / DATA).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert checkout <= wheel_names, checkout - wheel_names
    assert "evidence_desk/py.typed" in wheel_names


@pytest.mark.slow
def test_the_wheel_holds_no_test_infrastructure(wheel_names: set[str]) -> None:
    assert not [name for name in wheel_names if name.startswith("evidence_desk_testing")]
    assert not [name for name in wheel_names if "local_tsa" in name]
    # the package list is exact (pyproject): only evidence_desk
    packages = {name.split("/")[0] for name in wheel_names if not name.startswith("evidence_desk-")}
    assert packages == {"evidence_desk"}, packages


def test_the_product_never_imports_the_testing_package() -> None:
    importers = []
    for path in (REPO_ROOT / "evidence_desk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "evidence_desk_testing" for name in names):
                importers.append(path.relative_to(REPO_ROOT).as_posix())
    assert importers == []


def test_the_frozen_build_leaves_the_testing_package_out() -> None:
    spec = (REPO_ROOT / "packaging" / "evidence-desk.spec").read_text("utf-8")
    excludes = spec[spec.index("excludes=[") : spec.index("]", spec.index("excludes=["))]
    assert '"evidence_desk_testing"' in excludes
    assert '(str(ROOT / "evidence_desk" / "data"), "evidence_desk/data")' in spec
