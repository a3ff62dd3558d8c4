"""Reads the ``if TYPE_CHECKING:`` block of a package ``__init__`` with lazy exports (PEP 562),
so a test can check it against the run-time export table: the two must name the same things."""

from __future__ import annotations

import ast
import inspect
from types import ModuleType


def type_checking_exports(module: ModuleType) -> dict[str, tuple[str, str]]:
    """Public name -> (relative module, name there), as the module's ``if TYPE_CHECKING:``
    block declares it: ``from .m import Y as Y`` gives ``Y -> (".m", "Y")``, and an alias
    ``Z = Y`` after it gives ``Z`` the entry of ``Y``. Anything else in the block fails."""
    tree = ast.parse(inspect.getsource(module))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1, "expected exactly one top-level `if TYPE_CHECKING:` block"
    declared: dict[str, tuple[str, str]] = {}
    for statement in blocks[0].body:
        if isinstance(statement, ast.ImportFrom):
            source = "." * statement.level + (statement.module or "")
            for alias in statement.names:
                public = alias.asname or alias.name
                # `from m import Y as Y`: the explicit re-export form type checkers honour.
                assert alias.asname == alias.name, f"{public}: write `{alias.name} as {public}`"
                assert public not in declared, f"{public} declared twice"
                declared[public] = (source, alias.name)
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Name)
        ):
            public, target = statement.targets[0].id, statement.value.id
            assert target in declared, f"{public} aliases {target}, which is not imported above"
            assert public not in declared, f"{public} declared twice"
            declared[public] = declared[target]
        else:
            raise AssertionError(f"unexpected statement: {ast.unparse(statement)}")
    return declared
