// Custom objects through the official SDK's CustomObjectsApi (klaviyo-api 23.0.0), unchanged except for the base URL:
// all 39 operations of the tag. The story a Klaviyo user follows: a data source, an object type created with its schema
// and source mapping embedded, activated; records sent one by one and in bulk, read back with their ingestion logs
// (filtered); relationships to profiles and to another object type; a new schema version; a bulk delete; and at the end
// the type and the data source deleted. Then the errors the SDK surfaces (status and Klaviyo's error document).
// Every data source and object type has a unique title and is deleted by its test, so the file can share a server.
//
// `body` is the SDK's deserialized view (camelCase, Date objects); `response.data` is the raw JSON.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { CURSOR_MODES, TIMESTAMP, ULID, eventually, notFound, sdk, sdkError, unique, uniqueEmail } from '../support/sdk.js';

const { CustomObjectsApi, ProfilesApi } = klaviyo;
const objects = sdk(CustomObjectsApi);
const profiles = sdk(ProfilesApi);

/** The pointer of a faulty member of a record sent through create_data_source_record. */
const RECORD = '/data/attributes/data-source-record/data/attributes/record';

async function createDataSource(tag = 'source', attributes = {}) {
  const { response } = await objects.createDataSource({ data: { type: 'data-source', attributes: { title: unique(tag), ...attributes } } });
  assert.equal(response.status, 201, JSON.stringify(response.data));
  return response.data.data;
}

/** An order: one property of each type, its id at $['id'], a constant channel. */
const ORDER_PROPERTIES = [
  { id: 1, name: 'sku', type: 'string', description: 'what was bought' },
  { id: 2, name: 'quantity', type: 'int' },
  { id: 3, name: 'price', type: 'float' },
  { id: 4, name: 'gift', type: 'boolean' },
  { id: 5, name: 'ordered_at', type: 'timestamp' },
  { id: 6, name: 'channel', type: 'string' },
];
const simple = (id, sourceId, member) => ({ id, type: 'simple', source: { sourceId, idPath: "$['id']", dataPath: `$['${member}']` } });
const orderMappings = (sourceId) => [
  simple(1, sourceId, 'sku'), simple(2, sourceId, 'qty'), simple(3, sourceId, 'price'), simple(4, sourceId, 'gift'),
  simple(5, sourceId, 'at'), { id: 6, type: 'constant', value: 'web' },
];

async function createObjectType(title, schemaAttributes, attributes = {}) {
  const { response } = await objects.createObjectType({ data: { type: 'object-type', attributes: {
    title, description: `${title} from the shop`, ...attributes,
    ...(schemaAttributes && { objectSchema: { data: { type: 'object-schema', attributes: schemaAttributes } } }),
  } } });
  assert.equal(response.status, 201, JSON.stringify(response.data));
  return response.data.data;
}

const activate = (schemaId) => objects.updateObjectSchema(schemaId, { data: { type: 'object-schema', id: schemaId, attributes: { status: 'active' } } });
const sendOne = (sourceId, record) => objects.createDataSourceRecord({ data: {
  type: 'data-source-record-create-job',
  attributes: { dataSourceRecord: { data: { type: 'data-source-record', attributes: { record } } } },
  relationships: { dataSource: { data: { type: 'data-source', id: sourceId } } },
} });
const sendBulk = (sourceId, records) => objects.bulkCreateDataSourceRecords({ data: {
  type: 'data-source-record-bulk-create-job',
  attributes: { dataSourceRecords: { data: records.map((record) => ({ type: 'data-source-record', attributes: { record } })) } },
  relationships: { dataSource: { data: { type: 'data-source', id: sourceId } } },
} });
const bulkDelete = (ids) => objects.bulkDeleteObjectRecords({ data: {
  type: 'object-record-bulk-delete-job',
  relationships: { objectRecords: { data: ids.map((id) => ({ type: 'object-record', id })) } },
} });

/** Every record id of a type, through get_record_ids_for_object_type, following links.next. */
async function recordIds(typeId) {
  const ids = [];
  let cursor;
  for (let guard = 0; guard < 100; guard++) {
    const { response } = await objects.getRecordIdsForObjectType(typeId, { pageSize: 100, pageCursor: cursor });
    ids.push(...response.data.data.map((r) => { assert.equal(r.type, 'object-record'); return r.id; }));
    if (!response.data.links.next) return ids;
    cursor = response.data.links.next;
  }
  assert.fail('more than 100 pages');
}

/** The raw ingestion logs of a type matching a filter (all pages). */
async function logs(typeId, filter, options = {}) {
  const all = [];
  let cursor;
  for (let guard = 0; guard < 100; guard++) {
    const { response } = await objects.getIngestionLogsForObjectType(typeId, { filter, pageCursor: cursor, ...options });
    assert.equal(response.status, 200);
    all.push(...response.data.data);
    if (!response.data.links.next) return all;
    cursor = response.data.links.next;
  }
  assert.fail('more than 100 pages');
}

const record = async (compoundId) => (await objects.getObjectRecord(compoundId)).response.data.data;

describe('custom objects, the whole story', () => {
  test('a data source, an object type with its embedded schema and mapping, activation, records single and bulk, logs, relationships, a new version, bulk delete and the deletes', async () => {
    // --- the data source -------------------------------------------------------------------------------------------
    const source = await createDataSource('orders', { description: 'orders from the shop' });
    assert.equal(source.type, 'data-source');
    assert.match(source.id, ULID);
    assert.deepEqual(source.attributes, { title: source.attributes.title, visibility: 'private', description: 'orders from the shop', namespace: 'custom-objects' });
    const got = await objects.getDataSource(source.id);
    assert.deepEqual(got.response.data.data, source);
    const sparse = await objects.getDataSource(source.id, { fieldsDataSource: ['title'] });
    assert.deepEqual(sparse.response.data.data.attributes, { title: source.attributes.title });
    let listed = [];
    let cursor;
    for (let guard = 0; guard < 100; guard++) {   // other files and runs leave data sources: page until it is found
      const { response } = await objects.getDataSources({ pageSize: 100, pageCursor: cursor });
      assert.ok(response.data.data.length <= 100);
      listed.push(...response.data.data.map((s) => s.id));
      if (!response.data.links.next) break;
      cursor = response.data.links.next;
    }
    assert.ok(listed.includes(source.id), 'get_data_sources lists the new source');
    assert.equal(new Set(listed).size, listed.length, 'no data source twice across pages');

    // --- the object type, its draft schema and source mapping, embedded -----------------------------------------------
    const title = unique('Order');
    const type = await createObjectType(title, {
      properties: ORDER_PROPERTIES, required: ['sku'],
      sourceMapping: { data: { type: 'source-mapping', attributes: { propertyMappings: orderMappings(source.id) } } },
    });
    assert.match(type.id, ULID);
    assert.equal(type.attributes.title, title);
    assert.equal(type.attributes.description, `${title} from the shop`);
    assert.equal(type.attributes.status, 'draft');
    assert.equal(type.attributes.namespace, 'custom-objects');
    assert.match(type.attributes.created_at, TIMESTAMP);
    const draft = (await objects.getDraftSchemaForObjectType(type.id)).response.data.data;
    assert.match(draft.id, ULID);
    assert.equal(draft.attributes.status, 'draft');
    assert.equal(draft.attributes.title, title);
    assert.equal(draft.attributes.published_at ?? null, null);
    assert.deepEqual(draft.attributes.properties.map((p) => [p.id, p.name, p.type]), ORDER_PROPERTIES.map((p) => [p.id, p.name, p.type]));
    assert.equal(draft.attributes.properties[0].description, 'what was bought');
    assert.deepEqual(draft.attributes.required, ['sku']);
    assert.deepEqual((await objects.getDraftSchemaIdForObjectType(type.id)).response.data.data, { type: 'object-schema', id: draft.id });
    assert.equal((await objects.getCurrentSchemaForObjectType(type.id)).response.data.data, null);
    assert.equal((await objects.getCurrentSchemaIdForObjectType(type.id)).response.data.data, null);
    assert.deepEqual((await objects.getSchemaVersionsForObjectType(type.id)).response.data.data, [], 'a draft is not a version');
    assert.deepEqual((await objects.getSchemaVersionIdsForObjectType(type.id)).response.data.data, []);

    const mappingId = (await objects.getSourceMappingIdForObjectSchema(draft.id)).response.data.data;
    assert.equal(mappingId.type, 'source-mapping');
    const mapping = (await objects.getSourceMappingForObjectSchema(draft.id)).response.data.data;
    assert.equal(mapping.id, mappingId.id);
    assert.deepEqual(mapping.attributes.property_mappings[0], { id: 1, type: 'simple', source: { source_id: source.id, id_path: "$['id']", data_path: "$['sku']" } });
    assert.deepEqual(mapping.attributes.property_mappings[5], { id: 6, type: 'constant', value: 'web' });
    assert.deepEqual(mapping.attributes.relationship_mappings, []);
    assert.deepEqual((await objects.getSourceMapping(mapping.id)).response.data.data, mapping);
    const schemaWithMapping = await objects.getObjectSchema(draft.id, { include: ['source-mapping'] });
    assert.deepEqual(schemaWithMapping.response.data.data.relationships['source-mapping'].data, { type: 'source-mapping', id: mapping.id });
    assert.deepEqual(schemaWithMapping.response.data.included, [mapping]);

    // --- a record sent before activation waits (pending), then is processed on activation ------------------------------
    const early = await sendOne(source.id, { id: 'A-000', sku: 'EARLY', qty: 1 });
    assert.equal(early.response.status, 204);
    await notFound(objects.getObjectRecord(`${type.id}:::A-000`));

    // --- a relationship to profiles on the draft, mapped by email ----------------------------------------------------
    const buyer = await objects.createProfileSchemaRelationship(draft.id, { data: [{ type: 'profile-object-schema', id: 'profile', meta: { name: 'buyer', description: 'who ordered' } }] });
    assert.equal(buyer.response.status, 204);
    assert.deepEqual((await objects.getProfileSchemaRelationships(draft.id)).response.data.data, [{ type: 'profile-object-schema', id: 'profile:::buyer' }]);
    const withProfiles = (await objects.getObjectSchema(draft.id, { include: ['profile-object-schemas'] })).response.data;
    assert.deepEqual(withProfiles.data.relationships['profile-object-schemas'].data, [{ type: 'profile-object-schema', id: 'profile:::buyer' }]);
    const buyerMeta = withProfiles.included[0].attributes.meta;
    assert.match(buyerMeta.relationship_id, ULID);
    assert.equal(buyerMeta.name, 'buyer');
    assert.equal(buyerMeta.description, 'who ordered');
    const renamed = await objects.updateProfileSchemaRelationship(draft.id, { data: { type: 'profile-object-schema', id: 'profile', meta: { relationshipId: buyerMeta.relationship_id, name: 'customer' } } });
    assert.equal(renamed.response.status, 204);
    assert.deepEqual((await objects.getProfileSchemaRelationships(draft.id)).response.data.data, [{ type: 'profile-object-schema', id: 'profile:::customer' }]);
    // only relationship_mappings given: the property mappings stay
    const buyerMapping = { relationshipId: buyerMeta.relationship_id, type: 'simple', source: {
      sourceId: source.id, type: 'profile', idPath: "$['id']", relatedIdPaths: [{ identifierType: 'email', path: "$['email']" }] } };
    const updated = await objects.updateSourceMapping(mapping.id, { data: { type: 'source-mapping', id: mapping.id, attributes: {
      relationshipMappings: [buyerMapping],
    } } });
    assert.equal(updated.response.status, 200);
    assert.deepEqual(updated.response.data.data.attributes.property_mappings, mapping.attributes.property_mappings);
    assert.deepEqual(updated.response.data.data.attributes.relationship_mappings, [{ relationship_id: buyerMeta.relationship_id, type: 'simple', source: {
      source_id: source.id, type: 'profile', id_path: "$['id']", related_id_paths: [{ identifier_type: 'email', path: "$['email']" }], update_strategy: 'replace_from_origin' } }]);

    // --- activation ------------------------------------------------------------------------------------------------
    const active = await activate(draft.id);
    assert.equal(active.response.status, 200);
    assert.equal(active.response.data.data.attributes.status, 'active');
    assert.match(active.response.data.data.attributes.published_at, TIMESTAMP);
    const afterActivation = (await objects.getObjectType(type.id, { include: ['current-schema'] })).response.data;
    assert.equal(afterActivation.data.attributes.status, 'active');
    assert.deepEqual(afterActivation.data.relationships['current-schema'].data, { type: 'object-schema', id: draft.id });
    assert.equal(afterActivation.data.relationships['draft-schema']?.data ?? null, null);
    assert.equal(afterActivation.included[0].id, draft.id);
    assert.deepEqual((await objects.getCurrentSchemaIdForObjectType(type.id)).response.data.data, { type: 'object-schema', id: draft.id });
    assert.equal((await objects.getDraftSchemaForObjectType(type.id)).response.data.data, null);
    assert.deepEqual((await objects.getSchemaVersionIdsForObjectType(type.id)).response.data.data, [{ type: 'object-schema', id: draft.id }]);
    assert.deepEqual((await objects.getProfileTypeRelationships(type.id)).response.data.data, [{ type: 'profile-object-type', id: 'profile:::customer' }]);
    // the pending record is ingested by the backfill job
    const backfilled = await eventually('the pending record', () => objects.getObjectRecord(`${type.id}:::A-000`).then((r) => r.response.data.data, () => undefined), () => true);
    assert.deepEqual(backfilled.attributes.record_properties, { sku: 'EARLY', quantity: 1, channel: 'web' });

    // --- one record, processed in the request: every type, normalized ---------------------------------------------
    const email = uniqueEmail('co-buyer');
    const one = await sendOne(source.id, { id: 'A-001', sku: 'TEA-1', qty: 3, price: 4.5, gift: true, at: '2026-03-01T10:00:00+02:00', email, extra: 'ignored' });
    assert.equal(one.response.status, 204);
    const a1 = await record(`${type.id}:::A-001`);
    assert.equal(a1.type, 'object-record');
    assert.deepEqual(a1.attributes.record_properties, { sku: 'TEA-1', quantity: 3, price: 4.5, gift: true, ordered_at: '2026-03-01T08:00:00Z', channel: 'web' });
    const sdkView = await objects.getObjectRecord(`${type.id}:::A-001`, { fieldsObjectRecord: ['record_properties'] });
    assert.equal(sdkView.body.data.attributes.recordProperties.sku, 'TEA-1');
    // the profile relationship: a profile for the email, created as events create one
    const buyers = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
    assert.equal(buyers.response.data.data.length, 1, `a profile for ${email}`);
    // an integer id is its decimal text; epoch seconds are a timestamp; a full replace drops what the record leaves out
    await sendOne(source.id, { id: 7, sku: 'NUM', at: 1767225600 });
    assert.deepEqual((await record(`${type.id}:::7`)).attributes.record_properties, { sku: 'NUM', ordered_at: '2026-01-01T00:00:00Z', channel: 'web' });
    await sendOne(source.id, { id: 'A-001', sku: 'TEA-2', email });
    assert.deepEqual((await record(`${type.id}:::A-001`)).attributes.record_properties, { sku: 'TEA-2', channel: 'web' });

    // a record the schema refuses: 400 at the member, nothing stored
    const badQty = await sdkError(sendOne(source.id, { id: 'A-002', sku: 'X', qty: 'three' }), 400);
    assert.equal(badQty.errors[0].source.pointer, `${RECORD}/qty`);
    assert.match(badQty.errors[0].detail, /quantity/);
    const noSku = await sdkError(sendOne(source.id, { id: 'A-003', qty: 1 }), 400);
    assert.match(noSku.errors[0].detail, /sku/);
    await notFound(objects.getObjectRecord(`${type.id}:::A-002`));
    await notFound(objects.getObjectRecord(`${type.id}:::A-003`));

    // --- bulk: 60 records, two the schema refuses and one without an id -------------------------------------------
    const bulk = [];
    for (let i = 10; i < 70; i++) bulk.push({ id: `B-${String(i).padStart(3, '0')}`, sku: `SKU-${i}`, qty: i, price: i / 4, gift: i % 2 === 0, at: '2026-02-01T00:00:00Z' });
    bulk[5] = { ...bulk[5], qty: 'many' };   // B-015: int_type
    bulk[6] = { id: bulk[6].id, qty: 1 };    // B-016: sku missing
    bulk.push({ sku: 'NO-ID' });             // no id at $['id']
    const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const accepted = await sendBulk(source.id, bulk);
    assert.equal(accepted.response.status, 204);
    const expected = bulk.filter((r, i) => r.id && i !== 5 && i !== 6).map((r) => `${type.id}:::${r.id}`);
    const stored = await eventually('the bulk records', () => recordIds(type.id), (ids) => expected.every((id) => ids.includes(id)));
    assert.equal(stored.includes(`${type.id}:::B-015`), false);
    assert.equal(stored.includes(`${type.id}:::B-016`), false);
    assert.deepEqual(stored, [...stored].sort(), 'ordered by record id');
    assert.deepEqual((await record(`${type.id}:::B-020`)).attributes.record_properties,
      { sku: 'SKU-20', quantity: 20, price: 5, gift: true, ordered_at: '2026-02-01T00:00:00Z', channel: 'web' });

    // the ingestion logs of the refused ones, with the filters
    const errorLogs = await eventually('three error logs', () => logs(type.id, 'equals(status,"error")'), (l) => l.length >= 3);
    assert.equal(errorLogs.length, 3, JSON.stringify(errorLogs));
    const intLog = (await logs(type.id, 'equals(record_id,"B-015")', { include: ['object-record', 'object-type'] }))[0];
    assert.equal(intLog.type, 'object-ingestion-log');
    assert.equal(intLog.attributes.status, 'error');
    assert.equal(intLog.attributes.event_type, 'validation_error');
    assert.match(intLog.attributes.timestamp, TIMESTAMP);
    assert.equal(intLog.attributes.summary, '1 validation error for B-015');
    assert.deepEqual(intLog.attributes.errors, [{ code: 'int_type', message: 'Input should be a valid integer', property: 'quantity', invalid_value: '"many"' }]);
    assert.deepEqual(intLog.relationships['object-record'].data, { type: 'object-record', id: `${type.id}:::B-015` });
    assert.deepEqual(intLog.relationships['object-type'].data, { type: 'object-type', id: type.id });
    const missing = (await logs(type.id, 'and(equals(record_id,"B-016"),any(event_type,["validation_error"]))'))[0];
    assert.deepEqual(missing.attributes.errors.map((e) => [e.code, e.message, e.property]), [['missing', 'Field required', 'sku']]);
    const window = await logs(type.id, `and(greater-or-equal(timestamp,${since}),equals(status,"error"))`);
    assert.equal(window.length, 3);
    assert.deepEqual(await logs(type.id, `less-than(timestamp,${since})`), []);
    assert.deepEqual(await logs(type.id, 'equals(status,"info")'), []);
    const logIds = (await objects.getIngestionLogIdsForObjectType(type.id, { filter: 'equals(status,"error")' })).response.data.data;
    assert.deepEqual(logIds.map((l) => l.id).sort(), errorLogs.map((l) => l.id).sort());
    assert.ok(logIds.every((l) => l.type === 'object-ingestion-log'));
    const timestamps = errorLogs.map((l) => l.attributes.timestamp);
    assert.deepEqual(timestamps, [...timestamps].sort().reverse(), 'newest first');

    // --- another object type (a store), active at once, and a relationship to it in a new version ---------------------
    const storeSource = await createDataSource('stores');
    const storeType = await createObjectType(unique('Store'), {
      status: 'active', properties: [{ id: 1, name: 'name', type: 'string' }], required: ['name'],
      sourceMapping: { data: { type: 'source-mapping', attributes: { propertyMappings: [{ id: 1, type: 'simple', source: { sourceId: storeSource.id, idPath: "$['code']", dataPath: "$['name']" } }] } } },
    });
    assert.equal(storeType.attributes.status, 'active');
    const storeSchema = (await objects.getCurrentSchemaForObjectType(storeType.id)).response.data.data;
    assert.equal(storeSchema.attributes.status, 'active');
    await sendOne(storeSource.id, { code: 'S1', name: 'Main street' });
    assert.deepEqual((await record(`${storeType.id}:::S1`)).attributes.record_properties, { name: 'Main street' });

    // the new draft of the order type: the current properties plus a new optional one; mapping and relationships copied
    const v2 = await objects.createObjectSchema({ data: { type: 'object-schema',
      attributes: { title, description: 'orders, version 2', properties: [...ORDER_PROPERTIES, { id: 7, name: 'note', type: 'string' }], required: ['sku'] },
      relationships: { objectType: { data: { type: 'object-type', id: type.id } } } } });
    assert.equal(v2.response.status, 201);
    const v2Id = v2.response.data.data.id;
    assert.equal(v2.response.data.data.attributes.status, 'draft');
    assert.deepEqual((await objects.getDraftSchemaIdForObjectType(type.id)).response.data.data, { type: 'object-schema', id: v2Id });
    assert.deepEqual((await objects.getProfileSchemaRelationships(v2Id)).response.data.data, [{ type: 'profile-object-schema', id: 'profile:::customer' }]);
    const v2Mapping = (await objects.getSourceMappingForObjectSchema(v2Id)).response.data.data;
    assert.notEqual(v2Mapping.id, mapping.id);
    assert.deepEqual(v2Mapping.attributes.property_mappings, mapping.attributes.property_mappings);

    const toStore = await objects.createObjectSchemaRelationship(v2Id, { data: [
      { type: 'object-schema', id: storeSchema.id, meta: { name: 'store' } },
      { type: 'object-schema', id: storeSchema.id, meta: { name: 'pickup' } },
    ] });
    assert.equal(toStore.response.status, 204);
    assert.deepEqual((await objects.getObjectSchemaRelationships(v2Id)).response.data.data.map((r) => r.id).sort(),
      [`${storeSchema.id}:::pickup`, `${storeSchema.id}:::store`]);
    const v2Full = (await objects.getObjectSchema(v2Id, { include: ['object-schemas', 'profile-object-schemas', 'source-mapping'] })).response.data;
    const storeMeta = v2Full.included.find((r) => r.id === `${storeSchema.id}:::store`).attributes.meta;
    const pickupMeta = v2Full.included.find((r) => r.id === `${storeSchema.id}:::pickup`).attributes.meta;
    assert.equal(storeMeta.name, 'store');
    assert.ok(v2Full.included.some((r) => r.type === 'source-mapping' && r.id === v2Mapping.id));
    const described = await objects.updateObjectSchemaRelationship(v2Id, { data: { type: 'object-schema', id: storeSchema.id, meta: { relationshipId: storeMeta.relationship_id, description: 'where it was sold' } } });
    assert.equal(described.response.status, 204);
    const removed = await objects.deleteObjectSchemaRelationship(v2Id, { data: [{ type: 'object-schema', id: storeSchema.id, meta: { relationshipId: pickupMeta.relationship_id } }] });
    assert.equal(removed.response.status, 204);
    const v2Relations = (await objects.getObjectSchema(v2Id, { include: ['object-schemas'] })).response.data;
    assert.deepEqual(v2Relations.data.relationships['object-schemas'].data, [{ type: 'object-schema', id: `${storeSchema.id}:::store` }]);
    assert.equal(v2Relations.included[0].attributes.meta.description, 'where it was sold');

    await objects.updateSourceMapping(v2Mapping.id, { data: { type: 'source-mapping', id: v2Mapping.id, attributes: {
      propertyMappings: [...orderMappings(source.id), simple(7, source.id, 'note')],
      relationshipMappings: [buyerMapping, { relationshipId: storeMeta.relationship_id, type: 'simple', source: { sourceId: source.id, type: 'custom-object', idPath: "$['id']", relatedIdPath: "$['store']", updateStrategy: 'additive' } }],
    } } });
    const v2Active = await activate(v2Id);
    assert.equal(v2Active.response.data.data.attributes.status, 'active');
    const versions = (await objects.getSchemaVersionsForObjectType(type.id)).response.data.data;
    assert.deepEqual(versions.map((v) => v.id), [v2Id, draft.id], 'newest first');
    assert.equal(versions[1].attributes.status, 'active', 'a superseded version shows active with its published_at');
    assert.equal(versions[1].attributes.published_at, active.response.data.data.attributes.published_at);
    assert.deepEqual((await objects.getSchemaVersionIdsForObjectType(type.id)).response.data.data.map((v) => v.id), [v2Id, draft.id]);
    assert.deepEqual((await objects.getObjectTypeRelationships(type.id)).response.data.data, [{ type: 'object-type', id: `${storeType.id}:::store` }]);
    const typeFull = (await objects.getObjectType(type.id, { include: ['current-schema', 'schema-versions', 'object-types', 'profile-object-types'] })).response.data;
    assert.equal(typeFull.data.attributes.description, 'orders, version 2', 'the type follows its newest schema');
    assert.deepEqual(typeFull.data.relationships['schema-versions'].data.map((v) => v.id), [v2Id, draft.id]);
    const storeLink = typeFull.included.find((r) => r.type === 'object-type');
    assert.equal(storeLink.id, `${storeType.id}:::store`);
    assert.equal(storeLink.attributes.meta.name, 'store');
    assert.equal(typeFull.included.find((r) => r.type === 'profile-object-type').attributes.meta.name, 'customer');
    // a superseded version cannot be changed
    const frozen = await sdkError(objects.updateObjectSchema(draft.id, { data: { type: 'object-schema', id: draft.id, attributes: { title: 'changed' } } }), 400);
    assert.match(frozen.errors[0].detail, /draft/);

    // records under version 2: the new property and the store relationship
    await sendOne(source.id, { id: 'C-001', sku: 'MUG', note: 'blue', store: ['S1', 'S2'], email });
    assert.deepEqual((await record(`${type.id}:::C-001`)).attributes.record_properties, { sku: 'MUG', note: 'blue', channel: 'web' });

    const typesListed = (await objects.getObjectTypes({ filter: 'equals(namespace,"custom-objects")', include: ['current-schema'] })).response.data;
    assert.ok(typesListed.data.some((t) => t.id === type.id) && typesListed.data.some((t) => t.id === storeType.id));
    assert.ok(typesListed.included.some((s) => s.id === v2Id));

    // --- records paged both ways, then a bulk delete (unknown ids skipped) -------------------------------------------
    for (const [mode, asCursor] of CURSOR_MODES) {
      const seen = [];
      let pageCursor;
      for (let guard = 0; guard < 20; guard++) {
        const { response } = await objects.getRecordsForObjectType(type.id, { pageSize: 25, pageCursor });
        assert.ok(response.data.data.length <= 25);
        seen.push(...response.data.data.map((r) => r.id));
        if (!response.data.links.next) break;
        pageCursor = asCursor(response.data.links.next);
      }
      assert.deepEqual(seen, await recordIds(type.id), `the pages (${mode}) hold every record once, in order`);
    }
    const doomed = [`${type.id}:::B-010`, `${type.id}:::B-011`, `${type.id}:::7`, `${type.id}:::NEVER-SENT`];
    const deleted = await bulkDelete(doomed);
    assert.equal(deleted.response.status, 202);
    for (const id of doomed) await notFound(objects.getObjectRecord(id));
    assert.equal((await record(`${type.id}:::B-012`)).attributes.record_properties.sku, 'SKU-12');

    // --- the deletes: a mapped data source cannot go; the types take their records with them ---------------------------
    const inUse = await sdkError(objects.deleteDataSource(source.id), 409);
    assert.match(inUse.errors[0].detail, /mapping/i);
    assert.equal((await objects.deleteObjectType(type.id)).response.status, 204);
    await notFound(objects.getObjectType(type.id));
    await notFound(objects.getObjectSchema(v2Id));
    await notFound(objects.getSourceMapping(v2Mapping.id));
    await notFound(objects.getObjectRecord(`${type.id}:::B-012`));
    await notFound(objects.getRecordsForObjectType(type.id));
    assert.equal((await objects.deleteObjectType(storeType.id)).response.status, 204);
    for (const s of [source, storeSource]) {
      assert.equal((await objects.deleteDataSource(s.id)).response.status, 204);
      await notFound(objects.getDataSource(s.id));
    }
  });
});

describe('custom objects, the errors the SDK surfaces', () => {
  test('data sources: a duplicate title is a 409, a missing title and a bad page size are 400s', async () => {
    const source = await createDataSource('dup');
    const dup = await sdkError(objects.createDataSource({ data: { type: 'data-source', attributes: { title: source.attributes.title } } }), 409);
    assert.equal(dup.errors[0].code, 'conflict');
    const other = await objects.createDataSource({ data: { type: 'data-source', attributes: { title: source.attributes.title, namespace: 'applications/01J7C23V8XWMRG13FMD7VZN6GW' } } });
    assert.equal(other.response.status, 201, 'titles are unique per namespace');
    const noTitle = await sdkError(objects.createDataSource({ data: { type: 'data-source', attributes: { title: '' } } }), 400);
    assert.equal(noTitle.errors[0].source.pointer, '/data/attributes/title');
    const badSize = await sdkError(objects.getDataSources({ pageSize: 101 }), 400);
    assert.equal(badSize.errors[0].source.parameter, 'page[size]');
    await notFound(objects.getDataSource('01J7C23V8XWMRG13FMD7VZN6GW'));
    for (const s of [source, other.response.data.data]) await objects.deleteDataSource(s.id);
  });

  test('object types and schemas: a bad namespace, an unmapped required property, a second draft, a non-draft edit', async () => {
    const source = await createDataSource('errs');
    const badNamespace = await sdkError(objects.createObjectType({ data: { type: 'object-type', attributes: { title: unique('T'), namespace: 'elsewhere' } } }), 400);
    assert.equal(badNamespace.errors[0].source.pointer, '/data/attributes/namespace');
    const before = (await objects.getObjectTypes()).response.data.data.length;

    // a type without an embedded schema: an empty draft
    const type = await createObjectType(unique('Bare'));
    const draft = (await objects.getDraftSchemaForObjectType(type.id)).response.data.data;
    assert.deepEqual(draft.attributes.properties, []);
    assert.deepEqual((await objects.getSourceMappingForObjectSchema(draft.id)).response.data.data.attributes, { property_mappings: [], relationship_mappings: [] });
    await objects.updateObjectSchema(draft.id, { data: { type: 'object-schema', id: draft.id, attributes: {
      properties: [{ id: 1, name: 'code', type: 'string' }, { id: 2, name: 'size', type: 'int' }], required: ['code'] } } });
    const unmapped = await sdkError(activate(draft.id), 400);
    assert.ok(unmapped.errors[0].source.pointer.startsWith('/data/attributes'), JSON.stringify(unmapped));
    assert.match(unmapped.errors[0].detail, /code/);
    const unknownRequired = await sdkError(objects.updateObjectSchema(draft.id, { data: { type: 'object-schema', id: draft.id, attributes: { required: ['nope'] } } }), 400);
    assert.equal(unknownRequired.errors[0].source.pointer, '/data/attributes/required/0');
    const twice = await sdkError(objects.updateObjectSchema(draft.id, { data: { type: 'object-schema', id: draft.id, attributes: {
      properties: [{ id: 1, name: 'code', type: 'string' }, { id: 1, name: 'other', type: 'int' }] } } }), 400);
    assert.equal(twice.errors[0].source.pointer, '/data/attributes/properties/1/id');
    assert.equal((await objects.getObjectSchema(draft.id)).response.data.data.attributes.status, 'draft', 'nothing changed');

    const mappingId = (await objects.getSourceMappingIdForObjectSchema(draft.id)).response.data.data.id;
    const mapWith = (attributes) => objects.updateSourceMapping(mappingId, { data: { type: 'source-mapping', id: mappingId, attributes } });
    const unknownSource = await sdkError(mapWith({ propertyMappings: [{ id: 1, type: 'simple', source: { sourceId: '01J7C23V8XWMRG13FMD7VZN6GW', idPath: "$['id']", dataPath: "$['code']" } }] }), 400);
    assert.equal(unknownSource.errors[0].source.pointer, '/data/attributes/property_mappings/0/source/source_id');
    const badPath = await sdkError(mapWith({ propertyMappings: [{ id: 1, type: 'simple', source: { sourceId: source.id, idPath: "$['id']", dataPath: "$[[code" } }] }), 400);
    assert.equal(badPath.errors[0].source.pointer, '/data/attributes/property_mappings/0/source/data_path');
    const unknownProperty = await sdkError(mapWith({ propertyMappings: [{ id: 9, type: 'constant', value: 'x' }] }), 400);
    assert.equal(unknownProperty.errors[0].source.pointer, '/data/attributes/property_mappings/0/id');
    const twoIdPaths = await sdkError(mapWith({ propertyMappings: [
      { id: 1, type: 'simple', source: { sourceId: source.id, idPath: "$['id']", dataPath: "$['code']" } },
      { id: 2, type: 'simple', source: { sourceId: source.id, idPath: "$['other_id']", dataPath: "$['size']" } }] }), 400);
    assert.equal(twoIdPaths.errors[0].source.pointer, '/data/attributes/property_mappings/1/source/id_path');
    assert.deepEqual((await objects.getSourceMapping(mappingId)).response.data.data.attributes.property_mappings, [], 'nothing changed');

    // relationships: an unknown schema, a profile id that is not "profile", a duplicate name
    const unknownSchema = await sdkError(objects.createObjectSchemaRelationship(draft.id, { data: [{ type: 'object-schema', id: '01J7C23V8XWMRG13FMD7VZN6GW', meta: { name: 'x' } }] }), 400);
    assert.equal(unknownSchema.errors[0].source.pointer, '/data/0/id');
    const notProfile = await sdkError(objects.createProfileSchemaRelationship(draft.id, { data: [{ type: 'profile-object-schema', id: 'someone', meta: { name: 'x' } }] }), 400);
    assert.equal(notProfile.errors[0].source.pointer, '/data/0/id');
    await objects.createProfileSchemaRelationship(draft.id, { data: [{ type: 'profile-object-schema', id: 'profile', meta: { name: 'owner' } }] });
    await sdkError(objects.createProfileSchemaRelationship(draft.id, { data: [{ type: 'profile-object-schema', id: 'profile', meta: { name: 'owner' } }] }), 409);
    const owner = (await objects.getObjectSchema(draft.id, { include: ['profile-object-schemas'] })).response.data.included[0].attributes.meta;
    assert.equal((await objects.deleteProfileSchemaRelationship(draft.id, { data: [{ type: 'profile-object-schema', id: 'profile', meta: { relationshipId: owner.relationship_id } }] })).response.status, 204);
    assert.deepEqual((await objects.getProfileSchemaRelationships(draft.id)).response.data.data, []);

    await mapWith({ propertyMappings: [{ id: 1, type: 'simple', source: { sourceId: source.id, idPath: "$['id']", dataPath: "$['code']" } }] });
    await activate(draft.id);
    const notDraft = await sdkError(objects.updateObjectSchema(draft.id, { data: { type: 'object-schema', id: draft.id, attributes: { title: 'renamed' } } }), 400);
    assert.match(notDraft.errors[0].detail, /only a draft object schema can be modified/i);
    const same = await objects.updateObjectSchema(draft.id, { data: { type: 'object-schema', id: draft.id, attributes: { title: type.attributes.title } } });
    assert.equal(same.response.status, 200, 'a body that changes nothing is a 200');
    await sdkError(objects.updateSourceMapping(mappingId, { data: { type: 'source-mapping', id: mappingId, attributes: { propertyMappings: [] } } }), 400);
    const v2 = await objects.createObjectSchema({ data: { type: 'object-schema', attributes: { title: 'v2', properties: [{ id: 1, name: 'code', type: 'string' }] },
      relationships: { objectType: { data: { type: 'object-type', id: type.id } } } } });
    await sdkError(objects.createObjectSchema({ data: { type: 'object-schema', attributes: { title: 'v3', properties: [{ id: 1, name: 'code', type: 'string' }] },
      relationships: { objectType: { data: { type: 'object-type', id: type.id } } } } }), 409);
    // a version that drops a property or makes an optional one required cannot be activated
    const v2Id = v2.response.data.data.id;
    const dropped = await sdkError(activate(v2Id), 400);
    assert.match(dropped.errors[0].detail, /size/);
    assert.equal((await objects.getObjectSchema(v2Id)).response.data.data.attributes.status, 'draft');
    await objects.updateObjectSchema(v2Id, { data: { type: 'object-schema', id: v2Id, attributes: {
      properties: [{ id: 1, name: 'code', type: 'string' }, { id: 2, name: 'size', type: 'int' }], required: ['code', 'size'] } } });
    const nowRequired = await sdkError(activate(v2Id), 400);
    assert.match(nowRequired.errors[0].detail, /size/);

    // a schema created without an object type makes one, with the schema's title
    const standalone = await objects.createObjectSchema({ data: { type: 'object-schema', attributes: { title: unique('Standalone'), description: 'made by its schema', properties: [] } } });
    assert.equal(standalone.response.status, 201);
    const listed = (await objects.getObjectTypes({ include: ['draft-schema'] })).response.data;
    const made = listed.data.find((t) => t.relationships['draft-schema']?.data?.id === standalone.response.data.data.id);
    assert.ok(made, 'a type for the standalone schema');
    assert.equal(made.attributes.title, standalone.response.data.data.attributes.title);
    assert.equal(listed.data.length, before + 2);

    for (const t of [type.id, made.id]) await objects.deleteObjectType(t);
    await notFound(objects.getObjectType(type.id));
    await notFound(objects.getCurrentSchemaForObjectType(type.id));
    await objects.deleteDataSource(source.id);
  });

  test('records: an unknown data source, too many records, a malformed compound id, unknown ids', async () => {
    const source = await createDataSource('rec-errs');
    const unknown = await sdkError(sendOne('01J7C23V8XWMRG13FMD7VZN6GW', { id: 1 }), 404);
    assert.equal(unknown.errors[0].code, 'not_found');
    const tooMany = await sdkError(sendBulk(source.id, Array.from({ length: 501 }, (_, i) => ({ id: i }))), 400);
    assert.equal(tooMany.errors[0].source.pointer, '/data/attributes/data-source-records/data');
    const notObject = await sdkError(objects.createDataSourceRecord({ data: { type: 'data-source-record-create-job',
      attributes: { dataSourceRecord: { data: { type: 'data-source-record', attributes: { record: 'text' } } } },
      relationships: { dataSource: { data: { type: 'data-source', id: source.id } } } } }), 400);
    assert.equal(notObject.errors[0].source.pointer, RECORD);
    const malformed = await sdkError(bulkDelete(['no-separator']), 400);
    assert.equal(malformed.errors[0].source.pointer, '/data/relationships/object-records/data/0/id');
    await notFound(objects.getObjectRecord('01J7C23V8XWMRG13FMD7VZN6GW:::1'));
    await notFound(objects.getObjectType('01J7C23V8XWMRG13FMD7VZN6GW'));
    await notFound(objects.getIngestionLogsForObjectType('01J7C23V8XWMRG13FMD7VZN6GW'));
    await notFound(objects.getObjectSchema('01J7C23V8XWMRG13FMD7VZN6GW'));
    await notFound(objects.getSourceMapping('01J7C23V8XWMRG13FMD7VZN6GW'));
    await notFound(objects.deleteObjectType('01J7C23V8XWMRG13FMD7VZN6GW'));
    // records sent while no schema maps the source are kept: a data source with pending records can still be deleted
    assert.equal((await sendBulk(source.id, [{ id: 'P1' }, { id: 'P2' }])).response.status, 204);
    assert.equal((await objects.deleteDataSource(source.id)).response.status, 204);
    await notFound(objects.deleteDataSource(source.id));
  });
});
