"""Time to first draw of a chain page in headless chromium, for chains of 200, 2,000 and 20,000 candidate nodes.

    python bench/page_draw.py [--sizes 200 2000 20000] [--runs 3]

For each size: a synthetic chain (bench/synthetic.py) in a fresh embedded store, the real app
on a loopback port, and Debian's chromium. "server" is the time to answer the page's GET (read
layer + render); "first draw" is performance.now() at vis-network's first afterDrawing event,
i.e. from navigation start to the first frame with the map, server time included; "in the
browser" is the part after the first byte of the answer (parse, script, layout, draw). Medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.chromium import Chromium, chromium_path  # noqa: E402
from bench.served import READY, serve, stored  # noqa: E402
from bench.synthetic import chain_graph  # noqa: E402

PAGE = "/chains/%E5%85%89%E4%BC%8F"  # 光伏


def measure(size: int, runs: int, browser: Chromium) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="ecograph-bench-") as tmp:
        data = Path(tmp) / "data"
        with stored(data, chain_graph("光伏", size)), serve(data) as url:
            server, draws, client = [], [], []
            for _ in range(runs):
                start = time.perf_counter()
                page = httpx.get(url + PAGE, headers={"Accept": "text/html"}, timeout=120)
                server.append((time.perf_counter() - start) * 1000)
                page.raise_for_status()
                log = browser.open(url + PAGE, READY)
                if log.errors or log.remote_requests:
                    raise RuntimeError(f"page not clean: {log.errors} {log.remote_requests}")
                draws.append(browser.evaluate("window.ecograph.firstDrawMs"))
                client.append(browser.evaluate(
                    "window.ecograph.firstDrawMs - performance.getEntriesByType('navigation')[0].responseStart"
                ))
            drawn = browser.evaluate("window.ecograph.network.body.nodeIndices.length")
    return {"size": size, "drawn": drawn, "kb": len(page.content) / 1024,
            "server": statistics.median(server), "draw": statistics.median(draws),
            "client": statistics.median(client)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    binary = chromium_path()
    if binary is None:
        sys.exit("chromium is not installed")
    print("| candidate nodes | drawn nodes | page KB | server ms | first draw ms | of which in the browser ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    with Chromium(binary, timeout_s=180) as browser:
        for size in args.sizes:
            r = measure(size, args.runs, browser)
            print(f"| {r['size']:,} | {r['drawn']:,} | {r['kb']:,.0f} | {r['server']:,.0f} | {r['draw']:,.0f} | {r['client']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
