-- An organisation id stands for one canonical name, wherever it is computed.
select
    organization_id,
    list(distinct organization_name order by organization_name) as names
from {{ ref('int_organization_names_resolved') }}
group by organization_id
having count(distinct organization_name) > 1
