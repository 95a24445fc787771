# Type stubs of assess.dask (see dask.py for the documentation).
from typing import Any, List, Optional, Sequence

import dask.dataframe as dd

from assess import Params, Scheme

class FilePart:
    path: str
    fmt: str
    start: int
    end: int
    def __init__(self, path: str, fmt: str, start: int, end: int, header_end: int, records: int) -> None: ...
    def rows(self) -> int: ...

def evaluate(
    scheme: Scheme,
    ddf: dd.DataFrame,
    *,
    threads: int = ...,
    params: Params = ...,
    explain: bool = ...,
    scheduler: Any = ...,
) -> dd.DataFrame: ...
def evaluate_parts(
    scheme: Scheme,
    sources: Sequence[Any],
    *,
    kind: str = ...,
    threads: int = ...,
    params: Params = ...,
    explain: bool = ...,
    scheduler: Any = ...,
) -> List[Any]: ...
def split_file(path: str, partitions: int, fmt: Optional[str] = ...) -> List[FilePart]: ...
def main(argv: Optional[Sequence[str]] = ...) -> int: ...
