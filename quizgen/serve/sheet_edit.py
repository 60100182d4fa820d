"""Confirm or delete a draft fact in a sheet's text, keeping the rest of the file byte for byte.

The sheet is read by the project's safe loader for the places of its nodes; the edit is made on
the text itself, so comments, quoting and blank lines elsewhere stay as the author wrote them.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.load.yamlnodes import compose_text, mapping_items
from quizgen.model import InputError


class EditRefused(ValueError):
    """The edit cannot be made safely on this text; the message says why and what to do."""


def _facts_node(text: str, path: Path) -> SequenceNode:
    try:
        root = compose_text(text, path)
    except InputError as exc:
        raise EditRefused(f"the sheet cannot be read now: {exc.problems[0]}") from exc
    if not isinstance(root, MappingNode):
        raise EditRefused("the sheet is not a mapping with 'facts'")
    items = mapping_items(root, path, [])
    node = items.get("facts", (None, None))[1]
    if not isinstance(node, SequenceNode):
        raise EditRefused("the sheet has no list of 'facts'")
    return node


def _fact_node(facts: SequenceNode, fact_id: str, path: Path) -> MappingNode:
    for item in facts.value:
        if not isinstance(item, MappingNode):
            continue
        id_node = mapping_items(item, path, []).get("id", (None, None))[1]
        if isinstance(id_node, ScalarNode) and str(id_node.value).strip() == fact_id:
            return item
    raise EditRefused(f"no fact '{fact_id}' in the sheet any more")


def fact_ids(text: str, path: Path) -> list[str]:
    """The ids of the facts in a sheet's text, in order."""
    ids = []
    for item in _facts_node(text, path).value:
        if isinstance(item, MappingNode):
            node = mapping_items(item, path, []).get("id", (None, None))[1]
            if isinstance(node, ScalarNode):
                ids.append(str(node.value).strip())
    return ids


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _is_comment_or_blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _rest_is_comment(line: str, column: int) -> bool:
    rest = line[column:].strip()
    return not rest or rest.startswith("#")


def confirm_draft(text: str, fact_id: str, path: Path) -> str:
    """The sheet with the fact's ``draft: true`` removed (its line, when it stands alone)."""
    fact = _fact_node(_facts_node(text, path), fact_id, path)
    entry = mapping_items(fact, path, []).get("draft")
    if entry is None:
        raise EditRefused(f"'{fact_id}' is not a draft (it has no 'draft' key)")
    key, value = entry
    if not (isinstance(value, ScalarNode) and str(value.value).lower() in ("true", "yes", "on")):
        raise EditRefused(f"'{fact_id}' is not a draft ('draft' is not true)")
    lines = _lines(text)
    row = key.start_mark.line
    line = lines[row]
    alone = not line[: key.start_mark.column].strip() and value.end_mark.line == row
    if alone and _rest_is_comment(line, value.end_mark.column) and not fact.flow_style:
        return "".join(lines[:row] + lines[row + 1 :])
    # `- draft: true` opening the item, or a flow mapping: say false in place instead.
    return text[: value.start_mark.index] + "false" + text[value.end_mark.index :]


def _last_line(node: Node) -> int:
    """The last line (0-based) on which the node has content."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    children: list[Node] = []
    if isinstance(node, MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    return max([node.start_mark.line, *(_last_line(c) for c in children)])


def delete_fact(text: str, fact_id: str, path: Path) -> str:
    """The sheet without the fact: the lines of its list item, and the comments indented inside
    it; comments and blank lines around it (a section's heading) stay."""
    facts = _facts_node(text, path)
    if facts.flow_style:
        raise EditRefused("the facts are written as a flow list [...]: delete the fact in your editor")
    fact = _fact_node(facts, fact_id, path)
    lines = _lines(text)
    first = fact.start_mark.line
    dash = lines[first][: fact.start_mark.column].rstrip()
    if not dash.endswith("-") or dash[:-1].strip():
        raise EditRefused(f"'{fact_id}' does not start its own '- ' line: delete it in your editor")
    indent = len(dash) - 1
    last = _last_line(fact)
    while last + 1 < len(lines) and lines[last + 1].strip().startswith("#"):
        line = lines[last + 1]
        if len(line) - len(line.lstrip()) <= indent:
            break
        last += 1
    before = lines[:first]
    after = lines[last + 1 :]
    if after and not after[0].strip():
        after = after[1:]  # the blank line that separated it from what follows
    elif not after and before and not before[-1].strip():
        before = before[:-1]
    return "".join(before + after)


def item_ranges(text: str, path: Path) -> list[tuple[int, int, str | None]]:
    """Each fact's lines in the sheet, 1-based and inclusive, with its id (None when it has
    none): for showing a problem beside the fact it is about, read or not."""
    try:
        facts = _facts_node(text, path)
    except EditRefused:
        return []
    ranges = []
    for item in facts.value:
        fid = None
        if isinstance(item, MappingNode):
            node = mapping_items(item, path, []).get("id", (None, None))[1]
            fid = str(node.value).strip() if isinstance(node, ScalarNode) else None
        ranges.append((item.start_mark.line + 1, _last_line(item) + 1, fid))
    return ranges
