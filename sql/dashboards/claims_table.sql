-- Every claim passing the filters, with its evidence sentence and where the claim phrase
-- sits in it (phrase_start, length of mention_text), the number as the article gives it
-- (reported) and a link to the article page, newest first.
select
    claim_id,
    doc_id,
    sentence_no,
    published_date,
    outlet,
    title,
    outcome,
    count_low,
    count_high,
    quantified,
    case
        when not quantified or count_low is null then 'unquantified'
        when count_high is null then count_low::varchar || '+'
        when count_low = count_high then count_low::varchar
        else count_low::varchar || '–' || count_high::varchar
    end as reported,
    scope,
    victim_group,
    victim_actor,
    perpetrator,
    claimant,
    location_name,
    governorate,
    cause,
    mention_text,
    evidence,
    phrase_start,
    'article?doc=' || url_encode(doc_id) as article_url
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
order by published_date desc nulls last, doc_id, sentence_no, char_start;
