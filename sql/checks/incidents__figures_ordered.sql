-- Every incident's figures are ordered per outcome (low ≤ best ≤ high), all three given or none.
select count(*)
from incidents
where not (killed_low <= killed_best and killed_best <= killed_high)
      and not (killed_low is null and killed_best is null and killed_high is null)
   or not (injured_low <= injured_best and injured_best <= injured_high)
      and not (injured_low is null and injured_best is null and injured_high is null);
