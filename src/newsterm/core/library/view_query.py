"""The query language of views and filters: `unread section:Science newer:7d -sponsored`.

    unread · read · starred · today            the marks, the last 24 hours
    newer:3d · older:2w                        by age (h, d, w); undated: when first stored
    feed:NAME · section:A/B · title:WORD · author:NAME   (quote a value with spaces)
    free words                                  in the title or text (the search index)
    -term · NOT term · AND · OR · ( )          terms side by side must all hold

A query is parsed into a tree, then turned into one SQL condition on `articles` each time
it is listed (ages count back from that moment). Every value reaches SQL as a
parameter and the search index as quoted words only. A query that cannot be read raises
QueryError with one line that says where and why, never a traceback.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from newsterm.core.library.records import SECTION_SEPARATOR
from newsterm.core.library.snippet import search_terms
from newsterm.core.text.ages import EXAMPLES, age_seconds

FIELDS = ("feed", "section", "title", "author", "newer", "older")
MARKS = {"unread": "{t}read = 0", "read": "{t}read = 1", "starred": "{t}starred = 1"}
DAY = 86400
LONGEST = 1000
"""Characters a query may have: a view is a line a person writes, not a document."""
DEEPEST = 20
"""Parentheses and negations inside one another, at most (SQLite's parser has a limit)."""

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<open>\() | (?P<close>\)) | (?P<minus>-)(?=\S)
      | (?P<field>[A-Za-z]+):(?:"(?P<quoted_value>[^"]*)"|(?P<value>[^\s()"]*))
      | "(?P<phrase>[^"]*)"
      | (?P<word>[^\s()"]+)
      | (?P<stray>"))""",
    re.VERBOSE,
)


class QueryError(ValueError):
    """A query that cannot be read: one line saying what is wrong, for a person."""


@dataclass(frozen=True, slots=True)
class Term:
    kind: str
    """A mark (`unread`), a field (`feed`), or `words` for free words."""
    value: str = ""


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class All:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Any:
    nodes: tuple[Node, ...]


Node = Term | Not | All | Any


def parse(text: str) -> Node:
    """The query as a tree; raises QueryError naming the problem."""
    if len(text) > LONGEST:
        raise QueryError(f"a query of at most {LONGEST} characters, not {len(text)}")
    tokens = _tokens(text)
    if not tokens:
        raise QueryError("an empty query: write what to list, such as unread newer:3d")
    reader = _Reader(tokens)
    node = reader.any_of()
    if reader.position < len(tokens):  # only a ")" stops the top level early
        raise QueryError('")" has no "(" before it')
    return node


def sql_for(text: str, now: float | None = None) -> tuple[str, tuple[object, ...]]:
    """A query's text as its SQL condition, ages counted back from `now` (default: now)."""
    return condition(parse(text), time.time() if now is None else now)


def condition(node: Node, now: float) -> tuple[str, tuple[object, ...]]:
    """The SQL condition on `{t}`-prefixed article columns (the caller names the table:
    `articles.`, or an alias), and its parameters in order."""
    if isinstance(node, Not):
        inner, params = condition(node.node, now)
        return f"NOT ({inner})", params
    if isinstance(node, All | Any):
        parts = [condition(child, now) for child in node.nodes]
        joiner = " AND " if isinstance(node, All) else " OR "
        sql = joiner.join(f"({part})" for part, _ in parts)
        return sql, tuple(p for _, params in parts for p in params)
    return _term(node, now)


def both(
    first: tuple[str, tuple[object, ...]] | None, second: tuple[str, tuple[object, ...]]
) -> tuple[str, tuple[object, ...]]:
    """Two conditions that must both hold (a view, narrowed by a filter)."""
    if first is None:
        return second
    return f"({first[0]}) AND ({second[0]})", (*first[1], *second[1])


def _term(term: Term, now: float) -> tuple[str, tuple[object, ...]]:
    kind, value = term.kind, term.value
    if kind in MARKS:
        return MARKS[kind], ()
    if kind == "today":
        return "{t}published >= ?", (now - DAY,)
    if kind in ("newer", "older"):
        seconds = age_seconds(value)
        assert seconds is not None  # checked when parsed
        sign = ">=" if kind == "newer" else "<"
        return f"COALESCE({{t}}published, {{t}}fetched_at) {sign} ?", (now - seconds,)
    if kind == "feed":
        return (
            "({t}source LIKE ? ESCAPE '\\' OR {t}feed_id IN (SELECT id FROM feeds "
            "WHERE title LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\'))",
            (_like(value),) * 3,
        )
    if kind == "section":
        path = SECTION_SEPARATOR.join(part.strip() for part in value.split("/") if part.strip())
        return (
            "(lower({t}section_path) = lower(?) OR "
            "lower(substr({t}section_path, 1, ?)) = lower(?))",
            (path, len(path) + 1, path + SECTION_SEPARATOR),
        )
    if kind == "title":
        return "{t}title LIKE ? ESCAPE '\\'", (_like(value),)
    if kind == "author":
        return "{t}authors LIKE ? ESCAPE '\\'", (_like(value),)
    words = " ".join(f'"{word}"*' for word in search_terms(value))  # quoted: never syntax
    return "{t}rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", (words,)


def _like(value: str) -> str:
    """`%value%` with LIKE's own wildcards in the value taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # open, close, minus, and, or, not, term
    term: Term | None = None


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if not text[position:].strip():
            break
        found = _TOKEN.match(text, position)
        assert found is not None  # every character starts some token
        position = found.end()
        groups = found.groupdict()
        if groups["stray"]:
            raise QueryError('a quote (") is never closed')
        if groups["open"] or groups["close"] or groups["minus"]:
            tokens.append(_Token(next(k for k in ("open", "close", "minus") if groups[k])))
        elif groups["field"] and (groups["value"] or "").startswith("//"):
            tokens.append(_Token("term", _words(found.group().strip())))  # an address
        elif groups["field"]:
            tokens.append(_Token("term", _field(groups)))
        elif groups["phrase"] is not None:
            tokens.append(_Token("term", _words(groups["phrase"])))
        else:
            tokens.append(_word(groups["word"]))
    return tokens


def _field(groups: dict[str, str | None]) -> Term:
    field = (groups["field"] or "").lower()
    value = groups["quoted_value"] if groups["quoted_value"] is not None else groups["value"]
    value = (value or "").strip()
    if field not in FIELDS:
        raise QueryError(f'unknown field "{field}:" (there are {", ".join(FIELDS)})')
    if field == "section" and not value.strip("/ "):
        value = ""
    if not value:
        raise QueryError(f'"{field}:" needs a value, such as {field}:{_EXAMPLE[field]}')
    if field in ("newer", "older") and age_seconds(value) is None:
        raise QueryError(f'"{field}:" needs an age such as {EXAMPLES}, not "{value}"')
    return Term(field, value)


_EXAMPLE = {"feed": "Gazette", "section": "News/Local", "title": "bridge"}
_EXAMPLE |= {"author": "Lee", "newer": "3d", "older": "2w"}


def _word(word: str | None) -> _Token:
    word = word or ""
    if word in ("AND", "OR", "NOT"):  # only in capitals: "or" is a word to look for
        return _Token(word.lower())
    if word.lower() in (*MARKS, "today"):
        return _Token("term", Term(word.lower()))
    return _Token("term", _words(word))


def _words(text: str) -> Term:
    if not search_terms(text):
        raise QueryError(f'"{text}" has no word to look for')
    return Term("words", text)


class _Reader:
    """Recursive descent over the tokens: OR binds loosest, then AND, then NOT and `-`."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def _peek(self) -> str | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def any_of(self) -> Node:
        nodes = [self.all_of()]
        while self._peek() == "or":
            self.position += 1
            nodes.append(self.all_of())
        return nodes[0] if len(nodes) == 1 else Any(tuple(nodes))

    def all_of(self) -> Node:
        nodes = [self.one()]
        while self._peek() not in (None, "or", "close"):
            if self._peek() == "and":
                self.position += 1
            nodes.append(self.one())
        return nodes[0] if len(nodes) == 1 else All(tuple(nodes))

    def one(self) -> Node:
        kind = self._peek()
        if kind is None:
            raise QueryError("the query ends where a term should follow")
        self.position += 1
        if kind in ("minus", "not", "open"):
            self.depth += 1
            if self.depth > DEEPEST:
                raise QueryError(f"more than {DEEPEST} parentheses or negations in one another")
            if kind == "open":
                inner = self.any_of()
                if self._peek() != "close":
                    raise QueryError('"(" is never closed')
                self.position += 1
            else:
                inner = Not(self.one())
            self.depth -= 1
            return inner
        if kind in ("and", "or"):
            raise QueryError(f'"{kind.upper()}" needs a term on each side')
        if kind == "close":
            raise QueryError('")" has no "(" before it, or "()" is empty')
        token = self.tokens[self.position - 1]
        assert token.term is not None
        return token.term
