"""Benchmarks: scripts that print measured figures against docs/performance.md targets."""
