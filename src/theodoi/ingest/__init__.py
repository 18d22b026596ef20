"""Reading a plan document into Plan JSON (extraction/SCHEMA.md).

Plain Python, no Django: readers -> text normalisation -> segmentation -> extraction ->
normalisation -> :class:`theodoi.ingest.plan.Plan`.
"""
