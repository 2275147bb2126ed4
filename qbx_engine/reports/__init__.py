"""Reports: what the pages show, computed from the records.

Deal history, performance by period, the view models and the charts the pages
draw. Read-only: may import trading's records, strategies, brokers and core.
"""
