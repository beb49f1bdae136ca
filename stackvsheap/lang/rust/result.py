"""`Result<T, E>`: `Ok`/`Err`, matching on them, `?`, and the std methods
teaching code uses (`unwrap`, `expect`, `unwrap_or`, `is_ok`, `is_err`,
`ok`, `map_err`; `Option::ok_or`).

`Result<T, E>` is an enum as std declares it (`enum Result<T, E> { Ok(T),
Err(E) }`), laid out by enums.py as rustc lays out any enum (a `String`
error puts `Ok` in its capacity niche). Each instantiation is one EnumType.
The operator and the methods are their std definitions, rewritten into the
`match` they are (library/core/src/result.rs), so moves, drops and the
order of effects are the match's:

  x?             match x { Ok(v) => v, Err(e) => return Err(From::from(e)) }
                 (the identity From: the error types must be equal)
  r.unwrap()     match r { Ok(v) => v, Err(e) => panic }
  r.unwrap_or(d) match r { Ok(v) => v, Err(_) => d }   (d evaluated first)
  r.map_err(f)   match r { Ok(v) => Ok(v), Err(e) => Err(f(e)) }
  o.ok_or(e)     match o { Some(v) => Ok(v), None => Err(e) }
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import ir
from ..types import FuncType, OptionType, PtrType, Type
from . import ast as A
from .enums import EnumType, Variant
from .rtypes import BOOL, TVar, find, is_clone, is_copy, is_debug, resolve

_CACHE: list[tuple[Type, Type, EnumType]] = []


def result_type(ok: Type, err: Type) -> EnumType:
    for o, e, et in _CACHE:
        if o == ok and e == err:
            return et
    et = EnumType(f"Result<{ok}, {err}>")
    et.set_variants([Variant("Ok", "tuple", [("0", ok)], 0), Variant("Err", "tuple", [("0", err)], 1)])
    et.is_result = True  # type: ignore[attr-defined]
    derives = set()
    if is_copy(ok) and is_copy(err):
        derives |= {"Copy", "Clone"}
    elif is_clone(ok) and is_clone(err):
        derives.add("Clone")
    if is_debug(ok) and is_debug(err):
        derives.add("Debug")
    et.derives = derives  # type: ignore[attr-defined]
    _CACHE.append((ok, err, et))
    return et


def result_of(t: Type | None) -> EnumType | None:
    t = find(t) if t is not None else None
    return t if isinstance(t, EnumType) and getattr(t, "is_result", False) else None


def ok_err(et: EnumType) -> tuple[Type, Type]:
    return et.variants[0].fields[0][1], et.variants[1].fields[0][1]


@dataclass(eq=False)
class Checked(A.Expr):
    """An expression already type-checked, placed inside a rewrite."""

    inner: A.Expr


def _pv(name: str, sub: A.Pattern, pos: A.Pos) -> A.PVariant:
    return A.PVariant(pos, [name], "tuple", [sub])


def _var(name: str, pos: A.Pos) -> A.Path:
    return A.Path(pos, [name])


def _call(name: str, arg: A.Expr, pos: A.Pos) -> A.Call:
    return A.Call(pos, A.Path(pos, [name]), [arg])


class ResultCheck:
    # ---- types and constructors ---------------------------------------------------------------

    def result_type_expr(self, args: list[Any], allow_infer: bool, pos: A.Pos) -> Type:
        if len(args) != 2:
            self.fail(f"missing generics for enum `Result`: expected 2 generic arguments, found {len(args)}",
                      pos)
        ok, err = (resolve(self.type_of(a, allow_infer), False) for a in args)
        if isinstance(find(ok), TVar) or isinstance(find(err), TVar):
            self.unsupported("`Result<_, _>` with its types left to inference", pos)
        return result_type(ok, err)

    def result_ctor(self, e: A.Call, name: str, expected: Type | None) -> Type | None:
        """`Ok(x)` / `Err(e)` where a `Result` type is expected."""
        et = result_of(expected)
        if et is None:
            return None
        self.nargs(e, 1)
        idx = 0 if name == "Ok" else 1
        self.expect(e.args[0], et.variants[idx].fields[0][1])
        e.callee = ("variant", et, idx)  # type: ignore[attr-defined]
        self.typed(e.func, et)
        return et

    def result_variant(self, path: list[str], t: Type) -> tuple[EnumType, int] | None:
        """`Ok(p)` / `Err(p)` as a pattern on a Result."""
        if path not in (["Ok"], ["Err"]):
            return None
        et = result_of(t)
        if et is None:
            return None
        return et, 0 if path == ["Ok"] else 1

    # ---- rewrites -------------------------------------------------------------------------------

    def c_Checked(self, e: Checked, expected: Type | None) -> Type:
        return e.inner.ty

    def _rewrite(self, e: A.Expr, new: A.Expr, expected: Type | None) -> Type:
        e.desugared = new  # type: ignore[attr-defined]
        return self.check(new, expected)

    def try_result(self, e: A.Try, expected: Type | None) -> Type:
        """`x?` in a function returning a Result."""
        p = e.pos
        t = self.check(e.x, None)
        src = result_of(t)
        if src is None:
            ft = find(t)
            what = "an `Option`" if isinstance(ft, OptionType) else f"`{resolve(t, False)}`"
            self.unsupported(f"the ? operator on {what} in a function that returns `Result`", e.pos)
        m = A.Match(p, Checked(p, e.x), [
            A.Arm(p, _pv("Ok", A.PIdent(p, "__ok"), p), None, _var("__ok", p)),
            A.Arm(p, _pv("Err", A.PIdent(p, "__err"), p), None,
                  A.Return(p, _call("Err", _var("__err", p), p))),
        ])
        return self._rewrite(e, m, expected)

    def try_option(self, e: A.Try, expected: Type | None) -> Type:
        """`x?` in a function returning an Option."""
        p = e.pos
        t = self.check(e.x, None)
        if not isinstance(find(t), OptionType):
            self.unsupported(f"the ? operator on `{resolve(t, False)}` in a function that returns `Option`",
                             e.pos)
        m = A.Match(p, Checked(p, e.x), [
            A.Arm(p, A.PSome(p, A.PIdent(p, "__ok")), None, _var("__ok", p)),
            A.Arm(p, A.PNone(p), None, A.Return(p, A.Path(p, ["None"]))),
        ])
        return self._rewrite(e, m, expected)

    def _closure_result(self, f: A.Expr, params: tuple[Type, ...]) -> Type:
        """Check a closure argument; its (inferred) return type."""
        ret = TVar()
        self.check_fn_arg(f, FuncType(params, (ret,)))
        r = resolve(ret, False)
        if isinstance(find(r), TVar):
            self.unsupported("a closure whose return type is left to inference", f.pos)
        return r

    def _with_f(self, e: A.MethodCall, m: A.Expr) -> A.Block:
        p = e.pos
        return A.Block(p, [A.Let(p, A.PIdent(p, "__f"), None, Checked(p, e.args[0]))], m, p)

    def option_combinator(self, e: A.MethodCall, t: Type, name: str, expected: Type | None) -> Type | None:
        """`map`, `and_then`, `unwrap_or_else` on an Option (core::option's matches)."""
        if name not in ("map", "and_then", "unwrap_or_else"):
            return None
        ot = find(t)
        assert isinstance(ot, OptionType)
        self.nargs(e, 1)
        p = e.pos
        inner = ot.inner
        some = A.PSome(p, A.PIdent(p, "__ok"))
        call_f = A.Call(p, _var("__f", p), [_var("__ok", p)])
        if name == "unwrap_or_else":
            self._closure_result(e.args[0], ())
            m = A.Match(p, Checked(p, e.receiver), [
                A.Arm(p, some, None, _var("__ok", p)),
                A.Arm(p, A.PNone(p), None, A.Call(p, _var("__f", p), []))])
            return self._rewrite(e, self._with_f(e, m), inner)
        r = self._closure_result(e.args[0], (inner,))
        if name == "map":
            rt: Type = OptionType(r)
            body: A.Expr = _call("Some", call_f, p)
        else:
            if not isinstance(find(r), OptionType):
                self.fail(f"expected `Option<_>`, found `{r}` (the closure of `and_then`)", e.args[0].pos)
            rt, body = r, call_f
        m = A.Match(p, Checked(p, e.receiver), [A.Arm(p, some, None, body),
                                                A.Arm(p, A.PNone(p), None, A.Path(p, ["None"]))])
        return self._rewrite(e, self._with_f(e, m), rt)

    def result_method(self, e: A.MethodCall, t: Type, name: str, expected: Type | None) -> Type | None:
        et = result_of(t)
        if et is None:
            return None
        ok, err = ok_err(et)
        p = e.pos
        recv = Checked(p, e.receiver)
        if name in ("map", "and_then", "unwrap_or_else"):
            self.nargs(e, 1)
            okp = _pv("Ok", A.PIdent(p, "__ok"), p)
            errp = _pv("Err", A.PIdent(p, "__err"), p)
            if name == "unwrap_or_else":
                self._closure_result(e.args[0], (err,))
                m = A.Match(p, recv, [A.Arm(p, okp, None, _var("__ok", p)),
                                      A.Arm(p, errp, None, A.Call(p, _var("__f", p), [_var("__err", p)]))])
                return self._rewrite(e, self._with_f(e, m), ok)
            r = self._closure_result(e.args[0], (ok,))
            call_f = A.Call(p, _var("__f", p), [_var("__ok", p)])
            if name == "map":
                rt: Type = result_type(r, err)
                body: A.Expr = _call("Ok", call_f, p)
            else:
                if result_of(r) is None:
                    self.fail(f"expected `Result<_, _>`, found `{r}` (the closure of `and_then`)", e.args[0].pos)
                rt, body = r, call_f
            m = A.Match(p, recv, [A.Arm(p, okp, None, body),
                                  A.Arm(p, errp, None, _call("Err", _var("__err", p), p))])
            return self._rewrite(e, self._with_f(e, m), rt)
        if name in ("is_ok", "is_err"):
            self.nargs(e, 0)
            yes = A.Lit(p, "bool", name == "is_ok")
            no = A.Lit(p, "bool", name != "is_ok")
            if isinstance(e.receiver, A.Path):
                recv = e.receiver  # &self: the place is only inspected, not moved
            m = A.Match(p, recv, [A.Arm(p, _pv("Ok", A.PWild(p), p), None, yes),
                                  A.Arm(p, _pv("Err", A.PWild(p), p), None, no)])
            return self._rewrite(e, m, BOOL)
        if name in ("unwrap", "expect"):
            self.nargs(e, 1 if name == "expect" else 0)
            if name == "expect":
                a = e.args[0]
                if not (isinstance(a, A.Lit) and a.kind == "str"):
                    self.unsupported("`expect` with a message that is not a string literal", a.pos)
                msg = f"{a.value}: {{err:?}}"
            else:
                msg = "called `Result::unwrap()` on an `Err` value: {err:?}"
            m = A.Match(p, recv, [A.Arm(p, _pv("Ok", A.PIdent(p, "__ok"), p), None, _var("__ok", p)),
                                  A.Arm(p, _pv("Err", A.PWild(p), p), None, A.PanicMacro(p, msg))])
            return self._rewrite(e, m, expected)
        if name == "unwrap_or":
            self.nargs(e, 1)
            self.expect(e.args[0], ok)
            blk = A.Block(p, [A.Let(p, A.PIdent(p, "__default"), None, Checked(p, e.args[0]))],
                          A.Match(p, recv, [
                              A.Arm(p, _pv("Ok", A.PIdent(p, "__ok"), p), None, _var("__ok", p)),
                              A.Arm(p, _pv("Err", A.PWild(p), p), None, _var("__default", p))]), p)
            return self._rewrite(e, blk, expected)
        if name == "ok":
            self.nargs(e, 0)
            m = A.Match(p, recv, [A.Arm(p, _pv("Ok", A.PIdent(p, "__ok"), p), None, _call("Some", _var("__ok", p), p)),
                                  A.Arm(p, _pv("Err", A.PWild(p), p), None, A.Path(p, ["None"]))])
            return self._rewrite(e, m, OptionType(ok))
        if name == "map_err":
            self.nargs(e, 1)
            ret = TVar()
            self.check_fn_arg(e.args[0], FuncType((err,), (ret,)))
            new_err = resolve(ret, False)
            if isinstance(find(new_err), TVar):
                self.unsupported("`map_err` whose error type is left to inference", e.args[0].pos)
            rt = result_type(ok, new_err)
            blk = A.Block(p, [A.Let(p, A.PIdent(p, "__f"), None, Checked(p, e.args[0]))],
                          A.Match(p, recv, [
                              A.Arm(p, _pv("Ok", A.PIdent(p, "__ok"), p), None, _call("Ok", _var("__ok", p), p)),
                              A.Arm(p, _pv("Err", A.PIdent(p, "__err"), p), None,
                                    _call("Err", A.Call(p, _var("__f", p), [_var("__err", p)]), p))]), p)
            return self._rewrite(e, blk, rt)
        self.unsupported(f"method `{name}` of `Result`", e.method_pos)

    def option_ok_or(self, e: A.MethodCall, t: Type, expected: Type | None) -> Type:
        ot = find(t)
        assert isinstance(ot, OptionType)
        self.nargs(e, 1)
        et = self.check(e.args[0], None)
        ert = resolve(et, False)
        if isinstance(find(ert), TVar):
            self.unsupported("`ok_or` whose error type is left to inference", e.args[0].pos)
        rt = result_type(resolve(ot.inner, False), ert)
        p = e.pos
        blk = A.Block(p, [A.Let(p, A.PIdent(p, "__err"), None, Checked(p, e.args[0]))],
                      A.Match(p, Checked(p, e.receiver), [
                          A.Arm(p, A.PSome(p, A.PIdent(p, "__ok")), None, _call("Ok", _var("__ok", p), p)),
                          A.Arm(p, A.PNone(p), None, _call("Err", _var("__err", p), p))]), p)
        return self._rewrite(e, blk, rt)


class ResultLower:
    def v_Checked(self, e: Checked) -> ir.Expr:
        return self.value(e.inner)

    def desugared(self, e: A.Expr) -> ir.Expr | None:
        d = getattr(e, "desugared", None)
        return None if d is None else self.value(d)


__all__ = ["ResultCheck", "ResultLower", "result_type", "result_of", "Checked", "PtrType"]
