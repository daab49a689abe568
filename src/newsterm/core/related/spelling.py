"""British and American spellings folded into one form, before stemming.

The form need not be a real word: both spellings only have to land on the same
one. So the rules are applied to every word alike ("promise" becomes "promize"
in every outlet), and only the few spellings no rule covers are listed.
"""

from __future__ import annotations

import re

_WORDS = {
    "aeroplane": "airplane",
    "aluminium": "aluminum",
    "ageing": "aging",
    "amongst": "among",
    "cheque": "check",
    "cheques": "checks",
    "cosy": "cozy",
    "defence": "defense",
    "draught": "draft",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "grey": "gray",
    "jewellery": "jewelry",
    "judgement": "judgment",
    "kerb": "curb",
    "licence": "license",
    "licences": "licenses",
    "manoeuvre": "maneuver",
    "mould": "mold",
    "offence": "offense",
    "offences": "offenses",
    "plough": "plow",
    "practise": "practice",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "pyjamas": "pajamas",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "storey": "story",
    "storeys": "stories",
    "tyre": "tire",
    "tyres": "tires",
    "whilst": "while",
    "learnt": "learned",
    "burnt": "burned",
    "spelt": "spelled",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "paediatric": "pediatric",
    "anaemia": "anemia",
    "leukaemia": "leukemia",
    "oestrogen": "estrogen",
    "foetus": "fetus",
    "orthopaedic": "orthopedic",
    "encyclopaedia": "encyclopedia",
    "mum": "mom",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
}

_RULES = [
    (re.compile(r"(\w{2,})our(s|ed|ing|er|ers|ite|ites|able)?$"), r"\1or\2"),  # harbour
    (re.compile(r"(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),  # organise
    (re.compile(r"(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),  # analyse
    (re.compile(r"(\w{2,})(t|b)re(s)?$"), r"\1\2er\3"),  # centre, theatre, fibre
    (re.compile(r"(\w{2,})ell(ed|ing|er|ers)$"), r"\1el\2"),  # travelled, cancelled
]


def american(word: str) -> str:
    """One spelling for a (lower-case) word an outlet may spell either way."""
    if word in _WORDS:
        return _WORDS[word]
    if len(word) < 5:
        return word
    for pattern, replacement in _RULES:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word
