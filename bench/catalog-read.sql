-- The first page of get_catalog_items?filter=equals(category.id,"...")&page[size]=100 as the server sends it:
-- ResourceStore.page -> store/PagedQuery (keyset on the default sort, created then id, limit page[size] + 1)
-- with the filter from SqlFilter.translate (category.id is a related field: an EXISTS on the link table) and
-- the collection's scope ("true"). catalog-read.sh checks this text against the statement the server runs.
select t.id, t.created, t.updated, t.external_id, t.title, t.published, t.doc, t.created::text as sort_key from catalog_item t where t.account_id = :acct and true and (EXISTS (SELECT 1 FROM catalog_item_category l WHERE l.account_id = t.account_id AND l.item_id = t.id AND l.category_id = :cat)) order by t.created asc, t.id asc limit :lim;
