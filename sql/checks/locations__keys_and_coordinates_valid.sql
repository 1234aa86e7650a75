select (select count(*) - count(distinct location_id) from locations)
     + (select count(*) from locations where lat not between -90 and 90 or lon not between -180 and 180
            or (lat is null) <> (lon is null) or (lat = 0 and lon = 0));
