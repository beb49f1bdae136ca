"""tree-sitter-rust's concrete tree -> the front end's syntax tree (`ast.py`).

Macros arrive from tree-sitter as unparsed token trees. `vec![...]` and
`println!(...)` are re-parsed for real: their tokens are wrapped into a small
Rust item (`[...]` as an array expression, `(...)` as call arguments), parsed
again with tree-sitter, and every node's position is mapped back to the file.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

import tree_sitter as ts
import tree_sitter_rust as tsr

from ..ir import UnsupportedError
from . import ast as A
from .asserts import assert_macro
from .fmtspec import Hole, parse_spec
from . import fn_bounds, generics, macros

_LANGUAGE = ts.Language(tsr.language())

# What the user wrote, in words, for node kinds outside the subset.
_CONSTRUCT = {
    "enum_item": "enum", "trait_item": "trait", "mod_item": "module", "static_item": "static",
    "union_item": "union", "type_item": "type alias", "macro_definition": "macro_rules!",
    "extern_crate_declaration": "extern crate", "foreign_mod_item": "extern block",
    "unsafe_block": "unsafe", "try_expression": "the ? operator", "async_block": "async",
    "await_expression": "await", "yield_expression": "yield", "const_block": "const block",
    "gen_block": "gen block", "let_chain": "let chains", "struct_pattern": "struct pattern",
    "slice_pattern": "slice pattern", "captured_pattern": "@ binding", "ref_pattern": "ref binding",
    "generic_type_with_turbofish": "turbofish", "dynamic_type": "dyn trait", "abstract_type": "impl trait",
    "pointer_type": "raw pointer", "function_type": "function pointer type", "bounded_type": "trait bound",
    "lifetime": "lifetime", "type_parameters": "generics", "where_clause": "where clause",
    "raw_string_literal": "raw string", "function_signature_item": "function signature",
    "associated_type": "associated type", "label": "label", "index_expression": "index",
    "associated_constant": "associated const",
}

_BINOPS = {"+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "|", "^", "<<", ">>"}
_INT_SUFFIX = re.compile(r"(i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize|f32|f64)$")


def _unescape(body: str, pos: A.Pos, fail: Any) -> str:
    """The value of a Rust string or char literal body."""
    out: list[str] = []
    i = 0
    n = len(body)
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"'}
    while i < n:
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            fail("syntax error: unterminated escape", pos)
        e = body[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == "x":
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        elif e == "u":
            j = body.index("}", i)
            out.append(chr(int(body[i + 3:j].replace("_", ""), 16)))
            i = j + 1
        elif e == "\n":
            i += 2
            while i < n and body[i] in " \t\n\r":
                i += 1
        else:
            fail(f"syntax error: unknown character escape: `{e}`", pos)
    return "".join(out)


class _Parser:
    def __init__(self, source: str, file: str) -> None:
        self.file = file
        self.text = source
        self.src = source.encode("utf-8")
        self.line_starts = [0]
        for k, b in enumerate(self.src):
            if b == 10:
                self.line_starts.append(k + 1)
        # byte offset added to node positions (non-zero inside re-parsed macros)
        self.delta = 0
        self.parser = ts.Parser(_LANGUAGE)

    # ---- positions and errors ----------------------------------------------------------

    def pos_of(self, byte: int) -> A.Pos:
        from bisect import bisect_right

        line = bisect_right(self.line_starts, byte) - 1
        start = self.line_starts[line]
        col = len(self.src[start:byte].decode("utf-8", "replace")) + 1
        return (line + 1, col)

    def pos(self, n: ts.Node) -> A.Pos:
        return self.pos_of(n.start_byte + self.delta)

    def end_pos(self, n: ts.Node) -> A.Pos:
        return self.pos_of(max(n.end_byte - 1, n.start_byte) + self.delta)

    def fail(self, msg: str, pos: A.Pos) -> NoReturn:
        raise UnsupportedError(msg, pos, self.file)

    def unsupported(self, n: ts.Node, what: str | None = None) -> NoReturn:
        what = what or _CONSTRUCT.get(n.type) or n.type.replace("_", " ")
        self.fail(f"unsupported: {what}", self.pos(n))

    def txt(self, n: ts.Node) -> str:
        return n.text.decode("utf-8", "replace")

    def check_syntax(self, root: ts.Node) -> None:
        if not root.has_error:
            return
        stack = [root]
        while stack:
            n = stack.pop()
            if n.is_missing:
                self.fail(f"syntax error: expected `{n.type}`", self.pos(n))
            if n.is_error:
                first = n.children[0] if n.children else n
                tok = self.txt(first).split("\n")[0][:20] or n.type
                self.fail(f"syntax error: unexpected `{tok}`", self.pos(n))
            if n.has_error:
                stack.extend(reversed(n.children))
        self.fail("syntax error", (1, 1))

    @staticmethod
    def named(n: ts.Node) -> list[ts.Node]:
        return [c for c in n.named_children if c.type not in ("line_comment", "block_comment")]

    # ---- items ------------------------------------------------------------------------------

    def crate(self) -> A.Crate:
        tree = self.parser.parse(self.src)
        root = tree.root_node
        self.check_syntax(root)
        crate = A.Crate(self.file, self.text, [], [], [], [])
        self.the_crate = crate
        self.hoisted: dict[str, A.Pos] = {}
        derives: set[str] = set()
        for n in self.named(root):
            t = n.type
            if t == "attribute_item":
                derives |= self.attribute(n)
                continue
            if t == "inner_attribute_item":
                continue
            self.item(n, crate, derives)
            derives = set()
        self._check_hoisted(crate)
        return crate

    def _check_hoisted(self, crate: A.Crate) -> None:
        """Items declared in a fn body are hoisted to the crate (their names are
        then visible everywhere, which is only right while they are unique)."""
        names: dict[str, int] = {}
        for x in [*crate.structs, *crate.enums, *crate.consts, *crate.traits,
                  *(f for f in crate.fns if f.impl_type is None)]:
            names[x.name] = names.get(x.name, 0) + 1
        for name, pos in self.hoisted.items():
            if names.get(name, 0) > 1:
                self.fail(f"unsupported: two items named `{name}`, one declared inside a function", pos)

    def item(self, n: ts.Node, crate: A.Crate, derives: set[str]) -> None:
        """One item (fn, struct, enum, impl, trait, const, use) into the crate."""
        t = n.type
        if t == "function_item":
            crate.fns.append(self.fn_item(n, None))
        elif t == "struct_item":
            s = self.struct_item(n)
            s.derives = derives
            crate.structs.append(s)
        elif t == "enum_item":
            en = self.enum_item(n)
            en.derives = derives
            crate.enums.append(en)
        elif t == "impl_item":
            fns = self.impl_item(n)
            crate.fns.extend(fns)
            trait = n.child_by_field_name("trait")
            if trait is not None:
                imp = A.ImplDecl(self.pos(n), self.txt(trait), self._impl_target[0], fns)
                imp.assoc = self._impl_assoc
                imp.item_type = self.iter_items.pop(imp.type_name, None)  # type: ignore[attr-defined]
                crate.impls.append(imp)
        elif t == "trait_item":
            crate.traits.append(self.trait_item(n))
        elif t == "const_item":
            crate.consts.append(self.const_item(n))
        elif t == "use_declaration":
            crate.uses.append((self.txt(n.child_by_field_name("argument")), self.pos(n)))
        elif t == "empty_statement":
            pass
        else:
            self.unsupported(n)

    def attribute(self, n: ts.Node) -> set[str]:
        attr = self.named(n)[0]
        name = self.txt(attr.children[0])
        if name == "derive":
            args = attr.child_by_field_name("arguments")
            return {self.txt(c) for c in self.named(args) if c.type == "identifier"} if args else set()
        if name in ("allow", "warn", "deny", "inline", "must_use", "rustfmt", "doc"):
            return set()
        self.unsupported(n, f"attribute #[{name}]")

    def struct_item(self, n: ts.Node) -> A.StructDecl:
        s = self._struct_item(n)
        s.generics = [g for g, _ in generics.parse_generics(self, n)]
        return s

    def _struct_item(self, n: ts.Node) -> A.StructDecl:
        name = self.txt(n.child_by_field_name("name"))
        body = n.child_by_field_name("body")
        if body is None:
            return A.StructDecl(self.pos(n), name, [], "unit")
        fields: list[tuple[str, A.TypeExpr]] = []
        if body.type == "field_declaration_list":
            for f in self.named(body):
                if f.type == "attribute_item":
                    continue
                fields.append((self.txt(f.child_by_field_name("name")), self.type(f.child_by_field_name("type"))))
            return A.StructDecl(self.pos(n), name, fields, "named")
        k = 0
        for f in self.named(body):
            if f.type in ("visibility_modifier", "attribute_item"):
                continue
            fields.append((str(k), self.type(f)))
            k += 1
        return A.StructDecl(self.pos(n), name, fields, "tuple")

    def enum_item(self, n: ts.Node) -> A.EnumDecl:
        if n.child_by_field_name("type_parameters") is not None:
            self.unsupported(n.child_by_field_name("type_parameters"))
        variants = []
        for v in self.named(n.child_by_field_name("body")):
            if v.type in ("attribute_item", "line_comment", "block_comment"):
                continue
            vname = self.txt(v.child_by_field_name("name"))
            body = v.child_by_field_name("body")
            val = v.child_by_field_name("value")
            discr = self.expr(val) if val is not None else None
            if body is None:
                variants.append(A.VariantDecl(self.pos(v), vname, "unit", [], discr))
                continue
            fields: list[tuple[str, A.TypeExpr]] = []
            if body.type == "field_declaration_list":
                for f in self.named(body):
                    if f.type == "field_declaration":
                        fields.append((self.txt(f.child_by_field_name("name")),
                                       self.type(f.child_by_field_name("type"))))
                kind = "struct"
            else:
                k = 0
                for f in self.named(body):
                    if f.type in ("visibility_modifier", "attribute_item", "line_comment", "block_comment"):
                        continue
                    fields.append((str(k), self.type(f)))
                    k += 1
                kind = "tuple"
            variants.append(A.VariantDecl(self.pos(v), vname, kind, fields, discr))
        return A.EnumDecl(self.pos(n), self.txt(n.child_by_field_name("name")), variants)

    def trait_item(self, n: ts.Node) -> A.TraitDecl:
        for f in ("type_parameters", "bounds", "where_clause"):
            if n.child_by_field_name(f) is not None:
                self.unsupported(n.child_by_field_name(f), "generic trait" if f != "bounds" else "supertrait")
        name = self.txt(n.child_by_field_name("name"))
        methods = []
        for c in self.named(n.child_by_field_name("body")):
            if c.type in ("function_item", "function_signature_item"):
                methods.append(self.fn_item(c, "Self", allow_no_body=True))
            elif c.type in ("attribute_item", "line_comment", "block_comment", "empty_statement"):
                continue
            else:
                self.unsupported(c, "associated item in a trait")
        return A.TraitDecl(self.pos(n), name, methods)

    @property
    def iter_items(self) -> dict[str, A.TypeExpr]:
        """`type Item = T;` of the `impl Iterator` being parsed, by type name."""
        d = self.__dict__.get("_iter_items")
        if d is None:
            d = self.__dict__["_iter_items"] = {}
        return d

    def fn_trait_type(self, ft: ts.Node) -> A.TypeExpr:
        """`Fn(A, B) -> R` (as `impl Fn..` or a type parameter's bound): a TPath
        "impl Fn" of (params tuple, result) (typeck_iter.py, fn_bounds.py)."""
        p = self.pos(ft)
        which = self.txt(ft.child_by_field_name("trait"))
        if which not in ("Fn", "FnMut", "FnOnce"):
            self.unsupported(ft, f"`{self.txt(ft)}`")
        params = A.TTuple(p, [self.type(c) for c in self.named(ft.child_by_field_name("parameters"))])
        rt = ft.child_by_field_name("return_type")
        ret = self.type(rt) if rt is not None else A.TTuple(p, [])
        return A.TPath(p, "impl " + which, [params, ret])

    def impl_item(self, n: ts.Node) -> list[A.FnDecl]:
        trait_node = n.child_by_field_name("trait")
        if trait_node is not None and trait_node.type not in ("type_identifier", "scoped_type_identifier"):
            self.unsupported(trait_node, "generic trait")
        params = [g for g, _ in generics.parse_generics(self, n)]
        tnode = n.child_by_field_name("type")
        tname, targs = generics.impl_target(self, tnode, params)
        self._impl_target = (tname, targs)
        self._impl_assoc: dict[str, A.TypeExpr] = {}
        out = []
        body = n.child_by_field_name("body")
        for c in self.named(body) if body else []:
            if c.type == "function_item":
                f = self.fn_item(c, tname)
                f.trait = self.txt(trait_node) if trait_node is not None else None
                f.impl_args = targs
                out.append(f)
            elif (c.type == "type_item" and trait_node is not None and self.txt(trait_node) in
                  ("Iterator", "std::iter::Iterator") and self.txt(c.child_by_field_name("name")) == "Item"):
                # `type Item = T;` of a user Iterator (typeck_iter.py)
                self.iter_items[tname] = self.type(c.child_by_field_name("type"))
            elif c.type == "type_item" and trait_node is not None and (
                    self.txt(c.child_by_field_name("name")), self.txt(trait_node).split("::")[-1]) in (
                    ("Target", "Deref"), ("Output", "Add"), ("Output", "Sub"), ("Output", "Mul")):
                self._impl_assoc[self.txt(c.child_by_field_name("name"))] = self.type(c.child_by_field_name("type"))
            elif c.type == "type_item" and trait_node is not None:
                self.unsupported(c, "associated type")
            elif c.type in ("attribute_item", "empty_statement"):
                continue
            else:
                self.unsupported(c)
        return out

    def const_item(self, n: ts.Node) -> A.ConstDecl:
        return A.ConstDecl(
            self.pos(n.child_by_field_name("name")),
            self.txt(n.child_by_field_name("name")),
            self.type(n.child_by_field_name("type")),
            self.expr(n.child_by_field_name("value")),
        )

    def fn_item(self, n: ts.Node, impl_type: str | None, allow_no_body: bool = False) -> A.FnDecl:
        for c in n.children:
            if c.type == "function_modifiers":
                self.unsupported(c, f"`{self.txt(c)} fn`")
        self.fn_bounds_ok = True  # `F: Fn(..)` bounds (fn_bounds.py)
        try:
            gens = generics.parse_generics(self, n)
        finally:
            self.fn_bounds_ok = False
        name_node = n.child_by_field_name("name")
        name = self.txt(name_node)
        params: list[A.Param] = []
        self_kind = None
        self_mut = False
        self_pos: A.Pos = (0, 0)
        for p in self.named(n.child_by_field_name("parameters")):
            if p.type == "self_parameter":
                if impl_type is None:
                    self.fail("error: `self` parameter is only allowed in associated functions", self.pos(p))
                t = self.txt(p).replace(" ", "")
                self_pos = self.pos(p)
                if ":" in t:
                    self.unsupported(p, f"`{self.txt(p)}` (a typed self parameter)")
                if t.startswith("&mut"):
                    self_kind = "&mut self"
                elif t.startswith("&"):
                    self_kind = "&self"
                    if "'" in t:
                        self.unsupported(p, "lifetime")
                else:
                    self_kind = "self"
                    self_mut = t.startswith("mut")
                continue
            if p.type == "attribute_item":
                continue
            if p.type != "parameter":
                self.unsupported(p)
            if self.txt(p.child_by_field_name("pattern")) == "self":
                self.unsupported(p, f"`{self.txt(p)}` (a typed self parameter)")
            pat = self.pattern(p.child_by_field_name("pattern"))
            if any(c.type == "mutable_specifier" for c in p.children):
                if not isinstance(pat, A.PIdent):
                    self.unsupported(p, "mut on this pattern")
                pat.mutable = True
            params.append(A.Param(self.pos(p), pat, self.type(p.child_by_field_name("type"))))
        rt = n.child_by_field_name("return_type")
        if rt is not None and rt.type == "abstract_type":
            self.unsupported(rt, "`impl Trait` as a return type")
        body = n.child_by_field_name("body")
        if body is None:
            if not allow_no_body:
                self.unsupported(n, "function without a body")
            return A.FnDecl(self.pos(n), name, params, self.type(rt) if rt is not None else None,
                            None, self_kind, self_mut, self_pos, impl_type,  # type: ignore[arg-type]
                            self.pos(name_node), self.end_pos(n))
        fn = A.FnDecl(
            self.pos(n), name, params, self.type(rt) if rt is not None else None, self.block(body),
            self_kind, self_mut, self_pos, impl_type, self.pos(name_node), self.end_pos(body),
        )
        fn.generics = gens
        fn_bounds.substitute(self, fn)
        generics.impl_trait_params(fn)
        return fn

    # ---- types ------------------------------------------------------------------------------

    def type(self, n: ts.Node) -> A.TypeExpr:
        t = n.type
        p = self.pos(n)
        if t in ("primitive_type", "type_identifier"):
            return A.TPath(p, self.txt(n), [])
        if t == "scoped_type_identifier":
            return A.TPath(p, self.txt(n.child_by_field_name("name")), [])
        if t == "generic_type":
            base = n.child_by_field_name("type")
            name = self.txt(base.child_by_field_name("name")) if base.type == "scoped_type_identifier" else self.txt(base)
            args = []
            for a in self.named(n.child_by_field_name("type_arguments")):
                if a.type == "lifetime" and name == "Formatter":
                    continue  # `fmt::Formatter<'_>`: the lifetime changes nothing here
                if a.type == "lifetime":
                    self.unsupported(a)
                args.append(self.type(a))
            return A.TPath(p, name, args)
        if t == "reference_type":
            for c in n.children:
                if c.type == "lifetime":
                    if self.txt(c) != "'static":
                        self.unsupported(c)
            mut = any(c.type == "mutable_specifier" for c in n.children)
            return A.TRef(p, mut, self.type(n.child_by_field_name("type")))
        if t == "tuple_type":
            return A.TTuple(p, [self.type(c) for c in self.named(n)])
        if t == "unit_type":
            return A.TTuple(p, [])
        if t == "array_type":
            elem = self.type(n.child_by_field_name("element"))
            ln = n.child_by_field_name("length")
            if ln is None:
                return A.TSlice(p, elem)
            return A.TArray(p, elem, self.expr(ln))
        if t == "never_type":
            return A.TPath(p, "!", [])
        if t == "abstract_type" and n.child_by_field_name("trait") is not None and \
                n.child_by_field_name("trait").type == "function_type":
            return self.fn_trait_type(n.child_by_field_name("trait"))
        if t == "abstract_type":  # `impl Trait` in an argument (generics.py makes it a parameter)
            tr = self.named(n)[0]
            if tr.type != "type_identifier":
                self.unsupported(n, f"`{self.txt(n)}`")
            return A.TPath(p, "impl", [A.TPath(self.pos(tr), self.txt(tr), [])])
        if t == "dynamic_type":  # `dyn Trait` (dyn.py): a TPath "dyn" with the trait as its argument
            tr = self.named(n)[0]
            if tr.type != "type_identifier":
                self.unsupported(n, f"`{self.txt(n)}`")
            return A.TPath(p, "dyn", [A.TPath(self.pos(tr), self.txt(tr), [])])
        self.unsupported(n)

    # ---- statements ---------------------------------------------------------------------

    def block(self, n: ts.Node) -> A.Block:
        if n.type != "block":
            self.unsupported(n)
        stmts: list[A.Stmt] = []
        tail: A.Expr | None = None
        kids = self.named(n)
        item_derives: set[str] = set()
        for k, c in enumerate(kids):
            last = k == len(kids) - 1
            t = c.type
            if t == "label":
                self.unsupported(c, "labeled block")
            if t == "let_declaration":
                stmts.append(self.let(c))
            elif t == "expression_statement":
                inner = self.named(c)[0]
                semi = any(x.type == ";" for x in c.children)
                e = self.expr(inner)
                if last and not semi:
                    tail = e
                else:
                    stmts.append(A.ExprStmt(self.pos(c), e, semi))
            elif t == "empty_statement":
                continue
            elif t in ("function_item", "struct_item", "impl_item", "const_item", "use_declaration",
                       "enum_item", "trait_item"):
                # an item in a block: hoisted to the crate (see _check_hoisted)
                name = c.child_by_field_name("name")
                if name is not None:
                    self.hoisted.setdefault(self.txt(name), self.pos(c))
                self.item(c, self.the_crate, item_derives)
                item_derives = set()
            elif t in ("static_item", "mod_item"):
                self.unsupported(c, "item inside a function")
            elif t == "attribute_item":
                nxt = next((x for x in kids[k + 1:] if x.type not in ("line_comment", "block_comment")), None)
                if nxt is None or nxt.type not in ("struct_item", "enum_item", "function_item", "impl_item",
                                                    "const_item", "trait_item"):
                    self.unsupported(c, "attribute on a statement")
                item_derives |= self.attribute(c)
            elif last:
                tail = self.expr(c)
            else:
                self.fail("syntax error: expected `;`", self.pos(c))
        return A.Block(self.pos(n), stmts, tail, self.end_pos(n))

    def let(self, n: ts.Node) -> A.Let:
        if n.child_by_field_name("alternative") is not None:
            self.unsupported(n, "let-else")
        pat = self.pattern(n.child_by_field_name("pattern"))
        if any(c.type == "mutable_specifier" for c in n.children):
            if not isinstance(pat, A.PIdent):
                self.unsupported(n, "mut on this pattern")
            pat.mutable = True
        tn = n.child_by_field_name("type")
        vn = n.child_by_field_name("value")
        return A.Let(self.pos(n), pat, self.type(tn) if tn is not None else None,
                     self.expr(vn) if vn is not None else None)

    # ---- patterns ---------------------------------------------------------------------------

    def pattern(self, n: ts.Node) -> A.Pattern:
        t = n.type
        p = self.pos(n)
        if t == "identifier":
            name = self.txt(n)
            if name == "None":
                return A.PNone(p)
            return A.PIdent(p, name)
        if t == "_":
            return A.PWild(p)
        if t == "mut_pattern":
            inner = self.pattern(self.named(n)[-1])
            if not isinstance(inner, A.PIdent):
                self.unsupported(n, "mut on this pattern")
            inner.mutable = True
            return inner
        if t == "tuple_pattern":
            return A.PTuple(p, [self.pattern(c) for c in self._pattern_items(n)])
        if t == "tuple_struct_pattern":
            tn = n.child_by_field_name("type")
            name = self.txt(tn)
            if name in ("Some", "Option::Some"):
                args = [c for c in self._pattern_items(n) if c != tn]
                if len(args) != 1:
                    self.fail("error: this pattern has the wrong number of fields", p)
                return A.PSome(p, self.pattern(args[0]))
            segs, _ = self._path_segments(tn)
            items = [c for c in self._pattern_items(n) if c != tn]
            rest = any(c.type == "remaining_field_pattern" for c in items)
            if rest and items[-1].type != "remaining_field_pattern":
                self.unsupported(n, "`..` before the last field of a pattern")
            return A.PVariant(p, segs, "tuple",
                              [self.pattern(c) for c in items if c.type != "remaining_field_pattern"],
                              rest=rest)
        if t == "struct_pattern":
            segs, _ = self._path_segments(n.child_by_field_name("type"))
            fields: list[tuple[str, A.Pattern]] = []
            rest = False
            for c in self.named(n)[1:]:
                if c.type == "remaining_field_pattern":
                    rest = True
                elif c.type == "field_pattern":
                    fname = c.child_by_field_name("name")
                    sub = c.child_by_field_name("pattern")
                    if sub is None:
                        pi = A.PIdent(self.pos(fname), self.txt(fname))
                        if any(x.type == "mutable_specifier" for x in c.children):
                            pi.mutable = True
                        if any(x.type == "ref" for x in c.children):
                            self.unsupported(c, "ref binding")
                        fields.append((self.txt(fname), pi))
                    else:
                        fields.append((self.txt(fname), self.pattern(sub)))
                elif c.type not in ("line_comment", "block_comment"):
                    self.unsupported(c)
            return A.PVariant(p, segs, "struct", [], fields, rest)
        if t == "scoped_identifier":
            if self.txt(n) == "Option::None":
                return A.PNone(p)
            segs, _ = self._path_segments(n)
            return A.PVariant(p, segs, "unit")
        if t == "reference_pattern":
            if any(c.type == "mutable_specifier" for c in n.children):
                self.unsupported(n, "&mut pattern")
            return A.PRef(p, self.pattern(self.named(n)[-1]))
        if t in ("integer_literal", "char_literal", "boolean_literal", "negative_literal", "string_literal"):
            return A.PLit(p, self.literal_pattern(n))
        if t == "or_pattern":
            alts: list[A.Pattern] = []
            for c in self.named(n):
                sub = self.pattern(c)
                alts.extend(sub.alts if isinstance(sub, A.POr) else [sub])
            return A.POr(p, alts)
        if t == "range_pattern":
            lo = n.child_by_field_name("left")
            hi = n.child_by_field_name("right")
            if lo is None or hi is None:
                self.unsupported(n, "open range pattern")
            incl = any(c.type == "..=" for c in n.children)
            return A.PRange(p, self.literal_pattern(lo), self.literal_pattern(hi), incl)
        if t == "match_pattern":
            return self.pattern(self.named(n)[0])
        self.unsupported(n)

    def _pattern_items(self, n: ts.Node) -> list[ts.Node]:
        """Sub-patterns, including the anonymous `_` token."""
        return [c for c in n.children if (c.is_named and c.type not in ("line_comment", "block_comment"))
                or c.type == "_"]

    def literal_pattern(self, n: ts.Node) -> A.Lit:
        if n.type == "negative_literal":
            lit = self.literal(self.named(n)[0])
            lit.value = -lit.value
            lit.pos = self.pos(n)
            return lit
        if n.type in ("integer_literal", "char_literal", "boolean_literal", "string_literal", "float_literal"):
            return self.literal(n)
        self.unsupported(n, "pattern")

    # ---- expressions ------------------------------------------------------------------------

    def literal(self, n: ts.Node) -> A.Lit:
        t = n.type
        p = self.pos(n)
        text = self.txt(n)
        if t == "integer_literal":
            m = _INT_SUFFIX.search(text)
            suffix = None
            digits = text
            if m and not (text.startswith(("0x", "0X")) and m.group(1) in ("f32", "f64")):
                suffix = m.group(1)
                digits = text[: m.start()]
            digits = digits.replace("_", "")
            if suffix in ("f32", "f64"):
                if suffix == "f32":
                    self.unsupported(n, "f32")
                return A.Lit(p, "float", float(int(digits, 0)), "f64")
            try:
                if digits[:2] in ("0b", "0o", "0x", "0B", "0O", "0X"):
                    value = int(digits, 0)
                else:
                    value = int(digits, 10)
            except ValueError:
                self.fail(f"syntax error: invalid integer literal `{text}`", p)
            return A.Lit(p, "int", value, suffix)
        if t == "float_literal":
            suffix = None
            digits = text
            if text.endswith(("f64", "f32")):
                suffix = text[-3:]
                digits = text[:-3]
            if suffix == "f32":
                self.unsupported(n, "f32")
            try:
                return A.Lit(p, "float", float(digits.replace("_", "")), suffix)
            except ValueError:
                self.fail(f"syntax error: invalid float literal `{text}`", p)
        if t == "boolean_literal":
            return A.Lit(p, "bool", text == "true")
        if t == "char_literal":
            if text.startswith("b'"):
                body = _unescape(text[2:-1], p, self.fail)
                return A.Lit(p, "int", ord(body) if len(body) == 1 else 0, "u8")
            body = _unescape(text[1:-1], p, self.fail)
            if len(body) != 1:
                self.fail("syntax error: character literal may only contain one codepoint", p)
            return A.Lit(p, "char", body)
        if t == "string_literal":
            if text.startswith("b"):
                self.unsupported(n, "byte string")
            return A.Lit(p, "str", _unescape(text[1:-1], p, self.fail))
        self.unsupported(n)

    def expr(self, n: ts.Node) -> A.Expr:
        t = n.type
        p = self.pos(n)
        meth = getattr(self, "x_" + t, None)
        if meth is not None:
            out = meth(n, p)
            if isinstance(out, (A.Call, A.MethodCall, A.VecMacro, A.Closure)):
                src = " ".join(self.txt(n).split())
                out.src = src if len(src) <= 60 else src[:57] + "..."  # type: ignore[attr-defined]
            return out
        if t in ("integer_literal", "float_literal", "boolean_literal", "char_literal", "string_literal"):
            return self.literal(n)
        self.unsupported(n)

    def x_parenthesized_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return self.expr(self.named(n)[0])

    def x_identifier(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Path(p, [self.txt(n)])

    def x_self(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Path(p, ["self"])

    def _path_segments(self, n: ts.Node) -> tuple[list[str], list[A.TypeExpr]]:
        """`a::b::c` (with an optional `Type::<T>` in front)."""
        if n.type in ("identifier", "self", "type_identifier", "crate", "super"):
            return [self.txt(n)], []
        if n.type == "generic_type":
            base, _ = self._path_segments(n.child_by_field_name("type"))
            args = [self.type(a) for a in self.named(n.child_by_field_name("type_arguments"))]
            return base, args
        if n.type == "scoped_identifier" or n.type == "scoped_type_identifier":
            path = n.child_by_field_name("path")
            name = n.child_by_field_name("name")
            if path is None:
                return [self.txt(name)], []
            segs, gens = self._path_segments(path)
            return segs + [self.txt(name)], gens
        if n.type == "generic_function":
            self.unsupported(n, "turbofish here")
        self.unsupported(n, "path")

    def x_scoped_identifier(self, n: ts.Node, p: A.Pos) -> A.Expr:
        segs, gens = self._path_segments(n)
        return A.Path(p, segs, gens)

    def x_generic_function(self, n: ts.Node, p: A.Pos) -> A.Expr:
        f = n.child_by_field_name("function")
        args = [self.type(a) for a in self.named(n.child_by_field_name("type_arguments"))]
        if f.type == "field_expression":
            base = f.child_by_field_name("value")
            name = f.child_by_field_name("field")
            return A.MethodCall(p, self.expr(base), self.txt(name), [], args, self.pos(name))
        segs, gens = self._path_segments(f)
        return A.Path(p, segs, gens + args)

    def x_call_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        f = n.child_by_field_name("function")
        args = [self.expr(a) for a in self.named(n.child_by_field_name("arguments"))
                if a.type != "attribute_item"]
        if f.type == "field_expression":
            fld = f.child_by_field_name("field")
            if fld.type == "integer_literal":
                self.unsupported(f, "calling a tuple field")
            return A.MethodCall(p, self.expr(f.child_by_field_name("value")), self.txt(fld), args, [],
                                self.pos(fld))
        fe = self.expr(f)
        if isinstance(fe, A.MethodCall) and not fe.args and f.type == "generic_function":
            fe.args = args
            fe.pos = p
            return fe
        return A.Call(p, fe, args)

    def x_field_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        base = self.expr(n.child_by_field_name("value"))
        return A.Field(self.pos(n.child_by_field_name("field")), base, self.txt(n.child_by_field_name("field")))

    def x_index_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        kids = self.named(n)
        return A.Index(p, self.expr(kids[0]), self.expr(kids[1]))

    def x_unary_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        op = self.txt(n.children[0])
        return A.Unary(p, op, self.expr(self.named(n)[0]))

    def x_reference_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        mut = any(c.type == "mutable_specifier" for c in n.children)
        if any(c.type == "raw" for c in n.children):
            self.unsupported(n, "raw reference")
        return A.Ref(p, mut, self.expr(n.child_by_field_name("value")))

    def x_binary_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        op = self.txt(n.child_by_field_name("operator"))
        left = n.child_by_field_name("left")
        if left.type == "break_expression" and op in ("-", "*") and len(self.named(left)) == 1:
            # tree-sitter reads `break 'label -1` as `(break 'label) - 1`; rustc as a break value
            brk = self.x_break_expression(left, self.pos(left))
            assert isinstance(brk, A.Break)
            brk.value = A.Unary(self.pos(n.child_by_field_name("operator")), op,
                                self.expr(n.child_by_field_name("right")))
            return brk
        if op not in _BINOPS:
            self.unsupported(n, f"operator {op}")
        return A.Binary(p, op, self.expr(n.child_by_field_name("left")), self.expr(n.child_by_field_name("right")),
                        self.pos(n.child_by_field_name("operator")))

    def x_assignment_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Assign(p, self.expr(n.child_by_field_name("left")), self.expr(n.child_by_field_name("right")))

    def x_compound_assignment_expr(self, n: ts.Node, p: A.Pos) -> A.Expr:
        op = self.txt(n.child_by_field_name("operator"))[:-1]
        if op not in _BINOPS:
            self.unsupported(n, f"operator {op}=")
        return A.CompoundAssign(p, op, self.expr(n.child_by_field_name("left")),
                                self.expr(n.child_by_field_name("right")))

    def x_type_cast_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Cast(p, self.expr(n.child_by_field_name("value")), self.type(n.child_by_field_name("type")))

    def x_block(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return self.block(n)

    def _cond(self, c: ts.Node) -> A.Expr | A.LetCond:
        if c.type == "let_condition":
            return A.LetCond(self.pos(c), self.pattern(c.child_by_field_name("pattern")),
                             self.expr(c.child_by_field_name("value")))
        if c.type == "let_chain":
            self.unsupported(c)
        return self.expr(c)

    def x_if_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        cond = self._cond(n.child_by_field_name("condition"))
        then = self.block(n.child_by_field_name("consequence"))
        alt = n.child_by_field_name("alternative")
        els: A.Expr | None = None
        if alt is not None:
            inner = self.named(alt)[0]
            els = self.expr(inner)
        return A.If(p, cond, then, els)

    def _label(self, n: ts.Node) -> str | None:
        for c in n.children:
            if c.type == "label":
                return self.txt(c)
        return None

    def x_while_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.While(p, self._cond(n.child_by_field_name("condition")),
                       self.block(n.child_by_field_name("body")), self._label(n))

    def x_loop_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Loop(p, self.block(n.child_by_field_name("body")), self._label(n))

    def x_for_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.For(p, self.pattern(n.child_by_field_name("pattern")), self.expr(n.child_by_field_name("value")),
                     self.block(n.child_by_field_name("body")), self._label(n))

    def x_match_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        scrut = self.expr(n.child_by_field_name("value"))
        arms = []
        for arm in self.named(n.child_by_field_name("body")):
            if arm.type != "match_arm":
                self.unsupported(arm)
            pn = arm.child_by_field_name("pattern")
            guard = pn.child_by_field_name("condition")
            pat_nodes = [c for c in self.named(pn) if c != guard]
            if not pat_nodes:
                # `_` is an anonymous token
                pat: A.Pattern = A.PWild(self.pos(pn))
            else:
                pat = self.pattern(pat_nodes[0])
            g = None
            if guard is not None:
                if guard.type in ("let_condition", "let_chain"):
                    self.unsupported(guard, "if-let guard")
                g = self.expr(guard)
            arms.append(A.Arm(self.pos(arm), pat, g, self.expr(arm.child_by_field_name("value"))))
        return A.Match(p, scrut, arms)

    def x_break_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        label = None
        value = None
        for c in self.named(n):
            if c.type == "label":
                label = self.txt(c)
            else:
                value = self.expr(c)
        return A.Break(p, label, value)

    def x_continue_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        label = None
        for c in self.named(n):
            if c.type == "label":
                label = self.txt(c)
        return A.Continue(p, label)

    def x_return_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        kids = self.named(n)
        return A.Return(p, self.expr(kids[0]) if kids else None)

    def x_tuple_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Tuple(p, [self.expr(c) for c in self.named(n) if c.type != "attribute_item"])

    def x_unit_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Tuple(p, [])

    def x_array_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        ln = n.child_by_field_name("length")
        if ln is not None:
            elem = [c for c in self.named(n) if c != ln][0]
            return A.ArrayRepeat(p, self.expr(elem), self.expr(ln))
        return A.Array(p, [self.expr(c) for c in self.named(n) if c.type != "attribute_item"])

    def x_struct_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        name_node = n.child_by_field_name("name")
        segs, gens = self._path_segments(name_node)
        if gens or len(segs) > 3 or (len(segs) == 3 and segs[0] not in ("crate", "self")):
            self.unsupported(name_node, "struct path")
        segs = segs[-2:] if len(segs) == 3 else segs
        fields: list[tuple[str, A.Expr, A.Pos]] = []
        base: A.Expr | None = None
        for f in self.named(n.child_by_field_name("body")):
            if f.type == "shorthand_field_initializer":
                ident = self.named(f)[0]
                fields.append((self.txt(ident), A.Path(self.pos(ident), [self.txt(ident)]), self.pos(f)))
            elif f.type == "field_initializer":
                fn = f.child_by_field_name("field")
                fields.append((self.txt(fn), self.expr(f.child_by_field_name("value")), self.pos(f)))
            elif f.type == "base_field_initializer":
                base = self.expr(self.named(f)[0])
            else:
                self.unsupported(f)
        return A.StructLit(p, "::".join(segs), fields, base)

    def x_closure_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        params = []
        for c in self._pattern_items(n.child_by_field_name("parameters")):
            if c.type == "parameter":
                tn = c.child_by_field_name("type")
                pat = self.pattern(c.child_by_field_name("pattern"))
                if any(x.type == "mutable_specifier" for x in c.children) and isinstance(pat, A.PIdent):
                    pat.mutable = True
                params.append(A.ClosureParam(self.pos(c), pat, self.type(tn) if tn is not None else None))
            else:
                params.append(A.ClosureParam(self.pos(c), self.pattern(c), None))
        rt = n.child_by_field_name("return_type")
        is_move = any(c.type == "move" for c in n.children)
        for c in n.children:
            if c.type in ("async", "static"):
                self.unsupported(c, f"{c.type} closure")
        return A.Closure(p, params, self.type(rt) if rt is not None else None,
                         self.expr(n.child_by_field_name("body")), is_move)

    def x_range_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        kids = self.named(n)
        op = next((c for c in n.children if c.type in ("..", "..=", "...")), None)
        if op is None:
            self.unsupported(n)
        lo = hi = None
        for c in kids:
            if c.start_byte < op.start_byte:
                lo = self.expr(c)
            else:
                hi = self.expr(c)
        return A.Range(p, lo, hi, op.type == "..=")

    # ---- macros -------------------------------------------------------------------------

    def x_macro_invocation(self, n: ts.Node, p: A.Pos) -> A.Expr:
        mnode = n.child_by_field_name("macro")
        name = self.txt(mnode)
        tt = next((c for c in n.children if c.type == "token_tree"), None)
        if tt is None:
            self.unsupported(n, f"macro `{name}!`")
        if name == "vec":
            return self.vec_macro(n, tt, p)
        if name in ("println", "print", "eprintln", "eprint"):
            return self.print_macro(tt, p, name.endswith("ln"), name)
        if name == "format":
            return self.format_macro(tt, p, name)
        if name in ("write", "writeln", "dbg"):
            return macros.parse_macro(self, name, tt, p)
        if name in ("panic", "unreachable", "todo", "unimplemented"):
            return self.panic_macro(tt, p, name)
        if name == "matches":
            return self.matches_macro(tt, p)
        if name in ("assert", "assert_eq", "assert_ne", "debug_assert", "debug_assert_eq",
                    "debug_assert_ne"):
            return self.assert_macro(tt, p, name.replace("debug_", ""))
        self.unsupported(n, f"macro `{name}!`")

    def assert_macro(self, tt: ts.Node, p: A.Pos, name: str) -> A.Expr:
        nodes = self._macro_args(tt, p)
        n = 1 if name == "assert" else 2
        if len(nodes) < n:
            self.fail(f"error: {name}! takes {n} argument{'s' if n > 1 else ''} and an optional message", p)
        old = self.delta
        self.delta = self._args_delta
        try:
            args = [self.expr(x) for x in nodes[:n]]
            text = " ".join(self.txt(nodes[0]).split())
            message = None
            if len(nodes) > n:
                if nodes[n].type != "string_literal" or len(nodes) > n + 1:
                    self.unsupported_at(p, f"{name}! with format arguments")
                message = self.literal(nodes[n]).value
                if "{" in message:
                    self.unsupported_at(p, f"{name}! with format arguments")
        finally:
            self.delta = old
        return assert_macro(p, {"assert": "assert", "assert_eq": "eq", "assert_ne": "ne"}[name], args, text,
                            message)

    def matches_macro(self, tt: ts.Node, p: A.Pos) -> A.Expr:
        """`matches!(e, PAT if g)` is `match e { PAT if g => true, _ => false }`."""
        comma = next((c for c in tt.children if c.type == ","), None)
        if comma is None:
            self.fail("error: unexpected end of macro invocation (matches! takes an expression and a pattern)", p)
        inner = tt.text
        k = comma.start_byte - tt.start_byte
        # the comma becomes the match block's `{` (same length: positions stay exact)
        fake = type("TT", (), {})()
        fake.text = inner[:k] + b"{" + inner[k + 1:]
        fake.start_byte = tt.start_byte
        root, delta = self._reparse(fake, "fn __m() { match ", " => true, _ => false } }")

        def build(root: ts.Node) -> A.Expr:
            body = root.named_children[0].child_by_field_name("body")
            m = self.named(self.named(body)[0])[0] if self.named(body)[0].type == "expression_statement" \
                else self.named(body)[0]
            if m.type != "match_expression":
                self.fail("syntax error: in matches!", p)
            e = self.x_match_expression(m, p)
            return e
        return self._in_macro(root, delta, build)

    def _reparse(self, tt: ts.Node, prefix: str, suffix: str) -> tuple[ts.Node, int]:
        """Parse the token tree's contents wrapped in `prefix`/`suffix`; the
        returned delta maps the wrapped source's bytes back to the file."""
        inner = tt.text[1:-1]  # (bytes of the tree being read: the file, or a re-parsed macro)
        pre = prefix.encode()
        wrapped = pre + inner + suffix.encode()
        tree = self.parser.parse(wrapped)
        delta = self.delta + tt.start_byte + 1 - len(pre)
        return tree.root_node, delta

    def _in_macro(self, root: ts.Node, delta: int, fn: Any) -> Any:
        old = self.delta
        self.delta = delta
        try:
            self.check_syntax(root)
            return fn(root)
        finally:
            self.delta = old

    def vec_macro(self, n: ts.Node, tt: ts.Node, p: A.Pos) -> A.Expr:
        root, delta = self._reparse(tt, "fn __m() { [", "]; }")
        text = " ".join(self.txt(n).split())

        def build(root: ts.Node) -> A.Expr:
            body = root.named_children[0].child_by_field_name("body")
            stmt = self.named(body)[0]
            arr = self.named(stmt)[0]
            if arr.type != "array_expression":
                self.fail("syntax error: in vec!", p)
            e = self.x_array_expression(arr, p)
            if isinstance(e, A.ArrayRepeat):
                return A.VecMacro(p, [], (e.elem, e.count), text)
            return A.VecMacro(p, e.elems, None, text)
        return self._in_macro(root, delta, build)

    def _macro_args(self, tt: ts.Node, p: A.Pos) -> list[ts.Node]:
        root, delta = self._reparse(tt, "fn __m() { __p(", "); }")
        self._args_delta = delta

        def build(root: ts.Node) -> list[ts.Node]:
            body = root.named_children[0].child_by_field_name("body")
            stmt = self.named(body)[0]
            call = self.named(stmt)[0]
            if call.type != "call_expression":
                self.fail("syntax error: in macro arguments", p)
            return self.named(call.child_by_field_name("arguments"))
        return self._in_macro(root, delta, build)

    def print_macro(self, tt: ts.Node, p: A.Pos, newline: bool, name: str = "println") -> A.PrintMacro:
        nodes = self._macro_args(tt, p)
        return self.print_nodes(nodes, self._args_delta, p, newline, name)

    def print_nodes(self, nodes: list[ts.Node], delta: int, p: A.Pos, newline: bool,
                    name: str) -> A.PrintMacro:
        stderr = name.startswith("e")
        if not nodes:
            if not newline:
                self.fail("error: requires at least a format string argument", p)
            return A.PrintMacro(p, [], [], newline, stderr)
        old = self.delta
        self.delta = delta
        try:
            fmt_node = nodes[0]
            if fmt_node.type != "string_literal":
                self.fail("error: format argument must be a string literal", self.pos(fmt_node))
            fmt = self.literal(fmt_node)
            args: list[A.Expr] = []
            named: dict[str, A.Expr] = {}
            for a in nodes[1:]:
                if a.type == "assignment_expression" and a.child_by_field_name("left").type == "identifier":
                    named[self.txt(a.child_by_field_name("left"))] = self.expr(a.child_by_field_name("right"))
                else:
                    if named:
                        self.fail("error: positional arguments cannot follow named arguments", self.pos(a))
                    args.append(self.expr(a))
            pieces, used = self._format(fmt.value, args, named, self.pos(fmt_node))
        finally:
            self.delta = old
        return A.PrintMacro(p, pieces, used, newline, stderr)

    def _format(self, fmt: str, args: list[A.Expr], named: dict[str, A.Expr],
                p: A.Pos) -> tuple[list[str], list[A.Expr]]:
        """Split a format string into literal text and `{}` / `{:?}` holes,
        with the argument of each hole (positional, indexed or named)."""
        pieces: list[str] = []
        used: list[A.Expr] = []
        text: list[str] = []
        i = 0
        nxt = 0
        seen: set[int] = set()
        while i < len(fmt):
            c = fmt[i]
            if c == "{" and fmt.startswith("{{", i):
                text.append("{")
                i += 2
                continue
            if c == "}" and fmt.startswith("}}", i):
                text.append("}")
                i += 2
                continue
            if c == "}":
                self.fail("error: invalid format string: unmatched `}` found", p)
            if c != "{":
                text.append(c)
                i += 1
                continue
            j = fmt.find("}", i)
            if j < 0:
                self.fail("error: invalid format string: expected `}` but string was terminated", p)
            spec = fmt[i + 1:j]
            name, colon, fspec = spec.partition(":")
            hole = parse_spec(fspec) if colon else Hole()
            if not isinstance(hole, Hole):
                self.unsupported_at(p, hole if not isinstance(hole, Hole) else f"format spec `{{{spec}}}`")
            name = name.strip()
            if name == "":
                idx = nxt
                nxt += 1
                if idx >= len(args):
                    self.fail(f"error: {idx + 1} positional argument{'s' if idx else ''} in format string, "
                              f"but there {'is' if len(args) == 1 else 'are'} {len(args)} argument"
                              f"{'' if len(args) == 1 else 's'}", p)
                arg = args[idx]
                seen.add(idx)
            elif name.isdigit():
                idx = int(name)
                if idx >= len(args):
                    self.fail(f"error: invalid reference to positional argument {idx}", p)
                arg = args[idx]
                seen.add(idx)
            elif name in named:
                arg = named[name]
            elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                arg = A.Path(p, [name])
            else:
                self.unsupported_at(p, f"format argument `{{{spec}}}`")
            i = j + 1
            inlined = _inline_literal(arg) if hole.plain and hole.kind == "" else None
            if inlined is not None:
                # rustc's format_args lowering folds a plain `{}` of a str or integer
                # literal into the literal text (so `format!("x{}", 5)` is `"x5".to_owned()`)
                text.append(inlined)
                continue
            if text:
                pieces.append("".join(text))
                text = []
            pieces.append(hole)
            used.append(arg)
        if text:
            pieces.append("".join(text))
        if len(seen) < len(args):
            self.fail("error: argument never used", p)
        return pieces, used

    def format_macro(self, tt: ts.Node, p: A.Pos, name: str) -> A.Expr:
        """`format!(...)`: the pieces and arguments of a print, building a String."""
        pm = self.print_macro(tt, p, False, name)
        return A.FormatMacro(p, pm.pieces, pm.args)

    def unsupported_at(self, p: A.Pos, what: str) -> NoReturn:
        self.fail(f"unsupported: {what}", p)

    def panic_macro(self, tt: ts.Node, p: A.Pos, name: str) -> A.Expr:
        nodes = self._macro_args(tt, p)
        default = {
            "panic": "explicit panic", "unreachable": "internal error: entered unreachable code",
            "todo": "not yet implemented", "unimplemented": "not implemented",
        }[name]
        if not nodes:
            return A.PanicMacro(p, default)
        old = self.delta
        self.delta = self._args_delta
        try:
            if nodes[0].type != "string_literal" or len(nodes) > 1:
                self.unsupported_at(p, f"{name}! with format arguments")
            msg = self.literal(nodes[0]).value
        finally:
            self.delta = old
        if "{" in msg:
            self.unsupported_at(p, f"{name}! with format arguments")
        if name == "unreachable":
            msg = "internal error: entered unreachable code: " + msg
        elif name == "todo":
            msg = "not yet implemented: " + msg
        elif name == "unimplemented":
            msg = "not implemented: " + msg
        return A.PanicMacro(p, msg)

    # ---- unsupported expressions with a clear name -----------------------------------------

    def x_try_expression(self, n: ts.Node, p: A.Pos) -> A.Expr:
        return A.Try(p, self.expr(self.named(n)[0]))


_INT_MAX = {"i8": 127, "i16": 2**15 - 1, "i32": 2**31 - 1, "i64": 2**63 - 1, "isize": 2**63 - 1,
            "i128": 2**127 - 1, "u8": 255, "u16": 2**16 - 1, "u32": 2**32 - 1, "u64": 2**64 - 1,
            "usize": 2**64 - 1, "u128": 2**128 - 1, None: 2**31 - 1}


def _inline_literal(e: A.Expr) -> str | None:
    """The text rustc inlines for a `{}` argument (rustc_ast_lowering's
    `try_inline_lit`: str literals, and integer literals that fit their type,
    an unsuffixed one i32), through `&` and parentheses; None otherwise."""
    while isinstance(e, A.Ref):
        e = e.x
    if not isinstance(e, A.Lit):
        return None
    if e.kind == "str":
        return str(e.value)
    if e.kind == "int" and e.suffix in _INT_MAX and e.value <= _INT_MAX[e.suffix]:
        return str(e.value)
    return None


def parse_crate(source: str, file: str) -> A.Crate:
    return _Parser(source, file).crate()
