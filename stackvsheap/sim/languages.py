"""Load every language runtime, so their intrinsics are registered
(sim/intrinsics.py) before a program is compiled."""

from __future__ import annotations

from . import go, rust  # noqa: F401  (importing registers them)
