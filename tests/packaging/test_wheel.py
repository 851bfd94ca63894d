"""A plain wheel is the whole product and only the product (issue 17, item 6): it carries the
fonts, translations, icons, demo export, conduct lexicon and TSA roots the app reads through
``evidence_desk.resources``, the organisation hub and its stack (issue 19), and never the test
TSA of ``evidence_desk_testing``."""

from __future__ import annotations

import ast
import re
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
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
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
    [built] = out.glob("evidence_desk-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


#: what the hub (evidence_desk/hub: ``hub serve``) and a device's client of it import: the
#: wheel must require each (psycopg with its own libpq build: laptops and servers have none)
HUB_STACK = {
    "starlette": "",
    "uvicorn": "",
    "httpx": "",
    "http-message-signatures": "",
    "psycopg": "binary",
    "psycopg-pool": "",
}


@pytest.mark.slow
def test_the_wheel_carries_the_hub_and_requires_its_stack(
    wheel: Path, wheel_names: set[str]
) -> None:
    modules = {
        p.relative_to(REPO_ROOT).as_posix()
        for folder in ("hub",)
        for p in (REPO_ROOT / "evidence_desk" / folder).glob("*.py")
    }
    assert "evidence_desk/hub/receipts.py" in modules and "evidence_desk/hub/app.py" in modules
    modules |= {
        "evidence_desk/cli/hub.py",
        "evidence_desk/integrity/receipts.py",
        "evidence_desk/integrity/http_signatures.py",
        "evidence_desk/services/hub_client.py",
        "evidence_desk/services/hub_receipts.py",
        "evidence_desk/services/sync.py",
    }
    assert modules <= wheel_names, modules - wheel_names
    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
    required: dict[str, str] = {}
    for line in text.splitlines():
        found = re.match(r"Requires-Dist: ([A-Za-z0-9_.-]+)(\[([a-z,]+)\])?(.*)", line)
        if found and "extra ==" not in found.group(4):
            name = found.group(1).lower().replace("_", "-")
            required[name] = found.group(3) or ""
    for name, extra in HUB_STACK.items():
        assert name in required, name
        assert extra in required[name], (name, required[name])


@pytest.mark.slow
def test_the_wheel_carries_every_resource_the_app_reads(wheel_names: set[str]) -> None:
    for shipped in (
        "fonts/wqy-microhei.ttc",
        "fonts/wqy-microhei.COPYRIGHT.txt",
        "translations/evidence_desk_zh_CN.qm",
        "translations/evidence_desk_zh_CN.ts",
        "translations/evidence_desk_en.qm",
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


def test_the_frozen_build_carries_the_hub() -> None:
    """The hub's modules are collected with the product's; what its stack imports by name at
    run time (uvicorn's protocol and loop modules, psycopg's libpq build, anyio's backend) is
    named, so that ``hub serve`` runs from the frozen folder (its self-test's ``hub`` step
    proves it: tests/packaging/test_build.py)."""
    spec = (REPO_ROOT / "packaging" / "evidence-desk.spec").read_text("utf-8")
    assert 'hiddenimports = collect_submodules("evidence_desk")' in spec
    for needed in (
        'collect_submodules("uvicorn")',
        '"psycopg_binary"',
        '"psycopg_pool"',
        '"anyio._backends._asyncio"',
        '"http_message_signatures"',
    ):
        assert needed in spec, needed
    excludes = spec[spec.index("excludes=[") : spec.index("]", spec.index("excludes=["))]
    for package in ("starlette", "uvicorn", "httpx", "psycopg", "h11", "anyio"):
        assert f'"{package}"' not in excludes, package


def test_the_frozen_build_leaves_the_testing_package_out() -> None:
    spec = (REPO_ROOT / "packaging" / "evidence-desk.spec").read_text("utf-8")
    excludes = spec[spec.index("excludes=[") : spec.index("]", spec.index("excludes=["))]
    assert '"evidence_desk_testing"' in excludes
    assert '(str(ROOT / "evidence_desk" / "data"), "evidence_desk/data")' in spec
