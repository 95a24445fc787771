# assess.dask: every conformance case evaluated partition by partition (1, 2, 3 partitions,
# and on a dask.distributed LocalCluster) equals the CLI's whole run and the package's
# whole evaluate bit for bit; a 10^5-unit batch in 4 partitions; the command
# `python3 -m assess.dask` prints the bytes, summary and exit status of `assess run`.
import csv
import io
import json

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import assess
import assess.dask as ad
from assess import results_frame
from conftest import CASES, ROOT, run_cases, run_cli, run_module

CASE_PARAMS = run_cases()


def case_frame(data):
    """A case's units as a DataFrame: CSV cells as texts (as the CSV reader reads them),
    JSON values with their types."""
    if data.suffix == ".csv":
        return pd.read_csv(data, dtype=str, keep_default_na=False, skipinitialspace=True)
    text = data.read_text(encoding="utf-8")
    rows = json.loads(text) if data.suffix == ".json" else [json.loads(l) for l in text.splitlines() if l.strip()]
    return pd.DataFrame(rows)


def cells_equal(a, b):
    a, b = str(a).strip(), str(b).strip()
    if a == b:
        return True
    try:
        return abs(float(a) - float(b)) <= 1e-9
    except ValueError:
        return False


def assert_like_cli(frame, cli_stdout):
    """As the conformance runner compares: every column, numbers within 1e-9, errors both
    empty or both not."""
    expected = list(csv.DictReader(io.StringIO(cli_stdout.decode("utf-8"), newline="")))
    assert len(frame) == len(expected)
    got = frame.astype(object).where(frame.notna(), "")
    for i, e in enumerate(expected):
        for col, want in e.items():
            have = got[col].iloc[i]
            if col == "error":
                assert bool(str(have).strip()) == bool(want.strip()), (i, have, want)
            elif col == "rank":
                assert str(have) == want, (i, col, have, want)
            else:
                assert cells_equal(have, want), (i, col, have, want)


@pytest.mark.skipif(not CASE_PARAMS, reason="no conformance cases in ../shared")
@pytest.mark.parametrize("case,data", CASE_PARAMS)
def test_conformance_case_in_1_2_3_partitions(cli, case, data):
    scheme = assess.Scheme.load(case / "rules.yaml")
    frame = case_frame(data)
    whole = scheme.evaluate(frame)
    assert_like_cli(whole, run_cli(cli, "run", "rules.yaml", data.name, "--format", "csv", cwd=case).stdout)
    for n in (1, 2, 3):
        got = ad.evaluate(scheme, dd.from_pandas(frame, npartitions=n, sort=False)).compute()
        pd.testing.assert_frame_equal(got.reset_index(drop=True), whole)


@pytest.fixture(scope="module")
def local_cluster():
    distributed = pytest.importorskip("distributed")
    # Two workers in this process: a real scheduler and workers, without two interpreters'
    # start-up on a small machine (test_command_on_a_local_cluster runs real processes).
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0")
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.skipif(not CASE_PARAMS, reason="no conformance cases in ../shared")
@pytest.mark.parametrize("case,data", CASE_PARAMS)
def test_conformance_case_on_a_local_cluster(local_cluster, case, data):
    scheme = assess.Scheme.load(case / "rules.yaml")
    frame = case_frame(data)
    ddf = dd.from_pandas(frame, npartitions=3, sort=False)
    got = ad.evaluate(scheme, ddf, scheduler=local_cluster).compute(scheduler=local_cluster)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), scheme.evaluate(frame))


@pytest.mark.skipif(not CASE_PARAMS, reason="no conformance cases in ../shared")
@pytest.mark.parametrize("case,data", CASE_PARAMS)
def test_command_prints_what_assess_run_prints(cli, case, data, monkeypatch, capfdbinary):
    # In this process (main, as `python3 -m assess.dask` runs it), to spare an interpreter's
    # start-up per case; the tests below run the command itself.
    monkeypatch.chdir(case)
    want = run_cli(cli, "run", "rules.yaml", data.name, cwd=case)
    for n in (2, 3):
        code = ad.main(["rules.yaml", data.name, "--partitions", str(n)])
        out, err = capfdbinary.readouterr()
        assert out == want.stdout
        assert code == want.returncode
        assert err.decode().splitlines()[-1] == want.stderr.decode().splitlines()[-1]


PEERS = """scheme: big
peers: kind
inputs:
  kind: {type: text, required: false}
  x: {type: number}
  y: {type: number, required: false}
  bad: {type: integer, default: 0}
  eco: {type: integer, default: 0}
indicators:
  - {id: spread, points: 30, score: 'points * ramp(x - peer_mean(x), 0, peer_max(x - peer_mean(x)))'}
  - {id: position, points: 30, score: 'points * peer_percentile(y)'}
  - {id: place, points: 20, score: 'max(0, points - 0.01 * (peer_rank(x) - 1))'}
  - {id: share, points: 20, score: 'points * x / peer_sum(x) * peer_count(x) / 2 + 0 * peer_min(y)'}
vetoes:
  - {id: safety, when: bad > 0, reason: safety, grade: poor}
  - {id: ecology, when: eco > 0, reason: ecology, max_grade: good}
grades:
  levels:
    - {name: excellent, min: 50, quota: 10%}
    - {name: good, min: 30, quota: 40%}
    - {name: poor}
  tie_break: [position]
"""


def big_csv(path, n):
    """n units with ties, missing values, bad cells and repeated ids."""
    rng = np.random.default_rng(12345)
    ids = np.array([f"U{i}" for i in range(n)], dtype=object)
    repeat = rng.random(n) < 0.01
    ids[repeat] = ids[rng.integers(0, n, repeat.sum())]
    x = (rng.integers(0, 40, n) * 0.25).astype(str).astype(object)
    x[rng.random(n) < 0.005] = "abc"
    y = (rng.integers(0, 50, n) * 0.5).astype(str).astype(object)
    y[rng.random(n) < 0.1] = ""
    frame = pd.DataFrame(
        {
            "unit": ids,
            "kind": rng.choice(["street", "town", "dept", ""], n),
            "x": x,
            "y": y,
            "bad": (rng.random(n) < 0.02).astype(int),
            "eco": (rng.random(n) < 0.05).astype(int),
        }
    )
    frame.to_csv(path, index=False)


def test_100k_units_in_4_partitions_equal_assess_run(cli, tmp_path):
    rules = tmp_path / "big.yaml"
    rules.write_text(PEERS)
    data = tmp_path / "big.csv"
    big_csv(data, 100_000)
    want = run_cli(cli, "run", rules, data)
    assert want.returncode == 1  # some units are in error
    got = run_module(rules, data, "--partitions", 4)
    assert got.returncode == want.returncode
    assert got.stdout == want.stdout
    assert got.stderr.decode().splitlines()[-1] == want.stderr.decode().splitlines()[-1]
    # The same units as a dask DataFrame of 4 partitions.
    scheme = assess.Scheme.load(rules)
    frame = pd.read_csv(data, dtype=str, keep_default_na=False)
    ddf = dd.from_pandas(frame, npartitions=4, sort=False)
    assert ddf.npartitions == 4
    got = ad.evaluate(scheme, ddf).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, scheme.evaluate(frame))
    numbers = results_frame(want.stdout)
    fine = numbers["error"].isna()
    pd.testing.assert_frame_equal(got.loc[fine].drop(columns="error"), numbers.loc[fine].drop(columns="error"))


def in_process(capfdbinary, *args):
    """main() as `python3 -m assess.dask ARGS` runs it: (exit status, stdout, stderr)."""
    code = ad.main([str(a) for a in args])
    out, err = capfdbinary.readouterr()
    return code, out, err


def test_command_formats_output_file_params_and_exit_status(cli, tmp_path, capfdbinary):
    rules, data = ROOT / "rules" / "district.yaml", ROOT / "examples" / "district-2025.csv"
    for fmt in ("csv", "json", "jsonl"):
        want = run_cli(cli, "run", rules, data, "--format", fmt, "--param", "overachievement_limit=1.1")
        code, out, _ = in_process(capfdbinary, rules, data, "--format", fmt, "--param", "overachievement_limit=1.1", "--partitions", 3)
        assert out == want.stdout, fmt
        assert code == want.returncode == 1
    out = tmp_path / "r.json"
    assert in_process(capfdbinary, rules, data, "-o", out, "--partitions", 2)[0] == 1
    run_cli(cli, "run", rules, data, "-o", tmp_path / "w.json")
    assert out.read_bytes() == (tmp_path / "w.json").read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("scheme: bad\nindicators:\n  - {id: a, points: 10, score: x + 1}\n")
    p = run_module(bad, data)
    assert p.returncode == 2 and b"bad.yaml:3:" in p.stderr
    p = run_module(rules, tmp_path / "missing.csv")
    assert p.returncode == 2 and b"missing.csv" in p.stderr
    ok = tmp_path / "ok.csv"
    ok.write_text("unit,x\nA,1\nB,2\n")
    simple = tmp_path / "s.yaml"
    simple.write_text("scheme: s\ninputs:\n  x: {type: number}\nindicators:\n  - {id: a, points: 10, score: x}\n")
    p = run_module(simple, ok, "--scheduler", "processes", "--partitions", 2)
    assert p.returncode == 0 and p.stdout == run_cli(cli, "run", simple, ok).stdout
    assert p.stderr.decode().strip().endswith("2 units: 2 scored, 0 in error")


def test_quoted_line_breaks_and_blank_lines_split_at_records(cli, tmp_path, capfdbinary):
    rules = tmp_path / "q.yaml"
    rules.write_text(
        "scheme: q\ninputs:\n  note: {type: text, required: false}\n  x: {type: number}\n"
        "indicators:\n  - {id: a, points: 10, score: 'x / peer_max(x) * points'}\n"
    )
    rows = []
    for i in range(60):
        note = f'"line one\nline ""two"" {i}"' if i % 3 == 0 else f"n{i}"
        x = "oops" if i == 41 else str(i % 7)
        rows.append(f"U{i},{note},{x}\n" + ("\n" if i % 10 == 5 else ""))
    data = tmp_path / "q.csv"
    data.write_text("unit,note,x\n" + "".join(rows) + f"U{7},again,3\n")
    want = run_cli(cli, "run", rules, data)
    assert b"row" in want.stdout  # places in messages, which partitions must keep
    for n in (2, 3, 5, 9):
        parts = ad.split_file(str(data), n)
        assert len(parts) > 1
        code, out, _ = in_process(capfdbinary, rules, data, "--partitions", n)
        assert out == want.stdout, n
        assert code == want.returncode == 1


def test_command_on_a_local_cluster(cli, tmp_path):
    rules = tmp_path / "big.yaml"
    rules.write_text(PEERS)
    data = tmp_path / "big.csv"
    big_csv(data, 2000)
    want = run_cli(cli, "run", rules, data, "--format", "jsonl")
    got = run_module(rules, data, "--format", "jsonl", "--scheduler", "distributed", "--partitions", 3)
    assert got.returncode == want.returncode
    assert got.stdout == want.stdout


def test_json_lines_split_at_lines_whatever_their_quotes(cli, tmp_path, capfdbinary):
    rules = tmp_path / "j.yaml"
    rules.write_text(
        "scheme: j\ninputs:\n  note: {type: text, required: false}\n  x: {type: number}\n"
        "indicators:\n  - {id: a, points: 10, score: 'x / peer_max(x) * points'}\n"
    )
    lines = []
    for i in range(40):
        note = 'say \\"hi' if i % 4 == 0 else "plain"  # an odd number of quote characters
        x = '"oops"' if i == 29 else str(i % 9)
        lines.append(f'{{"unit": "U{i}", "note": "{note}", "x": {x}}}\n' + ("\n" if i % 7 == 3 else ""))
    data = tmp_path / "j.jsonl"
    data.write_text("".join(lines))
    want = run_cli(cli, "run", rules, data)
    assert b"line " in want.stdout  # the bad line is named, as partitions must name it
    for n in (2, 3, 7):
        assert len(ad.split_file(str(data), n)) == n
        code, out, _ = in_process(capfdbinary, rules, data, "--partitions", n)
        assert out == want.stdout, n
        assert code == want.returncode == 1
