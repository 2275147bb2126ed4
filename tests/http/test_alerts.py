"""TradingView alert bots: an alert is traded at the next tick exactly as a strategy's signal would be, once;
duplicates, stale alerts, inactive bots, the brake, wrong bodies and secrets are refused and logged."""

from __future__ import annotations

import json

import pytest

from qbx_engine import Engine
from qbx_engine.core.errors import LifecycleError, ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.trading.alerts import ACCEPTED, DROPPED, STALE, SUPERSEDED, TAKEN, same_market
from tests.engine.conftest import force, new_bot
from tests.http.conftest import actions, alert_bot, alert_records, body


def refusals(engine, bot_id=None) -> list[str]:
    return [render(e["msg"], "en") for e in reversed(engine.events(bot_id=bot_id, actions="ALERT REFUSED"))]


def outcomes(engine, bot_id: int) -> dict[str, str]:
    """Each alert id's last record kind (accepted while it waits, then its one outcome)."""
    return {r["alert_id"]: r["kind"] for r in alert_records(engine, bot_id)}


def test_an_alert_is_traded_at_the_next_tick_exactly_as_a_strategy_signal_is(quiet, receiver, clock):
    bot, secret = alert_bot(quiet)
    scripted = new_bot(quiet, name="Scripted twin", status="active")  # same market, risk and stops
    reply = receiver.post(f"/alerts/{secret}", content=body("buy", "tv-1", price=1.1, ticker="OANDA:EURUSD"))
    assert reply.status_code == 202 and reply.json() == {"status": "queued", "bot_id": bot["id"],
                                                         "alert_id": "tv-1", "signal": "buy"}
    assert quiet.positions() == []  # queued, not traded: the bot acts at its next tick
    clock.advance(60)
    force(quiet, "BUY")
    ticked = quiet.run_tick(bot["id"])
    quiet.run_tick(scripted["id"])
    mine, twin = (next(p for p in quiet.positions() if p["magic"] == b) for b in (bot["id"], scripted["id"]))
    assert ticked["position_ticket"] == mine["ticket"]
    for field in ("side", "volume", "open_price", "sl", "tp"):
        assert mine[field] == twin[field], field  # the same plan: entry, stop, lot
    opened = [e for e in quiet.events(limit=10) if e["action"] == "OPEN BUY"]
    assert {e["msg"]["params"]["risk"] for e in opened} == {100.0}  # 1 % of 10,000
    assert "TradingView alert: buy (id tv-1, price 1.1)" in render(ticked["last_analysis"]["reason"], "en")
    assert outcomes(quiet, bot["id"]) == {"tv-1": TAKEN}

    clock.advance(5)  # a close alert a few seconds later, before the bar closes: acted on at once
    receiver.post(f"/alerts/{secret}", content=body("close", "tv-2"))
    quiet.run_tick(bot["id"])
    assert [p["magic"] for p in quiet.positions()] == [scripted["id"]]
    (trade,) = quiet.trades(bot_id=bot["id"])
    assert trade["risk_money"] == 100.0 and trade["r_multiple"] is not None  # journaled like any trade


def test_buy_sell_close_and_the_words_of_tradingviews_placeholders(quiet, receiver, clock):
    bot, secret = alert_bot(quiet)
    side = lambda: [p["side"] for p in quiet.positions()]  # noqa: E731
    for n, (word, expected) in enumerate((("long", ["buy"]), ("SELL", ["sell"]), ("flat", []), ("short", ["sell"]),
                                          ("exit", []))):
        assert receiver.post(f"/alerts/{secret}", content=body(word, f"id-{n}")).status_code == 202
        clock.advance(20)
        quiet.run_tick(bot["id"])
        assert side() == expected, word
    assert len(quiet.trades(bot_id=bot["id"])) == 3  # buy closed by the sell, the sell by flat, the last by exit


def test_an_alert_id_is_acted_on_once_even_across_a_restart(quiet, receiver, clock, data_dir):
    bot, secret = alert_bot(quiet)
    assert receiver.post(f"/alerts/{secret}", content=body("buy", "same")).status_code == 202
    again = receiver.post(f"/alerts/{secret}", content=body("buy", "same"))
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    clock.advance(10)
    quiet.run_tick(bot["id"])
    ticket = quiet.get_bot(bot["id"])["position_ticket"]
    quiet.close_position(bot["id"])
    quiet.close()
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:
        assert reopened.alerts.receive(secret, body("buy", "same"))["status"] == "duplicate"
        clock.advance(10)
        reopened.run_tick(bot["id"])
        assert reopened.positions() == [] and len(reopened.trades(bot_id=bot["id"])) == 1
        assert [r["kind"] for r in alert_records(reopened, bot["id"])] == [ACCEPTED, TAKEN]
        assert "Alert buy id same was received before: ignored (acted on once only)." in refusals(reopened)
    assert ticket


def test_stale_alerts_are_refused_and_logged_on_arrival_and_at_the_tick(quiet, receiver, clock):
    bot, secret = alert_bot(quiet, strategy_params={"max_age": 60})
    sent = clock.now() - 61
    old = receiver.post(f"/alerts/{secret}", content=body("buy", "old", time=f"{_iso(sent)}"))
    assert old.status_code == 409 and "61 s old, this bot's limit is 60 s" in old.json()["error"]["message"]
    fresh = receiver.post(f"/alerts/{secret}", content=body("buy", "waited", time=_iso(clock.now())))
    assert fresh.status_code == 202
    clock.advance(61)  # the tick comes too late for it (the market was closed, the engine was down...)
    quiet.run_tick(bot["id"])
    assert quiet.positions() == []
    assert outcomes(quiet, bot["id"]) == {"waited": STALE}
    assert refusals(quiet, bot["id"]) == [
        "Alert buy (id old) refused: it is 61 s old, this bot's limit is 60 s.",
        "Alert buy (id waited) refused at the tick: 61 s old, the limit is 60 s."]


def test_alerts_for_a_paused_or_stopped_bot_are_logged_and_not_kept(quiet, receiver, clock):
    bot, secret = alert_bot(quiet)
    assert receiver.post(f"/alerts/{secret}", content=body("buy", "before-pause")).status_code == 202
    quiet.pause_bot(bot["id"])  # the alert waiting for the tick is dropped with the pause
    paused = receiver.post(f"/alerts/{secret}", content=body("buy", "while-paused"))
    assert paused.status_code == 409 and "alerts are not kept for later" in paused.json()["error"]["message"]
    quiet.resume_bot(bot["id"])
    clock.advance(10)
    quiet.run_tick(bot["id"])
    assert quiet.positions() == []
    assert outcomes(quiet, bot["id"]) == {"before-pause": DROPPED}
    quiet.stop_bot(bot["id"])
    assert receiver.post(f"/alerts/{secret}", content=body("sell", "while-stopped")).status_code == 409
    assert refusals(quiet, bot["id"]) == [
        "1 waiting alert(s) not kept (before-pause): the bot was paused.",
        "Alert buy (id while-paused) refused: the bot is Paused; alerts are not kept for later.",
        "Alert sell (id while-stopped) refused: the bot is Stopped; alerts are not kept for later."]


def test_an_alert_that_waited_through_a_pause_and_a_restart_is_not_kept(quiet, receiver, clock, data_dir):
    bot, secret = alert_bot(quiet)
    receiver.post(f"/alerts/{secret}", content=body("buy", "x"))
    quiet.alerts.queue.drop = lambda bot_id: []  # the pause's drop is lost (as if the process died right then)
    quiet.stop_bot(bot["id"])
    quiet.close()
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:  # a stopped bot keeps nothing
        assert reopened.alerts.queue.pending(bot["id"]) == []
        reopened.start_bot(bot["id"])
        clock.advance(10)
        reopened.run_tick(bot["id"])
        assert reopened.positions() == [] and outcomes(reopened, bot["id"]) == {"x": DROPPED}


def test_an_alert_during_the_brake_opens_nothing_and_a_close_alert_still_closes(quiet, receiver, clock):
    holder, holder_secret = alert_bot(quiet, name="Holder")
    other, other_secret = alert_bot(quiet, name="Other", market="GBPUSD")
    receiver.post(f"/alerts/{holder_secret}", content=body("buy", "h1"))
    clock.advance(10)
    quiet.run_tick(holder["id"])
    assert quiet.get_bot(holder["id"])["position_ticket"]
    quiet.update_settings(brake_daily_loss=0.01)  # the spread already lost more than that: the brake goes on
    assert quiet.safety.brake()["on"] is True

    receiver.post(f"/alerts/{other_secret}", content=body("buy", "o1"))
    clock.advance(10)
    quiet.run_tick(other["id"])
    assert quiet.get_bot(other["id"])["position_ticket"] is None
    assert outcomes(quiet, other["id"]) == {"o1": TAKEN}  # taken and refused by the gate: not kept for later
    gated = [render(e["msg"], "en") for e in quiet.events(bot_id=other["id"], actions="PROTECTION")]
    assert gated and gated[0].startswith("The BUY signal opened no position: the emergency brake is on")

    receiver.post(f"/alerts/{holder_secret}", content=body("close", "h2"))
    clock.advance(10)
    quiet.run_tick(holder["id"])  # exits are never blocked
    assert quiet.positions() == []
    quiet.safety.rearm_brake()
    clock.advance(10)
    quiet.run_tick(other["id"])
    assert quiet.positions() == []  # the alert refused during the brake did not come back


def test_the_newest_waiting_alert_is_acted_on_and_the_older_ones_are_superseded(quiet, receiver, clock):
    bot, secret = alert_bot(quiet)
    for n, word in enumerate(("buy", "sell", "buy")):
        receiver.post(f"/alerts/{secret}", content=body(word, f"n{n}"))
        clock.advance(1)
    quiet.run_tick(bot["id"])
    assert [p["side"] for p in quiet.positions()] == ["buy"]
    assert outcomes(quiet, bot["id"]) == {"n0": SUPERSEDED, "n1": SUPERSEDED, "n2": TAKEN}
    assert "ALERT REFUSED" in actions(quiet)


BAD_BODIES = [
    (body("hold"), "signal", "signal must be buy, sell or close"),
    (json.dumps({"id": "x"}), "signal", "not null"),
    (json.dumps({"signal": "buy"}), "id", "id is required"),
    (body("buy", "x" * 65), "id", "id is required"),
    (body("buy", "x", price="{{close}}"), "price", "TradingView did not fill in {{close}}"),
    (body("buy", "x", price=-1), "price", "price must be a number above 0"),
    (body("buy", "x", time="yesterday"), "time", "time must be an ISO time"),
    (body("buy", "x", time="2099-01-01T00:00:00Z"), "time", "in the future"),
    (body("buy", "x", ticker=["EURUSD"]), "ticker", "ticker must be short text"),
    ('{"signal": buy, "id": "x"}', "body", "not valid JSON (line 1, column 12)"),
    ("[1, 2]", "body", "must be a JSON object"),
    (json.dumps({f"f{n}": n for n in range(25)}), "body", "at most 20"),
    (b"\xff\xfe", "body", "not UTF-8"),
]


@pytest.mark.parametrize("raw, field, english", BAD_BODIES, ids=[f for _, f, _ in BAD_BODIES])
def test_a_body_tradingview_filled_in_wrongly_is_refused_naming_the_field(quiet, receiver, raw, field, english):
    bot, secret = alert_bot(quiet)
    reply = receiver.post(f"/alerts/{secret}", content=raw, headers={"Accept-Language": "en"})
    assert reply.status_code == 422
    assert field in reply.json()["error"]["fields"] and english in reply.json()["error"]["fields"][field]
    assert quiet.alerts.queue.pending(bot["id"]) == []
    (line,) = refusals(quiet, bot["id"])
    assert line.startswith(f"Alert refused, field {field}: ")
    assert secret not in json.dumps(quiet.events(limit=50))


def test_a_body_over_the_limit_is_refused_before_it_is_read_in_the_senders_language(quiet, receiver):
    bot, secret = alert_bot(quiet)
    big = b"{" + b" " * 5000 + b"}"
    english = receiver.post(f"/alerts/{secret}", content=big)
    assert english.status_code == 413
    assert english.json()["error"] == {"type": "too_large", "message": "The request body is over 4096 bytes."}
    streamed = receiver.post(f"/alerts/{secret}", content=iter([big[:3000], big[3000:]]),  # no Content-Length
                             headers={"Accept-Language": "id-ID,id;q=0.9"})
    assert streamed.status_code == 413
    assert streamed.json()["error"]["message"] == "Isi permintaan lebih dari 4096 byte."
    quiet.update_settings(language="id")
    assert receiver.post(f"/alerts/{secret}", content=big, headers={"Accept-Language": "fr"}).json()["error"][
        "message"] == "Isi permintaan lebih dari 4096 byte."  # no language we speak: the trader's
    assert quiet.alerts.status(bot["id"])["recent"] == []


def test_a_ticker_for_another_market_is_refused_and_the_exchange_prefix_ignored(quiet, receiver):
    bot, secret = alert_bot(quiet, market="XAUUSD")
    assert receiver.post(f"/alerts/{secret}", content=body("buy", "a", ticker="OANDA:XAUUSD")).status_code == 202
    wrong = receiver.post(f"/alerts/{secret}", content=body("buy", "b", ticker="EURUSD"),
                          headers={"Accept-Language": "en"})
    assert wrong.status_code == 409 and "ticker EURUSD is not this bot's market (XAUUSD)" in wrong.text


SAME = [("OANDA:EURUSD", "EURUSD"), ("eurusd", "EURUSD"), ("EURUSD", "EURUSD.m"), ("EURUSD", "EURUSDm"),
        ("FX:EURUSD", "EURUSD.pro"), ("EURUSD", "EURUSD_i"), ("EURUSD", "EURUSD-ECN"), ("US30", "#US30"),
        ("TVC:US30", "US30m"), ("OANDA:XAUUSD", "XAUUSD.M"), ("EURUSD.m", "EURUSD"), ("CAPITALCOM:US500", "US500")]
OTHER = [("US", "US30"), ("US", "US500"), ("US", "USDJPY"), ("US30", "US300"), ("EUR", "EURUSD"),
         ("EURUSD", "EUR"), ("USDJPY", "USDJPYX"), ("EURUSD", "EURUSDM"), ("BRK.A", "BRK.B"), ("EURUSD", "EURUSD.x"),
         ("OANDA:", "EURUSD"), ("US500", "US30")]


@pytest.mark.parametrize("ticker, market", SAME, ids=[f"{t}={m}" for t, m in SAME])
def test_a_ticker_names_the_market_whatever_the_exchange_prefix_case_and_broker_suffix(ticker, market):
    assert same_market(ticker, market)


@pytest.mark.parametrize("ticker, market", OTHER, ids=[f"{t}!={m}" for t, m in OTHER])
def test_a_ticker_that_is_only_part_of_the_market_or_another_symbol_is_not_it(ticker, market):
    assert not same_market(ticker, market)


@pytest.mark.parametrize("market", ["US30", "US500", "USDJPY"])
def test_an_alert_for_ticker_us_is_refused_by_bots_on_us30_us500_and_usdjpy(quiet, receiver, market):
    bot, secret = alert_bot(quiet, market=market)
    wrong = receiver.post(f"/alerts/{secret}", content=body("buy", "us", ticker="US"))
    assert wrong.status_code == 409 and f"ticker US is not this bot's market ({market})" in wrong.text
    assert quiet.alerts.status(bot["id"])["waiting"] == []
    assert receiver.post(f"/alerts/{secret}", content=body("buy", "ok", ticker=f"PEPPERSTONE:{market}")) \
        .status_code == 202


def test_the_secret_may_travel_in_the_body_and_only_a_bots_own_secret_is_accepted(quiet, receiver, clock):
    bot, secret = alert_bot(quiet)
    assert receiver.post("/alerts", content=body("buy", "in-body", token=secret)).status_code == 202
    unknown = receiver.post("/alerts/" + "A" * 43, content=body("buy", "x"))
    assert unknown.status_code == 404
    assert receiver.post("/alerts", content=body("buy", "y", token="short")).status_code == 404
    assert receiver.post("/alerts", content=body("buy", "z")).status_code == 404
    assert receiver.get(f"/alerts/{secret}").status_code == 405
    for path in ("/docs", "/openapi.json", "/api/bots", "/"):
        assert receiver.get(path).status_code == 404  # the receiver serves alerts and nothing else
    clock.advance(61)
    assert receiver.post("/alerts/" + "B" * 43, content=body("buy", "w")).status_code == 404
    lines = [render(e["msg"], "en") for e in reversed(quiet.events(actions="ALERT REFUSED")) if e["bot_id"] is None]
    assert lines == ["1 alert(s) with an unknown webhook secret refused (at most one line a minute).",
                     "3 alert(s) with an unknown webhook secret refused (at most one line a minute)."]


def test_renewing_a_secret_ends_the_old_one_and_deleting_the_bot_ends_its_secret(quiet, receiver):
    bot, old = alert_bot(quiet)
    renewed = quiet.alerts.rotate_secret(bot["id"])
    assert renewed["secret"] != old and renewed["webhook_path"] == f"/alerts/{renewed['secret']}"
    assert receiver.post(f"/alerts/{old}", content=body("buy", "1")).status_code == 404
    assert receiver.post(f"/alerts/{renewed['secret']}", content=body("buy", "2")).status_code == 202
    quiet.delete_bot(bot["id"])
    assert receiver.post(f"/alerts/{renewed['secret']}", content=body("buy", "3")).status_code == 404
    assert quiet.alerts.secrets.db.all("secrets") == []
    with pytest.raises(ValidationError) as refused:
        quiet.alerts.rotate_secret(new_bot(quiet)["id"])
    assert "bot_id" in refused.value.field_errors


def test_an_alert_bot_must_use_the_alert_strategy_and_a_changed_one_refuses_alerts(quiet, receiver):
    with pytest.raises(ValidationError) as refused:
        quiet.alerts.create_bot({"name": "x", "market": "EURUSD", "strategy_name": "ma_crossover"})
    assert "strategy_name" in refused.value.field_errors
    bot, secret = alert_bot(quiet, status="stopped")
    quiet.update_bot(bot["id"], strategy_name="ma_crossover")
    quiet.start_bot(bot["id"])
    reply = receiver.post(f"/alerts/{secret}", content=body("buy", "x"), headers={"Accept-Language": "en"})
    assert reply.status_code == 409 and "not a TradingView alert bot" in reply.text


def test_a_closed_engine_takes_no_alert(quiet, receiver):
    bot, secret = alert_bot(quiet)
    quiet.close()
    assert receiver.post(f"/alerts/{secret}", content=body("buy", "late")).status_code == 503
    with pytest.raises(LifecycleError):
        quiet.alerts.receive(secret, body("buy", "late"))


def test_waiting_alerts_survive_a_clean_restart_and_are_acted_on(quiet, receiver, clock, data_dir):
    bot, secret = alert_bot(quiet)
    receiver.post(f"/alerts/{secret}", content=body("sell", "kept"))
    quiet.close()
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:
        clock.advance(30)
        reopened.run_tick(bot["id"])
        assert [p["side"] for p in reopened.positions()] == ["sell"]


def test_an_alert_bot_without_alerts_waits_cheaply_and_still_trails(quiet, receiver, clock):
    bot, secret = alert_bot(quiet, breakeven_at=0.1, trail_distance=0.1)
    quiet.run_tick(bot["id"])
    assert render(quiet.get_bot(bot["id"])["last_analysis"]["reason"], "en") == "Waiting for a TradingView alert."
    receiver.post(f"/alerts/{secret}", content=body("buy", "t"))
    quiet.run_tick(bot["id"])
    opened = quiet.positions()[0]
    for _ in range(30):  # bars close; break-even and trailing move the SL as for any bot
        clock.advance(60)
        quiet.run_tick(bot["id"])
    moved = quiet.events(bot_id=bot["id"], actions="SL MOVED")
    assert moved and moved[-1]["msg"]["params"]["ticket"] == opened["ticket"]


def _iso(ts: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")



def test_live_vs_backtest_replays_the_alerts_the_bot_took(quiet, receiver, clock):
    bot, secret = alert_bot(quiet)
    for n, word in enumerate(("buy", "close", "sell", "close")):
        receiver.post(f"/alerts/{secret}", content=body(word, f"lv{n}"))
        clock.advance(30)
        quiet.run_tick(bot["id"])
        clock.advance(300)
    compared = quiet.history.live_vs_backtest(bot["id"])
    assert compared["live"]["trades"] == 2
    assert compared["backtest"]["trades"] == 2  # the same two round trips, a bar later (at the bar's close)
    assert [r["side"] for r in compared["rows"] if r["status"] != "extra"][:2] == ["buy", "sell"]

