"""A <figure> to one Figure block: its picture, the caption, and the credit apart from it.

Publishers write the credit in a dozen ways: its own element ("credit", "byline",
<small>, <cite>), a label ("Photo: Jane Doe"), or the caption's last words ("... (AP)").
The reader shows the credit on its own line, so each way is taken apart here.
"""

from __future__ import annotations

import re

from newsterm.core.model import Figure
from newsterm.core.sources.html.elements import Element, inline_text, tag_name
from newsterm.core.sources.html.images import (
    first_in_srcset,
    image_url,
    is_decoration,
    is_tracking_pixel,
    meaningful_alt,
)
from newsterm.core.text.clean import clean_line
from newsterm.core.text.urls import absolute_url

__all__ = ["figure_from_element", "split_credit", "strip_credit_label"]

_CREDIT_MARK = re.compile(
    r"credit|copyright|source|byline|attribution|photographer|creator|author", re.IGNORECASE
)
_CAPTION_MARK = re.compile(r"caption|description|summary", re.IGNORECASE)
_CREDIT_TAGS = frozenset({"small", "cite"})
# A credit label at the start of a credit ("Credit:", "Photo", "CreditJane Doe").
_CREDIT_LABEL = re.compile(
    r"^(?:(?i:credits?|photo(?:graph)?s?|images?|pictures?|illustrations?|sources?|fotos?|bild"
    r"|foto)\s*(?:by\b)?\s*(?:[:：.\-–—|]\s*|(?=[A-Z\u00c0-\u024f])))+"
)
# A credit phrase at the end of a caption: "... Photo: Jane Doe", "... (Getty Images)".
_TRAILING_LABELLED = re.compile(
    r"(?:^|(?<=[\s.;,!?)\]]))(?i:photo(?:graph)?s?|credits?|sources?|images?|pictures?"
    r"|illustrations?|fotos?|bild)\s*(?:by\s+|[:：]\s*)(?P<credit>[^()]{1,120})$"
)
_BARE_CREDIT = re.compile(r"^[^.!?:;/]{2,60}\s?/\s?[^.!?:;/]{2,40}$")
_TRAILING_PAREN = re.compile(r"\s*\((?P<credit>[^()]{1,120})\)\s*$")
_AGENCY = re.compile(
    r"(?i:\b(?:photo(?:graph)?|foto|bild|credit|image|picture|illustration|video)\b)"
    r"|\b(?:AP|AFP|EPA|PA|UPI|dpa|ANP|Reuters|Getty|Associated Press|Shutterstock|Alamy"
    r"|Bloomberg|Xinhua|Corbis|iStock|Sipa|ZUMA|NurPhoto|WireImage|Wikimedia|Courtesy)\b"
    r"|\s/\s|/\S"
)


def figure_from_element(figure: Element, base_url: str | None) -> Figure | None:
    """A <figure>: first image, its alt, the caption and the credit split from it; None
    when no words describe it (the figure would be an empty panel)."""
    caption_el = next(figure.iter("figcaption"), None)
    img = next((i for i in figure.iter("img") if image_url(i, base_url)), None)
    if img is None:
        img = next(figure.iter("img"), None)
    if img is None and caption_el is None:
        return None
    url = image_url(img, base_url) if img is not None else None
    if url is None:
        source = next(figure.iter("source"), None)
        if source is not None:
            url = absolute_url(
                first_in_srcset(source.get("srcset") or source.get("data-srcset")), base_url
            )
    if (
        img is not None
        and caption_el is None
        and (is_tracking_pixel(img, url) or is_decoration(img, url))
    ):
        return None
    alt = meaningful_alt(clean_line(img.get("alt")), url) if img is not None else ""
    credit_els = _credit_elements(figure, caption_el)
    credit = clean_line(" ".join(inline_text(c, hidden=False) for c in credit_els))
    caption = ""
    if caption_el is not None:
        caption = clean_line(inline_text(caption_el, hidden=False, exclude=credit_els))
    if not credit and caption:
        caption, credit = split_credit(caption)
    credit = strip_credit_label(credit) if credit else ""
    if not (alt or caption or credit):
        return None  # a picture nothing describes would be an empty panel
    return Figure(image=url, alt=alt, caption=caption, credit=credit)


def split_credit(caption: str) -> tuple[str, str]:
    """Split a trailing credit ("Photo: X", "(Getty Images)") off a plain caption."""
    if _BARE_CREDIT.match(caption):
        return "", caption  # the whole caption is "Name/Agency"
    match = _TRAILING_LABELLED.search(caption)
    if match:
        return caption[: match.start()].rstrip(" -–—|,;"), match.group("credit").strip()
    match = _TRAILING_PAREN.search(caption)
    if match and _AGENCY.search(match.group("credit")):
        return caption[: match.start()].rstrip(" -–—|,;"), strip_credit_label(match.group("credit"))
    return caption, ""


def strip_credit_label(credit: str) -> str:
    """ "Credit: Jane Doe" -> "Jane Doe" (and "CreditCredit Jane" from doubled labels)."""
    credit = credit.strip()
    if credit.startswith("(") and credit.endswith(")") and credit.count("(") == 1:
        credit = credit[1:-1].strip()
    stripped = _CREDIT_LABEL.sub("", credit).strip()
    return stripped or credit


def _credit_marks(el: Element) -> str:
    """Class, itemprop and id as written: where a figure says which part is the credit."""
    if not isinstance(el.tag, str):
        return ""
    return " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))


def _credit_elements(figure: Element, caption_el: Element | None) -> list[Element]:
    """Outermost elements marked up as a credit, not the caption container itself."""
    protected: set[Element] = set()
    if caption_el is not None:
        protected.add(caption_el)
        protected.update(caption_el.iterancestors())
    found: list[Element] = []
    for el in figure.iter():
        tag = tag_name(el)
        if not tag or el in protected or tag in ("img", "picture", "source", "meta"):
            continue
        if any(anc in found for anc in el.iterancestors()):
            continue
        if any(_CAPTION_MARK.search(_credit_marks(d)) for d in el.iterdescendants()):
            continue  # a wrapper around caption *and* credit, not the credit itself
        marks = _credit_marks(el)
        in_caption = caption_el is not None and caption_el in set(el.iterancestors())
        if (
            (marks and _CREDIT_MARK.search(marks))
            or (tag in _CREDIT_TAGS and in_caption)
            or (tag == "cite" and caption_el is not None)
        ):
            found.append(el)
    return found
