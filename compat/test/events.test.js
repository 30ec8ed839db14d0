// The Events tag (create_event, bulk_create_events, the event reads and their relationships) and the
// Metrics operations that read what events create (metrics, metric properties, flow triggers),
// through Klaviyo's official Node SDK (klaviyo-api 23.0.0), unchanged except for the base URL.
//
// Metrics are account-wide and cannot be filtered by name, so every test names its metrics uniquely
// (and, where it lists metrics, gives them a unique `service`, which becomes the integration name it
// filters on). Profiles have unique emails, and event reads are scoped to the test's profiles or
// metrics, so the suite can run against a shared, non-empty server and in parallel with the other files.
//
// create_event answers 202 once the event is stored, so a read right after it sees the event;
// bulk_create_events answers 202 and job workers store the events later, so tests poll get_events
// (bounded by JOB_TIMEOUT_MS). Events without a unique_id are deduplicated by time (one per profile,
// metric and second), so tests give distinct times wherever they send several such events.
//
// As in profiles.test.js, `body` is the SDK's deserialized view (camelCase, Date objects) and
// `response.data` is the raw JSON, which is what shows the keys the server actually sent.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import {
  API_KEY, BASE_URL, CURSOR_MODES, TIMESTAMP, ULID, createProfile, eventually, notFound, sdk, sdkError, unique, uniqueEmail,
  uniquePhone,
} from '../support/sdk.js';

const { EventsApi, MetricsApi, ProfilesApi } = klaviyo;

const events = sdk(EventsApi);
const metrics = sdk(MetricsApi);
const profiles = sdk(ProfilesApi);

const METRIC_ID = /^[A-Za-z0-9]{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_EVENT = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const UNKNOWN_PROFILE = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const UNKNOWN_METRIC = 'AAAAAA';
const UNKNOWN_PROPERTY = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const BULK_DATA = '/data/attributes/events-bulk-create/data';
const DAY_MS = 86_400_000;

/** `{ type: 'metric', attributes: { name, service } }` wrapped in `data`, as both event bodies carry it. */
const metricRef = (name, service) => ({ data: { type: 'metric', attributes: { name, service } } });

/** A profile resource object for an event: an `id` key becomes the profile's id, the rest its attributes. */
const profileRef = ({ id, ...attributes }) => ({ data: { type: 'profile', id, attributes } });

/**
 * The request body of create_event in the SDK's camelCase model: `metric` (a name) and `service`
 * make the metric, `profile` the profile (see profileRef); the rest are the event's attributes.
 */
function eventBody({ metric, service, profile, ...attributes }) {
  return {
    data: { type: 'event', attributes: { properties: {}, ...attributes, metric: metricRef(metric, service), profile: profileRef(profile) } },
  };
}

/** The request body of bulk_create_events: `entries` are `{ profile, events }`, each event as in eventBody. */
function bulkBody(entries) {
  return {
    data: {
      type: 'event-bulk-create-job',
      attributes: {
        eventsBulkCreate: {
          data: entries.map(({ profile, events: list }) => ({
            type: 'event-bulk-create',
            attributes: {
              profile: profileRef(profile),
              events: { data: list.map(({ metric, service, ...a }) => ({ type: 'event', attributes: { properties: {}, ...a, metric: metricRef(metric, service) } })) },
            },
          })),
        },
      },
    },
  };
}

/** An Events write answers 202 with no body (spec). Returns the JSON the SDK sent. */
async function accepted(promise) {
  const { response, body } = await promise;
  assert.equal(response.status, 202, JSON.stringify(response.data));
  assert.equal(body, undefined);
  assert.ok(response.data === '' || response.data === undefined, `202 has no body: ${JSON.stringify(response.data)}`);
  return JSON.parse(response.config.data);
}

const createEvent = (event) => accepted(events.createEvent(eventBody(event)));
const bulkCreate = (entries, call = (b) => events.bulkCreateEvents(b)) => accepted(call(bulkBody(entries)));

/** The profile with this email (raw resource), or undefined. */
async function profileOf(email) {
  const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
  assert.equal(response.status, 200);
  assert.ok(response.data.data.length <= 1);
  return response.data.data[0];
}

/** A profile's events (raw resources, one page of up to 1000), in the order asked for. */
async function eventsOf(profileId, options = {}) {
  const { response } = await events.getEvents({ filter: `equals(profile_id,"${profileId}")`, pageSize: 1000, ...options });
  assert.equal(response.status, 200);
  return response.data.data;
}

/** Polls until the profile with this email exists and has `count` events; returns `{ profile, list }`. */
async function awaitEvents(email, count) {
  const profile = await eventually(`profile ${email}`, () => profileOf(email), (p) => p !== undefined);
  const list = await eventually(`${count} events of ${email}`, () => eventsOf(profile.id), (l) => l.length >= count);
  assert.equal(list.length, count);
  return { profile, list };
}

/** The one event of a profile (created with create_event, so there without waiting). */
async function onlyEventOf(email) {
  const profile = await profileOf(email);
  assert.ok(profile, `profile ${email} exists right after the 202`);
  const list = await eventsOf(profile.id);
  assert.equal(list.length, 1);
  return { profile, event: list[0] };
}

/** Calls `call(pageCursor)` following links.next (handed back through `asCursor`) until it is null; returns the pages. */
async function pagesOf(call, asCursor = (next) => next) {
  const pages = [];
  let cursor;
  for (let guard = 0; guard < 100; guard++) {
    const { response } = await call(cursor);
    assert.equal(response.status, 200);
    pages.push(response.data.data);
    const next = response.data.links.next;
    if (next === null) return pages;
    assert.ok(next.startsWith(`${BASE_URL}/api/`), `links.next is absolute: ${next}`);
    cursor = asCursor(next);
  }
  assert.fail('more pages than expected');
}

/** Awaits a call that must answer 400 invalid pointing at `pointer` (a string, or a RegExp); returns the document. */
async function rejectedAt(promise, pointer) {
  const doc = await sdkError(promise, 400);
  const [error] = doc.errors;
  assert.equal(error.code, 'invalid');
  assert.equal(error.status, 400);
  if (pointer instanceof RegExp) assert.match(error.source.pointer, pointer);
  else assert.equal(error.source.pointer, pointer);
  return doc;
}

/** Awaits a call that must answer 400 invalid naming the query parameter. */
async function badParameter(promise, parameter) {
  const doc = await sdkError(promise, 400);
  assert.equal(doc.errors[0].code, 'invalid');
  assert.equal(doc.errors[0].source.parameter, parameter);
}

const relationshipLinks = (path, id, name) => ({
  self: `${BASE_URL}${path}/${id}/relationships/${name}/`,
  related: `${BASE_URL}${path}/${id}/${name}/`,
});

/** An event resource as every read returns it (all attributes: no sparse fieldset). */
function assertEvent(e, { profileId, metricId, datetime, properties }) {
  assert.equal(e.type, 'event');
  assert.match(e.id, ULID);
  assert.deepEqual(Object.keys(e.attributes).sort(), ['datetime', 'event_properties', 'timestamp', 'uuid']);
  assert.equal(e.attributes.datetime, datetime);
  assert.match(e.attributes.datetime, TIMESTAMP);
  assert.equal(e.attributes.timestamp, Date.parse(datetime) / 1000, 'timestamp is the datetime in Unix seconds');
  assert.match(e.attributes.uuid, UUID);
  if (properties) assert.deepEqual(e.attributes.event_properties, properties);
  assert.deepEqual(e.relationships, {
    profile: { data: { type: 'profile', id: profileId }, links: relationshipLinks('/api/events', e.id, 'profile') },
    metric: { data: { type: 'metric', id: metricId }, links: relationshipLinks('/api/events', e.id, 'metric') },
    attributions: { data: [] },
  });
  assert.deepEqual(e.links, { self: `${BASE_URL}/api/events/${e.id}/` });
}

/** A metric resource: created by the Events API (integration "API") or for a `service` (category "Custom"). */
function assertMetric(m, { id, name, service }) {
  assert.equal(m.type, 'metric');
  if (id) assert.equal(m.id, id);
  assert.match(m.id, METRIC_ID);
  assert.deepEqual(Object.keys(m.attributes).sort(), ['created', 'integration', 'name', 'updated']);
  assert.equal(m.attributes.name, name);
  assert.match(m.attributes.created, TIMESTAMP);
  assert.match(m.attributes.updated, TIMESTAMP);
  const { integration } = m.attributes;
  assert.equal(integration.object, 'integration');
  assert.equal(typeof integration.id, 'string');
  assert.equal(typeof integration.key, 'string');
  assert.equal(integration.name, service ?? 'API');
  assert.equal(integration.category, service ? 'Custom' : 'API');
  assert.deepEqual(m.relationships['flow-triggers'].links, relationshipLinks('/api/metrics', m.id, 'flow-triggers'));
  assert.deepEqual(m.links, { self: `${BASE_URL}/api/metrics/${m.id}/` });
}

async function getMetric(id) {
  const { response } = await metrics.getMetric(id);
  assert.equal(response.status, 200);
  return response.data.data;
}

/** Every metric get_metrics lists under `filter` (raw resources, all pages). */
async function allMetrics(filter) {
  return (await pagesOf((pageCursor) => metrics.getMetrics({ filter, pageCursor }))).flat();
}

describe('SDK wiring (EventsApi, MetricsApi)', () => {
  test('requests go to OPENPROFILE_URL with the SDK revision header and the key', async () => {
    const email = uniqueEmail('ev-wiring');
    const { response } = await events.createEvent(eventBody({ metric: unique('Wired'), profile: { email } }));
    const { response: read } = await metrics.getMetrics({ filter: 'equals(integration.category,"API")' });
    for (const [r, path, method] of [[response, '/api/events', 'post'], [read, '/api/metrics', 'get']]) {
      assert.equal(r.config.url, `${BASE_URL}${path}`);
      assert.equal(r.config.method, method);
      assert.equal(r.config.headers.revision, '2026-07-15');
      assert.equal(r.config.headers.Authorization, `Klaviyo-API-Key ${API_KEY}`);
    }
    assert.equal(read.config.params.filter, 'equals(integration.category,"API")');
  });
});

describe('create_event', () => {
  test('202 without a body; the event is stored before the answer and reads back in Klaviyo\'s shape', async () => {
    const email = uniqueEmail('ev-full');
    const name = unique('Placed Order');
    const properties = { Item: 'Book', Count: 2, Tags: ['a', 'b'], Shipping: { method: 'post', days: [1, 2] }, Gift: false, Note: null };
    const sent = await createEvent({
      metric: name,
      profile: { email, firstName: 'Ada', properties: { Tier: 'gold' } },
      properties,
      time: new Date('2026-05-01T10:00:00Z'),
      value: 19.99,
      valueCurrency: 'USD',
      uniqueId: 'order-1',
    });
    // The wire body the SDK built: snake_case attributes, the metric and profile as resource objects.
    assert.deepEqual(sent, {
      data: {
        type: 'event',
        attributes: {
          properties,
          time: '2026-05-01T10:00:00.000Z',
          value: 19.99,
          value_currency: 'USD',
          unique_id: 'order-1',
          metric: { data: { type: 'metric', attributes: { name } } },
          profile: { data: { type: 'profile', attributes: { email, first_name: 'Ada', properties: { Tier: 'gold' } } } },
        },
      },
    });

    // No polling: the 202 came after the event was stored.
    const { profile, event } = await onlyEventOf(email);
    assert.equal(profile.attributes.first_name, 'Ada');
    assert.deepEqual(profile.attributes.properties, { Tier: 'gold' });
    assert.equal(profile.attributes.last_event_date, '2026-05-01T10:00:00+00:00');
    const metricId = event.relationships.metric.data.id;
    assertEvent(event, {
      profileId: profile.id,
      metricId,
      datetime: '2026-05-01T10:00:00+00:00',
      // value, currency and unique_id show among the properties, as Klaviyo shows them.
      properties: { ...properties, $value: 19.99, $value_currency: 'USD', $event_id: 'order-1' },
    });
    assertMetric(await getMetric(metricId), { name });

    // The SDK's typed view.
    const { body } = await events.getEvent(event.id);
    assert.equal(body.data.id, event.id);
    assert.ok(body.data.attributes.datetime instanceof Date);
    assert.equal(body.data.attributes.datetime.toISOString(), '2026-05-01T10:00:00.000Z');
    assert.equal(body.data.attributes.timestamp, Date.parse('2026-05-01T10:00:00Z') / 1000);
    assert.equal(body.data.attributes.eventProperties.Item, 'Book');
    assert.equal(body.data.relationships.metric.data.id, metricId);
    assert.equal(body.data.relationships.profile.data.id, profile.id);
  });

  test('the profile is found by id, email, phone number or external id, and updated, not duplicated', async () => {
    const email = uniqueEmail('ev-existing');
    const phoneNumber = uniquePhone();
    const externalId = unique('ext');
    const existing = await createProfile({ email, phoneNumber, externalId, firstName: 'Old' });
    const metric = unique('Visited');
    const refs = [{ email, firstName: 'New' }, { phoneNumber }, { externalId, lastName: 'Last' }, { id: existing.id }];
    for (const [day, profile] of refs.entries()) {
      await createEvent({ metric, profile, time: `2026-02-0${day + 1}T00:00:00Z` });
    }
    // patch_properties in the profile's meta (create_event carries meta among the attributes).
    const sent = await createEvent({
      metric, profile: { email, meta: { patchProperties: { append: { Seen: 'home' } } } }, time: '2026-02-09T00:00:00Z',
    });
    assert.deepEqual(sent.data.attributes.profile.data.attributes.meta, { patch_properties: { append: { Seen: 'home' } } });

    const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
    assert.deepEqual(response.data.data.map((p) => p.id), [existing.id]);
    const p = response.data.data[0].attributes;
    assert.equal(p.first_name, 'New');
    assert.equal(p.last_name, 'Last');
    assert.equal(p.phone_number, phoneNumber);
    assert.equal(p.external_id, externalId);
    assert.deepEqual(p.properties, { Seen: ['home'] });
    const list = await eventsOf(existing.id);
    assert.deepEqual(list.map((e) => e.attributes.datetime),
      ['01', '02', '03', '04', '09'].map((d) => `2026-02-${d}T00:00:00+00:00`));
    for (const e of list) assert.equal(e.relationships.profile.data.id, existing.id);
  });

  describe('an unknown profile id', () => {
    const metric = unique('Orphan');
    let doc;
    before(async () => {
      doc = await notFound(events.createEvent(eventBody({ metric, profile: { id: UNKNOWN_PROFILE }, properties: { k: 1 } })));
    });
    test('is a 404 pointing at the profile\'s id', () => {
      assert.equal(doc.errors[0].source.pointer, '/data/attributes/profile/data/id');
    });
    test('leaves no metric behind', async () => {
      const names = (await allMetrics('equals(integration.name,"API")')).map((m) => m.attributes.name);
      assert.ok(!names.includes(metric), `metric "${metric}" was created by the rejected event`);
    });
  });

  test('metrics are found or created by name and integration: a service makes another, "Custom" metric', async () => {
    const name = unique('Checkout');
    const service = unique('svc');
    const [a, b, c] = ['ev-metric-a', 'ev-metric-b', 'ev-metric-c'].map(uniqueEmail);
    await createEvent({ metric: name, profile: { email: a } });
    await createEvent({ metric: name, profile: { email: b } });
    const sent = await createEvent({ metric: name, service, profile: { email: c } });
    assert.deepEqual(sent.data.attributes.metric, { data: { type: 'metric', attributes: { name, service } } });

    const [ea, eb, ec] = await Promise.all([a, b, c].map(async (email) => (await onlyEventOf(email)).event));
    const apiId = ea.relationships.metric.data.id;
    assert.equal(eb.relationships.metric.data.id, apiId, 'the same name and integration is the same metric');
    const customId = ec.relationships.metric.data.id;
    assert.notEqual(customId, apiId);
    assertMetric(await getMetric(apiId), { id: apiId, name });
    assertMetric(await getMetric(customId), { id: customId, name, service });
  });

  test('deduplication: one event per profile, metric and unique_id; without unique_id, per second', async () => {
    const email = uniqueEmail('ev-dedup');
    const metric = unique('Viewed');
    const other = unique('Viewed-other');
    const send = (extra) => createEvent({ metric, profile: { email }, ...extra });
    await send({ uniqueId: 'u1', time: '2026-01-01T00:00:00Z', properties: { first: true } });
    await send({ uniqueId: 'u1', time: '2026-01-02T00:00:00Z', properties: { first: false } }); // same unique_id: dropped
    await send({ time: '2026-01-03T00:00:00Z', properties: { n: 1 } });
    await send({ time: '2026-01-03T00:00:00.400Z', properties: { n: 2 } }); // same second, no unique_id: dropped
    await send({ uniqueId: 'u2', time: '2026-01-03T00:00:00Z' }); // same second, but a unique_id
    await createEvent({ metric: other, profile: { email }, uniqueId: 'u1', time: '2026-01-04T00:00:00Z' }); // another metric
    const otherEmail = uniqueEmail('ev-dedup-other');
    await createEvent({ metric, profile: { email: otherEmail }, uniqueId: 'u1', time: '2026-01-05T00:00:00Z' }); // another profile

    const { id } = await profileOf(email);
    // Events of the same second come in id order, which for equal times is arbitrary: compare as sets.
    const stored = (await eventsOf(id)).map((e) => JSON.stringify([e.attributes.datetime, e.attributes.event_properties]));
    assert.deepEqual(stored.sort(), [
      ['2026-01-01T00:00:00+00:00', { first: true, $event_id: 'u1' }], // the first one processed wins
      ['2026-01-03T00:00:00+00:00', { n: 1 }],
      ['2026-01-03T00:00:00+00:00', { $event_id: 'u2' }],
      ['2026-01-04T00:00:00+00:00', { $event_id: 'u1' }],
    ].map((x) => JSON.stringify(x)).sort());
    assert.equal((await onlyEventOf(otherEmail)).event.attributes.event_properties.$event_id, 'u1');
  });

  test('without a time the event happens when it is received', async () => {
    const email = uniqueEmail('ev-now');
    const sentFrom = Math.floor(Date.now() / 1000);
    await createEvent({ metric: unique('Now'), profile: { email } });
    const answeredBy = Math.ceil(Date.now() / 1000);
    const { profile, event } = await onlyEventOf(email);
    assert.ok(event.attributes.timestamp >= sentFrom && event.attributes.timestamp <= answeredBy,
      `${event.attributes.timestamp} between ${sentFrom} and ${answeredBy}`);
    assert.equal(profile.attributes.last_event_date, event.attributes.datetime);
  });

  test("a profile's last_event_date is its newest event's time: an older event does not move it back", async () => {
    const email = uniqueEmail('ev-last');
    const metric = unique('Last');
    const lastEventDate = async () => (await profileOf(email)).attributes.last_event_date;
    await createEvent({ metric, profile: { email }, time: '2026-03-05T12:00:00Z' });
    assert.equal(await lastEventDate(), '2026-03-05T12:00:00+00:00');
    await createEvent({ metric, profile: { email }, time: '2025-01-01T00:00:00Z' });
    assert.equal(await lastEventDate(), '2026-03-05T12:00:00+00:00');
    await createEvent({ metric: unique('Last-other'), profile: { email }, time: '2026-04-01T08:30:00+02:00' });
    assert.equal(await lastEventDate(), '2026-04-01T06:30:00+00:00');
  });

  test('at the limits: 400 properties, a 100 KB string, 4000 items, nesting, times from 2000 to a year ahead, a 255-character unique_id', async () => {
    const email = uniqueEmail('ev-limits');
    const metric = unique('Limits');
    const big = 'x'.repeat(100 * 1024);
    const items = Array.from({ length: 4000 }, (_, i) => i);
    const nested = { l2: { l3: { l4: { l5: 'deep' } } } }; // five levels, counting properties
    const properties = { Big: big, Items: items, Nested: nested };
    for (let i = 0; i < 397; i++) properties[`p${i}`] = i;
    const uniqueId = 'u'.repeat(255);
    await createEvent({ metric, profile: { email }, properties, time: '2000-01-01T00:00:00Z', uniqueId });
    const ahead = new Date(Math.floor((Date.now() + 300 * DAY_MS) / 1000) * 1000);
    await createEvent({ metric, profile: { email }, time: ahead });

    const { id } = await profileOf(email);
    const [first, second] = await eventsOf(id);
    assert.equal(first.attributes.datetime, '2000-01-01T00:00:00+00:00');
    assert.deepEqual(first.attributes.event_properties, { ...properties, $event_id: uniqueId });
    assert.equal(second.attributes.timestamp, ahead.getTime() / 1000);
    assert.equal((await profileOf(email)).attributes.last_event_date, second.attributes.datetime);
  });

  describe('validation: 400 pointing at the offending member; nothing stored', () => {
    const many = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, i]));
    const deep = (levels) => (levels === 0 ? 1 : { a: deep(levels - 1) });
    const cases = [
      ['no metric', (b) => delete b.data.attributes.metric, '/data/attributes/metric'],
      ['a metric without a name', (b) => delete b.data.attributes.metric.data.attributes.name, '/data/attributes/metric/data/attributes/name'],
      ['no properties', (b) => delete b.data.attributes.properties, '/data/attributes/properties'],
      ['401 properties', (b) => { b.data.attributes.properties = many(401); }, '/data/attributes/properties'],
      ['properties nested 12 levels', (b) => { b.data.attributes.properties = deep(12); }, /^\/data\/attributes\/properties(\/a)+$/],
      ['a string over 100 KB', (b) => { b.data.attributes.properties = { Big: 'x'.repeat(100 * 1024 + 1) }; }, '/data/attributes/properties/Big'],
      ['an array of 4001 items', (b) => { b.data.attributes.properties = { List: Array(4001).fill(1) }; }, '/data/attributes/properties/List'],
      ['a time before 2000', (b) => { b.data.attributes.time = new Date('1999-12-31T23:59:59Z'); }, '/data/attributes/time'],
      ['a time over a year ahead', (b) => { b.data.attributes.time = new Date(Date.now() + 400 * DAY_MS); }, '/data/attributes/time'],
      ['a time that is not a date-time', (b) => { b.data.attributes.time = 'yesterday'; }, '/data/attributes/time'],
      ['an empty unique_id', (b) => { b.data.attributes.uniqueId = ''; }, '/data/attributes/unique_id'],
      ['a 256-character unique_id', (b) => { b.data.attributes.uniqueId = 'u'.repeat(256); }, '/data/attributes/unique_id'],
      ['a value that is not a number', (b) => { b.data.attributes.value = '12'; }, '/data/attributes/value'],
      ['an invalid profile email', (b) => { b.data.attributes.profile.data.attributes.email = 'not-an-email'; }, '/data/attributes/profile/data/attributes/email'],
      ['an invalid phone number', (b) => { b.data.attributes.profile.data.attributes.phoneNumber = '123'; }, '/data/attributes/profile/data/attributes/phone_number'],
      ['a profile without an identifier', (b) => { b.data.attributes.profile.data.attributes = { firstName: 'Nobody' }; }, '/data/attributes/profile/data/attributes'],
      ['another type', (b) => { b.data.type = 'profile'; }, '/data/type'],
    ];
    const metric = unique('Rejected');
    for (const [name, change, pointer] of cases) {
      test(name, async () => {
        const email = uniqueEmail('ev-invalid');
        const body = eventBody({ metric, profile: { email }, properties: { ok: 1 } });
        change(body);
        await rejectedAt(events.createEvent(body), pointer);
        assert.equal(await profileOf(email), undefined, 'no profile was created');
      });
    }
    test('no metric was created by the rejected events', async () => {
      const names = (await allMetrics('equals(integration.name,"API")')).map((m) => m.attributes.name);
      assert.ok(!names.includes(metric), `metric "${metric}" was created by the rejected event`);
    });
  });
});

describe('bulk_create_events', () => {
  test('202 without a body; the job workers store every event, creating or updating the profiles', async () => {
    const known = uniqueEmail('bulk-known');
    const fresh = uniqueEmail('bulk-fresh');
    const existing = await createProfile({ email: known, firstName: 'Old' });
    const metric = unique('Bulk Viewed');
    const service = unique('bulksvc');
    const sent = await bulkCreate([
      {
        profile: { email: known, firstName: 'Updated' },
        events: [
          { metric, properties: { n: 0 }, time: '2026-04-01T00:00:00Z', value: 5 },
          { metric, properties: { n: 1 }, time: new Date('2026-04-02T00:00:00Z'), uniqueId: 'b-1' },
          { metric, properties: { n: 2 }, time: '2026-04-03T00:00:00Z', valueCurrency: 'EUR' },
        ],
      },
      { profile: { email: fresh, properties: { Source: 'bulk' } }, events: [{ metric, service, properties: { n: 3 }, time: '2026-04-04T00:00:00Z' }] },
    ]);
    // The wire body: the job type, `events-bulk-create`, the entries with their profile and events.
    assert.equal(sent.data.type, 'event-bulk-create-job');
    const entries = sent.data.attributes['events-bulk-create'].data;
    assert.equal(entries.length, 2);
    assert.equal(entries[0].type, 'event-bulk-create');
    assert.deepEqual(entries[0].attributes.profile, { data: { type: 'profile', attributes: { email: known, first_name: 'Updated' } } });
    assert.deepEqual(entries[0].attributes.events.data[1], {
      type: 'event',
      attributes: { properties: { n: 1 }, time: '2026-04-02T00:00:00.000Z', unique_id: 'b-1', metric: { data: { type: 'metric', attributes: { name: metric } } } },
    });

    const { profile, list } = await awaitEvents(known, 3);
    assert.equal(profile.id, existing.id, 'the existing profile was found by email');
    const metricId = list[0].relationships.metric.data.id;
    const expected = [
      ['2026-04-01T00:00:00+00:00', { n: 0, $value: 5 }],
      ['2026-04-02T00:00:00+00:00', { n: 1, $event_id: 'b-1' }],
      ['2026-04-03T00:00:00+00:00', { n: 2, $value_currency: 'EUR' }],
    ];
    for (const [i, [datetime, properties]] of expected.entries()) {
      assertEvent(list[i], { profileId: existing.id, metricId, datetime, properties });
    }
    assertMetric(await getMetric(metricId), { name: metric });
    const updated = await profileOf(known);
    assert.equal(updated.attributes.first_name, 'Updated');
    assert.equal(updated.attributes.last_event_date, '2026-04-03T00:00:00+00:00');

    const { profile: created, list: [only] } = await awaitEvents(fresh, 1);
    assert.notEqual(created.id, existing.id);
    assert.deepEqual(created.attributes.properties, { Source: 'bulk' });
    assert.equal(created.attributes.last_event_date, '2026-04-04T00:00:00+00:00');
    assertMetric(await getMetric(only.relationships.metric.data.id), { name: metric, service });
  });

  test('the alias createEventBulkCreateJob reaches the same operation', async () => {
    const email = uniqueEmail('bulk-alias');
    const sent = await bulkCreate([{ profile: { email }, events: [{ metric: unique('Bulk alias'), time: '2026-04-05T00:00:00Z' }] }],
      (b) => events.createEventBulkCreateJob(b));
    assert.equal(sent.data.type, 'event-bulk-create-job');
    await awaitEvents(email, 1);
  });

  test('an invalid event rejects the whole job with 400 pointing at it; nothing of the job is stored', async () => {
    const valid = uniqueEmail('bulk-valid');
    const metric = unique('Bulk rejected');
    const good = { metric, time: '2026-04-06T00:00:00Z' };
    const noMetric = bulkBody([{ profile: { email: valid }, events: [good] }, { profile: { email: valid }, events: [good, good] }]);
    delete noMetric.data.attributes.eventsBulkCreate.data[1].attributes.events.data[1].attributes.metric;
    await rejectedAt(events.bulkCreateEvents(noMetric), `${BULK_DATA}/1/attributes/events/data/1/attributes/metric`);

    // Every invalid event is reported, each with its pointer.
    const twoErrors = bulkBody([
      { profile: { email: valid }, events: [good, { ...good, time: '1999-01-01T00:00:00Z' }] },
      { profile: { email: 'not-an-email' }, events: [good] },
    ]);
    const doc = await rejectedAt(events.bulkCreateEvents(twoErrors), `${BULK_DATA}/0/attributes/events/data/1/attributes/time`);
    assert.deepEqual(doc.errors.map((e) => e.source.pointer), [
      `${BULK_DATA}/0/attributes/events/data/1/attributes/time`,
      `${BULK_DATA}/1/attributes/profile/data/attributes/email`,
    ]);

    // A job accepted after the rejected ones, once stored, shows they left nothing behind.
    const later = uniqueEmail('bulk-later');
    await bulkCreate([{ profile: { email: later }, events: [good] }]);
    await awaitEvents(later, 1);
    assert.equal(await profileOf(valid), undefined);
  });

  test('at most 1000 events per job; at least one entry', async () => {
    const email = uniqueEmail('bulk-max');
    const metric = unique('Bulk max');
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ metric, uniqueId: `e${i}` }));
    await rejectedAt(events.bulkCreateEvents(bulkBody([{ profile: { email }, events: tooMany }])), BULK_DATA);
    await rejectedAt(events.bulkCreateEvents(bulkBody([])), BULK_DATA);
    assert.equal(await profileOf(email), undefined);
  });
});

describe('get_events', () => {
  // One profile with five events of one metric, a day apart, and one event of another metric at the
  // same time as the third; a second profile with one event of the first metric.
  const email = uniqueEmail('get-events');
  const otherEmail = uniqueEmail('get-events-other');
  const first = unique('Listed');
  const second = unique('Listed-second');
  const day = (d, hour = 12) => `2026-03-0${d}T${String(hour).padStart(2, '0')}:00:00+00:00`;
  let profileId;
  let otherProfileId;
  let firstId;
  let secondId;

  before(async () => {
    for (let d = 1; d <= 5; d++) await createEvent({ metric: first, profile: { email }, properties: { day: d }, time: day(d) });
    await createEvent({ metric: second, profile: { email }, properties: { day: 3 }, time: day(3) });
    await createEvent({ metric: first, profile: { email: otherEmail }, time: day(2, 6) });
    profileId = (await profileOf(email)).id;
    otherProfileId = (await profileOf(otherEmail)).id;
    const list = await eventsOf(profileId);
    firstId = list[0].relationships.metric.data.id;
    secondId = list.find((e) => e.relationships.metric.data.id !== firstId).relationships.metric.data.id;
  });

  /** The datetimes of the events get_events returns for `filter` (and options), in its order. */
  async function datetimes(filter, options = {}) {
    const { response } = await events.getEvents({ filter, ...options });
    assert.equal(response.status, 200);
    assert.equal(response.config.params.filter, filter);
    return response.data.data.map((e) => e.attributes.datetime);
  }

  test('filters: equals(profile_id), equals(metric_id), has(profile), has(metric), combined', async () => {
    const byProfile = await eventsOf(profileId);
    assert.equal(byProfile.length, 6);
    for (const e of byProfile) assertEvent(e, { profileId, metricId: e.relationships.metric.data.id, datetime: e.attributes.datetime });
    assert.deepEqual(await datetimes(`equals(metric_id,"${firstId}")`), [day(1), day(2, 6), day(2), day(3), day(4), day(5)]);
    assert.deepEqual(await datetimes(`equals(metric_id,"${firstId}"),equals(profile_id,"${otherProfileId}")`), [day(2, 6)]);
    assert.deepEqual(await datetimes(`equals(metric_id,"${secondId}")`), [day(3)]);
    assert.deepEqual(await datetimes(`equals(profile_id,"${profileId}"),has(profile),has(metric)`),
      [day(1), day(2), day(3), day(3), day(4), day(5)]);
    assert.deepEqual(await datetimes(`equals(metric_id,"${UNKNOWN_METRIC}")`), []);
  });

  test('datetime and timestamp comparisons', async () => {
    const mine = `equals(metric_id,"${firstId}"),equals(profile_id,"${profileId}")`;
    const ts = (d) => Date.parse(day(d)) / 1000;
    const cases = [
      [`greater-or-equal(datetime,2026-03-02T12:00:00Z)`, [2, 3, 4, 5]],
      [`greater-than(datetime,2026-03-02T12:00:00+00:00)`, [3, 4, 5]],
      [`less-or-equal(datetime,2026-03-04T12:00:00Z)`, [1, 2, 3, 4]],
      [`less-than(datetime,2026-03-04T14:00:00+02:00)`, [1, 2, 3]],
      [`greater-or-equal(datetime,2026-03-02T00:00:00Z),less-than(datetime,2026-03-04T00:00:00Z)`, [2, 3]],
      [`greater-or-equal(timestamp,${ts(2)})`, [2, 3, 4, 5]],
      [`greater-than(timestamp,${ts(2)})`, [3, 4, 5]],
      [`less-or-equal(timestamp,${ts(4)})`, [1, 2, 3, 4]],
      [`less-than(timestamp,${ts(4)})`, [1, 2, 3]],
    ];
    for (const [comparison, days] of cases) {
      assert.deepEqual(await datetimes(`${mine},${comparison}`), days.map((d) => day(d)), comparison);
    }
  });

  test('sorts: datetime ascending by default; datetime, -datetime, timestamp, -timestamp', async () => {
    const mine = `equals(metric_id,"${firstId}"),equals(profile_id,"${profileId}")`;
    const ascending = [1, 2, 3, 4, 5].map((d) => day(d));
    assert.deepEqual(await datetimes(mine), ascending);
    for (const [sort, expected] of [['datetime', ascending], ['timestamp', ascending], ['-datetime', [...ascending].reverse()], ['-timestamp', [...ascending].reverse()]]) {
      const { response } = await events.getEvents({ filter: mine, sort });
      assert.equal(response.config.params.sort, sort);
      assert.deepEqual(response.data.data.map((e) => e.attributes.datetime), expected, sort);
    }
    await badParameter(events.getEvents({ filter: mine, sort: '-uuid' }), 'sort');
  });

  test('paging: page[size] and links.next followed either way; sizes outside 1..1000 are a 400', async () => {
    const filter = `equals(profile_id,"${profileId}")`;
    const all = await eventsOf(profileId, { sort: '-datetime' });
    for (const [mode, asCursor] of CURSOR_MODES) {
      const pages = await pagesOf((pageCursor) => events.getEvents({ filter, sort: '-datetime', pageSize: 4, pageCursor }), asCursor);
      assert.deepEqual(pages.map((p) => p.length), [4, 2], mode);
      assert.deepEqual(pages.flat().map((e) => e.id), all.map((e) => e.id), `${mode}: every event once, in order`);
    }
    const { response } = await events.getEvents({ filter, pageSize: 1000 });
    assert.equal(response.config.params['page[size]'], 1000);
    assert.equal(response.data.data.length, 6);
    assert.equal(response.data.links.next, null);
    await badParameter(events.getEvents({ filter, pageSize: 1001 }), 'page[size]');
    await badParameter(events.getEvents({ filter, pageSize: 0 }), 'page[size]');
  });

  test('include=metric,profile adds each related resource once; sparse fieldsets for the three types', async () => {
    const { response, body } = await events.getEvents({ filter: `equals(profile_id,"${profileId}")`, include: ['metric', 'profile'] });
    assert.equal(response.config.params.include, 'metric,profile');
    assert.equal(response.data.data.length, 6);
    const included = response.data.included;
    assert.deepEqual(included.map((r) => `${r.type}:${r.id}`).sort(), [`metric:${firstId}`, `metric:${secondId}`, `profile:${profileId}`].sort());
    assertMetric(included.find((r) => r.id === firstId), { id: firstId, name: first });
    assertMetric(included.find((r) => r.id === secondId), { id: secondId, name: second });
    assert.equal(included.find((r) => r.type === 'profile').attributes.email, email);
    assert.equal(body.included.length, 3);

    const sparse = await events.getEvents({
      filter: `equals(profile_id,"${otherProfileId}")`,
      include: ['metric', 'profile'],
      fieldsEvent: ['datetime'],
      fieldsMetric: ['name'],
      fieldsProfile: ['email'],
    });
    const doc = sparse.response.data;
    assert.deepEqual(doc.data.map((e) => e.attributes), [{ datetime: day(2, 6) }]);
    assert.deepEqual(doc.data[0].relationships.metric.data, { type: 'metric', id: firstId });
    assert.deepEqual(doc.included.map((r) => r.attributes).sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0])),
      [{ email: otherEmail }, { name: first }]);
  });

  test('a filter on another field or with another operator is a 400 naming the filter', async () => {
    for (const filter of ['equals(email,"x@example.com")', `greater-than(metric_id,"${firstId}")`, 'equals(datetime,2026-03-01T12:00:00Z)', 'greater-than(timestamp,"soon")']) {
      await badParameter(events.getEvents({ filter }), 'filter');
    }
  });
});

describe('get_event and its metric and profile', () => {
  const email = uniqueEmail('get-event');
  const name = unique('Fetched');
  let event;
  let profile;

  before(async () => {
    await createEvent({ metric: name, profile: { email, firstName: 'Fetch' }, properties: { Item: 'Pen' }, time: '2026-06-01T09:00:00Z' });
    ({ profile, event } = await onlyEventOf(email));
  });

  test('get_event: the event; include=metric,profile; sparse fields', async () => {
    const { response } = await events.getEvent(event.id);
    assert.equal(response.status, 200);
    assert.equal(response.config.url, `${BASE_URL}/api/events/${event.id}`);
    assert.deepEqual(response.data.data, event);
    assert.ok(!('included' in response.data));

    const withIncluded = await events.getEvent(event.id, { include: ['metric', 'profile'], fieldsProfile: ['email', 'first_name'] });
    const { included } = withIncluded.response.data;
    assert.deepEqual(included.map((r) => r.type).sort(), ['metric', 'profile']);
    assertMetric(included.find((r) => r.type === 'metric'), { id: event.relationships.metric.data.id, name });
    assert.deepEqual(included.find((r) => r.type === 'profile').attributes, { email, first_name: 'Fetch' });

    const sparse = await events.getEvent(event.id, { fieldsEvent: ['event_properties', 'timestamp'] });
    assert.deepEqual(sparse.response.data.data.attributes, { event_properties: { Item: 'Pen' }, timestamp: Date.parse('2026-06-01T09:00:00Z') / 1000 });
  });

  test('get_metric_for_event and get_metric_id_for_event (and their aliases)', async () => {
    const metricId = event.relationships.metric.data.id;
    const expected = await getMetric(metricId);
    for (const call of [(id, o) => events.getMetricForEvent(id, o), (id, o) => events.getEventMetric(id, o)]) {
      const { response, body } = await call(event.id);
      assert.equal(response.config.url, `${BASE_URL}/api/events/${event.id}/metric`);
      assert.deepEqual(response.data.data, expected);
      assert.equal(body.data.attributes.name, name);
      const sparse = await call(event.id, { fieldsMetric: ['name'] });
      assert.deepEqual(sparse.response.data.data.attributes, { name });
    }
    for (const call of [(id) => events.getMetricIdForEvent(id), (id) => events.getEventRelationshipsMetric(id)]) {
      const { response } = await call(event.id);
      assert.equal(response.config.url, `${BASE_URL}/api/events/${event.id}/relationships/metric`);
      assert.deepEqual(response.data.data, { type: 'metric', id: metricId });
    }
  });

  test('get_profile_for_event (with additional-fields subscriptions) and get_profile_id_for_event (and their aliases)', async () => {
    const { response: direct } = await profiles.getProfile(profile.id);
    for (const call of [(id, o) => events.getProfileForEvent(id, o), (id, o) => events.getEventProfile(id, o)]) {
      const { response, body } = await call(event.id);
      assert.equal(response.config.url, `${BASE_URL}/api/events/${event.id}/profile`);
      assert.deepEqual(response.data.data, direct.data.data);
      assert.ok(!('subscriptions' in response.data.data.attributes));
      assert.equal(body.data.attributes.firstName, 'Fetch');
      const withSubscriptions = await call(event.id, { additionalFieldsProfile: ['subscriptions'] });
      assert.equal(withSubscriptions.response.config.params['additional-fields[profile]'], 'subscriptions');
      assert.equal(withSubscriptions.response.data.data.attributes.subscriptions.email.marketing.consent, 'NEVER_SUBSCRIBED');
      const sparse = await call(event.id, { fieldsProfile: ['email'] });
      assert.deepEqual(sparse.response.data.data.attributes, { email });
    }
    for (const call of [(id) => events.getProfileIdForEvent(id), (id) => events.getEventRelationshipsProfile(id)]) {
      const { response } = await call(event.id);
      assert.equal(response.config.url, `${BASE_URL}/api/events/${event.id}/relationships/profile`);
      assert.deepEqual(response.data.data, { type: 'profile', id: profile.id });
    }
  });

  test('an unknown or malformed event id is a 404 on every read', async () => {
    const reads = ['getEvent', 'getMetricForEvent', 'getMetricIdForEvent', 'getProfileForEvent', 'getProfileIdForEvent'];
    for (const id of [UNKNOWN_EVENT, 'not-an-id']) {
      for (const read of reads) await notFound(events[read](id));
    }
  });
});

describe('get_metrics and get_metric', () => {
  test('filters on integration.name and integration.category; sparse fields', async () => {
    const service = unique('svc');
    const custom = unique('Synced');
    const api = unique('Api made');
    await createEvent({ metric: custom, service, profile: { email: uniqueEmail('metrics-custom') } });
    await createEvent({ metric: api, profile: { email: uniqueEmail('metrics-api') } });

    const byService = await allMetrics(`equals(integration.name,"${service}")`);
    assert.equal(byService.length, 1);
    assertMetric(byService[0], { name: custom, service });
    const customId = byService[0].id;
    assert.deepEqual((await allMetrics(`equals(integration.category,"Custom"),equals(integration.name,"${service}")`)).map((m) => m.id), [customId]);
    assert.deepEqual(await allMetrics(`equals(integration.category,"API"),equals(integration.name,"${service}")`), []);

    const apiMetrics = await allMetrics('equals(integration.category,"API")');
    const ours = apiMetrics.find((m) => m.attributes.name === api);
    assertMetric(ours, { name: api });
    for (const m of apiMetrics) assert.equal(m.attributes.integration.category, 'API');
    assert.ok(!apiMetrics.some((m) => m.id === customId));
    assert.ok((await allMetrics('equals(integration.name,"API")')).some((m) => m.id === ours.id));

    const { response, body } = await metrics.getMetrics({ filter: `equals(integration.name,"${service}")`, fieldsMetric: ['name', 'integration'] });
    assert.equal(response.config.params['fields[metric]'], 'name,integration');
    assert.deepEqual(Object.keys(response.data.data[0].attributes).sort(), ['integration', 'name']);
    assert.equal(body.data[0].attributes.name, custom);
  });

  test('get_metric: the metric; sparse fields; 404 for an unknown id', async () => {
    const email = uniqueEmail('metric-get');
    const name = unique('Got');
    await createEvent({ metric: name, profile: { email } });
    const metricId = (await onlyEventOf(email)).event.relationships.metric.data.id;
    const { response, body } = await metrics.getMetric(metricId);
    assert.equal(response.config.url, `${BASE_URL}/api/metrics/${metricId}`);
    assertMetric(response.data.data, { id: metricId, name });
    assert.equal(body.data.attributes.integration.name, 'API');
    assert.deepEqual((await metrics.getMetric(metricId, { fieldsMetric: ['name'] })).response.data.data.attributes, { name });
    await notFound(metrics.getMetric(UNKNOWN_METRIC));
  });

  test('include=flow-triggers: nothing included, and the relationship carries its (empty) linkage', async () => {
    const service = unique('svc');
    await createEvent({ metric: unique('Included'), service, profile: { email: uniqueEmail('metrics-include') } });
    const many = await metrics.getMetrics({ filter: `equals(integration.name,"${service}")`, include: ['flow-triggers'] });
    const one = await metrics.getMetric(many.response.data.data[0].id, { include: ['flow-triggers'] });
    for (const { response } of [many, one]) {
      assert.equal(response.config.params.include, 'flow-triggers');
      assert.deepEqual(response.data.included, []);
      const [metric] = [response.data.data].flat();
      // As profiles' include=lists does: data [] beside the links when the relationship is included.
      assert.deepEqual(metric.relationships['flow-triggers'].data, [], 'relationships.flow-triggers.data');
    }
  });

  test('a filter on another field is a 400 naming the filter', async () => {
    await badParameter(metrics.getMetrics({ filter: 'equals(name,"Placed Order")' }), 'filter');
  });
});

describe('two hundred and one: default pages of get_events and get_metrics', () => {
  // One bulk job: 201 events of one profile, a minute apart, each of its own metric under one service.
  const email = uniqueEmail('two-hundred');
  const service = unique('pagesvc');
  const base = Date.parse('2026-01-10T00:00:00Z');
  const at = (i) => new Date(base + i * 60_000);
  let list;

  before(async () => {
    const entries = [{ profile: { email }, events: Array.from({ length: 201 }, (_, i) => ({ metric: `${service}-${i}`, service, time: at(i) })) }];
    await bulkCreate(entries);
    ({ list } = await awaitEvents(email, 201));
  });

  test('get_events answers 200 per page by default, then the rest', async () => {
    const filter = `equals(profile_id,"${list[0].relationships.profile.data.id}")`;
    for (const [mode, asCursor] of CURSOR_MODES) {
      const pages = await pagesOf((pageCursor) => events.getEvents({ filter, pageCursor }), asCursor);
      assert.deepEqual(pages.map((p) => p.length), [200, 1], mode);
      assert.deepEqual(pages.flat().map((e) => e.attributes.timestamp), list.map((_, i) => at(i).getTime() / 1000), mode);
    }
  });

  test('get_metrics answers 200 per page, followed by the cursor either way', async () => {
    const filter = `equals(integration.name,"${service}")`;
    for (const [mode, asCursor] of CURSOR_MODES) {
      const pages = await pagesOf((pageCursor) => metrics.getMetrics({ filter, pageCursor }), asCursor);
      assert.deepEqual(pages.map((p) => p.length), [200, 1], mode);
      const names = pages.flat().map((m) => m.attributes.name);
      assert.deepEqual([...names].sort(), list.map((_, i) => `${service}-${i}`).sort(), `${mode}: every metric once`);
    }
  });
});

describe('metric properties', () => {
  // Seven events of one metric: Item takes seven values, Count always 1; Late only in the last.
  const name = unique('Learned');
  const email = uniqueEmail('properties');
  const items = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  let metricId;

  before(async () => {
    for (const [i, item] of items.entries()) {
      const properties = { Item: item, Count: 1, Tags: ['x', 'y'], Shipping: { method: 'post' }, Gift: true };
      if (i === items.length - 1) properties.Late = 'yes';
      await createEvent({ metric: name, profile: { email }, properties, uniqueId: `p-${i}` });
    }
    metricId = (await eventsOf((await profileOf(email)).id))[0].relationships.metric.data.id;
  });

  /** The metric's properties, keyed by property name (raw resources). */
  async function propertiesByName(options) {
    const { response } = await metrics.getPropertiesForMetric(metricId, options);
    assert.equal(response.status, 200);
    return new Map(response.data.data.map((p) => [p.attributes.property, p]));
  }

  test('get_properties_for_metric: the keys its events carry, with inferred types; sample_values when asked', async () => {
    const { response, body } = await metrics.getPropertiesForMetric(metricId);
    assert.equal(response.config.url, `${BASE_URL}/api/metrics/${metricId}/metric-properties`);
    assert.ok(response.data.links.self.startsWith(`${BASE_URL}/api/metrics/${metricId}/metric-properties`));
    const types = Object.fromEntries(response.data.data.map((p) => [p.attributes.property, p.attributes.inferred_type]));
    assert.deepEqual(types, { Count: 'Number', Gift: 'Boolean', Item: 'String', Late: 'String', Shipping: 'Object', Tags: 'List' });
    for (const p of response.data.data) {
      assert.equal(p.type, 'metric-property');
      assert.equal(typeof p.id, 'string');
      assert.deepEqual(Object.keys(p.attributes).sort(), ['inferred_type', 'label', 'property'], 'sample_values only when asked');
      assert.equal(p.attributes.label, p.attributes.property);
      assert.deepEqual(p.relationships.metric.links, relationshipLinks('/api/metric-properties', p.id, 'metric'));
      assert.deepEqual(p.links, { self: `${BASE_URL}/api/metric-properties/${p.id}/` });
    }
    assert.ok(body.data.every((p) => typeof p.attributes.inferredType === 'string'));

    const samples = await propertiesByName({ additionalFieldsMetricProperty: ['sample_values'] });
    const item = samples.get('Item').attributes.sample_values;
    assert.equal(item.length, 5, 'at most five sample values');
    assert.equal(new Set(item).size, 5);
    for (const v of item) assert.ok(items.includes(v), v);
    assert.deepEqual(samples.get('Count').attributes.sample_values, [1], 'a value seen again is sampled once');
    assert.deepEqual(samples.get('Gift').attributes.sample_values, [true]);
    assert.deepEqual(samples.get('Late').attributes.sample_values, ['yes']);
    assert.deepEqual(samples.get('Tags').attributes.sample_values, ['["x","y"]'], 'a list is sampled as its JSON text');
    assert.deepEqual(samples.get('Shipping').attributes.sample_values, ['{"method":"post"}'], 'an object too');

    const sparse = await propertiesByName({ fieldsMetricProperty: ['property'] });
    assert.deepEqual(sparse.get('Item').attributes, { property: 'Item' });
  });

  test('get_property_ids_for_metric: the same properties as identifiers (and the aliases of both reads)', async () => {
    const byName = await propertiesByName();
    const expected = [...byName.values()].map((p) => ({ type: 'metric-property', id: p.id })).sort((a, b) => a.id.localeCompare(b.id));
    for (const call of [(id) => metrics.getPropertyIdsForMetric(id), (id) => metrics.getMetricRelationshipsMetricProperties(id),
      (id) => metrics.getMetricRelationshipsProperties(id)]) {
      const { response } = await call(metricId);
      assert.equal(response.config.url, `${BASE_URL}/api/metrics/${metricId}/relationships/metric-properties`);
      assert.deepEqual([...response.data.data].sort((a, b) => a.id.localeCompare(b.id)), expected);
    }
    for (const call of [(id) => metrics.getMetricMetricProperties(id), (id) => metrics.getMetricProperties(id)]) {
      const { response } = await call(metricId);
      assert.deepEqual(response.data.data.map((p) => p.id).sort(), expected.map((p) => p.id));
    }
  });

  test('get_metric_property (include=metric), get_metric_for_metric_property and get_metric_id_for_metric_property', async () => {
    const item = (await propertiesByName()).get('Item');
    const metric = await getMetric(metricId);

    const { response, body } = await metrics.getMetricProperty(item.id);
    assert.equal(response.config.url, `${BASE_URL}/api/metric-properties/${item.id}`);
    assert.deepEqual(response.data.data, item);
    assert.ok(!('included' in response.data));
    assert.equal(body.data.attributes.inferredType, 'String');

    const withMetric = await metrics.getMetricProperty(item.id, { include: ['metric'], additionalFieldsMetricProperty: ['sample_values'] });
    assert.deepEqual(withMetric.response.data.data.relationships.metric.data, { type: 'metric', id: metricId });
    assert.deepEqual(withMetric.response.data.included, [metric]);
    assert.equal(withMetric.response.data.data.attributes.sample_values.length, 5);
    const sparse = await metrics.getMetricProperty(item.id, { include: ['metric'], fieldsMetricProperty: ['inferred_type'], fieldsMetric: ['name'] });
    assert.deepEqual(sparse.response.data.data.attributes, { inferred_type: 'String' });
    assert.deepEqual(sparse.response.data.included[0].attributes, { name });

    for (const call of [(id, o) => metrics.getMetricForMetricProperty(id, o), (id, o) => metrics.getMetricPropertyMetric(id, o)]) {
      const got = await call(item.id);
      assert.equal(got.response.config.url, `${BASE_URL}/api/metric-properties/${item.id}/metric`);
      assert.deepEqual(got.response.data.data, metric);
      assert.deepEqual((await call(item.id, { fieldsMetric: ['name'] })).response.data.data.attributes, { name });
    }
    for (const call of [(id) => metrics.getMetricIdForMetricProperty(id), (id) => metrics.getMetricPropertyRelationshipsMetric(id)]) {
      const got = await call(item.id);
      assert.equal(got.response.config.url, `${BASE_URL}/api/metric-properties/${item.id}/relationships/metric`);
      assert.deepEqual(got.response.data.data, { type: 'metric', id: metricId });
    }
  });

  test('a metric whose events had no properties has none; unknown ids are 404s', async () => {
    const bare = uniqueEmail('properties-none');
    await createEvent({ metric: unique('Bare'), profile: { email: bare } });
    const bareId = (await onlyEventOf(bare)).event.relationships.metric.data.id;
    assert.deepEqual((await metrics.getPropertiesForMetric(bareId)).response.data.data, []);
    assert.deepEqual((await metrics.getPropertyIdsForMetric(bareId)).response.data.data, []);

    for (const read of ['getPropertiesForMetric', 'getPropertyIdsForMetric']) await notFound(metrics[read](UNKNOWN_METRIC));
    for (const read of ['getMetricProperty', 'getMetricForMetricProperty', 'getMetricIdForMetricProperty']) {
      await notFound(metrics[read](UNKNOWN_PROPERTY));
    }
  });
});

describe('flow triggers of a metric', () => {
  test('get_flows_triggered_by_metric and get_ids_for_flows_triggered_by_metric (and aliases): empty for a metric no flow is triggered by; 404 for an unknown metric', async () => {
    const email = uniqueEmail('flow-triggers');
    await createEvent({ metric: unique('Triggering'), profile: { email } });
    const metricId = (await onlyEventOf(email)).event.relationships.metric.data.id;
    const flows = [(id) => metrics.getFlowsTriggeredByMetric(id), (id) => metrics.getFlowTriggersForMetric(id), (id) => metrics.getMetricFlowTriggers(id)];
    const ids = [(id) => metrics.getIdsForFlowsTriggeredByMetric(id), (id) => metrics.getFlowTriggerIdsForMetric(id),
      (id) => metrics.getMetricRelationshipsFlowTriggers(id)];
    for (const [path, calls] of [['flow-triggers', flows], ['relationships/flow-triggers', ids]]) {
      for (const call of calls) {
        const { response, body } = await call(metricId);
        assert.equal(response.status, 200);
        assert.equal(response.config.url, `${BASE_URL}/api/metrics/${metricId}/${path}`);
        assert.deepEqual(response.data.data, []);
        assert.ok(response.data.links.self.startsWith(`${BASE_URL}/api/metrics/${metricId}/${path}`));
        assert.deepEqual(body.data, []);
        await notFound(call(UNKNOWN_METRIC));
      }
    }
    const sparse = await metrics.getFlowsTriggeredByMetric(metricId, { fieldsFlow: ['name'] });
    assert.deepEqual(sparse.response.data.data, []);
  });
});

describe('query_metric_aggregates', () => {
  const metricName = unique('Aggregated');
  const email = uniqueEmail('aggregates');
  const other = uniqueEmail('aggregates-other');
  let metricId;

  before(async () => {
    await createEvent({ metric: metricName, profile: { email }, time: '2024-03-01T10:00:00Z', value: 10.5, valueCurrency: 'USD', uniqueId: 'a1' });
    await createEvent({ metric: metricName, profile: { email }, time: '2024-03-01T11:00:00Z', value: 2, valueCurrency: 'EUR', uniqueId: 'a2' });
    await createEvent({ metric: metricName, profile: { email: other }, time: '2024-03-03T09:00:00Z', value: 1, valueCurrency: 'USD', uniqueId: 'a3' });
    const { event } = await onlyEventOf(other);
    metricId = event.relationships.metric.data.id;
  });

  const query = (attributes) => ({ data: { type: 'metric-aggregate', attributes: { metricId, ...attributes } } });
  const MARCH = ['greater-or-equal(datetime,2024-03-01T00:00:00)', 'less-than(datetime,2024-03-04T00:00:00)'];

  test('daily count, sum_value and unique, as the stored events say', async () => {
    const { response } = await metrics.queryMetricAggregates(query({ measurements: ['count', 'sum_value', 'unique'], interval: 'day', filter: MARCH }));
    assert.equal(response.status, 200);
    const { data } = response.data;
    assert.equal(data.type, 'metric-aggregate');
    assert.deepEqual(data.attributes.dates, ['2024-03-01T00:00:00+00:00', '2024-03-02T00:00:00+00:00', '2024-03-03T00:00:00+00:00']);
    assert.equal(data.attributes.data.length, 1);
    const { dimensions, measurements } = data.attributes.data[0];
    assert.deepEqual(dimensions, []);
    assert.deepEqual(measurements.count, [2, 0, 1]);
    assert.deepEqual(measurements.sum_value.map(Number), [12.5, 0, 1]);
    assert.deepEqual(measurements.unique, [1, 0, 1]);
  });

  test('grouped by $value_currency, through the alias createMetricAggregate', async () => {
    const { response } = await metrics.createMetricAggregate(query({ measurements: ['count'], interval: 'month', by: ['$value_currency'], filter: MARCH }));
    const rows = Object.fromEntries(response.data.data.attributes.data.map((r) => [r.dimensions[0], r.measurements.count]));
    assert.deepEqual(response.data.data.attributes.dates, ['2024-03-01T00:00:00+00:00']);
    assert.deepEqual(rows, { USD: [2], EUR: [1] });
  });

  test('an unknown metric is 404 and a filter without a time range is 400', async () => {
    const missing = await sdkError(metrics.queryMetricAggregates(query({ metricId: UNKNOWN_METRIC, measurements: ['count'], filter: MARCH })), 404);
    assert.equal(missing.errors[0].source.pointer, '/data/attributes/metric_id');
    const noRange = await sdkError(metrics.queryMetricAggregates(query({ measurements: ['count'], filter: [MARCH[0]] })), 400);
    assert.match(noRange.errors[0].source.pointer, /^\/data\/attributes\/filter/);
  });
});
