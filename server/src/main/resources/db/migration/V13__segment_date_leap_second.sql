-- Segment dates (V11) refuse second 60 as well as hour 24: the cast rolled a leap second into the next
-- minute, where Java (segments/engine/Values.date) reads no date. Found by the engine's differential test.
create or replace function openprofile_segment_date(v text) returns timestamptz
language plpgsql immutable strict parallel safe as $$
declare
    m text[];
begin
    m := regexp_match(v, '^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$');
    -- hour 24 and second 60 are refused here: the cast would roll them over into the next day or minute
    if m is null or m[2] like '24:%' or m[2] ~ ':60' then
        return null;
    end if;
    if m[3] is null then
        return (m[1] || ' ' || coalesce(m[2], '00:00:00'))::timestamp at time zone 'UTC';
    end if;
    return (m[1] || ' ' || m[2] || m[3])::timestamptz;
exception when others then
    return null;
end $$;
