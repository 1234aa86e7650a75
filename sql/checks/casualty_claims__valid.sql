select (select count(*) - count(distinct claim_id) from casualty_claims)
     + (select count(*) from casualty_claims c
          left join documents d using (doc_id)
          left join sentences s on s.doc_id = c.doc_id and s.sentence_no = c.sentence_no
         where d.doc_id is null or s.doc_id is null
            or c.outcome not in ('killed', 'injured')
            or c.scope not in ('event', 'cumulative')
            or c.victim_group not in ('civilians', 'combatants', 'unknown')
            or c.count_low < 0 or c.count_high < 0 or c.count_low > c.count_high
            or (c.quantified and c.count_low is null)
            or c.char_start < 0 or c.char_end > d.n_chars
            or substr(d.text, c.char_start + 1, c.char_end - c.char_start) <> c.mention_text)
     + (select count(*) from casualty_claims c
          where (c.victim_actor_id is not null and c.victim_actor_id not in (select actor_id from actors))
             or (c.perpetrator_actor_id is not null and c.perpetrator_actor_id not in (select actor_id from actors))
             or (c.claimed_by_actor_id is not null and c.claimed_by_actor_id not in (select actor_id from actors))
             or (c.location_id is not null and c.location_id not in (select location_id from locations)));
