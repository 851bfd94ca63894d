"""The hub's systemd unit and container file start the command this release actually has.

A unit or image whose command line the CLI no longer accepts fails only on the company's
server, at the worst moment; here their command lines go through the real argument parser.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from evidence_desk.cli import commands, hub

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "packaging" / "hub" / "evidence-desk-hub.service"
CONTAINER = ROOT / "packaging" / "hub" / "Containerfile"


def _serve_args(line: str, environment: dict[str, str]) -> list[str]:
    expanded = re.sub(r"\$\{(\w+)\}", lambda m: environment[m.group(1)], line)
    expanded = re.sub(r'"\$(\w+)"', lambda m: shlex.quote(environment[m.group(1)]), expanded)
    words = shlex.split(expanded)
    return words[words.index("hub") :]


def test_the_systemd_unit_runs_hub_serve_with_arguments_the_cli_accepts() -> None:
    text = UNIT.read_text("utf-8")
    environment = dict(re.findall(r"^Environment=(\w+)=(\S+)$", text, re.MULTILINE))
    exec_start = re.search(r"^ExecStart=(.+)$", text, re.MULTILINE)
    assert exec_start is not None
    args = commands.build_parser().parse_args(_serve_args(exec_start.group(1), environment))
    assert args.handler is hub.cmd_hub_serve
    assert args.db.startswith("postgresql://") and args.listen == "0.0.0.0:8443"
    assert args.workers > 1  # several hub processes (hub serve --workers)
    # the hub's graceful stop (docs/deploy-hub.md): SIGTERM to hub serve, which stops its workers
    assert "KillSignal=SIGTERM" in text and "KillMode=mixed" in text


def test_the_container_runs_hub_serve_as_an_unprivileged_user() -> None:
    text = CONTAINER.read_text("utf-8")
    command = re.search(r"^CMD exec (.+)$", text, re.MULTILINE)
    assert command is not None
    url = "postgresql://hubowner@db:5432/evidence_hub"
    workers = re.search(r'^ENV EVIDENCE_DESK_HUB_WORKERS="(\d+)"$', text, re.MULTILINE)
    assert workers is not None
    environment = {"EVIDENCE_DESK_HUB_DB": url, "EVIDENCE_DESK_HUB_WORKERS": workers.group(1)}
    args = commands.build_parser().parse_args(_serve_args(command.group(1), environment))
    assert args.handler is hub.cmd_hub_serve
    assert args.workers == int(workers.group(1)) > 1
    assert args.db == url and str(args.tls_dir) == "/hub-tls"
    assert re.search(r"^USER 10001$", text, re.MULTILINE)
    assert re.search(r"^EXPOSE 8443$", text, re.MULTILINE)


def test_the_deployment_guide_names_both_files() -> None:
    guide = (ROOT / "docs" / "deploy-hub.md").read_text("utf-8")
    assert "packaging/hub/evidence-desk-hub.service" in guide
    assert "packaging/hub/Containerfile" in guide
