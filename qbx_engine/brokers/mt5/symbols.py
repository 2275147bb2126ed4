"""Which of the broker's symbols the trader means by "XAUUSD": ``XAUUSD.m``, ``XAUUSDm``, ``GOLD``...

Deterministic and conservative: the same instrument or nothing. An alias is
only ever tried for the instrument it names (gold for XAUUSD), never as a
fallback for another symbol, so an EURUSD bot can never land on gold.
"""

from __future__ import annotations

from dataclasses import dataclass

ALIASES = {"XAUUSD": ("GOLD",), "XAGUSD": ("SILVER",), "GOLD": ("XAUUSD",), "SILVER": ("XAGUSD",),
           "US30": ("DJ30", "DOW30", "WS30"), "NAS100": ("USTEC", "NDX100", "US100"),
           "SPX500": ("US500", "SP500")}
MAX_SUFFIX = 4  # ".m", "m", ".pro", "-ecn", "_i", ".raw"


@dataclass(frozen=True)
class Resolution:
    wanted: str
    symbol: str
    how: str  # exact, case, suffix, alias


def _key(name: str) -> str:
    return "".join(ch for ch in name.upper() if ch.isalnum())


def _suffix_match(candidate: str, wanted_key: str) -> bool:
    """Whether ``candidate`` is ``wanted`` plus a broker tag: ``XAUUSD.m``, ``XAUUSD_i``, ``XAUUSDm``.

    A tag either starts with a separator or is written in lower case; ``EURUSD``
    is therefore never "EUR plus a tag".
    """
    if not candidate.upper().startswith(wanted_key):
        return False
    rest = candidate[len(wanted_key):]
    tag = "".join(ch for ch in rest if ch.isalnum())
    if not rest or len(tag) > MAX_SUFFIX:
        return False
    return not rest[0].isalnum() or (tag.islower() and tag == rest)


def resolve_symbol(wanted: str, available: list[tuple[str, bool]]) -> Resolution | None:
    """``available``: the broker's (name, visible in Market Watch) pairs.

    Order of preference: the exact name; the same name in another case; the
    name plus a short suffix (visible first, then the shortest, then A-Z); the
    same for the instrument's known aliases.
    """
    wanted = str(wanted).strip()
    if not wanted:
        return None
    names = {name for name, _ in available}
    if wanted in names:
        return Resolution(wanted, wanted, "exact")
    key = _key(wanted)
    if not key:
        return None
    same = sorted(name for name in names if name.upper() == wanted.upper())
    if same:
        return Resolution(wanted, same[0], "case")
    for target, how in [(key, "suffix"), *((alias, "alias") for alias in ALIASES.get(key, ()))]:
        matches = [(not visible, len(name), name) for name, visible in available
                   if name.upper() == target or _suffix_match(name, target)]
        if matches:
            return Resolution(wanted, min(matches)[2], how)
    return None
