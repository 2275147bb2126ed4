"""The paper market's symbols, with contract facts as a typical MT5 retail broker lists them."""

from __future__ import annotations

from dataclasses import dataclass

from .hours import ALWAYS, FOREX, Sessions, weekly

NEW_YORK_CASH = weekly("America/New_York", range(5), 9.5, 16.0)
XETRA_CASH = weekly("Europe/Berlin", range(5), 9.0, 17.5)


@dataclass(frozen=True)
class SymbolSpec:
    """One paper symbol. Index CFDs trade their exchange's cash session only (no overnight CFD hours),
    so each trading day opens with a gap from the previous close, as the cash index does."""

    name: str
    description: str
    category: str  # forex, metal, crypto, index
    digits: int
    contract_size: float
    currency_base: str
    currency_profit: str
    spread_points: int
    daily_vol: float  # standard deviation of one day's log return
    base_price: float  # the level the synthetic path wanders around
    seed: int
    volume_min: float = 0.01
    volume_step: float = 0.01
    volume_max: float = 100.0
    stops_level: int = 0  # points: the closest an SL/TP may be to the price
    margin_rate: float = 1.0  # multiplies the account-leverage margin (crypto is levered less)
    hours: Sessions | None = None  # None: the category's usual hours

    @property
    def point(self) -> float:
        return 10.0 ** -self.digits

    @property
    def sessions(self) -> Sessions:
        if self.hours is not None:
            return self.hours
        return ALWAYS if self.category == "crypto" else FOREX


PAPER_SYMBOLS: dict[str, SymbolSpec] = {spec.name: spec for spec in (
    SymbolSpec("EURUSD", "Euro vs US Dollar", "forex", 5, 100_000, "EUR", "USD", 12, 0.0045, 1.0850, 11),
    SymbolSpec("GBPUSD", "Great Britain Pound vs US Dollar", "forex", 5, 100_000, "GBP", "USD", 16, 0.0055,
               1.2700, 12),
    SymbolSpec("AUDUSD", "Australian Dollar vs US Dollar", "forex", 5, 100_000, "AUD", "USD", 14, 0.0060,
               0.6550, 13),
    SymbolSpec("USDJPY", "US Dollar vs Japanese Yen", "forex", 3, 100_000, "USD", "JPY", 14, 0.0060, 151.50, 14),
    SymbolSpec("USDCHF", "US Dollar vs Swiss Franc", "forex", 5, 100_000, "USD", "CHF", 16, 0.0050, 0.8850, 15),
    SymbolSpec("EURJPY", "Euro vs Japanese Yen", "forex", 3, 100_000, "EUR", "JPY", 20, 0.0065, 164.40, 16),
    SymbolSpec("XAUUSD", "Gold vs US Dollar", "metal", 2, 100, "XAU", "USD", 25, 0.0100, 2650.00, 17,
               volume_max=50.0, stops_level=20),
    SymbolSpec("BTCUSD", "Bitcoin vs US Dollar", "crypto", 2, 1, "BTC", "USD", 2500, 0.0300, 68_000.00, 18,
               volume_max=10.0, stops_level=1000, margin_rate=5.0),
    SymbolSpec("ETHUSD", "Ethereum vs US Dollar", "crypto", 2, 1, "ETH", "USD", 250, 0.0380, 3_400.00, 19,
               volume_min=0.1, volume_step=0.1, volume_max=100.0, stops_level=100, margin_rate=5.0),
    # Index CFDs: 1 lot = 1 x the index in its currency (1 USD or 1 EUR per index point); prices to 0.01;
    # cash-session hours (New York 09:30-16:00, Xetra 09:00-17:30), Monday to Friday, holidays not modelled.
    SymbolSpec("US30", "Wall Street 30 (Dow Jones) cash index CFD, New York 09:30-16:00", "index", 2, 1, "USD",
               "USD", 250, 0.0100, 44_000.00, 21, volume_min=0.1, volume_step=0.1, volume_max=50.0, stops_level=100,
               margin_rate=5.0, hours=NEW_YORK_CASH),
    SymbolSpec("US500", "US 500 (S&P 500) cash index CFD, New York 09:30-16:00", "index", 2, 1, "USD", "USD", 50,
               0.0100, 6_000.00, 22, volume_min=0.1, volume_step=0.1, volume_max=100.0, stops_level=50,
               margin_rate=5.0, hours=NEW_YORK_CASH),
    SymbolSpec("NAS100", "US Tech 100 (Nasdaq 100) cash index CFD, New York 09:30-16:00", "index", 2, 1, "USD",
               "USD", 150, 0.0130, 21_000.00, 23, volume_min=0.1, volume_step=0.1, volume_max=50.0, stops_level=100,
               margin_rate=5.0, hours=NEW_YORK_CASH),
    SymbolSpec("GER40", "Germany 40 (DAX) cash index CFD, Xetra 09:00-17:30 Frankfurt", "index", 2, 1, "EUR", "EUR",
               150, 0.0110, 23_000.00, 24, volume_min=0.1, volume_step=0.1, volume_max=50.0, stops_level=100,
               margin_rate=5.0, hours=XETRA_CASH),
)}
