-- One row per member account (subscription), current and former members alike, with lifetime usage.

with members as (

    select * from {{ ref('stg_members') }}

),

plans as (

    select * from {{ ref('stg_plans') }}

),

usage as (

    select
        member_id,
        count(*) as lifetime_trip_count,
        max(started_at::date) as last_trip_date
    from {{ ref('stg_trips') }}
    where member_id is not null
    group by member_id

)

select
    members.member_id::integer as member_id,
    members.member_number::text as member_number,
    members.first_name::text as first_name,
    members.last_name::text as last_name,
    (members.first_name || ' ' || members.last_name)::text as full_name,
    members.email::text as email,
    members.phone::text as phone,
    members.age_band::text as age_band,
    members.home_district::text as home_district,
    members.plan_code::text as plan_code,
    plans.plan_name::text as plan_name,
    members.membership_status::text as membership_status,
    members.signup_date::date as signup_date,
    members.cancellation_date::date as cancellation_date,
    members.cancellation_reason::text as cancellation_reason,
    (members.membership_status = 'active')::boolean as is_active,
    members.has_marketing_consent::boolean as has_marketing_consent,
    coalesce(usage.lifetime_trip_count, 0)::integer as lifetime_trip_count,
    usage.last_trip_date::date as last_trip_date

from members
left join plans
    on members.plan_code = plans.plan_code
left join usage
    on members.member_id = usage.member_id
