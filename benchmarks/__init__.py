"""Benchmarks: scripts that print measured figures against PERFORMANCE.md targets."""
