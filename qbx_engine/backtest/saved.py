"""Saved backtests: each run's bars, trades and equity, kept compressed so it can be reopened with its chart.

A run is two things: its summary (strategy, market, statistics) in the ``backtests``
log, which the history table lists, and its data in one compressed NumPy file
(``backtest-runs/<run id>.npz``, no pickles); :mod:`.run_files` keeps the folder.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict

import numpy as np
import pandas as pd

from ..core.errors import QbxError
from ..market.bars import COLUMNS, Bars
from ..strategies import build
from .account_run import TRADE_FIELDS as ACCOUNT_TRADE_FIELDS
from .account_run import AccountRun
from .replay import COLUMNS as TRADE_FIELDS
from .replay import columns as trade_columns
from .run_files import RunFiles
from .runner import BacktestConfig, BacktestResult, Contract, Ledger, _trades_frame, bar_times

VERSION = 2  # 2: each trade's own entry and exit times and its net
_NUMBERS = ("entry_bar", "exit_bar", "volume", "entry_price", "exit_price", "sl", "tp", "price_diff", "gross", "rate",
            "entry_time", "exit_time", "net")
_MAYBE = ("risk_money", "risk_pct")  # None where the trade had no stop


class SavedRuns(RunFiles):
    def save(self, result: BacktestResult, *, ts: float, symbol: str, timeframe: str, source: str) -> dict:
        """Keep the run; returns its summary (with ``run_id``). StoreWriteError if the disk refuses it."""
        payload = _pack(result, {"symbol": symbol, "timeframe": timeframe, "source": source})
        return self._keep(payload, {"ts": ts, "strategy": result.config.strategy_name, "params": result.params,
                                    "symbol": symbol, "timeframe": timeframe, "source": source,
                                    "config": result.config.to_json(), "stats": result.stats})

    def save_account(self, run: AccountRun, *, ts: float, source: str) -> dict:
        """Keep an account run (several bots on one balance); returns its summary (with ``run_id``)."""
        return self._keep(_pack_account(run), {
            "ts": ts, "kind": ACCOUNT, "strategy": ACCOUNT, "params": {},
            "symbol": ", ".join(sorted({b["symbol"] for b in run.bots})), "timeframe": "",
            "bots": [{"bot_id": b["bot_id"], "name": b["name"]} for b in run.bots], "source": source,
            "since": run.since, "until": run.until, "stats": run.stats})

    def list(self, limit: int = 20) -> list[dict]:
        """The newest runs first; ``reopenable`` says whether the run's data is still on disk."""
        found = self._live(limit)
        for record in found:
            record["reopenable"] = bool(record.get("run_id")) and self._path(record["run_id"]).exists()
        return found

    def open(self, run_id: str) -> BacktestResult | AccountRun:
        """The run as it was: the same bars, trades, equity and statistics; its indicators are recomputed."""
        record = self._record(run_id)
        account = record.get("kind") == ACCOUNT
        arrays = self._arrays(run_id, "saved.unreadable", run=record["symbol"] if account else record["strategy"])
        result = _unpack_account(arrays) if account else _unpack(arrays)
        result.run_id = run_id
        return result



def _pack(result: BacktestResult, where: dict) -> bytes:
    if result.ledger is None:
        raise ValueError("only a result of run_backtest (with its ledger) can be saved")
    trades = result.ledger.trades
    meta = {"version": VERSION, "config": result.config.to_json(), "contract": _contract_json(result.contract),
            "params": result.params, "stats": _plain(result.stats), "where": where,
            "skipped": [{**s, "time": s["time"].timestamp()} for s in result.skipped]}
    arrays = {f"bar_{name}": getattr(result.bars, name) for name in COLUMNS}
    arrays["equity"] = result.equity.to_numpy(dtype=float)
    for name in _NUMBERS:
        arrays[f"trade_{name}"] = np.asarray(trades[name], dtype=np.int64 if name.endswith("_bar") else float)
    for name in _MAYBE:
        arrays[f"trade_{name}"] = np.array([np.nan if v is None else float(v) for v in trades[name]], dtype=float)
    for name in ("side", "reason"):
        arrays[f"trade_{name}"] = np.asarray([str(v) for v in trades[name]], dtype=str)
    arrays["meta"] = np.asarray(json.dumps(meta))
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)
    return out.getvalue()


def _unpack(arrays: dict[str, np.ndarray]) -> BacktestResult:
    meta = json.loads(str(arrays["meta"]))
    config = BacktestConfig(**meta["config"])
    contract = Contract(**meta["contract"])
    bars = Bars(*(arrays[f"bar_{name}"] for name in COLUMNS))
    columns = {name: arrays[f"trade_{name}"].tolist() for name in TRADE_FIELDS if f"trade_{name}" in arrays}
    for name in _MAYBE:
        columns[name] = [None if v != v else v for v in columns[name]]
    if "entry_time" not in columns:  # a run saved before trades kept their own times (version 1)
        columns["entry_time"] = [float(bars.time[k]) for k in columns["entry_bar"]]
        columns["exit_time"] = [float(bars.time[k]) for k in columns["exit_bar"]]
        per_lot = config.commission_per_lot
        columns["net"] = [round(g - 2 * per_lot * v, 2)
                          for g, v in zip(columns["gross"], columns["volume"], strict=True)]
    trades = trade_columns(list(zip(*(columns[name] for name in TRADE_FIELDS), strict=True)))
    times = bar_times(bars.time)
    equity = arrays["equity"]
    ledger = Ledger(config, contract, bars, 0, len(bars), 0.0, trades, [])
    skipped = [{**s, "time": pd.Timestamp(s["time"], unit="s", tz="UTC")} for s in meta["skipped"]]
    try:
        indicators = build(config.strategy_name, meta["params"]).columns(bars)
    except QbxError:  # a strategy that no longer exists: the run still shows its trades
        indicators = {"signal": np.zeros(len(bars), dtype=np.int8)}
    return BacktestResult(config, contract, bars, indicators, _trades_frame(ledger, times),
                          pd.Series(equity, index=times, name="equity"), meta["stats"], skipped, meta["params"],
                          ledger)


def _contract_json(contract: Contract) -> dict:
    return asdict(contract)


def _plain(stats: dict) -> dict:
    """Statistics as JSON values (NumPy scalars become numbers)."""
    return {k: v.item() if isinstance(v, np.generic) else v for k, v in stats.items()}


ACCOUNT = "account"
_ACCOUNT_NUMBERS = ("bot_id", "volume", "entry_time", "exit_time", "entry_price", "exit_price", "sl", "tp", "net")
_ACCOUNT_MAYBE = ("risk_money", "r_multiple")
_ACCOUNT_TEXTS = ("bot_name", "symbol", "side", "reason")


def _pack_account(run: AccountRun) -> bytes:
    meta = {"version": VERSION, "kind": ACCOUNT, "since": run.since, "until": run.until, "balance": run.balance,
            "final_balance": run.final_balance, "bots": run.bots, "refusals": run.refusals, "brake": run.brake,
            "stats": _plain(run.stats), "exact": run.exact, "timing": run.timing, "notes": run.notes,
            "currency": run.currency}
    trades = run.trades
    arrays = {"equity_time": run.equity.index.asi8 // 10**9 if len(run.equity) else np.zeros(0, dtype=np.int64),
              "equity": run.equity.to_numpy(dtype=float), "meta": np.asarray(json.dumps(meta, default=float))}
    for name in _ACCOUNT_NUMBERS:
        arrays[f"trade_{name}"] = trades[name].to_numpy(dtype=float)
    for name in _ACCOUNT_MAYBE:
        arrays[f"trade_{name}"] = np.array([np.nan if v is None else float(v) for v in trades[name]], dtype=float)
    for name in _ACCOUNT_TEXTS:
        arrays[f"trade_{name}"] = np.asarray([str(v) for v in trades[name]], dtype=str)
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)
    return out.getvalue()


def _unpack_account(arrays: dict[str, np.ndarray]) -> AccountRun:
    meta = json.loads(str(arrays["meta"]))
    columns: dict[str, list] = {name: arrays[f"trade_{name}"].tolist() for name in
                                (*_ACCOUNT_NUMBERS, *_ACCOUNT_MAYBE, *_ACCOUNT_TEXTS)}
    columns["bot_id"] = [int(v) for v in columns["bot_id"]]
    for name in _ACCOUNT_MAYBE:
        columns[name] = [None if v != v else v for v in columns[name]]
    trades = pd.DataFrame({name: columns[name] for name in ACCOUNT_TRADE_FIELDS})
    index = pd.DatetimeIndex(pd.to_datetime(arrays["equity_time"], unit="s", utc=True))
    return AccountRun(meta["since"], meta["until"], meta["balance"], meta["final_balance"], meta["bots"], trades,
                      meta["refusals"], meta["brake"], pd.Series(arrays["equity"], index=index, name="equity"),
                      meta["stats"], meta["exact"], meta["timing"], notes=meta.get("notes", []),
                      currency=meta.get("currency", "USD"))
