"""Markers of the read tests."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "large: builds a big file in tmp (a few seconds); still in the default run")
