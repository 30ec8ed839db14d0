// Drives an OpenProfile server through Klaviyo's official Node SDK (klaviyo-api 23.0.0), unchanged
// except for the base URL. Every test creates its own profiles with unique emails and scopes its
// reads to them, so the suite can run against a shared, non-empty server and in parallel.
//
// Two views of each response are checked:
//   * `body`          — what the SDK hands the caller after ObjectSerializer.deserialize: camelCase
//                       keys, Date objects. Proves the SDK can read what we send.
//   * `response.data` — the raw JSON from axios. The deserializer sets every known attribute,
//                       absent or not, so only the raw JSON shows which keys the server sent
//                       (sparse fieldsets, additional-fields, null vs absent).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { API_KEY, BASE_URL, TIMESTAMP, ULID, sdk, uniqueEmail, sdkError } from '../support/sdk.js';

const { ProfilesApi, ApiKeySession } = klaviyo;



/** An SDK client pointed at the server (see support/sdk.js). */
const profilesApi = (key = API_KEY) => sdk(ProfilesApi, key);


const api = profilesApi();


/** Creates a profile through the SDK and returns its raw JSON resource object. */
async function create(attributes) {
  const { response } = await api.createProfile({ data: { type: 'profile', attributes } });
  assert.equal(response.status, 201);
  return response.data.data;
}

/** page[cursor] taken out of a links.next URL, as a client would do by hand. */
function cursorOf(nextUrl) {
  return new URL(nextUrl).searchParams.get('page[cursor]');
}

/** JSON:API filter literal for a list of emails. */
function emailList(emails) {
  return `[${emails.map((e) => `"${e}"`).join(',')}]`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SDK wiring', () => {
  test('requests go to OPENPROFILE_URL with the SDK revision header and the key', async () => {
    const email = uniqueEmail('wiring');
    const created = await create({ email });
    const { response } = await api.getProfile(created.id);
    assert.equal(response.config.url, `${BASE_URL}/api/profiles/${created.id}`);
    assert.equal(response.config.headers.revision, '2026-07-15');
    assert.equal(response.config.headers.Authorization, `Klaviyo-API-Key ${API_KEY}`);
    assert.equal(response.data.data.attributes.email, email);
  });
});

describe('get_profile', () => {
  test('returns the stored profile with id, timestamps, attributes and links', async () => {
    const email = uniqueEmail('get');
    const created = await create({
      email,
      firstName: 'Ada',
      lastName: 'Lovelace',
      organization: 'Analytical Engines',
      location: { city: 'London', country: 'United Kingdom', zip: 'N1' },
      properties: { plan: 'pro', seats: 3 },
    });

    const { response, body } = await api.getProfile(created.id);
    assert.equal(response.status, 200);
    const data = response.data.data;
    assert.equal(data.type, 'profile');
    assert.equal(data.id, created.id);
    assert.match(data.id, ULID);
    assert.match(data.attributes.created, TIMESTAMP);
    assert.match(data.attributes.updated, TIMESTAMP);
    assert.equal(data.attributes.email, email);
    assert.equal(data.attributes.phone_number, null);
    assert.equal(data.attributes.location.city, 'London');
    assert.equal(data.attributes.location.zip, 'N1');
    assert.equal(data.attributes.location.region, null);
    assert.deepEqual(data.attributes.properties, { plan: 'pro', seats: 3 });
    assert.equal(data.links.self, `${BASE_URL}/api/profiles/${created.id}/`);
    // `subscriptions` is only sent when asked for with additional-fields.
    assert.ok(!('subscriptions' in data.attributes));

    // The SDK's typed view: camelCase attributes and parsed dates.
    assert.equal(body.data.id, created.id);
    assert.equal(body.data.attributes.firstName, 'Ada');
    assert.equal(body.data.attributes.lastName, 'Lovelace');
    assert.equal(body.data.attributes.organization, 'Analytical Engines');
    assert.ok(body.data.attributes.created instanceof Date);
    assert.equal(body.data.attributes.created.toISOString().slice(0, 19), data.attributes.created.slice(0, 19));
  });

  test('sparse fieldset on a single profile', async () => {
    const created = await create({ email: uniqueEmail('get-fields'), firstName: 'Grace', location: { city: 'Arlington' } });
    const { response } = await api.getProfile(created.id, { fieldsProfile: ['first_name', 'location.city'] });
    assert.deepEqual(response.data.data.attributes, { first_name: 'Grace', location: { city: 'Arlington' } });
  });

  test('unknown id is a 404 SDK error with a Klaviyo error body', async () => {
    const doc = await sdkError(api.getProfile('01ARZ3NDEKTSV4RRFFQ69G5FAV'), 404);
    assert.equal(doc.errors[0].code, 'not_found');
    assert.equal(doc.errors[0].status, 404);
  });
});

describe('get_profiles', () => {
  test('filter equals(email,...) finds exactly that profile', async () => {
    const email = uniqueEmail('eq');
    const created = await create({ email, firstName: 'Eq' });
    await create({ email: uniqueEmail('eq-other') });

    const { response, body } = await api.getProfiles({ filter: `equals(email,"${email}")` });
    assert.equal(response.status, 200);
    assert.deepEqual(response.data.data.map((p) => p.id), [created.id]);
    assert.equal(body.data[0].attributes.firstName, 'Eq');
    assert.equal(response.data.links.next, null);
    assert.equal(typeof response.data.links.self, 'string');
  });

  test('filter any(email,[...]) returns the listed profiles and ignores unknown emails', async () => {
    const a = await create({ email: uniqueEmail('any-a') });
    const b = await create({ email: uniqueEmail('any-b') });
    await create({ email: uniqueEmail('any-c') });

    const emails = [a.attributes.email, b.attributes.email, uniqueEmail('any-missing')];
    const { response } = await api.getProfiles({ filter: `any(email,${emailList(emails)})`, sort: 'email' });
    assert.deepEqual(response.data.data.map((p) => p.id), [a, b].sort(byEmail).map((p) => p.id));
  });

  test('filter greater-than(created,...) combined with any(email,...)', async () => {
    const older = await create({ email: uniqueEmail('gt-old') });
    // `created` has one-second resolution: wait until the next second so the second profile is strictly newer.
    await sleep(1100);
    const newer = await create({ email: uniqueEmail('gt-new') });
    assert.ok(newer.attributes.created > older.attributes.created, 'precondition: distinct created seconds');

    const emails = emailList([older.attributes.email, newer.attributes.email]);
    // The datetime literal is unquoted (Klaviyo's filter syntax); a comma is an implicit and().
    const { response } = await api.getProfiles({
      filter: `greater-than(created,${older.attributes.created}),any(email,${emails})`,
    });
    assert.deepEqual(response.data.data.map((p) => p.id), [newer.id]);
  });

  test('sparse fieldsets, including a dotted location.city, trim attributes only', async () => {
    const email = uniqueEmail('fields');
    await create({ email, firstName: 'Sparse', location: { city: 'Lisbon', country: 'Portugal' }, properties: { x: 1 } });

    const { response, body } = await api.getProfiles({
      filter: `equals(email,"${email}")`,
      fieldsProfile: ['email', 'location.city'],
    });
    const [profile] = response.data.data;
    assert.deepEqual(profile.attributes, { email, location: { city: 'Lisbon' } });
    // Relationships and links are not affected by sparse fieldsets.
    assert.equal(typeof profile.links.self, 'string');
    assert.ok(profile.relationships && typeof profile.relationships === 'object');
    // The SDK still deserializes the trimmed resource.
    assert.equal(body.data[0].attributes.email, email);
    assert.equal(body.data[0].attributes.location.city, 'Lisbon');
    assert.equal(body.data[0].attributes.firstName, undefined);
  });

  test('additional-fields[profile]=subscriptions adds the attribute (a new profile: never subscribed, reachable by email)', async () => {
    const email = uniqueEmail('additional');
    await create({ email });

    const plain = await api.getProfiles({ filter: `equals(email,"${email}")` });
    assert.ok(!('subscriptions' in plain.response.data.data[0].attributes));

    const extended = await api.getProfiles({ filter: `equals(email,"${email}")`, additionalFieldsProfile: ['subscriptions'] });
    const attributes = extended.response.data.data[0].attributes;
    assert.ok('subscriptions' in attributes, 'subscriptions key is present');
    assert.equal(attributes.subscriptions.email.marketing.consent, 'NEVER_SUBSCRIBED');
    assert.equal(attributes.subscriptions.email.marketing.can_receive_email_marketing, true);
    assert.deepEqual(attributes.subscriptions.email.marketing.suppression, []);
    assert.equal(attributes.subscriptions.sms.marketing.can_receive_sms_marketing, false);
    assert.equal(attributes.email, email);
  });

  describe('paging through more than one page', () => {
    const PAGE = 3;
    const COUNT = 7; // pages of 3, 3, 1

    async function seed(tag) {
      const profiles = [];
      for (let i = 0; i < COUNT; i++) {
        profiles.push(await create({ email: uniqueEmail(`${tag}${i}`) }));
      }
      return profiles;
    }

    /**
     * Follows links.next until it is null. `asCursor` turns a links.next URL into the pageCursor
     * option; every call repeats the query options, as SDK users do.
     */
    async function collect(options, asCursor) {
      const pages = [];
      let cursor;
      for (let guard = 0; guard < 10; guard++) {
        const { response } = await api.getProfiles({ ...options, pageSize: PAGE, pageCursor: cursor });
        assert.equal(response.status, 200);
        pages.push(response.data.data);
        const next = response.data.links.next;
        if (next === null || next === undefined) return pages;
        assert.ok(next.startsWith(`${BASE_URL}/api/profiles`), `links.next is absolute: ${next}`);
        assert.ok(cursorOf(next), `links.next carries page[cursor]: ${next}`);
        cursor = asCursor(next);
      }
      assert.fail('more pages than expected');
    }

    const extractCursor = (next) => cursorOf(next);
    // The SDK's queryParamPreProcessor only extracts page[cursor] from https:// URLs; against an
    // http:// server it sends the whole links.next URL as page[cursor], and the server must accept it.
    const wholeUrl = (next) => next;

    for (const [mode, asCursor] of [['raw cursor token', extractCursor], ['whole links.next URL', wholeUrl]]) {
      test(`sort=email, page[size]=${PAGE}, pageCursor = ${mode}`, async () => {
        const profiles = await seed(`page-email-${mode.split(' ')[1]}-`);
        const emails = profiles.map((p) => p.attributes.email);
        const pages = await collect({ filter: `any(email,${emailList(emails)})`, sort: 'email' }, asCursor);

        assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
        // No duplicates, no gaps, and in email order across page boundaries.
        assert.deepEqual(pages.flat().map((p) => p.attributes.email), [...emails].sort());
      });

      test(`sort=-created, page[size]=${PAGE}, pageCursor = ${mode}`, async () => {
        const profiles = await seed(`page-created-${mode.split(' ')[1]}-`);
        const emails = profiles.map((p) => p.attributes.email);
        const pages = await collect({ filter: `any(email,${emailList(emails)})`, sort: '-created' }, asCursor);

        assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
        const seen = pages.flat();
        assert.deepEqual(seen.map((p) => p.id).sort(), profiles.map((p) => p.id).sort());
        assert.equal(new Set(seen.map((p) => p.id)).size, COUNT);
        // Profiles created in the same second tie on `created`; the order must still be non-increasing.
        for (let i = 1; i < seen.length; i++) {
          assert.ok(seen[i - 1].attributes.created >= seen[i].attributes.created, `order at ${i}`);
        }
      });
    }

    test('the SDK really sends the whole URL when given an http:// links.next', async (t) => {
      if (!BASE_URL.startsWith('http://')) {
        t.skip('only meaningful against an http:// server');
        return;
      }
      const profiles = await seed('page-wire-');
      const filter = `any(email,${emailList(profiles.map((p) => p.attributes.email))})`;
      const first = await api.getProfiles({ filter, sort: 'email', pageSize: PAGE });
      const next = first.response.data.links.next;
      const second = await api.getProfiles({ filter, sort: 'email', pageSize: PAGE, pageCursor: next });
      assert.equal(second.response.config.params['page[cursor]'], next);
      assert.deepEqual(
        second.response.data.data.map((p) => p.attributes.email),
        profiles.map((p) => p.attributes.email).sort().slice(PAGE, 2 * PAGE),
      );
    });
  });
});

describe('create_profile', () => {
  test('201 with the created resource', async () => {
    const email = uniqueEmail('create');
    const { response, body } = await api.createProfile({
      data: {
        type: 'profile',
        attributes: {
          email,
          externalId: `ext-${randomUUID()}`,
          firstName: 'Katherine',
          title: 'Mathematician',
          location: { city: 'White Sulphur Springs', region: 'WV' },
          properties: { nested: { a: [1, 2] }, flag: true },
        },
      },
    });
    assert.equal(response.status, 201);
    const data = response.data.data;
    assert.equal(data.type, 'profile');
    assert.match(data.id, ULID);
    assert.equal(data.attributes.email, email);
    assert.equal(data.attributes.first_name, 'Katherine');
    assert.equal(data.attributes.title, 'Mathematician');
    assert.equal(data.attributes.last_name, null);
    assert.equal(data.attributes.location.city, 'White Sulphur Springs');
    assert.equal(data.attributes.location.region, 'WV');
    assert.deepEqual(data.attributes.properties, { nested: { a: [1, 2] }, flag: true });
    assert.match(data.attributes.created, TIMESTAMP);
    assert.equal(data.links.self, `${BASE_URL}/api/profiles/${data.id}/`);
    assert.equal(body.data.attributes.externalId, data.attributes.external_id);

    // It is really stored.
    const fetched = await api.getProfile(data.id);
    assert.equal(fetched.response.data.data.attributes.email, email);
  });

  test('409 duplicate_profile names the existing profile', async () => {
    const email = uniqueEmail('dup');
    const existing = await create({ email });
    const doc = await sdkError(
      api.createProfile({ data: { type: 'profile', attributes: { email, firstName: 'Again' } } }),
      409,
    );
    assert.equal(doc.errors[0].code, 'duplicate_profile');
    assert.equal(doc.errors[0].meta.duplicate_profile_id, existing.id);
    // The existing profile is untouched.
    const fetched = await api.getProfile(existing.id);
    assert.equal(fetched.response.data.data.attributes.first_name, null);
  });

  test('400 invalid email points at /data/attributes/email', async () => {
    const doc = await sdkError(
      api.createProfile({ data: { type: 'profile', attributes: { email: 'not-an-email' } } }),
      400,
    );
    assert.equal(doc.errors[0].code, 'invalid');
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/email');
  });
});

describe('update_profile', () => {
  test('null clears, absent keeps, properties merge, patch_properties.append appends', async () => {
    const created = await create({
      email: uniqueEmail('update'),
      firstName: 'Old',
      lastName: 'Keep',
      organization: 'Keep Inc',
      location: { city: 'Paris', country: 'France' },
      properties: { a: 1, b: 'x', tags: ['t1'] },
    });

    const { response, body } = await api.updateProfile(created.id, {
      data: {
        type: 'profile',
        id: created.id,
        attributes: {
          firstName: null, // cleared
          title: 'CTO', // set
          location: { city: 'Lyon' }, // location.country is absent: kept
          properties: { b: 'y', c: true }, // merged into the existing properties
        },
        // Appending to an array property adds to it; appending to a missing property creates an array.
        // (`unset` is not sent: the SDK's own serializer throws on it.)
        meta: { patchProperties: { append: { tags: 't2', fresh: 'v' } } },
      },
    });
    assert.equal(response.status, 200);
    const expected = {
      first_name: null,
      last_name: 'Keep',
      organization: 'Keep Inc',
      title: 'CTO',
      properties: { a: 1, b: 'y', c: true, tags: ['t1', 't2'], fresh: ['v'] },
    };
    const check = (attributes) => {
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(attributes[key], value, key);
      }
      assert.equal(attributes.email, created.attributes.email);
      assert.equal(attributes.location.city, 'Lyon');
      assert.equal(attributes.location.country, 'France');
    };
    check(response.data.data.attributes);
    assert.equal(body.data.id, created.id);
    assert.equal(body.data.attributes.firstName, null);

    // And it is persisted.
    check((await api.getProfile(created.id)).response.data.data.attributes);
  });

  test('patch_properties.unappend removes values from an array property', async () => {
    const created = await create({ email: uniqueEmail('unappend'), properties: { tags: ['a', 'b', 'c'] } });
    const { response } = await api.updateProfile(created.id, {
      data: { type: 'profile', id: created.id, attributes: {}, meta: { patchProperties: { unappend: { tags: 'b' } } } },
    });
    assert.deepEqual(response.data.data.attributes.properties, { tags: ['a', 'c'] });
  });

  test('unknown id is a 404', async () => {
    const id = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const doc = await sdkError(
      api.updateProfile(id, { data: { type: 'profile', id, attributes: { firstName: 'X' } } }),
      404,
    );
    assert.equal(doc.errors[0].code, 'not_found');
  });
});

describe('create_or_update_profile', () => {
  test('201 when it creates, 200 with the same id when it updates', async () => {
    const email = uniqueEmail('upsert');
    const first = await api.createOrUpdateProfile({
      data: { type: 'profile', attributes: { email, firstName: 'First', lastName: 'Last', properties: { visits: 1 } } },
    });
    // The SDK resolves with { response, body }; the HTTP status is response.status.
    assert.equal(first.response.status, 201);
    const id = first.response.data.data.id;
    assert.match(id, ULID);
    assert.equal(first.body.data.attributes.firstName, 'First');

    const second = await api.createOrUpdateProfile({
      data: {
        type: 'profile',
        attributes: { email, firstName: 'Second', lastName: null, properties: { plan: 'free' } },
        meta: { patchProperties: { append: { seen: 'home' } } },
      },
    });
    assert.equal(second.response.status, 200);
    const attributes = second.response.data.data.attributes;
    assert.equal(second.response.data.data.id, id);
    assert.equal(attributes.email, email);
    assert.equal(attributes.first_name, 'Second');
    assert.equal(attributes.last_name, null);
    assert.deepEqual(attributes.properties, { visits: 1, plan: 'free', seen: ['home'] });

    // Exactly one profile carries the email.
    const list = await api.getProfiles({ filter: `equals(email,"${email}")` });
    assert.deepEqual(list.response.data.data.map((p) => p.id), [id]);
  });

  test('with data.id it updates that profile, including its email', async () => {
    const created = await create({ email: uniqueEmail('upsert-id'), firstName: 'ById' });
    const newEmail = uniqueEmail('upsert-id-new');
    const { response } = await api.createOrUpdateProfile({
      data: { type: 'profile', id: created.id, attributes: { email: newEmail } },
    });
    assert.equal(response.status, 200);
    assert.equal(response.data.data.id, created.id);
    assert.equal(response.data.data.attributes.email, newEmail);
    assert.equal(response.data.data.attributes.first_name, 'ById');
  });
});

describe('authentication', () => {
  test('an unknown private key is a 401 authentication_failed SDK error', async () => {
    const stranger = profilesApi('pk_' + '0'.repeat(34));
    const doc = await sdkError(stranger.getProfiles(), 401);
    assert.equal(doc.errors[0].code, 'authentication_failed');
  });
});

function byEmail(a, b) {
  return a.attributes.email < b.attributes.email ? -1 : a.attributes.email > b.attributes.email ? 1 : 0;
}
