"""stackvsheap: see where Go and Rust put your values, step by step."""

__version__ = "0.1.0"
