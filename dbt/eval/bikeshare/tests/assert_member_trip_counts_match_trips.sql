-- dim_members.lifetime_trip_count equals the member's trips in fct_trips.
select members.member_id
from {{ ref('dim_members') }} as members
left join (
    select member_id, count(*) as trips
    from {{ ref('fct_trips') }}
    where member_id is not null
    group by member_id
) as counted
    on members.member_id = counted.member_id
where members.lifetime_trip_count <> coalesce(counted.trips, 0)
