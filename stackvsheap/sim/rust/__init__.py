"""Rust's standard library as the simulator runs it: Box, Rc, Option and
drops (runtime.py), Vec and String (vec.py), iterators (iters.py), drop glue
(glue.py). Importing the package registers its intrinsics."""

from . import asserts, chars, display, dyn, fmt, hashmap, refcell, retain, runtime, slices, stdout, strs, text, vecedit, weak  # noqa: F401
