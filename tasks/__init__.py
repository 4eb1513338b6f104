"""Prefect tasks: thin wrappers around akhbar's steps (``akhbar.run``).

Tasks work on whole batches or the whole run, never on single articles. Retries go on
IO tasks only (opening the warehouse, publishing); the transform is pure and deterministic,
so a retry would only repeat a failure.
"""
