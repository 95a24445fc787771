"""assess.dask: batches beyond one machine, on Dask (threads, processes, dask.distributed).

``evaluate(scheme, ddf)`` evaluates a ``dask.dataframe`` partition by partition and gives
the same results, bit for bit, as one ``scheme.evaluate`` of the whole data, without ever
gathering the units into one partition. Peer functions need every unit of a peer group, so
the partitions are evaluated in rounds (the library's partition API, docs/embedding.md):

1. each partition gives its unit ids; the driver finds ids repeated across partitions
   (the first row of an id is the unit, a later one a data error) and each partition's
   place in the whole (so that messages name the whole data's rows);
2. per phase of peer functions, each partition gives small partial aggregates per peer
   group (exact sums travel exactly), merged by a tree reduction and fed back;
3. a rank round: per group, how many units have each rounded total (and tie-break scores);
4. the final evaluation of each partition, with every merged aggregate.

Run as a program, ``python3 -m assess.dask RULES DATA`` prints what ``assess run RULES
DATA`` prints (same bytes, summary line and exit status), with DATA split into partitions
by byte ranges at row boundaries. See docs/python.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable, List, Optional, Sequence, Tuple

import dask
import dask.dataframe as dd
import pandas as pd
from dask import delayed

import assess
from assess import LoadError, Scheme, _assess, _param_pairs, frame_batch, results_frame

__all__ = ["evaluate", "evaluate_parts", "split_file", "main"]


# ---- tasks: each builds its partition's batch from its source, every round (workers keep no
# state between rounds, so any worker may run any round of any partition).


def _batch(scheme: Scheme, source: Any, before: int, repeated: Sequence[int]):
    if isinstance(source, FilePart):
        batch = source.read(scheme, before)
    else:
        batch = frame_batch(scheme, source, before)
    return _assess.mark_repeated(batch, list(repeated)) if repeated else batch


def _ids_task(scheme: Scheme, source: Any) -> Tuple[List[str], int]:
    """The partition's unit ids, and its rows (records of a file, counting blank ones)."""
    batch = _batch(scheme, source, 0, ())
    rows = source.rows() if isinstance(source, FilePart) else len(batch)
    return _assess.repeatable_ids(batch), rows


def _partials_task(scheme, source, before, repeated, state: bytes, threads, params) -> bytes:
    batch = _batch(scheme, source, before, repeated)
    st = _assess.PeerState.deserialize(state)
    return _assess.evaluate_partials(scheme._scheme, batch, st, threads, params).serialize()


def _merge_task(left: bytes, right: bytes) -> bytes:
    merged = _assess.Partials.deserialize(left)
    merged.merge(_assess.Partials.deserialize(right))
    return merged.serialize()


def _final_task(scheme, source, before, repeated, state: bytes, threads, params, explain, kind):
    batch = _batch(scheme, source, before, repeated)
    st = _assess.PeerState.deserialize(state)
    results = _assess.evaluate_part(scheme._scheme, batch, st, threads, params, explain)
    if kind == "frame":
        frame = scheme._frame(results)
        frame.index = pd.RangeIndex(before, before + len(frame))  # the whole frame's positions
        return frame
    if kind == "csv":
        out = results.to_csv()
    elif kind == "json":
        out = results.to_json(explain)
    else:
        out = results.to_jsonl(explain)
    return out, len(results), results.error_count


def _tree_merge(parts: List[Any]) -> Any:
    """Neighbours merged pairwise, level by level (the order of partitions is kept)."""
    while len(parts) > 1:
        parts = [
            delayed(_merge_task)(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
            for i in range(0, len(parts), 2)
        ]
    return parts[0]


def evaluate_parts(
    scheme: Scheme,
    sources: Sequence[Any],
    *,
    kind: str = "frame",
    threads: int = 1,
    params: assess.Params = None,
    explain: bool = False,
    scheduler: Any = None,
) -> List[Any]:
    """The protocol over ``sources`` (Delayed pandas partitions, DataFrames or FileParts, in
    order): runs the id and peer rounds now, and returns one Delayed per partition giving
    its results (a DataFrame for ``kind="frame"``, else (bytes, units, errors) in the
    format ``kind``: csv, json or jsonl)."""
    pairs = _param_pairs(params)
    compute = lambda *xs: dask.compute(*xs, scheduler=scheduler)  # noqa: E731
    got = compute(*[delayed(_ids_task)(scheme, s) for s in sources])
    ids = [g[0] for g in got]
    befores, at = [], 0
    for _, rows in got:
        befores.append(at)
        at += rows
    repeated = _assess.repeated_units(ids)
    del ids, got
    state = _assess.PeerState.start(scheme._scheme, pairs)
    while not state.complete:
        sent = state.serialize()
        partials = [
            delayed(_partials_task)(scheme, s, b, r, sent, threads, pairs)
            for s, b, r in zip(sources, befores, repeated)
        ]
        (merged,) = compute(_tree_merge(partials)) if partials else (b"",)
        state.advance(_assess.Partials.deserialize(merged))
    sent = state.serialize()
    return [
        delayed(_final_task)(scheme, s, b, r, sent, threads, pairs, explain, kind)
        for s, b, r in zip(sources, befores, repeated)
    ]


def evaluate(
    scheme: Scheme,
    ddf: dd.DataFrame,
    *,
    threads: int = 1,
    params: assess.Params = None,
    explain: bool = False,
    scheduler: Any = None,
) -> dd.DataFrame:
    """Evaluates a dask DataFrame (one row per unit, columns as in a CSV), partition by
    partition, with the same results bit for bit as ``scheme.evaluate`` of the whole.

    The peer rounds run now (on ``scheduler``, or Dask's default: a distributed Client when
    one is active); the returned dask DataFrame (one partition per input partition, the
    columns of ``scheme.evaluate``) is lazy. Messages name units as in the whole frame
    (``unit #N``). ``threads``: the library's threads per task (1: Dask runs the tasks in
    parallel)."""
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf must be a dask DataFrame, not {type(ddf).__name__}")
    finals = evaluate_parts(
        scheme,
        ddf.to_delayed(),
        kind="frame",
        threads=threads,
        params=params,
        explain=explain,
        scheduler=scheduler,
    )
    meta = scheme.evaluate(pd.DataFrame({scheme.unit_column: pd.Series([], dtype=object)}))
    return dd.from_delayed(finals, meta=meta, verify_meta=False)


# ---- data files split by byte ranges at row boundaries


class FilePart:
    """Bytes [start, end) of a data file (whole records or lines), read by a worker: for
    CSV with the file's header record in front."""

    def __init__(self, path: str, fmt: str, start: int, end: int, header_end: int, records: int):
        self.path, self.fmt, self.start, self.end = path, fmt, start, end
        self.header_end, self.records = header_end, records

    def rows(self) -> int:
        return self.records

    def read(self, scheme: Scheme, before: int):
        with open(self.path, "rb") as f:
            header = f.read(self.header_end) if self.fmt == "csv" else b""
            f.seek(self.start)
            body = f.read(self.end - self.start)
        if self.fmt == "json":  # read whole: a JSON array is not split
            return _assess.read_part_text(scheme._scheme, body, "json", 0, self.path)
        return _assess.read_part_text(scheme._scheme, header + body, self.fmt, before, self.path)


def _format_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith(".jsonl") or lower.endswith(".ndjson"):
        return "jsonl"
    return "csv"


def split_file(path: str, partitions: int, fmt: Optional[str] = None) -> List[FilePart]:
    """Splits a data file into about ``partitions`` byte ranges, each ending at a record
    boundary, in one pass over the file a block at a time (it is never held whole). A line
    break inside a quoted CSV cell is not a boundary: quotes are tracked as RFC 4180 writes
    them (a stray quote inside an unquoted cell could misplace a boundary; such a file is
    malformed, read it with one partition). A JSON array stays one part."""
    fmt = fmt or _format_of(path)
    size = os.path.getsize(path)
    if fmt == "json":
        return [FilePart(path, "json", 0, size, 0, 0)]
    targets = [size * p // partitions for p in range(1, max(partitions, 1))]
    cuts: List[Tuple[int, int]] = []  # (the byte after a record's line break, records up to it)
    header_end: Optional[int] = 0 if fmt == "jsonl" else None
    quoted = False
    records = 0  # records after the header
    at = 0  # the file offset of `data`
    t = 0  # the next target

    def cut(end: int, upto: int) -> None:
        nonlocal t
        cuts.append((end, upto))
        while t < len(targets) and targets[t] < end:
            t += 1

    with open(path, "rb") as f:
        while True:
            data = f.read(_BLOCK)
            if not data:
                break
            begin = 0
            # Every line break ends a record: in JSON Lines always, in CSV outside quotes.
            if fmt == "jsonl" or (not quoted and b'"' not in data):
                if header_end is None:
                    i = data.find(b"\n")
                    if i < 0:
                        at += len(data)
                        continue
                    header_end = at + i + 1
                    begin = i + 1
                while t < len(targets) and targets[t] < at + len(data):
                    i = data.find(b"\n", max(targets[t] - at, begin))
                    if i < 0:
                        break
                    cut(at + i + 1, records + data.count(b"\n", begin, i + 1))
                records += data.count(b"\n", begin)
            else:
                q = data.find(b'"')
                n = data.find(b"\n")
                while n >= 0:
                    while 0 <= q < n:
                        quoted = not quoted
                        q = data.find(b'"', q + 1)
                    if not quoted:
                        if header_end is None:
                            header_end = at + n + 1
                        else:
                            records += 1
                            if t < len(targets) and at + n >= targets[t]:
                                cut(at + n + 1, records)
                    n = data.find(b"\n", n + 1)
                while q >= 0:
                    quoted = not quoted
                    q = data.find(b'"', q + 1)
            at += len(data)
    if header_end is None:
        header_end = size
    parts: List[FilePart] = []
    start, before = header_end, 0
    for end, upto in cuts:
        if start < end < size:
            parts.append(FilePart(path, fmt, start, end, header_end, upto - before))
            start, before = end, upto
    parts.append(FilePart(path, fmt, start, size, header_end, records - before + 1))
    return parts


_BLOCK = 1 << 22


# ---- the command: python3 -m assess.dask RULES DATA


def _output_format(args) -> str:
    if args.format:
        return args.format
    out = args.output or ""
    if out.endswith(".json"):
        return "json"
    if out.endswith(".jsonl") or out.endswith(".ndjson"):
        return "jsonl"
    return "csv"


def _join(outputs: List[bytes], fmt: str) -> bytes:
    """The partitions' outputs as one file, as `assess run` writes the whole."""
    if fmt == "jsonl":
        return b"".join(outputs)
    if fmt == "csv":
        return outputs[0] + b"".join(o[o.index(b"\n") + 1 :] for o in outputs[1:])
    bodies = [o[len(b"[\n") : -len(b"\n]\n")] for o in outputs if o.startswith(b"[\n") and o.endswith(b"\n]\n")]
    if not bodies:
        return outputs[0]
    return b"[\n" + b",\n".join(bodies) + b"\n]\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python3 -m assess.dask``: ``assess run`` on Dask. Exit 0 when every unit is scored,
    1 when some are in error, 2 when the rules or data cannot be used."""
    parser = argparse.ArgumentParser(
        prog="python3 -m assess.dask",
        description="Evaluate every unit of a data file on Dask, partition by partition: "
        "the same output, summary and exit status as `assess run RULES DATA`.",
    )
    parser.add_argument("rules", metavar="RULES", help="the rule file")
    parser.add_argument("data", metavar="DATA", help="the data file: .csv, .json or .jsonl")
    parser.add_argument("-o", "--output", help="write results here (default: standard output)")
    parser.add_argument("--format", choices=["csv", "json", "jsonl"], help="results as csv, json or jsonl")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="override a param")
    parser.add_argument("--partitions", type=int, default=0, help="partitions of DATA (default: the scheduler's workers)")
    parser.add_argument(
        "--scheduler",
        choices=["threads", "processes", "distributed"],
        default="threads",
        help="Dask's local threads or processes, or a dask.distributed LocalCluster on this machine's cores",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    args = parser.parse_args(argv)
    if args.partitions < 0:
        parser.error("--partitions must be at least 1")

    params = {}
    for p in args.param:
        name, eq, value = p.partition("=")
        if not eq or not name:
            print(f"assess: --param needs NAME=VALUE, got `{p}`", file=sys.stderr)
            return 2
        params[name] = value
    try:
        with open(args.rules, "rb") as f:
            text = f.read()
    except OSError as e:
        print(f"{args.rules}: cannot read the rule file ({e.strerror})", file=sys.stderr)
        return 2
    try:
        scheme = Scheme(text, args.rules, params)
    except LoadError as e:
        for d in e.diagnostics:
            print(str(d), file=sys.stderr)
        if not e.diagnostics:
            print(e.message, file=sys.stderr)
        return 2
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 2
    for w in scheme.warnings:
        print(w, file=sys.stderr)
    fmt = _output_format(args)

    cores = os.cpu_count() or 1
    client = cluster = None
    try:
        if args.scheduler == "distributed":
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=":0")
            client = Client(cluster)
            scheduler = client
        else:
            scheduler = args.scheduler
        partitions = args.partitions or cores
        try:
            parts = split_file(args.data, partitions)
        except OSError as e:
            print(f"{args.data}: cannot read the data file ({e.strerror})", file=sys.stderr)
            return 2
        try:
            finals = evaluate_parts(scheme, parts, kind=fmt, threads=1, scheduler=scheduler)
            outputs = dask.compute(*finals, scheduler=scheduler)
        except ValueError as e:  # the data cannot be used at all (as `assess run`)
            print(str(e), file=sys.stderr)
            return 2
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    data = _join([o[0] for o in outputs], fmt)
    units = sum(o[1] for o in outputs)
    errors = sum(o[2] for o in outputs)
    try:
        if args.output:
            with open(args.output, "wb") as f:
                f.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    except OSError:
        print(f"assess: cannot write {args.output}" if args.output else "assess: writing the results failed", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"{units} units: {units - errors} scored, {errors} in error", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    # Run as assess.dask (not __main__), so that the tasks' classes pickle by that name for
    # the processes and distributed schedulers.
    from assess.dask import main as _main

    sys.exit(_main())
