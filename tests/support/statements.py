"""The safety statements a parents' page must never get wrong, checked in its rendered HTML:
what a parent reads (the page's body, its footer and its description for search engines).

- "you or your partner": a sentence about sharing a bed after smoking, alcohol, drugs or
  medicines must say "you or your partner", as the source does;
- "walk away" never without putting the baby down safely in their cot, in the same statement
  (a paragraph, a heading, or a list read as a whole, such as numbered steps);
- no "a drink" (at 3 a.m. it can be read as alcohol);
- 999 and 111 are always links a phone dials.

Independent of the site's own code (core/dialling.py), so a mistake there is
found here."""

import re

from bs4 import BeautifulSoup

BED_SHARING = re.compile(r"\b(share|sharing|shares) a bed\b|\bbed sharing\b|co-sleeping", re.I)
PARTNER_MATTERS = re.compile(r"\bsmok|\balcohol\b|\bdrunk\b|\bdrugs?\b|\bmedicines?\b", re.I)
WALK_AWAY = re.compile(r"\bwalk(ing)? away\b", re.I)
IN_THEIR_COT = re.compile(r"\bdown safely\b.*\bcot\b|\bcot\b.*\bdown safely\b", re.I | re.S)
A_DRINK = re.compile(r"\b(a|have a|had a) drink\b", re.I)
# 999 or 111 on its own, not a group of a longer number ("0800 111 2222").
NUMBER = re.compile(r"(?<!\d)(?<!\d )(999|111)(?!\d)(?! \d)")
STATEMENTS = "p, h1, h2, h3, h4, h5, h6, td, th, legend, label, dt, dd, caption, summary, strong"


def _text(element):
    return " ".join(element.get_text(" ").split())


def _statements(soup):
    """Each statement as a parent reads it: a list as a whole (steps belong together), else
    each paragraph-like element; and the page's description."""
    for element in soup.body.select(f"ul, ol, {STATEMENTS}"):
        if element.name not in ("ul", "ol") and element.find_parent(["li"]):
            continue  # part of a list, read with the list
        yield element, _text(element)
    description = soup.select_one('meta[name="description"]')
    if description is not None:
        yield description, description.get("content", "")


def _context(element):
    """A list item's lead-in: the heading or sentence before its list ("Never share a bed
    with your baby if:")."""
    before = element.find_previous(["h2", "h3", "h4", "p"])
    return _text(before) if before is not None else ""


def problems(html):
    """Every broken safety statement in the page's HTML, as readable lines."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    found = []
    for element, text in _statements(soup):
        if WALK_AWAY.search(text) and not IN_THEIR_COT.search(text):
            found.append(f"'walk away' without the cot: {text!r}")
        if A_DRINK.search(text):
            found.append(f"'a drink' (say 'a glass of water or a cup of tea'): {text!r}")
        if element.name in ("ul", "ol"):
            lead_in = _context(element)
            for item in element.find_all("li", recursive=False):
                item_text = _text(item)
                if (
                    BED_SHARING.search(lead_in + " " + item_text)
                    and PARTNER_MATTERS.search(item_text)
                    and "you or your partner" not in item_text
                ):
                    found.append(f"bed sharing without 'you or your partner': {item_text!r}")
        elif (
            BED_SHARING.search(text)
            and PARTNER_MATTERS.search(text)
            and "you or your partner" not in text
        ):
            found.append(f"bed sharing without 'you or your partner': {text!r}")
    for string in soup.body.find_all(string=NUMBER):
        for match in NUMBER.finditer(string):
            number = match.group(1)
            link = string.find_parent("a")
            if link is None or link.get("href") != f"tel:{number}":
                found.append(f"{number} is not a link to call it: {' '.join(string.split())!r}")
    return found
