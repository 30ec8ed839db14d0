// The catalog bulk jobs (create, update and delete of items, variants and categories) through the official
// SDK's CatalogsApi (klaviyo-api 23.0.0), unchanged except for the base URL; unique external ids per run, reads
// scoped to them. What the tests hold the server to is docs/compatibility.md, "Catalog bulk jobs": a record the
// schema refuses makes the whole request a 400 at the record's pointer; a record stored state refuses fails
// alone, as one `errors[]` entry, and the job goes on.
//
// A job is accepted with 202 and processed asynchronously: tests poll the job's read until `complete`.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, notFound, quoted, sdk, sdkError, unique, waitForJobCompletion } from '../support/sdk.js';

const { CatalogsApi } = klaviyo;
const catalogs = sdk(CatalogsApi);

const compound = (externalId) => `$custom:::$default:::${externalId}`;
const idsOf = (resources) => resources.map((r) => r.id);

const itemAttributes = (externalId, extra = {}) => ({
  externalId, title: `Bulk ${externalId}`, description: 'From a job', url: `https://shop.example/${externalId}`, ...extra,
});
const variantAttributes = (externalId, extra = {}) => ({
  externalId, title: `Bulk variant ${externalId}`, description: 'From a job', sku: `SKU-${externalId}`, inventoryQuantity: 4,
  price: 12, url: `https://shop.example/v/${externalId}`, ...extra,
});

/** A bulk job's body: `entries` under `attributes.{member}.data`. */
const jobBody = (type, member, entries) => ({ data: { type, attributes: { [member]: { data: entries } } } });

/**
 * What every job answer shares: 202 on submit with the job's type, a status on the way and the count of
 * operations; the completed job's counts; its place in the collection of its kind (filtered by status).
 */
async function runJob({ submit, get, list, type, total, failed = 0 }) {
  const { response } = await submit();
  assert.equal(response.status, 202);
  const job = response.data.data;
  assert.equal(job.type, type);
  // answered once the job and its records are committed, before any is processed
  assert.equal(job.attributes.status, 'queued', JSON.stringify(job.attributes));
  assert.equal(job.attributes.total_count, total);
  assert.equal(job.attributes.completed_count, 0);
  assert.equal(job.attributes.failed_count, 0);
  assert.deepEqual(job.attributes.errors, []);
  assert.equal(job.attributes.completed_at, null);
  assert.match(job.attributes.created_at, TIMESTAMP);
  const done = await waitForJobCompletion(get, job.id);
  assert.equal(done.id, job.id);
  assert.equal(done.attributes.total_count, total);
  assert.equal(done.attributes.failed_count, failed, JSON.stringify(done.attributes));
  assert.equal(done.attributes.completed_count, total - failed, JSON.stringify(done.attributes));
  assert.match(done.attributes.completed_at, TIMESTAMP);
  // the collection of jobs of this kind holds it among the complete ones
  let found = false;
  let cursor;
  for (let guard = 0; guard < 50 && !found; guard++) {
    const { response: page } = await list({ filter: 'equals(status,"complete")', pageCursor: cursor });
    assert.equal(page.status, 200);
    for (const j of page.data.data) {
      assert.equal(j.type, type);
      assert.equal(j.attributes.status, 'complete');
      if (j.id === job.id) found = true;
    }
    if (!page.data.links.next) break;
    cursor = page.data.links.next;
  }
  assert.ok(found, `job ${job.id} not in its collection filtered by status complete`);
  return done;
}

describe('catalog item bulk jobs', () => {
  test('create, update and delete items by job; include=items shows what the job made', async () => {
    const tag = unique('BULKI');
    const exts = [0, 1, 2].map((i) => `${tag}-${i}`);
    const created = await runJob({
      type: 'catalog-item-bulk-create-job', total: 3,
      submit: () => catalogs.bulkCreateCatalogItems(jobBody('catalog-item-bulk-create-job', 'items',
        exts.map((e, i) => ({ type: 'catalog-item', attributes: itemAttributes(e, { price: 10 + i }) })))),
      get: (id) => catalogs.getBulkCreateCatalogItemsJob(id),
      list: (o) => catalogs.getBulkCreateCatalogItemsJobs(o),
    });
    const withItems = await catalogs.getBulkCreateCatalogItemsJob(created.id, { include: ['items'], fieldsCatalogItem: ['price'] });
    assert.deepEqual(idsOf(withItems.response.data.data.relationships.items.data).sort(), exts.map(compound).sort());
    assert.deepEqual(withItems.response.data.included.map((r) => [r.id, r.attributes.price]).sort(),
      exts.map((e, i) => [compound(e), 10 + i]).sort());
    const one = await catalogs.getCatalogItem(compound(exts[1]));
    assert.equal(one.response.data.data.attributes.title, `Bulk ${exts[1]}`);
    assert.equal(one.response.data.data.attributes.price, 11);

    // the middle record names an item that does not exist: it fails alone, at its id
    const ghost = compound(`${tag}-ghost`);
    const updated = await runJob({
      type: 'catalog-item-bulk-update-job', total: 3, failed: 1,
      submit: () => catalogs.bulkUpdateCatalogItems(jobBody('catalog-item-bulk-update-job', 'items',
        [exts[0], `${tag}-ghost`, exts[1]].map((e) => ({ type: 'catalog-item', id: compound(e), attributes: { title: `Renamed ${e}` } })))),
      get: (id) => catalogs.getBulkUpdateCatalogItemsJob(id),
      list: (o) => catalogs.getBulkUpdateCatalogItemsJobs(o),
    });
    assert.equal(updated.attributes.errors.length, 1, JSON.stringify(updated.attributes.errors));
    assert.equal(updated.attributes.errors[0].source.pointer, '/data/attributes/items/data/1/id');
    assert.ok(updated.attributes.errors[0].detail.includes(ghost), updated.attributes.errors[0].detail);
    assert.deepEqual(idsOf(updated.relationships.items.data), [compound(exts[0]), compound(exts[1])]);
    const after = await catalogs.getCatalogItems({ filter: `any(ids,${quoted(exts.map(compound))})` });
    assert.deepEqual(after.response.data.data.map((r) => [r.id, r.attributes.title, r.attributes.price]).sort(), [
      [compound(exts[0]), `Renamed ${exts[0]}`, 10], [compound(exts[1]), `Renamed ${exts[1]}`, 11], [compound(exts[2]), `Bulk ${exts[2]}`, 12],
    ].sort());

    const deleted = await runJob({
      type: 'catalog-item-bulk-delete-job', total: 2,
      submit: () => catalogs.bulkDeleteCatalogItems(jobBody('catalog-item-bulk-delete-job', 'items',
        exts.slice(1).map((e) => ({ type: 'catalog-item', id: compound(e) })))),
      get: (id) => catalogs.getBulkDeleteCatalogItemsJob(id),
      list: (o) => catalogs.getBulkDeleteCatalogItemsJobs(o),
    });
    assert.deepEqual(idsOf(deleted.relationships.items.data), exts.slice(1).map(compound));
    const left = await catalogs.getCatalogItems({ filter: `any(ids,${quoted(exts.map(compound))})` });
    assert.deepEqual(idsOf(left.response.data.data), [compound(exts[0])]);
  });

  test('a resource named twice in one request refuses it with a 400 at the second record', async () => {
    const ext = unique('BULKTWICE');
    const doc = await sdkError(catalogs.bulkCreateCatalogItems(jobBody('catalog-item-bulk-create-job', 'items',
      [itemAttributes(ext), itemAttributes(ext, { title: 'again' })].map((attributes) => ({ type: 'catalog-item', attributes })))), 400);
    assert.equal(doc.errors[0].source?.pointer, '/data/attributes/items/data/1/attributes/external_id', JSON.stringify(doc));
    await notFound(catalogs.getCatalogItem(compound(ext)));
  });

  test('an invalid entry refuses the whole job with a 400 pointing into the items, and nothing is made', async () => {
    const tag = unique('BULKBAD');
    const { title, ...noTitle } = itemAttributes(`${tag}-1`);
    const doc = await sdkError(catalogs.bulkCreateCatalogItems(jobBody('catalog-item-bulk-create-job', 'items',
      [{ type: 'catalog-item', attributes: itemAttributes(`${tag}-0`) }, { type: 'catalog-item', attributes: noTitle }])), 400);
    assert.equal(doc.errors[0].source?.pointer, '/data/attributes/items/data/1/attributes/title', JSON.stringify(doc));
    await notFound(catalogs.getCatalogItem(compound(`${tag}-0`)));
  });

  test('an entry whose external id exists fails on its own: counted and reported, the others are made', async () => {
    const tag = unique('BULKDUP');
    await catalogs.createCatalogItem({ data: { type: 'catalog-item', attributes: itemAttributes(`${tag}-taken`, { title: 'Original' }) } });
    const done = await runJob({
      type: 'catalog-item-bulk-create-job', total: 2, failed: 1,
      submit: () => catalogs.bulkCreateCatalogItems(jobBody('catalog-item-bulk-create-job', 'items',
        [`${tag}-taken`, `${tag}-new`].map((e) => ({ type: 'catalog-item', attributes: itemAttributes(e) })))),
      get: (id) => catalogs.getBulkCreateCatalogItemsJob(id),
      list: (o) => catalogs.getBulkCreateCatalogItemsJobs(o),
    });
    assert.equal(done.attributes.errors.length, 1, JSON.stringify(done.attributes.errors));
    const [e] = done.attributes.errors;
    assert.equal(e.code, 'conflict');
    assert.equal(e.source.pointer, '/data/attributes/items/data/0/attributes/external_id');
    assert.ok(e.detail.includes(compound(`${tag}-taken`)), e.detail);
    assert.deepEqual(idsOf(done.relationships.items.data), [compound(`${tag}-new`)]);
    assert.equal((await catalogs.getCatalogItem(compound(`${tag}-taken`))).response.data.data.attributes.title, 'Original');
    assert.equal((await catalogs.getCatalogItem(compound(`${tag}-new`))).response.status, 200);
  });

  test('an unknown job id is a 404', async () => {
    await notFound(catalogs.getBulkCreateCatalogItemsJob('01ARZ3NDEKTSV4RRFFQ69G5FAV'));
    await notFound(catalogs.getBulkDeleteCatalogItemsJob('01ARZ3NDEKTSV4RRFFQ69G5FAV'));
  });
});

describe('catalog variant bulk jobs', () => {
  test('create, update and delete variants of an item by job', async () => {
    const tag = unique('BULKV');
    const { response: itemResponse } = await catalogs.createCatalogItem({ data: { type: 'catalog-item', attributes: itemAttributes(`${tag}-item`) } });
    const item = itemResponse.data.data;
    const exts = [0, 1].map((i) => `${tag}-${i}`);
    const created = await runJob({
      type: 'catalog-variant-bulk-create-job', total: 2,
      submit: () => catalogs.bulkCreateCatalogVariants(jobBody('catalog-variant-bulk-create-job', 'variants', exts.map((e) => ({
                type: 'catalog-variant', attributes: variantAttributes(e),
                relationships: { item: { data: { type: 'catalog-item', id: item.id } } },
              })))),
      get: (id) => catalogs.getBulkCreateVariantsJob(id),
      list: (o) => catalogs.getBulkCreateVariantsJobs(o),
    });
    const withVariants = await catalogs.getBulkCreateVariantsJob(created.id, { include: ['variants'] });
    assert.deepEqual(withVariants.response.data.included.map((r) => r.attributes.sku).sort(), exts.map((e) => `SKU-${e}`).sort());
    const ofItem = await catalogs.getVariantsForCatalogItem(item.id);
    assert.deepEqual(idsOf(ofItem.response.data.data).sort(), exts.map(compound).sort());

    await runJob({
      type: 'catalog-variant-bulk-update-job', total: 1,
      submit: () => catalogs.bulkUpdateCatalogVariants(jobBody('catalog-variant-bulk-update-job', 'variants',
        [{ type: 'catalog-variant', id: compound(exts[0]), attributes: { inventoryQuantity: 0 } }])),
      get: (id) => catalogs.getBulkUpdateVariantsJob(id),
      list: (o) => catalogs.getBulkUpdateVariantsJobs(o),
    });
    assert.equal((await catalogs.getCatalogVariant(compound(exts[0]))).response.data.data.attributes.inventory_quantity, 0);
    assert.equal((await catalogs.getCatalogVariant(compound(exts[1]))).response.data.data.attributes.inventory_quantity, 4);

    await runJob({
      type: 'catalog-variant-bulk-delete-job', total: 2,
      submit: () => catalogs.bulkDeleteCatalogVariants(jobBody('catalog-variant-bulk-delete-job', 'variants',
        exts.map((e) => ({ type: 'catalog-variant', id: compound(e) })))),
      get: (id) => catalogs.getBulkDeleteVariantsJob(id),
      list: (o) => catalogs.getBulkDeleteVariantsJobs(o),
    });
    assert.deepEqual((await catalogs.getVariantIdsForCatalogItem(item.id)).response.data.data, []);
    assert.equal((await catalogs.getCatalogItem(item.id)).response.status, 200);
  });
});

describe('catalog category bulk jobs', () => {
  test('create categories (with their items), rename one and delete them by job', async () => {
    const tag = unique('BULKC');
    const { response: itemResponse } = await catalogs.createCatalogItem({ data: { type: 'catalog-item', attributes: itemAttributes(`${tag}-item`) } });
    const item = itemResponse.data.data;
    const exts = [0, 1].map((i) => `${tag}-${i}`);
    const created = await runJob({
      type: 'catalog-category-bulk-create-job', total: 2,
      submit: () => catalogs.bulkCreateCatalogCategories(jobBody('catalog-category-bulk-create-job', 'categories', exts.map((e) => ({
                type: 'catalog-category', attributes: { externalId: e, name: `Name ${e}` },
                relationships: { items: { data: [{ type: 'catalog-item', id: item.id }] } },
              })))),
      get: (id) => catalogs.getBulkCreateCategoriesJob(id),
      list: (o) => catalogs.getBulkCreateCategoriesJobs(o),
    });
    const withCategories = await catalogs.getBulkCreateCategoriesJob(created.id, { include: ['categories'] });
    assert.deepEqual(withCategories.response.data.included.map((r) => r.attributes.name).sort(), exts.map((e) => `Name ${e}`).sort());
    assert.deepEqual(idsOf((await catalogs.getCategoryIdsForCatalogItem(item.id)).response.data.data).sort(), exts.map(compound).sort());

    await runJob({
      type: 'catalog-category-bulk-update-job', total: 1,
      submit: () => catalogs.bulkUpdateCatalogCategories(jobBody('catalog-category-bulk-update-job', 'categories',
        [{ type: 'catalog-category', id: compound(exts[0]), attributes: { name: `Renamed ${exts[0]}` } }])),
      get: (id) => catalogs.getBulkUpdateCategoriesJob(id),
      list: (o) => catalogs.getBulkUpdateCategoriesJobs(o),
    });
    assert.equal((await catalogs.getCatalogCategory(compound(exts[0]))).response.data.data.attributes.name, `Renamed ${exts[0]}`);

    await runJob({
      type: 'catalog-category-bulk-delete-job', total: 2,
      submit: () => catalogs.bulkDeleteCatalogCategories(jobBody('catalog-category-bulk-delete-job', 'categories',
        exts.map((e) => ({ type: 'catalog-category', id: compound(e) })))),
      get: (id) => catalogs.getBulkDeleteCategoriesJob(id),
      list: (o) => catalogs.getBulkDeleteCategoriesJobs(o),
    });
    await notFound(catalogs.getCatalogCategory(compound(exts[1])));
    assert.deepEqual((await catalogs.getCategoryIdsForCatalogItem(item.id)).response.data.data, []);
  });
});
