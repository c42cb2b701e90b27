"""Vern's benchmark suite (issue 9): `make bench` runs every module and writes results/summary.json.

Each module runs alone too (`python -m bench.fanout`). See bench/README.md for what is measured and how.
"""
import warnings

# the harness imports eventlet, which announces its deprecation on import; the figures are what we print
warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
