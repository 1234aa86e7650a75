-- Every event date range, of a claim or of an incident, runs forward (from ≤ to).
select (select count(*) from casualty_claims where event_date_low > event_date_high)
     + (select count(*) from incidents where event_date_low > event_date_high);
