"""Safety: what may stop a bot from *opening* a position, never from closing one.

Per-bot entry gates (cooldown, stop-loss guard, trades per day, entries off),
the account's emergency brake and the no-trade calendar. May import trading's
records (journal, bots, events), brokers, market, store and core.
"""
