"""Run a command (the test suite) while a CPU hog keeps one core busy, as a loaded machine would.

    python scripts/stress.py [--runs N] [--core C] -- COMMAND ...

The hog is a busy loop in a child process pinned to one core (``--core``, default the last one).
Each run's exit code and duration are printed; the exit code is the first failing run's, else 0.
Used by ``make test-stress``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time


def _spin(core: int) -> None:
    os.sched_setaffinity(0, {core})
    while True:
        pass


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--core", type=int, default=None, help="core to keep busy (default: the last one)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    cores = sorted(os.sched_getaffinity(0))
    core = cores[-1] if args.core is None else args.core
    hog = multiprocessing.get_context("spawn").Process(target=_spin, args=(core,), daemon=True)
    hog.start()
    print(f"stress: CPU hog (pid {hog.pid}) on core {core} of {len(cores)}", flush=True)
    results: list[tuple[int, float]] = []
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            code = subprocess.call(command)
            results.append((code, time.monotonic() - started))
            print(f"stress: run {run}/{args.runs}: exit {code} after {results[-1][1]:.0f} s", flush=True)
    finally:
        hog.terminate()
        hog.join(timeout=10)
    for run, (code, seconds) in enumerate(results, 1):
        print(f"stress: run {run}: {'passed' if code == 0 else f'FAILED (exit {code})'} in {seconds / 60:.1f} min")
    return next((code for code, _ in results if code != 0), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
