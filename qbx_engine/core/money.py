"""Money arithmetic, written to be checked line by line against MetaTrader 5's definitions.

All sums are done in ``Decimal`` from the decimal text of each input, so a
volume step of 0.01 is exactly 0.01 and rounding is explicit.

Definitions used (MetaTrader 5 documentation, "Margin and profit calculation"):

* Profit of a Forex or CFD position, in the symbol's profit currency:
  ``(close - open) * contract_size * lots`` for a buy, ``(open - close) * ...``
  for a sell; converted to the account currency at the current rate.
* ``tick_value``: the account-currency value of a one-``tick_size`` price move
  for one lot, so a move of ``d`` is worth ``d / tick_size * tick_value`` per lot.
* Margin (Forex; CFD-Leverage is the same with the price already in it):
  ``lots * contract_size / leverage * margin_rate`` in the margin (base)
  currency, converted to the account currency.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .i18n import Msg

CENT = Decimal("0.01")


_DECIMALS: dict[float, Decimal] = {}  # recent floats and their decimals: prices, sizes and balances repeat
_DECIMALS_SIZE = 8192
_ZERO, _NEGATIVE_ZERO = Decimal("0.0"), Decimal("-0.0")  # equal as keys, different as decimals


def D(value) -> Decimal:
    """Exact decimal of a number as written (0.1 stays 0.1, not 0.1000000000000000055)."""
    kind = type(value)
    if kind is float:
        if value == 0.0:
            return _NEGATIVE_ZERO if math.copysign(1.0, value) < 0 else _ZERO
        found = _DECIMALS.get(value)
        if found is None:
            found = Decimal(repr(value))
            if len(_DECIMALS) >= _DECIMALS_SIZE:
                _DECIMALS.clear()
            _DECIMALS[value] = found
        return found
    if kind is Decimal:
        return value
    if kind is int:
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(float(value))) if not isinstance(value, int) else Decimal(value)


def cents(value) -> float:
    """Round an account-currency amount to cents, half away from zero, as MT5 shows it."""
    if type(value) is float:
        found = _unambiguous(value, 100.0)
        if found is not None:
            return found
    return float(D(value).quantize(CENT, rounding=ROUND_HALF_UP))


def round2(value: float) -> float:
    """``round(value, 2)``: Python's rounding of the binary value, without its decimal conversion when the
    answer is unambiguous."""
    found = _unambiguous(value, 100.0) if type(value) is float else None
    return round(value, 2) if found is None else found


def _unambiguous(value: float, scale: float) -> float | None:
    """``value`` rounded to a whole number of ``1/scale`` steps when no rounding rule could disagree, else None.

    Below a billion steps and more than a millionth of a step away from a half step, the float product
    ``value * scale`` is far closer than that to the exact one, and the decimal text of ``value`` closer
    still: the nearest whole number of steps is the same whether the text or the binary value is rounded,
    half up or half even. Dividing it by the scale (both exact) gives the double nearest to the true result,
    which is what ``float(Decimal(...).quantize(...))`` and ``round`` return.
    """
    scaled = value * scale
    if -1e9 < scaled < 1e9:
        whole = math.floor(scaled + 0.5)
        if abs(scaled - whole) < 0.5 - 1e-6:
            return whole / scale if whole else math.copysign(0.0, value)
    return None


def pip_size(symbol: str, category: str, currency_profit: str, point: float) -> float:
    """Price distance of one pip, by the convention traders use for each kind of symbol.

    ============  ===================================================
    forex         0.0001; 0.01 when the quote (profit) currency is JPY
    metal         gold (XAU/GOLD) 0.1, silver (XAG/SILVER) 0.01
    index         1.0: one index point (US30 from 44,000.00 to 44,001.00), never below a point
    other (CFD)   1.0 price unit (BTCUSD: one dollar), never below a point
    ============  ===================================================
    """
    name = symbol.upper()
    if category == "forex":
        return 0.01 if currency_profit.upper() == "JPY" else 0.0001
    if category == "metal":
        if "XAG" in name or "SILVER" in name:
            return 0.01
        return 0.1
    return max(1.0, point)


def round_price(price: float | Decimal, digits: int) -> float:
    """``price`` to the symbol's digits, half away from zero on its decimal text."""
    if type(price) is float and 0 <= digits <= 10:
        found = _unambiguous(price, 10.0 ** digits)
        if found is not None:
            return found
    return float(D(price).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def position_profit(side: str, volume: float, open_price: float, close_price: float,
                    contract_size: float, rate_to_account: float) -> float:
    """Profit in the account currency, rounded to cents.

    The float product differs from the exact one by less than ``error`` cents (the prices' own rounding, which
    the subtraction carries whole, and the products'); where it lies farther than that from a half cent it
    rounds the same as the decimal rule, and the decimal work is spared.
    """
    if type(close_price) is float and type(open_price) is float:
        scale = contract_size * volume * rate_to_account
        quick = (close_price - open_price) * scale * (-100.0 if side == "sell" else 100.0)
        error = ((abs(close_price) + abs(open_price)) * scale * 100.0 + abs(quick)) * 1e-15
        if -1e12 < quick < 1e12 and error < 1e-3:
            whole = math.floor(quick + 0.5)
            if abs(quick - whole) < 0.5 - error:
                return whole / 100.0 if whole else 0.0
    move = D(close_price) - D(open_price)
    if side == "sell":
        move = -move
    in_profit_ccy = move * D(contract_size) * D(volume)
    return cents(in_profit_ccy * D(rate_to_account))


def rate_to_account(currency: str, account_currency: str, quote) -> float | None:
    """How many account-currency units one unit of ``currency`` is worth, from ``quote(symbol)`` (a bid, or None
    when there is no such symbol): 1 for the account currency, the bid of CCYACC, or 1 / the bid of ACCCCY."""
    if currency == account_currency:
        return 1.0
    direct = quote(currency + account_currency)
    if direct is not None:
        return float(direct)
    inverse = quote(account_currency + currency)
    if inverse is not None:
        return float(D(1) / D(inverse))
    return None


def tick_value(tick_size: float, contract_size: float, rate_to_account: float) -> float:
    """Account-currency value of one tick for one lot."""
    return float(D(tick_size) * D(contract_size) * D(rate_to_account))


def margin_required(volume: float, contract_size: float, leverage: int, margin_rate: float,
                    base_to_account: float) -> float:
    return cents(D(volume) * D(contract_size) / D(leverage) * D(margin_rate) * D(base_to_account))


def floor_to_step(volume, step: float) -> Decimal:
    step_d = D(step)
    return (D(volume) / step_d).to_integral_value(rounding=ROUND_DOWN) * step_d


@dataclass(frozen=True)
class LotDecision:
    """The lot to trade, or why there is none. Money figures are in the account currency."""

    volume: float
    risk_money: float
    loss_per_lot: float
    actual_risk: float
    refusal: Msg | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def lot_for_risk(*, balance: float, risk_percent: float, sl_distance: float, pip: float, tick_size: float,
                 tick_value: float, volume_min: float, volume_step: float, volume_max: float) -> LotDecision:
    """The largest lot whose loss at the stop is at most ``risk_percent`` of ``balance``.

    loss_per_lot = sl_distance / tick_size * tick_value     (sl_distance in price units)
    volume       = floor(risk_money / loss_per_lot / volume_step) * volume_step, capped at volume_max
    """
    return lot_for_loss(balance=balance, risk_percent=risk_percent, loss_per_lot=loss_per_lot(sl_distance, tick_size,
                                                                                             tick_value),
                        sl_distance=sl_distance, pip=pip, volume_min=volume_min, volume_step=volume_step,
                        volume_max=volume_max)


def loss_per_lot(sl_distance: float, tick_size: float, tick_value: float) -> Decimal:
    return D(sl_distance) / D(tick_size) * D(tick_value)


_LOT_DECIMALS, _HUNDRED = Decimal("1e-9"), Decimal(100)


def lot_for_loss(*, balance: float, risk_percent: float, loss_per_lot: Decimal, sl_distance: float, pip: float,
                 volume_min: float, volume_step: float, volume_max: float) -> LotDecision:
    """:func:`lot_for_risk` with the loss per lot already known."""
    volume, refusal = lot_volume(balance=balance, risk_percent=risk_percent, loss_per_lot=loss_per_lot,
                                 sl_distance=sl_distance, pip=pip, volume_min=volume_min, volume_step=volume_step,
                                 volume_max=volume_max)
    risk_money = _risk_money(balance, risk_percent)
    if refusal is not None:
        return LotDecision(0.0, cents(risk_money), cents(loss_per_lot) if loss_per_lot > 0 else 0.0, 0.0, refusal)
    return LotDecision(float(volume), cents(risk_money), cents(loss_per_lot), cents(volume * loss_per_lot))


def _risk_money(balance: float, risk_percent: float) -> Decimal:
    return D(balance) * D(risk_percent) / _HUNDRED


def lot_volume(*, balance: float, risk_percent: float, loss_per_lot: Decimal, sl_distance: float, pip: float,
               volume_min: float, volume_step: float, volume_max: float) -> tuple[Decimal, Msg | None]:
    """(the lot, or why there is none): the sizing rule itself, without the money figures a
    :class:`LotDecision` reports (a planner needs only the lot)."""
    found = _whole_steps(balance, risk_percent, loss_per_lot, volume_step)
    if found is not None:
        volume = _steps(found, volume_step)
        if volume >= D(volume_min):
            cap = _CAPS.get((volume_max, volume_step))
            if cap is None:
                cap = _CAPS[volume_max, volume_step] = floor_to_step(volume_max, volume_step)
            return min(volume, cap), None
    risk_money = _risk_money(balance, risk_percent)
    if loss_per_lot <= 0:
        return Decimal(0), Msg("lot.no_stop")
    # Rates arrive as binary floats (1/150 is not exact), so the raw lot is first
    # rounded to 9 decimals: 0.74999999999999999 lots is 0.75, not 0.74.
    raw = (risk_money / loss_per_lot).quantize(_LOT_DECIMALS, rounding=ROUND_HALF_UP)
    volume = floor_to_step(raw, volume_step)
    if volume < D(volume_min):
        min_risk = D(volume_min) * loss_per_lot
        percent = min_risk / D(balance) * 100 if balance > 0 else Decimal(0)
        return Decimal(0), Msg("lot.below_min", {
            "volume_min": float(volume_min), "min_risk": cents(min_risk), "min_percent": float(round(percent, 2)),
            "risk_money": cents(risk_money), "risk_percent": float(risk_percent),
            "sl_pips": float(round(D(sl_distance) / D(pip), 1))})
    return min(volume, floor_to_step(volume_max, volume_step)), None


def _whole_steps(balance, risk_percent, loss_per_lot: Decimal, volume_step) -> int | None:
    """How many volume steps the raw lot holds, found in floats when that cannot differ from the decimal
    answer, else None.

    The float quotient is within a few parts in 10^16 of the exact one, and the 9-decimal rounding of the raw
    lot moves it by at most half a nanolot; below a million steps of at least 0.001 lot, both together are far
    under a millionth of a step. A quotient more than a millionth of a step from a whole number therefore
    floors to the same number of steps as the decimal rule.
    """
    if type(balance) is not float or type(volume_step) is not float or not volume_step >= 0.001 or \
            not loss_per_lot > 0:
        return None
    steps = balance * float(risk_percent) / 100.0 / float(loss_per_lot) / volume_step
    if not 0.0 <= steps < 1e6:
        return None
    whole = math.floor(steps)
    if steps - whole < 1e-6 or whole + 1 - steps < 1e-6:
        return None
    return whole


_STEPS: dict[tuple[int, float], Decimal] = {}
_CAPS: dict[tuple[float, float], Decimal] = {}  # the largest lot on the step, per (maximum, step)


def _steps(count: int, volume_step: float) -> Decimal:
    """``count`` volume steps as the decimal :func:`floor_to_step` makes (kept: a few lot sizes recur)."""
    found = _STEPS.get((count, volume_step))
    if found is None:
        if len(_STEPS) >= 4096:
            _STEPS.clear()
        found = _STEPS[count, volume_step] = Decimal(count) * D(volume_step)
    return found


def money_at_risk(volume: float, entry: float, sl: float, tick_size: float, tick_value: float) -> float:
    """What reaching the stop loses, in the account currency: |entry - SL| / tick_size * tick_value * lots."""
    return cents(abs(D(entry) - D(sl)) / D(tick_size) * D(tick_value) * D(volume))


def percent_of(amount: float | None, balance: float | None) -> float | None:
    """``amount`` as a percentage of ``balance``, to 2 decimals (None when either is missing)."""
    if amount is None or not balance:
        return None
    if type(amount) is float and type(balance) is float:
        found = _unambiguous(amount / balance * 100.0, 100.0)
        if found is not None:
            return found
    return float(round(D(amount) / D(balance) * 100, 2))


def r_multiple(net_profit: float, risk_money: float | None) -> float | None:
    """The result in units of the money risked at entry (None when nothing was at risk)."""
    if not risk_money:
        return None
    return float(round(D(net_profit) / D(risk_money), 2))
