"""Market facts shared by every broker: timeframes, symbol specs, the synthetic price path."""
