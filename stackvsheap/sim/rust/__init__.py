"""Rust's standard library as the simulator runs it: Box, Rc, Option and
drops (runtime.py), Vec and String (vec.py), iterators (iters.py), drop glue
(glue.py). Importing the package registers its intrinsics."""

from . import (asserts, consume, display, dyn, fmt, hashmap, numparse, pipeline, refcell, retain,  # noqa: F401
               runtime, slices, stdout, strs, text, vecedit, weak)
