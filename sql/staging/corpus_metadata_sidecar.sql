-- The sidecar's own raw_files row ($1 path): ok with $2 (what was read, what was reported) as its reason, or
-- quarantined when $3 is true (the file could not be read as a sidecar; $2 says why).
update raw_files
   set status = case when $3 then 'quarantined' else 'ok' end, reason = $2
 where path = $1 and status <> 'deleted';
