-- Every place's coordinates are on the globe, come as a latitude and longitude pair or not at all, and are
-- never 0,0 (an unresolved place has none rather than a fake point).
select count(*) from locations
 where lat not between -90 and 90 or lon not between -180 and 180
    or (lat is null) <> (lon is null) or (lat = 0 and lon = 0);
