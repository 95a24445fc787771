# Shared fixtures of the Python package's tests: where the `assess` command and the
# conformance cases are. scripts/test.sh runs these with Debian's /usr/bin/python3 and
# PYTHONPATH=<build>/python; ASSESS_CLI names the command built beside the package.
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT.parent / "shared" / "conformance" / "cases"


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("ASSESS_CLI", str(ROOT / "build" / "release" / "assess"))
    if not os.path.exists(path):
        pytest.fail(f"no assess command at {path} (set ASSESS_CLI)")
    return path


def run_cli(cli, *args, cwd=None):
    return subprocess.run([cli, *map(str, args)], capture_output=True, cwd=cwd, timeout=600)


def run_module(*args, cwd=None):
    """python3 -m assess.dask ARGS, with this interpreter and this PYTHONPATH."""
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "assess.dask", *map(str, args)], capture_output=True, cwd=cwd, env=env, timeout=900
    )


def run_cases():
    """The conformance cases that evaluate data (not the load-error ones)."""
    if not CASES.is_dir():
        return []
    out = []
    for case in sorted(CASES.iterdir()):
        if (case / "expect-error.txt").exists():
            continue
        data = next((case / f"units.{e}" for e in ("csv", "json", "jsonl") if (case / f"units.{e}").exists()), None)
        if data is not None:
            out.append(pytest.param(case, data, id=case.name))
    return out
