-- Every extracted span of one document, for highlighting: claim phrases, actors, places.
select 'claim' as kind, char_start, char_end,
       outcome || ' ' || coalesce(count_low::varchar, '?')
       || case when count_high is distinct from count_low then '–' || coalesce(count_high::varchar, '…') else '' end
       || ' · ' || victim_group as label
from mart_claims where doc_id = $doc_id
union all
select 'actor', char_start, char_end, name_ar || coalesce(' · ' || name_en, '') || ' (' || actor_type || ')'
from mart_actor_mentions where doc_id = $doc_id
union all
select 'location', char_start, char_end,
       name_ar || coalesce(' · ' || name_en, '') || ' (' || coalesce(governorate, 'unknown') || ')'
from mart_location_mentions where doc_id = $doc_id
order by char_start, char_end;
