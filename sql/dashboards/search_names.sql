-- English names of places and actors with the Arabic forms that find them in the text: the Arabic name
-- and every surface form the pipeline has matched for that place or actor (so "Hezbollah" finds
-- "حزب الله" although the dictionary's name is "حزب الله اللبناني").
select l.name_en, l.name_ar, list(distinct m.surface) filter (where m.surface is not null) as surfaces
from locations l
left join location_mentions m on m.location_id = l.location_id
where l.name_en is not null
group by l.location_id, l.name_en, l.name_ar
union all
select a.name_en, a.name_ar, list(distinct m.surface) filter (where m.surface is not null)
from actors a
left join actor_mentions m on m.actor_id = a.actor_id
where a.name_en is not null
group by a.actor_id, a.name_en, a.name_ar;
