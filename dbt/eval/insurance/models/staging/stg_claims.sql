with source as (

    select * from {{ ref('raw_claims') }}

),

renamed as (

    select
        claim_id,
        claim_no as claim_number,
        policy_id,
        case cause_code
            when 'COL' then 'collision'
            when 'THF' then 'theft'
            when 'FIR' then 'fire'
            when 'GLS' then 'glass'
            when 'STM' then 'storm'
            when 'VAN' then 'vandalism'
            when 'WTR' then 'water_damage'
            when 'MED' then 'medical_expenses'
            when 'BAG' then 'lost_baggage'
            when 'CNX' then 'trip_cancellation'
        end as cause,
        case cat_code
            when 'ODL' then 'storm_odile'
            when 'FRZ' then 'january_freeze'
        end as catastrophe_event,
        loss_date,
        notified_date as reported_date,
        closed_date,
        reopened_date,
        case status_code
            when 'OPN' then 'open'
            when 'CLS' then 'closed'
            when 'REJ' then 'rejected'
            when 'ROP' then 'reopened'
        end as claim_status,
        handler_id as adjuster_id,
        outstanding_reserve_eur as reserve_eur,
        coalesce(fraud_flag = 'Y', false) as is_fraud_suspected

    from source

)

select * from renamed
