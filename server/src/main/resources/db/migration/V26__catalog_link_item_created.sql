-- A link keeps its item's created (which never changes), so the items of one category page in created order
-- through this index instead of walking every item and probing its links (docs/benchmarks.md, "Catalog reads":
-- a category of the newest half of 100,000 items read 50,000 items a page).
alter table catalog_item_category add column item_created timestamptz;
update catalog_item_category l set item_created = i.created
  from catalog_item i where i.account_id = l.account_id and i.id = l.item_id;
alter table catalog_item_category alter column item_created set not null;
drop index catalog_item_category_by_category;
create index catalog_item_category_by_category on catalog_item_category (account_id, category_id, item_created, item_id);
