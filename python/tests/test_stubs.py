"""The type stubs and annotations: the option names are Literal types of exactly the kernel's names (so a
stub cannot drift from the extension), the stubs' and memwin.dask's signatures use them, and the package
ships its py.typed marker and stubs."""

import ast
import typing
from pathlib import Path

import memwin
import memwin._names as names

PACKAGE = Path(memwin.__file__).parent
OPTIONS = {"stat": "Stat", "nan": "NanPolicy", "strategy": "Strategy"}


def test_the_literal_names_are_the_kernels():
    assert list(typing.get_args(names.Stat)) == memwin.STATS
    assert list(typing.get_args(names.NanPolicy)) == memwin.NAN_POLICIES
    assert list(typing.get_args(names.Strategy)) == memwin.STRATEGIES
    concrete = [s for s in memwin.STRATEGIES if s != "auto"]
    assert list(typing.get_args(names.ConcreteStrategy)) == concrete
    resolved = {memwin.resolve_strategy(10**6, w, s, stat=stat) for w, s in [(10, 10), (1000, 1), (100, 50)] for stat in memwin.STATS}
    assert resolved <= set(concrete)


def annotated_options(source):
    """Every (function, option, annotation) of a module's source, for the options stat, nan and strategy."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            for arg in node.args.args + node.args.kwonlyargs:
                if arg.arg in OPTIONS:
                    found.append((node.name, arg.arg, ast.unparse(arg.annotation) if arg.annotation else None))
    return found


def test_the_stubs_use_them():
    found = annotated_options((PACKAGE / "_memwin.pyi").read_text())
    functions = {f for f, _, _ in found}
    assert functions == {"window_stats", "resolve_strategy", "chunk_alignment"}
    for function, option, annotation in found:
        assert annotation == OPTIONS[option], (function, option, annotation)


def test_memwin_dask_is_annotated_with_them():
    source = (PACKAGE / "dask.py").read_text()
    assert "from __future__ import annotations" in source
    found = annotated_options(source)
    assert {o for f, o, _ in found if f == "window_stats"} == set(OPTIONS)
    for function, option, annotation in found:
        assert annotation == OPTIONS[option], (function, option, annotation)
    tree = ast.parse(source)
    public = [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
    assert {f.name for f in public} == {"window_stats", "from_npy"}
    for f in public:
        args = f.args.args + f.args.kwonlyargs
        assert f.returns is not None and all(a.annotation is not None for a in args), f.name


def test_the_package_ships_its_typing():
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_memwin.pyi").is_file()
