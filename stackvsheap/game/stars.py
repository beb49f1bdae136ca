"""Stars by score against par: the one rule the results screen, the level map
and the saves share."""

from __future__ import annotations

MAX_STARS = 3


def stars_for(score: int, par: int | None) -> int | None:
    """3 at or above par, 2 within 10% below it, 1 otherwise; None without a
    par (a player's own file). Scores are "higher is better"."""
    if par is None:
        return None
    if score >= par:
        return 3
    if score >= par * 0.9:
        return 2
    return 1


def star_text(stars: int | None) -> str:
    if stars is None:
        return "no par"
    return "★" * stars + "☆" * (MAX_STARS - stars)
