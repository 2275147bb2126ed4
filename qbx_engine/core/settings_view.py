"""What the domains may do with the trader's settings: read them.

The settings and their rules live above the domains (:mod:`qbx_engine.settings`
gathers every domain's checks); a domain is handed the settings and reads them
through this protocol, so it never imports upwards.
"""

from __future__ import annotations

from typing import Any, Protocol


class SettingsView(Protocol):
    def get(self, name: str) -> Any: ...

    def all(self) -> dict[str, Any]: ...
