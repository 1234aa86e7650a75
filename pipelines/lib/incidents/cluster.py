"""Group event claims into incidents: one real act at one place within a short span (GUIDELINES "Incident").

Claims arrive in article order (date, then document, then position). Each article's claims are first gathered
into its own events (same or nested place, compatible dates); each event then joins the incident it fits best
among those already known — stored ones from earlier runs and ones created earlier in this pass — or founds a
new one. Nothing already placed is moved, so a new article joins or creates incidents without re-clustering
the corpus, and an incident keeps the id of the claim that founded it.

An event fits an incident when
- the places are the same, or one lies inside the other (a town and its governorate, a region and a town of
  its governorate; a governorate's capital is read as the governorate, "بإدلب" names both); two different
  towns never fit. Across articles, a claim placed only in the country, abroad or nowhere meets only
  incidents placed likewise, and fits them by the same act: a country-wide report cannot tell which town's
  incident it is (inside one article it joins the event it is told with);
- the dates agree: the ranges overlap (time words read, see ``event_dates``), or — for an article with no time
  word of its own, which reports an earlier attack in passing ("الهجوم الكيماوي على دوما") — the incident lies
  within ``LATE_DAYS`` before the article at the very same town and the act agrees (within ``RECALL_DAYS`` a
  definite "the attack", within ``DISTINCTIVE_DAYS`` a rare act of the incident, a chemical attack, is enough);
- the act does not contradict: two known causes that differ (an air strike, a shelling) are one incident only
  at the very same place on the very dates (a day's slack), never through a weekday read back;
- a date that does not pin the day (a month, a year) with a place only nested needs the same act.
Inside one article, an undated figure placed only in the country is the article's own news, not part of an
attack the article dates before its own days. Different numbers alone never part two claims.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

# An article may recall an attack of up to this many days before it without dating it, when the act agrees
# (cause or attacker); when it only names "the attack" definitely, up to RECALL_DAYS.
LATE_DAYS = 60
RECALL_DAYS = 30
# A rare act (incident_words.yaml: distinctive_causes, e.g. a chemical attack) at the very same place within
# this many days is one incident, whatever day each report's time words give it.
DISTINCTIVE_DAYS = 10
# A date range of at most this many days pins an event's day (an article's window does; a month or a year not).
PINNED_DAYS = 7
# Days a bucket of the date index spans; lookups read the buckets a range touches (plus LATE_DAYS back).
_BUCKET_DAYS = 7
_UNKNOWN_CAUSE = "unknown"
# How much a date basis is trusted: an explicit date over a word relative to the article over the article's window.
BASIS_RANK = {"unknown": 0, "article": 1, "relative": 2, "explicit": 3}
# Days a range may reach back and still agree with another (a day for any range: a night attack straddles two
# dates, and reports of it differ by one): a relative word
# ("الأربعاء", "أمس") may date the report rather than the attack ("قالت المنظمة الأربعاء إن 70 قتلوا").
_REACH_BACK = {"explicit": 1, "relative": 4, "article": 1, "unknown": 1}


@dataclass(frozen=True)
class Place:
    location_id: str | None
    admin1: str | None       # governorate (Syrian places); None abroad, for the country and for no place
    precision: int | None    # 1 the place itself, 2 a region or district, 3 a governorate, 4 a country
    broad: bool              # a region, a governorate or a governorate's capital: may hold other places

    @property
    def vague(self) -> bool:
        return self.location_id is None or self.precision == 4 or (self.admin1 is None and self.precision != 1)


@dataclass(frozen=True)
class EventClaim:
    claim_id: str
    doc_id: str
    published: date | None
    place: Place
    cause: str
    perpetrator: str | None
    low: date | None
    high: date | None
    basis: str               # explicit | relative | article | unknown (see event_dates)
    refers_back: bool = False  # its sentence names the attack definitely ("الهجوم")


@dataclass
class Profile:
    """What an incident (or one article's event) is known by, updated as claims join."""

    incident_id: str
    place: Place
    low: date | None
    high: date | None
    basis: str
    causes: Counter = field(default_factory=Counter)
    perpetrators: Counter = field(default_factory=Counter)
    refers_back: bool = False
    n_events: int = 1        # articles' events it holds (a tie goes to the better established incident)

    def __post_init__(self) -> None:
        self._settle()

    def _settle(self) -> None:
        """The most frequent cause and attacker, kept (read on every comparison)."""
        self.cause = max(self.causes, key=self.causes.__getitem__) if self.causes else None
        self.perpetrator = max(self.perpetrators, key=self.perpetrators.__getitem__) if self.perpetrators else None

    def absorb_counts(self) -> None:
        """Counts of causes or attackers were set from outside (a stored incident): settle them."""
        self._settle()

    def absorb(self, other: Profile) -> None:
        """Take in another claim or event: the narrower place, the dates of the better basis (the agreement
        of two ranges of one basis; disjoint ones keep the first), the causes and attackers."""
        self.place = _narrower(self.place, other.place)
        if BASIS_RANK[other.basis] > BASIS_RANK[self.basis]:
            self.low, self.high, self.basis = other.low, other.high, other.basis
        elif other.basis == self.basis and other.low is not None and self.low is not None:
            low, high = max(self.low, other.low), min(self.high, other.high)
            if low <= high:
                self.low, self.high = low, high
        self.causes.update(other.causes)
        self.perpetrators.update(other.perpetrators)
        self.refers_back = self.refers_back or other.refers_back
        self.n_events += other.n_events
        self._settle()


def _narrower(a: Place, b: Place) -> Place:
    if a.location_id is None or (b.precision is not None and (a.precision or 9) > b.precision):
        return b
    return a


def place_relation(a: Place, b: Place) -> str:
    """same | nested | vague | different."""
    if a.vague or b.vague:
        return "same" if a.location_id is not None and a.location_id == b.location_id else "vague"
    if a.location_id == b.location_id:
        return "same"
    if a.admin1 is not None and a.admin1 == b.admin1 and (a.broad or b.broad):
        return "nested"
    return "different"


def _overlap(a_low: date, a_high: date, b_low: date, b_high: date, slack: int) -> bool:
    return a_low - timedelta(days=slack) <= b_high and b_low - timedelta(days=slack) <= a_high


def _pinned(p: Profile) -> bool:
    return p.high - p.low <= timedelta(days=PINNED_DAYS)


def _reach(p: Profile) -> tuple[date, date]:
    return p.low - timedelta(days=_REACH_BACK[p.basis]), p.high


def date_relation(event: Profile, incident: Profile, published: date | None,
                  distinctive: frozenset[str] = frozenset()) -> str | None:
    """tight (text dates agree) | soft (an article's window agrees, or a rare act at the same place within
    DISTINCTIVE_DAYS) | late (an undated recall) | None."""
    if event.low is None or incident.low is None:
        return None
    if _overlap(*_reach(event), *_reach(incident), 0):
        return "soft" if "article" in (event.basis, incident.basis) else "tight"
    if event.cause is not None and event.cause == incident.cause and event.cause in distinctive \
            and _overlap(event.low, event.high, incident.low, incident.high, DISTINCTIVE_DAYS) \
            and place_relation(event.place, incident.place) == "same":
        return "soft"
    if event.basis == "article" and published is not None and incident.high < event.low \
            and incident.high >= published - timedelta(days=LATE_DAYS):
        return "late"
    return None


def act_relation(a: Profile, b: Profile) -> str:
    """agree (the same known cause; or the same attacker where a cause is unknown) | conflict (two known causes
    differ: an attacker such as "the regime forces" makes many attacks) | open."""
    if a.cause is not None and b.cause is not None:
        return "agree" if a.cause == b.cause else "conflict"
    return "agree" if a.perpetrator is not None and a.perpetrator == b.perpetrator else "open"


def fit(event: Profile, incident: Profile, published: date | None,
        distinctive: frozenset[str] = frozenset()) -> int | None:
    """How well one article's event fits an incident (higher is better), None when it does not."""
    place = place_relation(event.place, incident.place)
    if place == "different":
        return None
    when = date_relation(event, incident, published, distinctive)
    if when is None:
        return None
    act = act_relation(event, incident)
    # two different acts at one place are one incident only on the very dates (a day's slack for a night): a
    # weekday read back to an earlier day of the week ("قتلى الجمعة" after Wednesday's strike) is another attack
    if act == "conflict" and (place != "same" or not _overlap(event.low, event.high, incident.low, incident.high, 1)):
        return None
    if when == "late":   # an undated recall: the very place, and the same act or (recent) a definite "the attack"
        # or, within DISTINCTIVE_DAYS, a rare act (a chemical attack: the news of its town for days after it)
        recent = published is not None and incident.high >= published - timedelta(days=RECALL_DAYS)
        rare = incident.cause is not None and incident.cause in distinctive \
            and published is not None and incident.high >= published - timedelta(days=DISTINCTIVE_DAYS)
        # The very place is a town: a region or a governorate sees many attacks of one kind in weeks (daily air
        # strikes on a besieged region), so an undated figure there does not pin an earlier one.
        if place != "same" or event.place.precision != 1 or act == "conflict" \
                or not (act == "agree" or (recent and (event.refers_back or rare))):
            return None
    if place == "vague" and (act != "agree" or when == "late"):
        return None
    # a month or a year ("عام 2013") does not pin the day: with a place only nested, the act must agree as well
    if place == "nested" and act != "agree" and not (_pinned(event) and _pinned(incident)):
        return None
    score = {"same": 4, "nested": 2, "vague": 1}[place] + {"tight": 3, "soft": 2, "late": 0}[when]
    return score + {"agree": 2, "open": 0, "conflict": -1}[act]


def _event_profile(incident_id: str, claim: EventClaim) -> Profile:
    causes = Counter([claim.cause] if claim.cause and claim.cause != _UNKNOWN_CAUSE else [])
    perpetrators = Counter([claim.perpetrator] if claim.perpetrator else [])
    return Profile(incident_id, claim.place, claim.low, claim.high, claim.basis, causes, perpetrators,
                   claim.refers_back)


def _same_event_in_article(a: Profile, b: Profile) -> bool:
    """Two claims of one article tell one event: their places fit (or one has none) and their dates agree,
    or one of them has no time word of its own (it takes the date of the event it is told with)."""
    if place_relation(a.place, b.place) == "different":
        return False
    if a.low is None or b.low is None:
        return True
    if "article" in (a.basis, b.basis):
        undated, dated = (a, b) if a.basis == "article" else (b, a)
        # a figure placed only in the country or abroad, with no time word, is the article's own news: it is
        # not part of an attack the article dates before its own days (a recalled attack of last year)
        return not (_told_broadly(undated.place) and dated.basis != "article" and dated.high < undated.low)
    return _overlap(a.low, a.high, b.low, b.high, 0)


def _told_broadly(place: Place) -> bool:
    """Placed, but only in the country or abroad (no place at all is a figure told on with its event)."""
    return place.location_id is not None and place.vague


def article_events(claims: list[EventClaim]) -> list[tuple[Profile, list[str]]]:
    """One article's claims (in text order) gathered into its events: a claim joins the latest event it fits."""
    events: list[tuple[Profile, list[str]]] = []
    for claim in claims:
        own = _event_profile(claim.claim_id, claim)
        home = next((e for e in reversed(events) if _same_event_in_article(e[0], own)), None)
        if home is None:
            events.append((own, [claim.claim_id]))
        else:
            home[0].absorb(own)
            home[1].append(claim.claim_id)
    return events


class IncidentIndex:
    """Known incidents, found by place key and by week."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, int], list[Profile]] = defaultdict(list)
        self._keys: dict[str, set[tuple[str, int]]] = defaultdict(set)

    @staticmethod
    def _place_keys(place: Place) -> list[str]:
        if place.vague:
            return ["vague"] + ([f"loc:{place.location_id}"] if place.location_id else [])
        keys = [f"loc:{place.location_id}", f"adm:{place.admin1}"]
        return keys + ([f"broad:{place.admin1}"] if place.broad else [])

    @staticmethod
    def _weeks(low: date, high: date) -> Iterator[int]:
        first, last = low.toordinal() // _BUCKET_DAYS, high.toordinal() // _BUCKET_DAYS
        if last - first > 60:   # a year-long range: index its two ends, enough to meet year-dated recalls
            yield from (first, last)
            return
        yield from range(first, last + 1)

    def add(self, profile: Profile) -> None:
        if profile.low is None:
            return
        for key in self._place_keys(profile.place):
            for week in self._weeks(profile.low, profile.high):
                if (key, week) not in self._keys[profile.incident_id]:
                    self._buckets[(key, week)].append(profile)
                    self._keys[profile.incident_id].add((key, week))

    def candidates(self, event: Profile, published: date | None) -> Iterable[Profile]:
        if event.low is None:
            return []
        place = event.place
        if place.vague:
            keys = self._place_keys(place)
        else:
            keys = [f"loc:{place.location_id}", f"broad:{place.admin1}"]
            if place.broad:
                keys.append(f"adm:{place.admin1}")
        low = event.low - timedelta(days=LATE_DAYS if event.basis == "article" else DISTINCTIVE_DAYS + 1)
        found: dict[str, Profile] = {}
        for key in keys:
            for week in self._weeks(low, event.high + timedelta(days=DISTINCTIVE_DAYS + 1)):
                for p in self._buckets.get((key, week), ()):
                    found.setdefault(p.incident_id, p)
        return found.values()


def assign_incidents(claims: list[EventClaim], known: Iterable[Profile],
                     distinctive: frozenset[str] = frozenset()) -> dict[str, str]:
    """claim_id → incident_id for ``claims`` (sorted by article date, document, position), joining ``known``
    incidents or founding new ones (id: the founding claim's id). ``distinctive``: causes rare enough to tie
    reports of one place a few days apart."""
    index = IncidentIndex()
    for profile in known:
        index.add(profile)
    by_doc: dict[str, list[EventClaim]] = defaultdict(list)
    published: dict[str, date | None] = {}
    for claim in claims:
        by_doc[claim.doc_id].append(claim)
        published[claim.doc_id] = claim.published
    assigned: dict[str, str] = {}
    for doc_id, doc_claims in by_doc.items():
        for event, claim_ids in article_events(doc_claims):
            scored = [(s, p) for p in index.candidates(event, published[doc_id])
                      if (s := fit(event, p, published[doc_id], distinctive)) is not None]
            if scored:
                best = max(scored, key=lambda sp: (sp[0], BASIS_RANK[sp[1].basis], sp[1].n_events,
                                                   sp[1].high or date.min))[1]
                best.absorb(event)
            else:
                best = event
            index.add(best)
            for claim_id in claim_ids:
                assigned[claim_id] = best.incident_id
    return assigned
