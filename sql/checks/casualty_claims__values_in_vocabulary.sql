-- Every claim's outcome is killed or injured, its scope event or cumulative, and its victim group civilians,
-- combatants or unknown.
select count(*) from casualty_claims
 where outcome is null or outcome not in ('killed', 'injured')
    or scope is null or scope not in ('event', 'cumulative')
    or victim_group is null or victim_group not in ('civilians', 'combatants', 'unknown');
