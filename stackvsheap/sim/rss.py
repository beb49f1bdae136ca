"""The process's resident memory, cheaply: the recorder's memory budget."""

from __future__ import annotations

import os

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / (1 << 20) if hasattr(os, "sysconf") else 0.0


def resident_mb() -> float:
    """Resident set size in MiB now (Linux /proc), else the peak so far
    (getrusage), else 0 where neither exists (the budget is then not enforced)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if os.uname().sysname == "Darwin" else peak / 1024
