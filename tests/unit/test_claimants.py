"""Claimants as entities: a person rolled up to whom he speaks for, generic sources unified by head and
qualifier, nothing for an unknown phrase."""

from pathlib import Path

import polars as pl
import pytest

from pipelines.lib.extract.claimants import ClaimantResolver
from pipelines.lib.reference.actors import load_actors
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"


@pytest.fixture(scope="module")
def resolver() -> ClaimantResolver:
    actors = load_actors(REFERENCE).actors
    detected = pl.DataFrame([("person:abc", "أبو محمد", None, "person", None, "jaysh_al_islam")],
                            schema=["actor_id", "name_ar", "name_en", "actor_type", "side", "parent_id"], orient="row")
    return ClaimantResolver(load_claim_lexicon(REFERENCE), pl.concat([actors, detected], how="vertical_relaxed"))


@pytest.mark.parametrize(
    ("actor_id", "claimant"),
    [
        ("rami_abdulrahman", "sohr"),          # a monitor's director speaks for the monitor
        ("person:abc", "jaysh_al_islam"),       # a detected spokesman ("الناطق باسم جيش الإسلام") for his faction
        ("sohr", "sohr"),
        ("sy_air_force", "sy_air_force"),      # a unit claims for itself: only persons roll up
    ],
)
def test_a_named_actor_is_the_claimant_and_a_person_speaks_for_his_organisation(resolver, actor_id, claimant):
    assert resolver.resolve(actor_id, "ignored text") == claimant


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("مصادر", "unnamed_sources"),
        ("المصادر", "unnamed_sources"),
        ("مصدر", "unnamed_sources"),
        ("المصدر ذاته", "unnamed_sources"),
        ("مصادر طبية", "unnamed_medical_sources"),
        ("المصادر الطبية في المدينة", "unnamed_medical_sources"),
        ("مصدر عسكري", "unnamed_military_sources"),
        ("لمصادر محلية", "local_sources"),
        ("مصادر ميدانية", "local_sources"),
        ("نشطاء", "activists"),
        ("ناشطون محليون", "activists"),
        ("شهود عيان", "witnesses"),
        ("وسائل الإعلام الرسمية", "media_reports"),
        ("مسؤولين أمنيين", "unnamed_security_sources"),
    ],
)
def test_generic_sources_unify_by_head_and_qualifier(resolver, text, claimant):
    assert resolver.resolve(None, text) == claimant


@pytest.mark.parametrize("text", ["الصحيفة", "مؤخرا", "هويته", "", None])
def test_no_claimant_without_a_name_or_a_source_word(resolver, text):
    assert resolver.resolve(None, text) is None


def test_every_generic_source_is_a_reference_actor_of_type_source():
    actors = load_actors(REFERENCE).actors
    types = dict(zip(actors["actor_id"], actors["actor_type"], strict=True))
    lexicon = load_claim_lexicon(REFERENCE)
    named = {s.actor_id for s in lexicon.generic_sources} | {a for s in lexicon.generic_sources
                                                             for _, a in s.qualifiers}
    assert named and all(types.get(a) == "source" for a in named)
    english = dict(zip(actors["actor_id"], actors["name_en"], strict=True))
    assert english["unnamed_medical_sources"] == "Unnamed medical sources"
