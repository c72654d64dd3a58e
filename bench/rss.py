"""Resident memory of a process, as the benchmarks report it."""

from __future__ import annotations

from pathlib import Path


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(current, peak) resident MB of a process since its exec: VmRSS and VmHWM.

    Not getrusage's ru_maxrss: Linux carries it across exec, so a benchmark child forked from a
    parent that held 3 GB reports 3 GB whatever it did itself."""
    status = Path(f"/proc/{pid}/status").read_text()
    field = {line.split(":")[0]: line.split()[1] for line in status.splitlines() if line.startswith("Vm")}
    return int(field["VmRSS"]) / 1024, int(field["VmHWM"]) / 1024
