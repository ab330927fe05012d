"""Scale-out: the ingest pipeline on a Dask distributed cluster (workers read and extract, one writer)."""

from sitrep.scale.cluster import ingest_on_cluster, plan_units

__all__ = ["ingest_on_cluster", "plan_units"]
