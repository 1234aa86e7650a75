-- Every claim's counts are zero or more with count_low <= count_high, and a quantified claim has a count.
select count(*) from casualty_claims
 where count_low < 0 or count_high < 0 or count_low > count_high
    or (quantified and count_low is null);
