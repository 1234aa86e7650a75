"""How the alias builder settles the condition of a form two aliases of one entity reach."""

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.arabic.variants import SpellingGroup
from pipelines.lib.extract.automaton import LOCATION, Entry, KeyBuilder

SPELLING = (SpellingGroup((normalize("سوريا"), normalize("سورية")), True),)


def _conditions(builder: KeyBuilder) -> dict[str, str]:
    """Each form's condition for the one entity (the builder's table, which ``build`` turns into keys)."""
    builder.build()
    return {form: slot[(LOCATION, "country:sy")] for form, slot in builder._forms.items()}


def test_a_condition_written_for_a_form_wins_over_the_one_it_gets_as_a_variant() -> None:
    for order in ((("سوريا", ""), ("سورية", "cue")), (("سورية", "cue"), ("سوريا", ""))):
        builder = KeyBuilder(spelling=SPELLING)
        for alias, condition in order:
            builder.add(alias, Entry(LOCATION, "country:sy", condition))
        builder.add("شمال سوريا", Entry(LOCATION, "country:sy", ""))
        conditions = _conditions(builder)
        assert conditions[normalize("سورية")] == "cue"
        assert conditions[normalize("سوريا")] == ""
        assert conditions[normalize("شمال سورية")] == ""   # a variant of a longer alias keeps its condition


def test_of_two_written_conditions_for_one_form_the_weaker_stays() -> None:
    builder = KeyBuilder(spelling=SPELLING)
    builder.add("سورية", Entry(LOCATION, "country:sy", "cue"))
    builder.add("سورية", Entry(LOCATION, "country:sy", ""))
    assert _conditions(builder)[normalize("سورية")] == ""
