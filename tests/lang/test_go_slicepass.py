"""The slice pass (stackvsheap/lang/go/slicepass.py): its decisions on the IR.

The allocation counts these lead to are checked against the real toolchain
by tests/differential (append_growth*, slice_move2heap_*, slice_pass_gives_up,
append_stack_store_rules, loopvar_closures); here the decisions themselves,
so that a pass that silently stopped working (parse_go swallows its errors)
is caught by name.
"""

from __future__ import annotations

from stackvsheap.lang import ir
from stackvsheap.lang.go.frontend import parse_go
from stackvsheap.lang.ir import walk


def _prog(src: str) -> ir.Program:
    return parse_go("package main\n" + src + "\nfunc main() {}\n", "t.go")


def _nodes(prog: ir.Program, fn: str, cls: type) -> list:
    return [n for n in walk(prog.funcs[fn].body) if isinstance(n, cls)]


def _moves(prog: ir.Program, fn: str) -> list[ir.Intrinsic]:
    return [n for n in _nodes(prog, fn, ir.Intrinsic) if n.name == "move2heap"]


GROW = """
func f() []int {
	var s []int
	for i := 0; i < 100; i++ {
		s = append(s, i)
	}
	return s
}
"""


def test_returned_slice_gets_move2heap_before_the_return() -> None:
    prog = _prog(GROW)
    (app,) = _nodes(prog, "f", ir.Append)
    assert app.site.move2heap and app.site.placement == "stack"
    assert app.site.stack_store and not app.site.use_buf
    (mv,) = _moves(prog, "f")
    assert mv.extra is False  # capacity never observed: moveSliceNoCap
    body = prog.funcs["f"].body.stmts
    k = next(i for i, s in enumerate(body) if isinstance(s, ir.Return))
    assign = body[k - 1]
    assert isinstance(assign, ir.Assign) and assign.values[0] is mv
    assert isinstance(assign.targets[0], ir.VarRef) and assign.targets[0].var.name == "s"
    # -m is printed before the pass: the listed verdict stays "escapes"
    (site,) = [s for s in prog.sites if s.expr == "append"]
    assert site.placement == "heap"


def test_observed_capacity_uses_growslicebuf_and_keeps_capacity() -> None:
    prog = _prog(GROW.replace("s = append(s, i)", "s = append(s, i)\n\t\tprintln(cap(s))"))
    (app,) = _nodes(prog, "f", ir.Append)
    assert app.site.use_buf and not app.site.stack_store
    (mv,) = _moves(prog, "f")
    assert mv.extra is True  # moveSlice


def test_range_is_a_transition() -> None:
    prog = _prog("""
func f() int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	t := 0
	for i := range s {
		t += i
	}
	return t
}
""")
    assert len(_moves(prog, "f")) == 1


def test_pass_gives_up() -> None:
    cases = {
        "in a loop": "for j := 0; j < 1; j++ {\n\t\tg = s\n\t}\n\treturn nil",
        "two transitions": "if len(s) > 1 {\n\t\treturn s\n\t}\n\treturn s",
        "&s[i]": "p := &s[0]\n\t*p = 1\n\treturn s",
        "mutating callee": "set(s)\n\treturn s",
        "copy": "copy(s, s)\n\treturn s",
    }
    for what, tail in cases.items():
        src = ("var g []int\n\nfunc set(s []int) { s[0] = 1 }\n\nfunc f() []int {\n\tvar s []int\n"
               "\tfor i := 0; i < 3; i++ {\n\t\ts = append(s, i)\n\t}\n\t" + tail + "\n}\n")
        prog = _prog(src)
        (app,) = _nodes(prog, "f", ir.Append)
        assert not app.site.move2heap, what
        assert not _moves(prog, "f"), what


def test_single_append_is_not_worth_it() -> None:
    prog = _prog("func f() []int {\n\tvar s []int\n\ts = append(s, 1)\n\treturn s\n}\n")
    (app,) = _nodes(prog, "f", ir.Append)
    assert not app.site.move2heap and not _moves(prog, "f")


def test_stack_store_goes_to_the_first_append_of_each_slice() -> None:
    prog = _prog("""
func f(n int) int {
	var s []int
	if n > 5 {
		s = append(s, 1)
	}
	s = append(s, 2)
	t := []int{1}
	t = append(t, s...)
	return len(s) + len(t)
}
""")
    a, b, c = _nodes(prog, "f", ir.Append)
    assert a.site.placement == b.site.placement == "stack"
    assert a.site.stack_store and not b.site.stack_store
    assert not c.site.stack_store  # append(t, s...) always calls growslice


def test_in_place_append_to_a_slice_in_memory_gets_no_store() -> None:
    prog = _prog("""
func size(p *[]int) int { return len(*p) }

func f() int {
	var s []int
	s = append(s, 1)
	return size(&s)
}
""")
    (app,) = _nodes(prog, "f", ir.Append)
    assert app.site.placement == "stack" and not app.site.stack_store
