# The assess package's API: loading (LoadError with every diagnostic, bad params), the
# scheme's description, evaluate of DataFrames of every dtype and of paths (the columns and
# numbers of `assess run`'s CSV), explanations, embedded tests, the GIL released.
import json
import pathlib
import pickle
import threading
import time

import numpy as np
import pandas as pd
import pytest

import assess
from assess import results_frame
from conftest import ROOT, run_cli

DISTRICT = ROOT / "rules" / "district.yaml"
DISTRICT_CSV = ROOT / "examples" / "district-2025.csv"

SMALL = """scheme: small
peers: kind
inputs:
  kind: {type: text, required: false}
  x: {type: number, min: 0}
  n: {type: integer, required: false}
  ok: {type: boolean, default: false}
  marks: {type: list, required: false}
params:
  w: 1
indicators:
  - {id: a, points: 50, score: 'points * x / peer_max(x) * w'}
  - {id: b, points: 30, when: ok, score: 'points * mean(marks) / 100'}
  - {id: c, points: 20, score: 'min(points, n)'}
grades:
  levels:
    - {name: top, min: 60, quota: 50%}
    - {name: rest}
"""


@pytest.fixture
def small():
    return assess.Scheme.from_text(SMALL, name="small.yaml")


def test_load_describes_the_scheme():
    s = assess.Scheme.load(DISTRICT)
    assert s.id == "district-performance"
    assert s.file_name == str(DISTRICT)
    ids = [i.id for i in s.indicators]
    assert ids[0] == "annual" and "gdp" in ids
    gdp = next(i for i in s.indicators if i.id == "gdp")
    assert gdp.parent == "economy" and gdp.kind == "leaf" and gdp.points > 0
    assert any(i.column == "单位类别" for i in s.inputs)
    assert s.to_dot().startswith("digraph")
    outcomes = s.test()
    assert outcomes and all(t.passed for t in outcomes), outcomes


def test_load_error_carries_every_diagnostic():
    bad = "scheme: bad\nindicators:\n  - {id: a, points: 10, score: x + 1}\n  - {id: b, points: 10, score: y}\n"
    with pytest.raises(assess.LoadError) as e:
        assess.Scheme.from_text(bad, name="bad.yaml")
    d = e.value.diagnostics
    assert len(d) >= 2
    assert all(x.file == "bad.yaml" and x.line >= 3 and x.column > 0 and x.message for x in d)
    assert "bad.yaml:3:" in str(d[0])


def test_bad_param_is_a_value_error(small):
    with pytest.raises(ValueError):
        assess.Scheme.from_text(SMALL, params={"nope": 1})
    frame = pd.DataFrame({"unit": ["A"], "x": [1.0], "n": [3]})
    with pytest.raises(ValueError):
        small.evaluate(frame, params={"w": "not a number"})
    assert small.evaluate(frame, params={"w": 0.5})["a"][0] == 25.0


def test_a_failing_test_is_reported():
    failing = SMALL + "tests:\n  - name: wrong\n    units:\n      - {unit: A, x: 4, n: 3}\n    expect:\n      A: {total: 1}\n"
    (t,) = assess.Scheme.from_text(failing).test()
    assert not t.passed and "A.total" in t.failures[0]


def test_evaluate_a_path_gives_the_clis_csv(cli):
    s = assess.Scheme.load(DISTRICT)
    p = run_cli(cli, "run", DISTRICT, DISTRICT_CSV)
    expected = results_frame(p.stdout)
    got = s.evaluate(DISTRICT_CSV)
    pd.testing.assert_frame_equal(got, expected)
    assert list(got.columns)[-4:] == ["rank", "grade", "vetoes", "error"]
    assert str(got["rank"].dtype) == "Int64" and got["total"].dtype == np.float64
    bad = got[got["error"].notna()]
    assert len(bad) == 1 and pd.isna(bad["total"].iloc[0]) and pd.isna(bad["rank"].iloc[0])


def test_a_frame_with_the_files_columns_gives_the_same_numbers():
    s = assess.Scheme.load(DISTRICT)
    frame = pd.read_csv(DISTRICT_CSV)  # numbers as float64, texts as object
    from_frame = s.evaluate(frame)
    from_file = s.evaluate(DISTRICT_CSV)
    fine = from_file["error"].isna()
    numbers = [c for c in from_file.columns if from_file[c].dtype == np.float64]
    pd.testing.assert_frame_equal(from_frame.loc[fine, numbers], from_file.loc[fine, numbers])
    assert (from_frame["error"].isna() == fine).all()


def test_dtypes_numbers_texts_booleans_lists_and_missing(small):
    frame = pd.DataFrame(
        {
            "unit": [1, 2, 3, 4, 5],  # ids as numbers: their text
            "kind": pd.Series(["s", "s", None, "t", "s"], dtype=object),
            "x": np.array([4, 2, 3, 5, 1], dtype=np.int32),
            "n": pd.array([3, None, 30, 1, 2], dtype="Int64"),
            "ok": [True, False, True, True, False],
            "marks": [[80, 90], None, "70;100", [], [50]],
        }
    )
    r = small.evaluate(frame)
    assert list(r["unit"]) == ["1", "2", "3", "4", "5"]
    # Peers of kind s: 1, 2, 5 (max 4); 3 is alone (no kind), 4 alone in t.
    assert r["a"][0] == 50.0 and r["a"][2] == 50.0 and r["a"][4] == 12.5
    assert r["b"][0] == 25.5 and r["b"][2] == 25.5  # a list, and its text "70;100"
    assert pd.isna(r["b"][4])  # ok is false: b does not apply
    assert r["c"][2] == 20.0
    assert "c" in r["error"][1]  # n missing (NA in an Int64 column)
    assert r["error"][3] is not None  # the mean of an empty list
    assert r["error"][[0, 2, 4]].isna().all()
    text = frame.astype({"x": str, "n": object})
    text["n"] = ["3", "", "30", "1", "2"]
    pd.testing.assert_frame_equal(small.evaluate(text), r)


def test_object_columns_of_every_kind_read_on_builds_threads(small, tmp_path):
    # 70,000 units: the batch is built in two parts on two threads, which read ASCII str
    # values without the GIL and take it for the others (non-ASCII str, lists, numbers).
    n = 70_000
    rng = np.random.default_rng(3)
    kinds = np.array(["s", "t", "ü", None, np.nan, "s "], dtype=object)[rng.integers(0, 6, n)]
    marks = [[80, 90], "70;100", None, (50.5,), "88"]
    frame = pd.DataFrame(
        {
            "unit": [f"U{i}" for i in range(n)],
            "kind": kinds,
            "x": rng.integers(1, 100, n).astype(object),  # Python ints in an object column
            "n": rng.integers(0, 30, n),
            "ok": rng.integers(0, 2, n).astype(bool),
            "marks": [marks[i % len(marks)] for i in range(n)],
        }
    )
    frame.loc[5, "x"] = "abc"  # a bad number, unit #5's error
    got = small.evaluate(frame)
    # The same data as a CSV file, read by the library's CSV reader.
    text = frame.copy()
    text["kind"] = [("" if v is None or v != v else v) for v in frame["kind"]]
    text["marks"] = [
        "" if v is None else v if isinstance(v, str) else ";".join(repr(float(e)) for e in v) for v in frame["marks"]
    ]
    path = tmp_path / "units.csv"
    text.to_csv(path, index=False)
    want = small.evaluate(path)
    fine = want["error"].isna()
    assert (got["error"].isna() == fine).all()
    assert not fine[5] and "unit #5" in got["error"][5] and 'bad number "abc"' in got["error"][5]
    numbers = [c for c in want.columns if want[c].dtype == np.float64]
    pd.testing.assert_frame_equal(got.loc[fine, numbers], want.loc[fine, numbers])
    pd.testing.assert_series_equal(got["grade"], want["grade"])


def test_result_ids_are_the_frames_own_str_objects_where_they_are_the_ids(small):
    # ASCII str ids are the results' ids as they are (no new str per unit); any other id
    # (a number, a non-ASCII text) gives a new str of its text, as in the CSV.
    ids = ["A", "\u00fc1", 7, "C"]
    frame = pd.DataFrame({"unit": pd.Series(ids, dtype=object), "x": [1.0, 2.0, 3.0, 4.0]})
    r = small.evaluate(frame)
    assert list(r["unit"]) == ["A", "\u00fc1", "7", "C"]
    assert r["unit"][0] is frame["unit"][0] and r["unit"][3] is frame["unit"][3]
    assert r["unit"][1] is not frame["unit"][1] and r["unit"][2] is not frame["unit"][2]


def test_evaluate_frees_the_batchs_columns_before_the_frame_is_made(small):
    # Scheme.evaluate evaluates its batch once (evaluate_releasing): the arrays the batch
    # shares are let go as soon as it is evaluated, while Evaluate's results keep them.
    import weakref

    def batch_sharing(x):
        builder = assess._assess.BatchBuilder(small._scheme)
        builder.set_unit_id_objects(np.array(["A", "B", "C"], dtype=object), assess._text)
        builder.set_column("x", x)
        return builder.build()

    x = np.array([1.0, 2.0, 4.0])
    shared = weakref.ref(x)
    batch = batch_sharing(x)
    del x
    kept = assess._assess.evaluate(small._scheme, batch, 1, [], False)
    del batch
    assert shared() is not None  # the results hold the batch, and the batch the array
    y = np.array([1.0, 2.0, 4.0])
    released_array = weakref.ref(y)
    batch = batch_sharing(y)
    del y
    released = assess._assess.evaluate_releasing(small._scheme, batch, 1, [], False)
    assert released_array() is None
    assert released.to_csv() == kept.to_csv()
    with pytest.raises(ValueError, match="used up"):
        len(batch)
    with pytest.raises(ValueError, match="used up"):
        assess._assess.evaluate(small._scheme, batch, 1, [], False)
    # Explanations come from the trace of an evaluation that kept it.
    again = batch_sharing(np.array([1.0, 2.0, 4.0]))
    traced = assess._assess.evaluate_releasing(small._scheme, again, 1, [], True)
    assert traced.explain(1) == kept.explain(1)


def test_bad_values_are_the_units_errors(small):
    frame = pd.DataFrame({"unit": ["A", "B", "C"], "x": ["1", "abc", "-2"], "n": [1, 2.5, 3]})
    r = small.evaluate(frame)
    assert r["error"][0] is None
    assert 'bad number "abc"' in r["error"][1] and "unit #1" in r["error"][1]
    assert "integer" in r["error"][1] or "x" in r["error"][1]
    assert "minimum" in r["error"][2]
    # a = 50 (its own peer max), c = 1, b does not apply: 51 of 70 points, scaled to 100.
    assert r["total"][0] == 72.86 and r["rank"][0] == 1


def test_missing_unit_column_or_bad_data_type():
    s = assess.Scheme.from_text(SMALL)
    with pytest.raises(ValueError, match="unit id column"):
        s.evaluate(pd.DataFrame({"x": [1.0]}))
    with pytest.raises(TypeError):
        s.evaluate(42)
    with pytest.raises(ValueError):
        s.evaluate("/nonexistent/units.csv")


def test_explain_gives_the_units_computation(small):
    frame = pd.DataFrame({"unit": ["A", "B"], "kind": ["s", "s"], "x": [4.0, 2.0], "n": [3, 1]})
    d = small.explain(frame, "B")
    assert d["unit"] == "B" and d["a"] == 25.0 and "explain" in d
    assert d["explain"]["a"] == {"state": "applies", "raw": 25.0, "score": 25.0}
    assert "B" in small.explain_text(frame, "B")
    with pytest.raises(KeyError):
        small.explain(frame, "nobody")


def test_schemes_pickle_with_their_params(small):
    s = assess.Scheme.from_text(SMALL, params={"w": 0.5})
    t = pickle.loads(pickle.dumps(s))
    frame = pd.DataFrame({"unit": ["A"], "x": [1.0], "n": [3]})
    pd.testing.assert_frame_equal(t.evaluate(frame), s.evaluate(frame))
    assert t.evaluate(frame)["a"][0] == 25.0


def test_threads_do_not_change_results_and_the_gil_is_released(small):
    n = 200_000
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {
            "unit": [f"U{i}" for i in range(n)],
            "kind": rng.choice(["s", "t", "u"], n),
            "x": rng.integers(0, 100, n) / 4,
            "n": rng.integers(0, 30, n),
        }
    )
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.05)
    batch = small._batch(frame)
    start = time.perf_counter()
    one = assess._assess.evaluate(small._scheme, batch, 1, [], False)
    end = time.perf_counter()
    stop.set()
    t.join()
    assert any(start < x < end for x in ticks), "no Python thread ran while evaluating"
    two = small.evaluate(frame, threads=2)
    pd.testing.assert_frame_equal(results_frame(one.to_csv()), two)
