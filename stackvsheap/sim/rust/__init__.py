"""Rust's standard library as the simulator runs it: Box, Rc, Option and
drops (runtime.py), Vec and String (vec.py), iterators (iters.py), drop glue
(glue.py). Importing the package registers its intrinsics."""

from . import (asserts, display, dyn, fmt, hashmap, refcell, runtime, slices, stdout, strs, text,  # noqa: F401
               vecedit, weak)
