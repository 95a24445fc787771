# Type stubs of the assess package (see __init__.py for the documentation).
import os
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Union

import pandas as pd

Params = Optional[Mapping[str, Any]]
Data = Union[pd.DataFrame, str, os.PathLike[str]]

class Diagnostic(NamedTuple):
    severity: str
    file: str
    line: int
    column: int
    message: str

class LoadError(Exception):
    message: str
    diagnostics: List[Diagnostic]
    def __init__(self, message: str, diagnostics: Sequence[Diagnostic]) -> None: ...

class Indicator(NamedTuple):
    id: str
    title: str
    kind: str
    points: float
    parent: Optional[str]
    depth: int

class Input(NamedTuple):
    name: str
    column: str
    title: str
    type: str
    required: bool

class TestOutcome(NamedTuple):
    name: str
    passed: bool
    failures: List[str]

class Scheme:
    def __init__(self, text: bytes, name: str, params: Params = ...) -> None: ...
    @classmethod
    def load(cls, path: Union[str, os.PathLike[str]], params: Params = ...) -> Scheme: ...
    @classmethod
    def from_text(cls, yaml: Union[str, bytes], name: str = ..., params: Params = ...) -> Scheme: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def file_name(self) -> str: ...
    @property
    def unit_column(self) -> str: ...
    @property
    def digits(self) -> int: ...
    @property
    def grade_levels(self) -> List[str]: ...
    @property
    def params(self) -> Dict[str, Any]: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def indicators(self) -> List[Indicator]: ...
    @property
    def inputs(self) -> List[Input]: ...
    def to_dot(self) -> str: ...
    def test(self) -> List[TestOutcome]: ...
    def evaluate(
        self, data: Data, threads: int = ..., params: Params = ..., explain: bool = ...
    ) -> pd.DataFrame: ...
    def explain(self, data: Data, unit: str, params: Params = ...) -> Dict[str, Any]: ...
    def explain_text(self, data: Data, unit: str, params: Params = ...) -> str: ...

def frame_batch(scheme: Scheme, frame: pd.DataFrame, units_before: int = ...) -> Any: ...
def results_frame(csv: bytes) -> pd.DataFrame: ...
