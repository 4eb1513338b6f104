"""Benchmarks over ../shared/corpus (read by path, never copied into the repo)."""
