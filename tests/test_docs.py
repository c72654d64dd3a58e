"""The README documents every setting and every command, and nothing that does not exist
(the model is datasette's tests/test_docs.py): a new knob or command without a line fails here."""

from __future__ import annotations

import re

import click
import pytest

from ecograph.cli import cli
from ecograph.graph.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SETTING_ROW = re.compile(r"^\|\s*(`ECOGRAPH_[^|]*)\|", re.M)


def _documented_settings() -> set[str]:
    return {name for row in SETTING_ROW.findall(README) for name in re.findall(r"`(ECOGRAPH_[A-Z0-9_]+)`", row)}


def _commands(group: click.Group, prefix: str = "ecograph") -> list[str]:
    out: list[str] = []
    for name, command in sorted(group.commands.items()):
        out += _commands(command, f"{prefix} {name}") if isinstance(command, click.Group) else [f"{prefix} {name}"]
    return out


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_in_the_readme(field: str) -> None:
    assert f"ECOGRAPH_{field.upper()}" in _documented_settings()


def test_the_readme_lists_no_setting_that_does_not_exist() -> None:
    assert _documented_settings() - {f"ECOGRAPH_{f.upper()}" for f in Settings.model_fields} == set()


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"^{re.escape(command)}\b", README, re.M), f"README's Commands block lacks `{command}`"


def test_the_readme_lists_no_command_that_does_not_exist() -> None:
    block = README.split("## Commands", 1)[1].split("```", 2)[1]
    listed = {" ".join(line.split()[:3]) for line in block.splitlines() if line.startswith("ecograph ")}
    real = set(_commands(cli))
    assert {c for c in listed if not any(c == r or c.startswith(r + " ") for r in real)} == set()
