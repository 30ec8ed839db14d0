-- Bulk-loads the segments benchmark's profiles lo..hi straight into the server's tables (psql -v acct=... -v lo=...
-- -v hi=... -v t0=...): the profiles, their consent documents and their suppressions. Ids are 26 characters like the
-- server's ULIDs ('01BENCH' + 19 digits). Each attribute is drawn from its own hash of the profile's number
-- (hashint8extended with a seed of its own), so country, consent and suppression are independent of each other
-- and of the recent buyers (every tenth profile, segments_events.sql).

-- Country: a custom property with a spread like a shop's (US 35%, GB 12%, DE 10%, ... 8% without one).
insert into profile (account_id, id, email, first_name, last_name, properties, created, updated)
select :'acct',
       '01BENCH' || lpad(n::text, 19, '0'),
       'seg-' || n || '@bench.example',
       'Bench',
       'User ' || n,
       jsonb_strip_nulls(jsonb_build_object(
           'Country', case when h < 35 then 'US' when h < 47 then 'GB' when h < 57 then 'DE' when h < 64 then 'FR'
                           when h < 70 then 'CA' when h < 75 then 'AU' when h < 79 then 'NL' when h < 82 then 'SE'
                           when h < 85 then 'ES' when h < 88 then 'IT' when h < 90 then 'JP' when h < 92 then 'BR' end,
           'plan', case when n % 3 = 0 then 'pro' else 'free' end,
           'signup_source', case when n % 4 = 0 then 'checkout' else 'popup' end,
           'seq', n)),
       created,
       created
from (select n, abs(hashint8extended(n, 11)) % 100 as h,
             :'t0'::timestamptz - interval '730 days' + (abs(hashint8extended(n, 12)) % 63072000) * interval '1 second' as created
      from generate_series(:lo::bigint, :hi::bigint) as n) s;

-- Email marketing consent as consent/ConsentStore writes it (ConsentStateJson without the suppression arrays, which
-- are rows of their own): 40% SUBSCRIBED, 10% UNSUBSCRIBED, the rest never touched (no row: NEVER_SUBSCRIBED).
insert into profile_consent (account_id, profile_id, state)
select :'acct',
       '01BENCH' || lpad(n::text, 19, '0'),
       jsonb_build_object('version', 1,
           'channels', jsonb_build_object('EMAIL_MARKETING', jsonb_build_object(
               'consent', case when c < 40 then 'SUBSCRIBED' else 'UNSUBSCRIBED' end,
               'consent_timestamp', at, 'last_updated', at, 'method', 'API')),
           'suppressions', '[]'::jsonb, 'list_suppressions', '[]'::jsonb, 'pending', '[]'::jsonb)
from (select n, abs(hashint8extended(n, 22)) % 100 as c,
             to_char((:'t0'::timestamptz - (abs(hashint8extended(n, 23)) % 31536000) * interval '1 second') at time zone 'UTC',
                     'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
      from generate_series(:lo::bigint, :hi::bigint) as n) s
where c < 50;

-- Suppressions (ConsentStore reads them only for profiles with a consent row): 5% of the subscribed profiles
-- bounced or complained (2% of all; they cannot receive email whatever their consent), and half of the
-- unsubscribed ones carry the UNSUBSCRIBE suppression.
insert into profile_suppression (account_id, profile_id, reason, suppressed_at)
select :'acct',
       '01BENCH' || lpad(n::text, 19, '0'),
       case when c >= 40 then 'UNSUBSCRIBE' when s < 3 then 'HARD_BOUNCE' else 'SPAM_COMPLAINT' end,
       :'t0'::timestamptz - (abs(hashint8extended(n, 34)) % 31536000) * interval '1 second'
from (select n, abs(hashint8extended(n, 22)) % 100 as c, abs(hashint8extended(n, 33)) % 100 as s
      from generate_series(:lo::bigint, :hi::bigint) as n) x
where (c < 40 and s < 5) or (c >= 40 and c < 50 and s < 50);
