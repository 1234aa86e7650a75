"""Titles and roles that introduce a named person, given names, and the words that cannot be in a name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.lib.reference.yaml_io import read_mapping, word_list

FILE = "person_roles.yaml"


@dataclass(frozen=True)
class PersonRoles:
    strong_titles: tuple[str, ...]    # any name after them is taken: "الناطق باسم", "الناشط", "العميد"
    titles: tuple[str, ...]           # right before a name that starts with a given name: "الرئيس"
    roles: tuple[str, ...]            # a complement, then a name that starts with a given name: "مدير"
    name_particles: frozenset[str]    # "عبد", "أبو", "بن", "دي" ...
    given_names: frozenset[str]
    saying_verbs: frozenset[str]      # "قال فلان الفلاني المتحدث باسم ...": a name stands between them and a role
    clause_breaks: frozenset[str]     # end the search for a name
    name_stopwords: frozenset[str]    # cannot be part of a name
    trigger_words: frozenset[str]     # every word of every title and role phrase: none is part of a name


def load_person_roles(reference_dir: Path) -> PersonRoles:
    path = reference_dir / FILE
    data = read_mapping(path)
    strong, titles, roles = (word_list(path, data, k) for k in ("strong_titles", "titles", "roles"))
    return PersonRoles(
        strong_titles=strong,
        titles=titles,
        roles=roles,
        name_particles=frozenset(word_list(path, data, "name_particles")),
        given_names=frozenset(word_list(path, data, "given_names")),
        saying_verbs=frozenset(word_list(path, data, "saying_verbs")),
        clause_breaks=frozenset(word_list(path, data, "clause_breaks")),
        name_stopwords=frozenset(word_list(path, data, "name_stopwords")),
        trigger_words=frozenset(w for phrase in strong + titles + roles for w in phrase.split()),
    )
