"""Languages side by side: the rows in which the pages' parts stand beside each other.

One plan for the PDF/HTML and the DOCX, each a table with a row per unit: the header, each
body block as the YAML wrote it (a list that is a whole block in every language item by
item, so that demand 3 stands beside demand 3, in whatever language the block is written),
the closing, the signatories' heading, each group, the signatories' note, the contacts, the
postscript, the notes' heading and each note (so that note 2 stands beside note 2; the DOCX
makes them Word's footnotes and lists only notes never cited, under the heading). A page
break is no row but a break between two: inside a table cell it broke nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from letterpress.page import Block, Directed, Heading, Item, ListBlock, Page, PageBreak

# a list alone in its YAML block, and the block in another language that holds it, if any
SingleList = tuple[ListBlock, Directed | None]


@dataclass(frozen=True)
class Row:
    """A unit: ``part`` of every page, or ``cells[i]`` of page ``i`` where the part is one of
    several (a body block, a list's intro or item, a group)."""

    part: str  # header blocks page-break list-intro list-item closing signatories group
    #            signatories-note contacts postscript footnotes footnote
    cells: tuple[Any, ...] = ()

    @property
    def keep_with_next(self) -> bool:
        """Whether a page break after this row would leave a heading or lead-in alone at the
        foot of a page: the closing, the signatories' heading, a list's intro, the notes'
        heading, a body block that is only a heading in every language."""
        if self.part in ("list-intro", "closing", "signatories", "footnotes"):
            return True
        return self.part == "blocks" and any(self.cells) and all(
            isinstance(block, Heading) for blocks in self.cells for block in blocks)


def rows(pages: Sequence[Page]) -> list[Row]:
    out = [Row("header")]
    bodies = [body_blocks(page) for page in pages]
    for i in range(max(len(body) for body in bodies)):
        cells = tuple(body[i] if i < len(body) else () for body in bodies)
        lists = tuple(_single_list(cell) for cell in cells)
        if any(cells) and all(isinstance(block, PageBreak) for cell in cells for block in cell):
            out.append(Row("page-break"))
        elif all(found is not None for found in lists):
            out.append(Row("list-intro", lists))
            for j in range(max(len(found[0].items) for found in lists if found)):
                out.append(Row("list-item", tuple(_item(found, j) for found in lists)))
        else:
            out.append(Row("blocks", cells))
    out += [Row("closing"), Row("signatories")]
    groups = [page.signatories.groups if page.signatories else () for page in pages]
    for i in range(max(len(g) for g in groups)):
        out.append(Row("group", tuple(g[i] if i < len(g) else None for g in groups)))
    out += [Row(part) for part in ("signatories-note", "contacts", "postscript", "footnotes")]
    notes = [page.footnotes for page in pages]
    return out + [Row("footnote", tuple(n[i] if i < len(n) else None for n in notes))
                  for i in range(max(len(n) for n in notes))]


def body_blocks(page: Page) -> list[tuple[Block, ...]]:
    """The page's body split back into the YAML blocks it came from (``body_sizes``)."""
    groups, start = [], 0
    for size in page.body_sizes:
        groups.append(page.body[start:start + size])
        start += size
    return groups


def _single_list(blocks: tuple[Block, ...]) -> SingleList | None:
    if len(blocks) != 1:
        return None
    block = blocks[0]
    if isinstance(block, ListBlock):
        return block, None
    if isinstance(block, Directed) and len(block.blocks) == 1 and isinstance(
            block.blocks[0], ListBlock):
        return block.blocks[0], block
    return None


def _item(found: SingleList | None, j: int) -> tuple[ListBlock, Directed | None, Item | None]:
    """Item ``j`` of a list, with its list and block (None past the list's end)."""
    assert found is not None
    b, directed = found
    return b, directed, b.items[j] if j < len(b.items) else None
