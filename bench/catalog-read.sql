-- The first page of get_catalog_items?filter=equals(category.id,"...")&page[size]=100 as the server sends it:
-- the link table keeps its item's created (V26), so ResourceService reads a category's items through it
-- (ResourceStore.linkedPage -> store/PagedQuery: keyset on the link's item_created then item_id, limit page[size] + 1),
-- the category term taken out of the filter, which leaves TRUE. catalog-read.sh checks this text against the
-- statement the server runs.
select t.id, t.created, t.updated, t.external_id, t.title, t.published, t.doc, l.item_created::text as sort_key from catalog_item_category l join catalog_item t on t.account_id = l.account_id and t.id = l.item_id where l.account_id = :acct and l.category_id = :cat and (TRUE) order by l.item_created asc, l.item_id asc limit :lim;
