"""Go's runtime library as the simulator runs it: slices and strings
(slices.py). Importing the package registers its intrinsics."""

from . import builder, deferloop, fmt, gomath, iface, maps, methodvalue, slices  # noqa: F401
