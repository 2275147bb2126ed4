"""The Engine's groups of calls beside the bot lifecycle, one small facade each.

``engine.mentor`` (emotions, the day's report, the week's review, advice now),
``engine.history`` (deals, performance, live vs backtest), ``engine.lab``
(backtests, optimisation, saved runs), ``engine.safety`` (entry gates, the
emergency brake, the calendar), ``engine.notifications`` (in-app and outbound)
``engine.market`` (symbols, contracts, bars, hours) and ``engine.connection`` (the first
connection to MetaTrader 5, step by step). Each is handed the engine it
belongs to and may import any domain package; nothing below imports them.
"""
