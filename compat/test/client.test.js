// The Client tag's /client endpoints, as browsers, apps and Klaviyo's SDKs call them: the public key
// (company id) in company_id, no private key, CORS for browsers.
//
// klaviyo-api 23.0.0's ClientApi has one method, getClientIpAllowlist (its session sends the private key
// there, which that one operation accepts); the SDK has no method for the other client operations, so
// they are sent here as a browser sends them (fetch, the spec's request bodies) and their effects are
// read back through the SDK's ProfilesApi, EventsApi and ListsApi. Profiles and lists are unique per
// test, so the file runs against a shared server.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api';
import {
  ADMIN_KEY, API_KEY, BASE_URL, COMPANY_ID, createCatalogVariant, createList, createProfile, eventually, sdk, sdkError, unique,
  uniqueEmail, uniquePhone,
} from '../support/sdk.js';

const { ClientApi, EventsApi, ListsApi, ProfilesApi } = klaviyo;
const profiles = sdk(ProfilesApi);
const events = sdk(EventsApi);
const lists = sdk(ListsApi);
const skip = !COMPANY_ID || !ADMIN_KEY ? 'set OPENPROFILE_COMPANY_ID and OPENPROFILE_ADMIN_KEY' : false;

/** A /client request as a browser sends it: no Authorization, the revision header, JSON:API. */
async function client(method, path, body, headers = {}) {
  const sep = path.includes('?') ? '&' : '?';
  const response = await fetch(`${BASE_URL}${path}${sep}company_id=${COMPANY_ID}`, {
    method,
    headers: { revision: '2026-07-15', accept: 'application/vnd.api+json', 'content-type': 'application/vnd.api+json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

async function admin(method, path, body) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method, headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
}

async function profileByEmail(email, options = {}) {
  const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")`, ...options });
  return response.data.data[0];
}

const profileData = (attributes) => ({ data: { type: 'profile', attributes } });

describe('client endpoints', { skip }, () => {
  test('create_client_profile upserts and never changes an identifier the profile has', async () => {
    const email = uniqueEmail('client-profile');
    const externalId = unique('ext');
    await createProfile({ email, externalId });
    const r = await client('POST', '/client/profiles', profileData({ external_id: externalId, email: uniqueEmail('moved'), first_name: 'Cli' }));
    assert.equal(r.status, 202);
    assert.equal(r.text, '');
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    const p = await profileByEmail(email);
    assert.equal(p.attributes.first_name, 'Cli');
    assert.equal(p.attributes.external_id, externalId);
  });

  test('create_client_subscription subscribes to MARKETING by default and adds to the list', async () => {
    const list = await createList({ opt_in_process: 'single_opt_in' });
    const email = uniqueEmail('client-sub');
    const r = await client('POST', '/client/subscriptions', {
      data: {
        type: 'subscription',
        attributes: { custom_source: 'Footer', profile: profileData({ email, phone_number: uniquePhone() }) },
        relationships: { list: { data: { type: 'list', id: list.id } } },
      },
    });
    assert.equal(r.status, 202);
    const p = await eventually('the subscription', () => profileByEmail(email, { additionalFieldsProfile: ['subscriptions'] }),
      (x) => x?.attributes.subscriptions.email.marketing.consent === 'SUBSCRIBED');
    assert.equal(p.attributes.subscriptions.sms.marketing.consent, 'SUBSCRIBED');
    const { response } = await lists.getProfilesForList(list.id);
    assert.deepEqual(response.data.data.map((m) => m.id), [p.id]);
  });

  test('create_client_event and bulk_create_client_events store events for the profile', async () => {
    const email = uniqueEmail('client-event');
    const metric = { data: { type: 'metric', attributes: { name: unique('Client Viewed') } } };
    const one = await client('POST', '/client/events', {
      data: { type: 'event', attributes: { properties: { page: '/' }, time: '2026-01-01T00:00:00Z', metric, profile: profileData({ email }) } },
    });
    assert.equal(one.status, 202);
    const bulk = await client('POST', '/client/event-bulk-create', {
      data: {
        type: 'event-bulk-create',
        attributes: {
          profile: profileData({ email }),
          events: { data: ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'].map((time) => ({ type: 'event', attributes: { properties: {}, time, metric } })) },
        },
      },
    });
    assert.equal(bulk.status, 202);
    const p = await profileByEmail(email);
    await eventually('three events', async () => (await events.getEvents({ filter: `equals(profile_id,"${p.id}")` })).response.data.data,
      (data) => data.length === 3);
  });

  test('create_client_back_in_stock_subscription answers 202 and validates the variant id', async () => {
    const body = (variant) => ({
      data: {
        type: 'back-in-stock-subscription',
        attributes: { channels: ['EMAIL'], profile: profileData({ email: uniqueEmail('bis') }) },
        relationships: { variant: { data: { type: 'catalog-variant', id: variant } } },
      },
    });
    assert.equal((await client('POST', '/client/back-in-stock-subscriptions', body(await createCatalogVariant()))).status, 202);
    const bad = await client('POST', '/client/back-in-stock-subscriptions', body('SKU-1'));
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].source.pointer, '/data/relationships/variant/data/id');
  });

  test('get_client_geofences sorts by distance from the X-Klaviyo-API-Filters point', async () => {
    await admin('PUT', '/admin/accounts/default/geofences', { geofences: [
      { id: 'compat-nyc', latitude: 40.7128, longitude: -74.006, radius: 100 },
      { id: 'compat-par', latitude: 48.8566, longitude: 2.3522, radius: 100 },
    ] });
    const r = await client('GET', '/client/geofences', undefined, { 'X-Klaviyo-API-Filters': 'and(equals(lat,48.8),equals(lng,2.3))' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.data.map((g) => g.id), ['compat-par', 'compat-nyc']);
    assert.equal(r.json.data[0].attributes.radius, 100);
  });

  test('ClientApi.getClientIpAllowlist reads the list the operator set', async () => {
    await admin('PUT', '/admin/accounts/default/ip-allowlists', { prefixes: ['192.0.2.0/24'] });
    const api = sdk(ClientApi);
    const { response, body } = await api.getClientIpAllowlist('integration-egress', COMPANY_ID);
    assert.equal(response.status, 200);
    assert.deepEqual(body.data.attributes.prefixes, ['192.0.2.0/24']);
    assert.equal(typeof body.data.attributes.syncToken, 'string');
    assert.ok(body.data.attributes.created instanceof Date);
    const doc = await sdkError(api.getClientIpAllowlist('other', COMPANY_ID), 404);
    assert.equal(doc.errors[0].code, 'not_found');
  });

  test('the gate: unknown company_id, a private key, and a CORS preflight', async () => {
    const unknownCompany = await fetch(`${BASE_URL}/client/profiles?company_id=NoSuch`, {
      method: 'POST', headers: { revision: '2026-07-15', 'content-type': 'application/json' },
      body: JSON.stringify(profileData({ email: uniqueEmail('gate') })),
    });
    assert.equal(unknownCompany.status, 400);
    assert.equal((await unknownCompany.json()).errors[0].source.parameter, 'company_id');
    const privateKey = await client('POST', '/client/profiles', profileData({ email: uniqueEmail('gate') }),
      { authorization: `Klaviyo-API-Key ${API_KEY}` });
    assert.equal(privateKey.status, 403);
    const preflight = await fetch(`${BASE_URL}/client/subscriptions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'revision,content-type' },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers'), /revision/);
  });
});
