-- Incidents the current placing rewrote.
select count(*) from affected_incidents;
