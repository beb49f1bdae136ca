"""The `math` functions whose float64 results Go specifies exactly, as
math/*.go computes them: Sqrt (correctly rounded), Abs, Floor, Ceil, Trunc,
Round (half away from zero), Max and Min (with Go's NaN and ±0 cases), Inf,
IsNaN, IsInf, Signbit, Copysign, and Pow with an integer exponent, ported
from math/pow.go (repeated squaring of Frexp's mantissa: not the correctly
rounded pow of C). A fractional exponent other than ±0.5 needs Go's own Exp
and Log: refused when it happens."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ..intrinsics import intrinsic
from ..machine import RunError

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

INF, NAN = math.inf, math.nan


def _whole(f: Callable[[float], float]) -> Callable[[float], float]:
    """Floor/Ceil/Trunc: ±0, ±Inf and NaN come back as they are."""
    return lambda x: x if (x == 0 or not math.isfinite(x)) else math.copysign(float(f(x)), x)


def go_round(x: float) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    t = float(math.trunc(x))
    if abs(x - t) >= 0.5:  # (x - t is exact)
        t += math.copysign(1.0, x)
    return math.copysign(t, x)


def go_max(x: float, y: float) -> float:
    if math.isinf(x) and x > 0 or math.isinf(y) and y > 0:
        return INF
    if math.isnan(x) or math.isnan(y):
        return NAN
    if x == 0 and x == y:
        return y if math.copysign(1, x) < 0 else x
    return x if x > y else y


def go_min(x: float, y: float) -> float:
    if math.isinf(x) and x < 0 or math.isinf(y) and y < 0:
        return -INF
    if math.isnan(x) or math.isnan(y):
        return NAN
    if x == 0 and x == y:
        return x if math.copysign(1, x) < 0 else y
    return x if x < y else y


def _odd_int(y: float) -> bool:
    if abs(y) >= 1 << 53:
        return False
    return y == math.trunc(y) and int(y) % 2 == 1


def go_pow(x: float, y: float, pos: Any) -> float:
    if y == 0 or x == 1:
        return 1.0
    if y == 1:
        return x
    if math.isnan(x) or math.isnan(y):
        return NAN
    if x == 0:
        neg = math.copysign(1, x) < 0 and _odd_int(y)
        if y < 0:
            return -INF if neg else INF
        return x if neg else 0.0
    if math.isinf(y):
        if x == -1:
            return 1.0
        return 0.0 if (abs(x) < 1) == (y > 0) else INF
    if math.isinf(x):
        if x < 0:
            return go_pow(1 / x, -y, pos)  # Pow(-0, -y)
        return 0.0 if y < 0 else INF
    if y == 0.5:
        return math.sqrt(x) if x >= 0 else NAN
    if y == -0.5:
        return 1 / math.sqrt(x) if x > 0 else (INF if x == 0 else NAN)
    yf, yi = math.modf(abs(y))
    if yf != 0 and x < 0:
        return NAN
    if yf != 0:
        raise RunError("unsupported: math.Pow with a fractional exponent (it goes through Go's own Exp and "
                       "Log, not modelled)", pos)
    if yi >= 1 << 63:
        raise RunError("unsupported: math.Pow with an exponent of 2**63 or more", pos)
    a1, ae = 1.0, 0
    x1, xe = math.frexp(x)
    i = int(yi)
    while i != 0:
        if xe < -(1 << 12) or (1 << 12) < xe:
            ae += xe  # catastrophic overflow: Ldexp decides
            break
        if i & 1 == 1:
            a1 *= x1
            ae += xe
        x1 *= x1
        xe <<= 1
        if x1 < 0.5:
            x1 += x1
            xe -= 1
        i >>= 1
    if y < 0:
        a1 = 1 / a1
        ae = -ae
    try:
        return math.ldexp(a1, ae)
    except OverflowError:
        return math.copysign(INF, a1)


_UNARY: dict[str, Callable[[float], Any]] = {
    "Sqrt": lambda x: NAN if x < 0 else math.sqrt(x),
    "Abs": math.fabs,
    "Floor": _whole(math.floor), "Ceil": _whole(math.ceil), "Trunc": _whole(math.trunc),
    "Round": go_round,
    "IsNaN": math.isnan,
    "Signbit": lambda x: math.copysign(1.0, x) < 0,
    "Inf": lambda s: INF if s >= 0 else -INF,
}
_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "Max": go_max, "Min": go_min, "Copysign": math.copysign,
    "IsInf": lambda f, s: (s >= 0 and f == INF) or (s <= 0 and f == -INF),
}


@intrinsic("math_call")
def math_call(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    name, pos = node.extra, node.pos
    if name == "Pow":
        x_ev, y_ev = args
        return lambda fr: go_pow(x_ev(fr), y_ev(fr), pos)
    if name in _BINARY:
        f2 = _BINARY[name]
        a_ev, b_ev = args
        return lambda fr: f2(a_ev(fr), b_ev(fr))
    f1 = _UNARY[name]
    (ev,) = args
    return lambda fr: f1(ev(fr))
