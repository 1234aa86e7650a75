-- One row per incident (read only when the warehouse has the table): its date range, place in both
-- languages with coordinates and precision, cause, perpetrator in both languages, per outcome the low /
-- best / high figures, and how many claims, articles, outlets and independent sources stand behind it.
-- Columns are described in dashboards/assets/columns.csv.
select *
from incidents_named()
order by event_date_low desc nulls last, incident_id;
