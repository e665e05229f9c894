"""A YAML loader with limits, so an untrusted upload cannot cost more than its size suggests.

Content comes from instructors' uploads as well as from the repository. Three YAML shapes turn a few
hundred bytes into minutes of CPU or a crash: an *alias bomb* (anchors that repeat anchors, growing
exponentially once expanded), a *recursive alias* (``&a [*a]``, a cycle every walk follows forever) and
deep nesting (``[[[[…]]]]``, which the composer and every later walk recurse through). The composer is
the first place that sees the document's shape, so the limits are checked there, while the nodes are
built and before anything walks them: the line map, construction, validation. The limits are far above
what any real content file needs (the shipped ones use no alias and nest fewer than 10 levels).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
from yaml.resolver import Resolver

#: Deepest nesting of mappings and lists in one document.
MAX_DEPTH = 64
#: Most aliases (``*name``) in one document.
MAX_ALIASES = 100
#: Most nodes that aliases may repeat, counted as if every alias were written out in full.
MAX_ALIAS_NODES = 10_000


class LimitError(yaml.MarkedYAMLError):
    """The document is shaped beyond a limit; it carries the mark of the node where the limit was hit."""


def _refuse(problem: str, event: yaml.Event) -> LimitError:
    mark: Any = event.start_mark
    return LimitError(problem=problem, problem_mark=mark)


class _Bounds(Composer):
    """The limits, as a composer: refuses documents deeper, or with more aliasing, than the limits.

    Each composed node's *weight* is the number of nodes it stands for once aliases are expanded; an
    alias adds the weight of its anchor's node to its parent. Weights are summed as nodes are composed, so
    a bomb is caught after a handful of nodes, not after it has grown.
    """

    def _start_bounds(self) -> None:
        self._aliases = 0
        self._alias_nodes = 0
        self._open_anchors: set[str] = set()
        self._weights: dict[str, int] = {}
        self._children = [0]  # per node being composed: the weight of its children so far

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose one node, refusing recursive aliases and documents beyond the limits."""
        event: yaml.Event = self.peek_event()  # type: ignore[attr-defined]  # from the parser mixed in beside
        if isinstance(event, yaml.AliasEvent):
            return self._compose_alias(event, parent, index)
        anchor = getattr(event, "anchor", None)
        if len(self._children) > MAX_DEPTH:
            raise _refuse(f"nested more than {MAX_DEPTH} levels deep", event)
        if anchor is not None:
            self._open_anchors.add(anchor)
        self._children.append(0)
        try:
            node = super().compose_node(parent, index)
        finally:
            weight = 1 + self._children.pop()
            self._children[-1] += weight
            if anchor is not None:
                self._open_anchors.discard(anchor)
        if anchor is not None:
            self._weights[anchor] = weight
        return node

    def _compose_alias(self, event: yaml.AliasEvent, parent: Any, index: Any) -> Any:
        self._aliases += 1
        name = event.anchor or ""
        if self._aliases > MAX_ALIASES:
            raise _refuse(f"more than {MAX_ALIASES} aliases", event)
        if name in self._open_anchors:
            raise _refuse(f"the alias *{name} is inside its own anchor &{name}", event)
        weight = self._weights.get(name, 1)
        self._alias_nodes += weight
        if self._alias_nodes > MAX_ALIAS_NODES:
            raise _refuse(f"aliases repeat more than {MAX_ALIAS_NODES} values", event)
        self._children[-1] += weight
        return super().compose_node(parent, index)


class PureBoundedComposer(_Bounds, yaml.SafeLoader):
    """The bounded safe loader in pure Python (where PyYAML was built without libyaml)."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._start_bounds()


class BoundedComposer(_Bounds, CParser, SafeConstructor, Resolver):
    """The bounded safe loader with libyaml's scanner and parser: the same nodes and marks, several times faster.

    Only scanning and parsing run in C (PyYAML's wheels ship libyaml); composing stays the Python composer
    above, first in the method order before CParser's own, so every limit is checked exactly as in
    :class:`PureBoundedComposer`, which a test holds it against.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._start_bounds()
