"""Benchmarks run by `make bench`: each module's run() returns rows measured against DESIGN.md
budgets.
"""
