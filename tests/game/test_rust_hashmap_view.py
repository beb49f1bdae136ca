"""How the play screen's narration shows a Rust HashMap: a loop over a map
takes its entries in one of the orders Rust could give, and the table is a
heap block named with its bucket count."""

from __future__ import annotations

from pathlib import Path


CORPUS = Path(__file__).resolve().parents[1] / "differential" / "rust" / "corpus"


def test_a_loop_over_a_hashmap_claims_no_order(narrations) -> None:
    texts = narrations(CORPUS / "hashmap_values_mut.rs")
    assert any("one of the orders Rust could give" in t for t in texts)


def test_the_table_is_named_with_its_buckets(narrations) -> None:
    joined = "\n".join(narrations(CORPUS / "hashmap_new_is_lazy.rs"))
    for n in (4, 8, 16, 32):
        assert f"HashMap table ({n} buckets)" in joined, n
