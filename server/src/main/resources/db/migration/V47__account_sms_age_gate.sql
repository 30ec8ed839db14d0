-- Klaviyo's SMS age-gating (help article 17252552814875), an account setting the operator turns on: SMS consent then
-- needs the profile's age_gated_date_of_birth, at least the minimum age of the phone number's country
-- (docs/compatibility.md, "Consent").
alter table account add column sms_age_gate boolean not null default false;
