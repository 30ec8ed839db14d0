-- The experiment of catalog-read.sh (not what the server runs): the same first page when the link table carries
-- its item's `created` (column item_created, index catalog_item_category_by_category_created on (account_id,
-- category_id, item_created, item_id)): the page walks that index in order and reads PAGE_SIZE + 1 items by
-- primary key, however the category's items lie in created order.
select t.id, t.created, t.updated, t.external_id, t.title, t.published, t.doc, t.created::text as sort_key from catalog_item_category l join catalog_item t on t.account_id = l.account_id and t.id = l.item_id where l.account_id = :acct and l.category_id = :cat order by l.item_created asc, l.item_id asc limit :lim;
