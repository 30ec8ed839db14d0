-- :n catalog items (ids $custom:::$default:::BENCH-1..n, one second apart in `created`, the doc the API writes for
-- an item with these attributes) and the links of two categories that each hold half of them: :'spread' the
-- even-numbered items (interleaved with the others in created order), :'newest' the newer half.
insert into catalog_item (account_id, id, external_id, title, published, created, updated, doc)
select :'acct', '$custom:::$default:::BENCH-' || i, 'BENCH-' || i, 'Bench item ' || i, true,
       timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second',
       jsonb_build_object('url', 'https://shop.example/BENCH-' || i, 'price', 10 + i % 90, 'description', 'Bench item number ' || i,
                          'catalog_type', '$default', 'integration_type', '$custom')
from generate_series(1, :n) i;
insert into catalog_item_category (account_id, item_id, category_id)
select :'acct', '$custom:::$default:::BENCH-' || i, :'spread' from generate_series(2, :n, 2) i
union all
select :'acct', '$custom:::$default:::BENCH-' || i, :'newest' from generate_series(:n / 2 + 1, :n) i;
