-- The first rows of one table ({table}) in storage order, for the asset's preview. $1 how many.
select * from "{table}" limit $1;
