"""Trading: one tick and one order, live.

The bot records and their book, a bot's runtime state, the shared bar feed, the
trade plan (entry, SL, TP, lot), trailing, the open-entry facts, the journal of
closed positions, the activity log and the trader that ties them into a tick.
May import brokers, strategies, market, store and core; never safety or above
(the entry gates reach the trader through :mod:`qbx_engine.trading.gates`).
"""
