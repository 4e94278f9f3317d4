"""Benchmarks run by `make bench`: each module's run() returns rows measured against the budgets
of CONTRIBUTING.md ("Benchmarks and their budgets").
"""
