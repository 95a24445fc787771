"""The district scheme on pandas and on Dask: one evaluation of a DataFrame, then the same
units in three partitions on a local dask.distributed cluster, with the same results.

Run from the project's root after building (see docs/python.md):

    PYTHONPATH=build/release/python /usr/bin/python3 examples/python/dask_example.py
"""

import pathlib

import dask.dataframe as dd
import pandas as pd

import assess
import assess.dask

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main() -> None:
    scheme = assess.Scheme.load(ROOT / "rules" / "district.yaml")
    print(f"{scheme.id}: {len(scheme.indicators)} indicators, grades {scheme.grade_levels}")

    # Cells as texts, as the CSV reader reads them (the rater scores stay "93;91;100").
    units = pd.read_csv(ROOT / "examples" / "district-2025.csv", dtype=str, keep_default_na=False)
    whole = scheme.evaluate(units)
    print(whole[["unit", "total", "rank", "grade", "vetoes", "error"]].head(8).to_string())

    # Streets are ranked among streets (peers: 单位类别), whatever partition they are in.
    ddf = dd.from_pandas(units, npartitions=3, sort=False)
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            parts = assess.dask.evaluate(scheme, ddf).compute()
    same = parts.reset_index(drop=True).equals(whole)
    print(f"3 partitions on a LocalCluster give the same results: {same}")

    # One unit's computation, node by node.
    print(scheme.explain_text(units, "金石滩街道")[:400])


if __name__ == "__main__":
    main()
