"""assess: configurable assessment indicators, from Python and pandas.

Load a rule file, evaluate a pandas DataFrame (or a data file) and get a DataFrame with the
columns of ``assess run``'s CSV::

    import assess
    scheme = assess.Scheme.load("rules/district.yaml")
    results = scheme.evaluate(df)          # df: one row per unit, columns as in a CSV
    results[["unit", "total", "rank", "grade"]]

Batches beyond one machine: :mod:`assess.dask`. The guide is docs/python.md.
"""

from __future__ import annotations

import csv as _csv
import io
import json
import os
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _assess

__all__ = [
    "Diagnostic",
    "Indicator",
    "Input",
    "LoadError",
    "Scheme",
    "TestOutcome",
]


class Diagnostic(NamedTuple):
    """One load error or warning, at a place of the rule file (1-based; 0: unknown)."""

    severity: str
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


class LoadError(Exception):
    """A rule file that cannot be loaded; ``diagnostics`` holds every problem found."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic]):
        super().__init__(message)
        self.message = message
        self.diagnostics = list(diagnostics)


class Indicator(NamedTuple):
    """An indicator of the scheme: ``kind`` is leaf, group, bonus or deduction; ``parent``
    the parent's id (None at the top level); ``points`` full marks (0 for bonus/deduction)."""

    id: str
    title: str
    kind: str
    points: float
    parent: Optional[str]
    depth: int


class Input(NamedTuple):
    """An input of the scheme: ``column`` is its name in data (a DataFrame's column)."""

    name: str
    column: str
    title: str
    type: str
    required: bool


class TestOutcome(NamedTuple):
    """An embedded test's outcome: ``failures`` like ``"S1.total: expected 96.5, got 96"``."""

    name: str
    passed: bool
    failures: List[str]


Params = Optional[Mapping[str, Any]]
Data = Union[pd.DataFrame, str, "os.PathLike[str]"]


def _param_pairs(params: Params) -> List[Tuple[str, str]]:
    """NAME=VALUE pairs as the library reads them: numbers, true/false, texts, lists as
    ``1;2;3``, tables (dicts) as JSON."""
    pairs = []
    for name, value in (params or {}).items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, Mapping):
            text = json.dumps(dict(value), ensure_ascii=False)
        elif isinstance(value, (list, tuple)):
            text = ";".join(repr(float(v)) if not isinstance(v, str) else v for v in value)
        elif isinstance(value, float):
            text = repr(value)
        else:
            text = str(value)
        pairs.append((str(name), text))
    return pairs


def _load(text: bytes, name: str, params: Params) -> "_assess.Scheme":
    scheme, message, diagnostics = _assess.load_text(text, name, [])
    if scheme is None:
        raise LoadError(message, [Diagnostic(*d) for d in diagnostics])
    pairs = _param_pairs(params)
    if pairs:
        try:
            scheme = scheme.with_params(pairs)
        except ValueError as e:
            raise ValueError(str(e)) from None
    return scheme


class Scheme:
    """A rule file, loaded, checked and compiled once. Immutable; safe to share between
    threads; picklable (it is sent as its text and loaded again)."""

    def __init__(self, text: bytes, name: str, params: Params = None):
        """Use :meth:`load` or :meth:`from_text`."""
        self._text = bytes(text)
        self._name = name
        self._params = dict(params or {})
        self._scheme = _load(self._text, name, self._params)

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"], params: Params = None) -> "Scheme":
        """Loads a rule file. Raises :class:`LoadError` (with every diagnostic) when it does
        not load, ``ValueError`` for a bad param, ``OSError`` when it cannot be read."""
        with open(path, "rb") as f:
            text = f.read()
        return cls(text, os.fspath(path), params)

    @classmethod
    def from_text(cls, yaml: Union[str, bytes], name: str = "<text>", params: Params = None) -> "Scheme":
        """Loads a rule file's text; ``name`` is the file name diagnostics show."""
        text = yaml.encode("utf-8") if isinstance(yaml, str) else yaml
        return cls(text, name, params)

    def __reduce__(self):
        return (Scheme, (self._text, self._name, self._params))

    def __repr__(self) -> str:
        return f"<assess.Scheme {self.id!r} from {self._name!r}>"

    @property
    def id(self) -> str:
        return self._scheme.id

    @property
    def title(self) -> str:
        return self._scheme.title

    @property
    def version(self) -> str:
        return self._scheme.version

    @property
    def file_name(self) -> str:
        return self._scheme.file_name

    @property
    def unit_column(self) -> str:
        """The data column holding unit ids."""
        return self._scheme.unit_column

    @property
    def digits(self) -> int:
        """Decimals of published numbers."""
        return self._scheme.digits

    @property
    def grade_levels(self) -> List[str]:
        """Grade names, best first (empty without grades)."""
        return list(self._scheme.grade_levels)

    @property
    def params(self) -> Dict[str, Any]:
        """The param overrides this scheme was loaded with."""
        return dict(self._params)

    @property
    def warnings(self) -> List[str]:
        """Lint warnings, as ``FILE:LINE:COLUMN: warning: MESSAGE``."""
        return list(self._scheme.warnings())

    @property
    def indicators(self) -> List[Indicator]:
        """Every indicator, in pre-order as written."""
        raw = self._scheme.indicators()
        return [
            Indicator(i, title, kind, points, raw[parent][0] if parent >= 0 else None, depth)
            for i, title, kind, points, parent, depth in raw
        ]

    @property
    def inputs(self) -> List[Input]:
        return [Input(*i) for i in self._scheme.inputs()]

    def to_dot(self) -> str:
        """The indicator tree and the dependencies between indicators, as Graphviz DOT."""
        return self._scheme.to_dot()

    def test(self) -> List[TestOutcome]:
        """Runs the tests embedded in the rule file."""
        return [TestOutcome(n, p, list(f)) for n, p, f in self._scheme.run_tests([])]

    def evaluate(
        self,
        data: Data,
        threads: int = 0,
        params: Params = None,
        explain: bool = False,
    ) -> pd.DataFrame:
        """Evaluates every unit of ``data`` (a DataFrame, or a .csv/.json/.jsonl path).

        Returns a DataFrame with exactly the columns of ``assess run``'s CSV: the unit
        column, every indicator's score, ``total``, ``rank``, ``grade``, ``vetoes`` and
        ``error``. Scores and totals are floats (NaN where an indicator does not apply or
        the unit is in error), ``rank`` a nullable integer, ``grade``/``vetoes``/``error``
        texts or None. A unit's bad data is its ``error``, never an exception. ``threads``:
        0 uses every core; results are the same for any number. ``params`` override the
        scheme's params for this evaluation (``ValueError`` when bad). The GIL is released
        while the library works."""
        results = self._results(data, threads, params, explain)
        # A DataFrame's own id objects serve as the results' ids where they are those texts.
        given = _objects(data[self.unit_column]) if isinstance(data, pd.DataFrame) else None
        return self._frame(results, given)

    def _frame(self, results, id_objects: Optional[np.ndarray] = None) -> pd.DataFrame:
        """The DataFrame of the library's Results: the columns of ``assess run``'s CSV, with
        the numbers it writes (published, rounded to the scheme's digits). ``id_objects``:
        the input's unit ids in the same order, reused where each is its unit's id text."""
        ids = [i.id for i in self.indicators]
        levels = self.grade_levels
        graded = bool(levels)
        units, block, rank, grades, vetoes, errors = results.columns(len(ids), levels, id_objects)
        # The scores and the total are one float block, taken as it is (no copy); the other
        # columns are placed around it (duplicate names allowed, as in the CSV's header).
        frame = pd.DataFrame(block.T, columns=ids + ["total"], copy=False)
        frame.insert(0, "unit", pd.Series(units, dtype=object), allow_duplicates=True)
        after: List[Any] = [("rank", pd.arrays.IntegerArray(rank, rank == 0))]
        if graded:
            after.append(("grade", pd.Series(grades, dtype=object)))
        after += [("vetoes", pd.Series(vetoes, dtype=object)), ("error", pd.Series(errors, dtype=object))]
        for name, values in after:
            frame.insert(len(frame.columns), name, values, allow_duplicates=True)
        return frame

    def explain(self, data: Data, unit: str, params: Params = None) -> Dict[str, Any]:
        """One unit's results with each node's computation, as a dict (the unit's object of
        ``assess run --format json --explain``). ``KeyError`` when no unit has that id."""
        results = self._results(data, 0, params, True)
        index = results.find(str(unit))
        if index is None:
            raise KeyError(unit)
        line = results.to_jsonl(True).split(b"\n")[index]
        return json.loads(line)

    def explain_text(self, data: Data, unit: str, params: Params = None) -> str:
        """One unit's computation, node by node, as ``assess explain`` prints it."""
        results = self._results(data, 0, params, True)
        index = results.find(str(unit))
        if index is None:
            raise KeyError(unit)
        return results.explain(index)

    # Internal: the library's Results of `data`. The batch is used once: its columns are
    # freed as soon as it is evaluated, so that the DataFrame made next reuses their memory
    # (explanations come from the evaluation's trace when `explain`, not from the inputs).
    def _results(self, data: Data, threads: int, params: Params, explain: bool):
        batch = self._batch(data)
        return _assess.evaluate_releasing(
            self._scheme, batch, int(threads), _param_pairs(params), bool(explain)
        )

    def _batch(self, data: Data, units_before: int = 0):
        if isinstance(data, pd.DataFrame):
            return frame_batch(self, data, units_before)
        if isinstance(data, (str, os.PathLike)):
            return _assess.read_file(self._scheme, os.fspath(data), "auto")
        raise TypeError(f"data must be a pandas DataFrame or a path, not {type(data).__name__}")


_NUMERIC_KINDS = "biuf"  # bool, int, unsigned, float


def _text(v: Any) -> str:
    """A value as a text for the library (read by the input's type, as a CSV cell is): a
    missing value is an empty text; a list is written ``1;2;3``."""
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, float):
        return "" if v != v else repr(v)
    if isinstance(v, (list, tuple, np.ndarray)):
        return ";".join(repr(float(x)) for x in v)
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    return str(v)


def _objects(column: pd.Series) -> np.ndarray:
    """A column as a NumPy array of Python objects, which the library reads as texts: each
    str where it is, None and NaN as missing, anything else through ``_text``."""
    return column.to_numpy(dtype=object)


def frame_batch(scheme: Scheme, frame: pd.DataFrame, units_before: int = 0):
    """The library's batch of a DataFrame's rows: numeric columns go in as NumPy buffers
    (NaN: missing), others as texts read by the input's type. ``units_before`` numbers the
    units in messages from there on (``unit #N``), for a partition of a larger frame."""
    unit = scheme.unit_column
    if unit not in frame.columns:
        raise ValueError(f"the data has no unit id column `{unit}` (columns: {', '.join(map(str, frame.columns))})")
    builder = _assess.BatchBuilder(scheme._scheme)
    kept = []  # what the builder reads at build()
    builder.set_units_before(int(units_before))
    builder.set_unit_id_objects(_objects(frame[unit]), _text)
    for i in scheme.inputs:
        name = i.column if i.column in frame.columns else i.name
        if name not in frame.columns:
            continue
        column = frame[name]
        if isinstance(column, pd.DataFrame):  # a repeated column name: the first counts
            column = column.iloc[:, 0]
        dtype = column.dtype
        if i.type != "list" and getattr(dtype, "kind", "O") in _NUMERIC_KINDS:
            # Read at build(), where they are: kept alive until then.
            if dtype == np.float64:
                # NaN is missing already: the frame's own buffer, shared with the batch (no
                # copy kept when every value is one the batch would store as it is).
                kept.append(builder.set_column(i.name, column.to_numpy()))
            elif dtype == np.int64:
                # Whole numbers, none missing: read as doubles at build(), with no float64
                # copy made here (10^6 units x 18 such columns were 144 MB of fresh memory).
                kept.append(builder.set_whole_column(i.name, column.to_numpy()))
            else:
                values = column.to_numpy(dtype=np.float64, na_value=np.nan)
                kept.append(builder.set_column(i.name, values))
        else:
            builder.set_object_column(i.name, _objects(column), _text)  # kept by the builder
    return builder.build()  # `kept` lives until it returns


def results_frame(csv: bytes) -> pd.DataFrame:
    """The DataFrame of ``assess run``'s CSV results: numbers read back exactly (they were
    written rounded to the scheme's digits; ``round_trip`` parsing gives those doubles)."""
    header = next(_csv.reader([csv[: csv.index(b"\n")].decode("utf-8")])) if csv else []
    texts = {header[0], "grade", "vetoes", "error"} if header else set()
    dtypes: Dict[str, Any] = {}
    na: Dict[str, List[str]] = {}
    for name in header:
        if name in texts:
            dtypes[name] = object
            na[name] = []
        elif name == "rank":
            dtypes[name] = "Int64"
            na[name] = [""]
        else:
            dtypes[name] = np.float64
            na[name] = [""]
    frame = pd.read_csv(
        io.BytesIO(csv),
        dtype=dtypes,
        keep_default_na=False,
        na_values=na,
        float_precision="round_trip",
        encoding="utf-8",
    )
    for name in ("grade", "vetoes", "error"):
        if name in frame.columns:
            frame[name] = frame[name].where(frame[name] != "", None)
    return frame
