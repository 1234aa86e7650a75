-- Every incident counts at least one claim, article, outlet and independent source, and no more articles
-- or sources than claims.
select count(*)
from incidents
where n_claims < 1 or n_articles < 1 or n_outlets < 1 or n_independent_sources < 1
   or n_articles > n_claims or n_independent_sources > n_claims;
