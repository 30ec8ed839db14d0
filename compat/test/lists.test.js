// The Lists tag, and the profile-side list operations, through Klaviyo's official Node SDK
// (klaviyo-api 23.0.0), unchanged except for the base URL. Every test creates its own lists (unique
// names) and profiles (unique emails) and scopes its reads to them, so the suite can run against a
// shared, non-empty server and in parallel with the other files.
//
// As in profiles.test.js, `body` is the SDK's deserialized view (camelCase, Date objects) and
// `response.data` is the raw JSON, which is what shows the keys the server actually sent.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { API_KEY, BASE_URL, TIMESTAMP, ULID, sdk, unique, uniqueEmail, notFound, sdkError } from '../support/sdk.js';

const { ListsApi, ProfilesApi, ApiKeySession } = klaviyo;


const LIST_ID = /^[A-Za-z0-9]{6}$/;
const UNKNOWN_LIST = 'AAAAAA';
const UNKNOWN_PROFILE = '01ARZ3NDEKTSV4RRFFQ69G5FAV';



const lists = sdk(ListsApi);
const profiles = sdk(ProfilesApi);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates a list through the SDK and returns its raw JSON resource object. */
async function createList(name = unique('list'), extra = {}) {
  const { response } = await lists.createList({ data: { type: 'list', attributes: { name, ...extra } } });
  assert.equal(response.status, 201);
  return response.data.data;
}

/** Creates a profile through the SDK and returns its raw JSON resource object. */
async function createProfile(tag = 'member') {
  const { response } = await profiles.createProfile({ data: { type: 'profile', attributes: { email: uniqueEmail(tag) } } });
  assert.equal(response.status, 201);
  return response.data.data;
}

const refs = (ids) => ({ data: ids.map((id) => ({ type: 'profile', id })) });

async function addMembers(listId, ids) {
  const { response, body } = await lists.addProfilesToList(listId, refs(ids));
  assert.equal(response.status, 204);
  assert.equal(body, undefined);
  assert.ok(response.data === '' || response.data === undefined, `204 has no body: ${JSON.stringify(response.data)}`);
}

/** The ids of a list's members, in the server's order (one page of up to 100). */
async function memberIds(listId, options = {}) {
  const { response } = await lists.getProfilesForList(listId, { pageSize: 100, ...options });
  assert.equal(response.status, 200);
  return response.data.data.map((p) => p.id);
}

const cursorOf = (nextUrl) => new URL(nextUrl).searchParams.get('page[cursor]');
const quoted = (values) => `[${values.map((v) => `"${v}"`).join(',')}]`;
const sortedIds = (resources) => resources.map((r) => r.id).sort();

/** The two ways a caller hands a links.next back to the SDK (see compat/README.md). */
const CURSOR_MODES = [
  ['raw cursor token', (next) => cursorOf(next)],
  ['whole links.next URL', (next) => next],
];

/**
 * Follows links.next until it is null, repeating `options` on every call as SDK users do, and
 * returns the pages of raw resources.
 */
async function collectPages(call, path, options, asCursor) {
  const pages = [];
  let cursor;
  for (let guard = 0; guard < 20; guard++) {
    const { response } = await call({ ...options, pageCursor: cursor });
    assert.equal(response.status, 200);
    pages.push(response.data.data);
    const next = response.data.links.next;
    if (next === null || next === undefined) return pages;
    assert.ok(next.startsWith(`${BASE_URL}${path}`), `links.next is absolute: ${next}`);
    assert.ok(cursorOf(next), `links.next carries page[cursor]: ${next}`);
    cursor = asCursor(next);
  }
  assert.fail('more pages than expected');
}

function assertListResource(data, { id, name, optIn = 'single_opt_in' }) {
  assert.equal(data.type, 'list');
  if (id) assert.equal(data.id, id);
  assert.match(data.id, LIST_ID);
  assert.equal(data.attributes.name, name);
  assert.equal(data.attributes.opt_in_process, optIn);
  assert.match(data.attributes.created, TIMESTAMP);
  assert.match(data.attributes.updated, TIMESTAMP);
  assert.equal(data.links.self, `${BASE_URL}/api/lists/${data.id}/`);
  for (const rel of ['profiles', 'tags', 'flow-triggers']) {
    assert.deepEqual(
      data.relationships[rel].links,
      {
        self: `${BASE_URL}/api/lists/${data.id}/relationships/${rel}/`,
        related: `${BASE_URL}/api/lists/${data.id}/${rel}/`,
      },
      `relationships.${rel}.links`,
    );
  }
}

describe('SDK wiring (ListsApi)', () => {
  test('requests go to OPENPROFILE_URL with the SDK revision header and the key', async () => {
    const list = await createList();
    const { response } = await lists.getList(list.id);
    assert.equal(response.config.url, `${BASE_URL}/api/lists/${list.id}`);
    assert.equal(response.config.headers.revision, '2026-07-15');
    assert.equal(response.config.headers.Authorization, `Klaviyo-API-Key ${API_KEY}`);
  });
});

describe('create_list', () => {
  test('201 with the created list; opt_in_process defaults to single_opt_in', async () => {
    const name = unique('create');
    const { response, body } = await lists.createList({ data: { type: 'list', attributes: { name } } });
    assert.equal(response.status, 201);
    const data = response.data.data;
    assertListResource(data, { name });
    assert.equal(data.attributes.created, data.attributes.updated);
    assert.ok(!('profile_count' in data.attributes), 'profile_count is only sent when asked for');

    // The SDK's typed view.
    assert.equal(body.data.id, data.id);
    assert.equal(body.data.attributes.name, name);
    assert.equal(body.data.attributes.optInProcess, 'single_opt_in');
    assert.ok(body.data.attributes.created instanceof Date);

    // It is really stored.
    const fetched = await lists.getList(data.id);
    assertListResource(fetched.response.data.data, { id: data.id, name });
  });

  test('double_opt_in is accepted and stored', async () => {
    const name = unique('create-doi');
    const { response } = await lists.createList({ data: { type: 'list', attributes: { name, optInProcess: 'double_opt_in' } } });
    assert.equal(response.status, 201);
    assertListResource(response.data.data, { name, optIn: 'double_opt_in' });
    const fetched = await lists.getList(response.data.data.id);
    assert.equal(fetched.response.data.data.attributes.opt_in_process, 'double_opt_in');
  });

  test('ids are distinct 6-character alphanumerics', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createList()).id);
    for (const id of ids) assert.match(id, LIST_ID);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('fields[list]=name on create trims the returned attributes', async () => {
    const name = unique('create-fields');
    const { response } = await lists.createList({ data: { type: 'list', attributes: { name } } }, { fieldsList: ['name'] });
    assert.equal(response.status, 201);
    assert.deepEqual(response.data.data.attributes, { name });
    assert.match(response.data.data.id, LIST_ID);
  });

  test('400 invalid pointing at /data/attributes/name when name is missing', async () => {
    const doc = await sdkError(lists.createList({ data: { type: 'list', attributes: { optInProcess: 'single_opt_in' } } }), 400);
    assert.equal(doc.errors[0].code, 'invalid');
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/name');
  });
});

describe('get_list', () => {
  test('returns the list; additional-fields[list]=profile_count counts its members', async () => {
    const name = unique('get');
    const list = await createList(name);
    const members = [await createProfile(), await createProfile(), await createProfile()];
    const outsider = await createProfile('outsider');
    await addMembers(list.id, members.map((p) => p.id));
    await addMembers((await createList()).id, [outsider.id, members[0].id]); // another list's members do not count

    const plain = await lists.getList(list.id);
    assert.equal(plain.response.status, 200);
    assertListResource(plain.response.data.data, { id: list.id, name });
    assert.ok(!('profile_count' in plain.response.data.data.attributes), 'profile_count only when asked for');
    assert.equal(plain.body.data.attributes.name, name);

    const counted = await lists.getList(list.id, { additionalFieldsList: ['profile_count'] });
    assert.equal(counted.response.config.params['additional-fields[list]'], 'profile_count');
    const attributes = counted.response.data.data.attributes;
    assert.equal(attributes.profile_count, 3);
    assert.equal(attributes.name, name);
    assert.equal(attributes.opt_in_process, 'single_opt_in');
  });

  test('profile_count of an empty list is 0', async () => {
    const list = await createList();
    const { response } = await lists.getList(list.id, { additionalFieldsList: ['profile_count'] });
    assert.equal(response.data.data.attributes.profile_count, 0);
  });

  test('fields[list]=name returns only the name', async () => {
    const name = unique('get-fields');
    const list = await createList(name);
    const { response } = await lists.getList(list.id, { fieldsList: ['name'] });
    assert.deepEqual(response.data.data.attributes, { name });
    assert.equal(response.data.data.id, list.id);
    assert.equal(response.data.data.links.self, `${BASE_URL}/api/lists/${list.id}/`);
  });

  test('unknown id is a 404 not_found', async () => {
    await notFound(lists.getList(UNKNOWN_LIST));
  });
});

describe('get_lists', () => {
  test("filter equals(name,['x']) finds exactly that list", async () => {
    const name = unique('eq');
    const list = await createList(name);
    await createList(`${name}-other`); // a different name that starts the same

    const { response, body } = await lists.getLists({ filter: `equals(name,['${name}'])` });
    assert.equal(response.status, 200);
    assert.deepEqual(response.data.data.map((l) => l.id), [list.id]);
    assertListResource(response.data.data[0], { id: list.id, name });
    assert.equal(body.data[0].attributes.name, name);
    assert.equal(response.data.links.next, null);
    assert.equal(typeof response.data.links.self, 'string');
  });

  test('filter any(id,[...]) returns the listed lists and ignores unknown ids', async () => {
    const a = await createList(unique('any-a'));
    const b = await createList(unique('any-b'));
    await createList(unique('any-c'));

    const { response } = await lists.getLists({ filter: `any(id,${quoted([a.id, b.id, UNKNOWN_LIST])})`, sort: 'name' });
    assert.deepEqual(response.data.data.map((l) => l.id), [a.id, b.id]);
  });

  test('filter greater-than(created,...) combined with any(id,...)', async () => {
    const older = await createList(unique('gt-old'));
    await sleep(1100); // `created` has one-second resolution
    const newer = await createList(unique('gt-new'));
    assert.ok(newer.attributes.created > older.attributes.created, 'precondition: distinct created seconds');

    const { response } = await lists.getLists({
      filter: `greater-than(created,${older.attributes.created}),any(id,${quoted([older.id, newer.id])})`,
    });
    assert.deepEqual(response.data.data.map((l) => l.id), [newer.id]);
  });

  test('sort=name and sort=-created', async () => {
    const tag = unique('sort');
    // Created in the order c, a, b, one second apart.
    const c = await createList(`${tag}-c`);
    await sleep(1100);
    const a = await createList(`${tag}-a`);
    await sleep(1100);
    const b = await createList(`${tag}-b`);
    const filter = `any(id,${quoted([a.id, b.id, c.id])})`;

    const byName = await lists.getLists({ filter, sort: 'name' });
    assert.deepEqual(byName.response.data.data.map((l) => l.attributes.name), [`${tag}-a`, `${tag}-b`, `${tag}-c`]);

    const newestFirst = await lists.getLists({ filter, sort: '-created' });
    assert.deepEqual(newestFirst.response.data.data.map((l) => l.id), [b.id, a.id, c.id]);
  });

  test('fields[list]=name sparse fieldset', async () => {
    const name = unique('fields');
    const list = await createList(name);
    const { response, body } = await lists.getLists({ filter: `equals(name,['${name}'])`, fieldsList: ['name'] });
    assert.equal(response.data.data.length, 1);
    assert.deepEqual(response.data.data[0].attributes, { name });
    assert.equal(response.data.data[0].id, list.id);
    assert.equal(response.data.data[0].links.self, `${BASE_URL}/api/lists/${list.id}/`);
    assert.equal(body.data[0].attributes.name, name);
    assert.equal(body.data[0].attributes.optInProcess, undefined);
  });

  test('page[size] above 10 is a 400 naming page[size]', async () => {
    const doc = await sdkError(lists.getLists({ pageSize: 11 }), 400);
    assert.equal(doc.errors[0].code, 'invalid');
    assert.equal(doc.errors[0].source.parameter, 'page[size]');
  });

  describe('paging through more than ten lists', () => {
    const COUNT = 12;

    for (const [mode, asCursor] of CURSOR_MODES) {
      test(`default page size (10) by name, then page[size]=5 by -created; pageCursor = ${mode}`, async () => {
        const tag = unique('page');
        const created = [];
        for (let i = 0; i < COUNT; i++) created.push(await createList(`${tag}-${String(i).padStart(2, '0')}`));
        const names = created.map((l) => l.attributes.name);
        const filter = `any(name,${quoted(names)})`;
        const call = (options) => lists.getLists(options);

        const byName = await collectPages(call, '/api/lists', { filter, sort: 'name' }, asCursor);
        assert.deepEqual(byName.map((p) => p.length), [10, 2]);
        // No duplicates, no gaps, and in name order across the page boundary.
        assert.deepEqual(byName.flat().map((l) => l.attributes.name), [...names].sort());

        const byCreated = await collectPages(call, '/api/lists', { filter, sort: '-created', pageSize: 5 }, asCursor);
        assert.deepEqual(byCreated.map((p) => p.length), [5, 5, 2]);
        const seen = byCreated.flat();
        assert.deepEqual(sortedIds(seen), sortedIds(created));
        assert.equal(new Set(seen.map((l) => l.id)).size, COUNT);
        for (let i = 1; i < seen.length; i++) {
          assert.ok(seen[i - 1].attributes.created >= seen[i].attributes.created, `order at ${i}`);
        }
      });
    }

    test('the SDK really sends the whole http:// links.next URL as page[cursor]', async (t) => {
      if (!BASE_URL.startsWith('http://')) {
        t.skip('only meaningful against an http:// server');
        return;
      }
      const tag = unique('page-wire');
      const names = [];
      for (let i = 0; i < COUNT; i++) names.push((await createList(`${tag}-${String(i).padStart(2, '0')}`)).attributes.name);
      const filter = `any(name,${quoted(names)})`;
      const first = await lists.getLists({ filter, sort: 'name' });
      const next = first.response.data.links.next;
      const second = await lists.getLists({ filter, sort: 'name', pageCursor: next });
      assert.equal(second.response.config.params['page[cursor]'], next);
      assert.deepEqual(second.response.data.data.map((l) => l.attributes.name), names.slice(10));
    });
  });
});

describe('update_list', () => {
  test('rename: 200 with the updated list, and it is stored', async () => {
    const list = await createList(unique('rename-old'), { optInProcess: 'double_opt_in' });
    await sleep(1100); // so that `updated` can move past `created`
    const name = unique('rename-new');
    const { response, body } = await lists.updateList(list.id, { data: { type: 'list', id: list.id, attributes: { name } } });
    assert.equal(response.status, 200);
    const data = response.data.data;
    assertListResource(data, { id: list.id, name, optIn: 'double_opt_in' });
    assert.equal(data.attributes.created, list.attributes.created);
    assert.ok(data.attributes.updated > list.attributes.updated, `updated moves: ${data.attributes.updated}`);
    assert.equal(body.data.attributes.name, name);

    const fetched = await lists.getList(list.id);
    assertListResource(fetched.response.data.data, { id: list.id, name, optIn: 'double_opt_in' });
    const found = await lists.getLists({ filter: `equals(name,['${name}'])` });
    assert.deepEqual(found.response.data.data.map((l) => l.id), [list.id]);
  });

  test('unknown id is a 404', async () => {
    await notFound(lists.updateList(UNKNOWN_LIST, { data: { type: 'list', id: UNKNOWN_LIST, attributes: { name: unique('x') } } }));
  });
});

describe('delete_list', () => {
  test('204, then the list is gone and its members still exist', async () => {
    const list = await createList(unique('delete'));
    const kept = await createList(unique('delete-kept'));
    const a = await createProfile();
    const b = await createProfile();
    await addMembers(list.id, [a.id, b.id]);
    await addMembers(kept.id, [a.id]);

    const { response, body } = await lists.deleteList(list.id);
    assert.equal(response.status, 204);
    assert.equal(body, undefined);

    await notFound(lists.getList(list.id));
    await notFound(lists.getProfilesForList(list.id));
    const found = await lists.getLists({ filter: `any(id,${quoted([list.id, kept.id])})` });
    assert.deepEqual(found.response.data.data.map((l) => l.id), [kept.id]);

    // The profiles survive, and only the deleted list left their memberships.
    for (const p of [a, b]) {
      const fetched = await profiles.getProfile(p.id);
      assert.equal(fetched.response.data.data.attributes.email, p.attributes.email);
    }
    assert.deepEqual((await profiles.getListIdsForProfile(a.id)).response.data.data, [{ type: 'list', id: kept.id }]);
    assert.deepEqual((await profiles.getListIdsForProfile(b.id)).response.data.data, []);
    assert.deepEqual(await memberIds(kept.id), [a.id]);

    // Deleting again is a 404.
    await notFound(lists.deleteList(list.id));
  });
});

describe('get_profiles_for_list / get_profile_ids_for_list', () => {
  test('members in join order with joined_group_at; sort=-joined_group_at reverses it', async () => {
    const list = await createList(unique('members'));
    const [p1, p2, p3] = [await createProfile('m1'), await createProfile('m2'), await createProfile('m3')];
    // Join order p3, p1, p2 (one second apart), which is not the profiles' creation or id order.
    await addMembers(list.id, [p3.id]);
    await sleep(1100);
    await addMembers(list.id, [p1.id]);
    await sleep(1100);
    await addMembers(list.id, [p2.id]);

    const { response, body } = await lists.getProfilesForList(list.id);
    assert.equal(response.status, 200);
    const data = response.data.data;
    assert.deepEqual(data.map((p) => p.id), [p3.id, p1.id, p2.id]);
    for (const p of data) {
      assert.equal(p.type, 'profile');
      assert.match(p.id, ULID);
      assert.match(p.attributes.joined_group_at, TIMESTAMP);
      assert.equal(p.links.self, `${BASE_URL}/api/profiles/${p.id}/`);
    }
    assert.deepEqual(data.map((p) => p.attributes.email), [p3, p1, p2].map((p) => p.attributes.email));
    assert.ok(data[0].attributes.joined_group_at < data[1].attributes.joined_group_at);
    assert.ok(data[1].attributes.joined_group_at < data[2].attributes.joined_group_at);
    assert.equal(response.data.links.next, null);
    // The SDK's typed view parses joined_group_at.
    assert.ok(body.data[0].attributes.joinedGroupAt instanceof Date);
    assert.equal(body.data[0].attributes.email, p3.attributes.email);

    const reversed = await lists.getProfilesForList(list.id, { sort: '-joined_group_at' });
    assert.deepEqual(reversed.response.data.data.map((p) => p.id), [p2.id, p1.id, p3.id]);

    const ids = await lists.getProfileIdsForList(list.id);
    assert.equal(ids.response.status, 200);
    assert.deepEqual(ids.response.data.data, [p3, p1, p2].map((p) => ({ type: 'profile', id: p.id })));
    assert.deepEqual(ids.body.data.map((r) => r.id), [p3.id, p1.id, p2.id]);

    const idsReversed = await lists.getProfileIdsForList(list.id, { sort: '-joined_group_at' });
    assert.deepEqual(idsReversed.response.data.data.map((r) => r.id), [p2.id, p1.id, p3.id]);
  });

  test('filter any(email,[...]) matches members only', async () => {
    const list = await createList(unique('members-any'));
    const a = await createProfile('any-a');
    const b = await createProfile('any-b');
    const c = await createProfile('any-c');
    const outsider = await createProfile('any-outsider');
    await addMembers(list.id, [a.id, b.id, c.id]);

    const emails = [a.attributes.email, c.attributes.email, outsider.attributes.email, uniqueEmail('any-missing')];
    const filter = `any(email,${quoted(emails)})`;
    const { response } = await lists.getProfilesForList(list.id, { filter });
    assert.deepEqual(sortedIds(response.data.data), sortedIds([a, c]));

    const ids = await lists.getProfileIdsForList(list.id, { filter });
    assert.deepEqual(ids.response.data.data.map((r) => r.id).sort(), sortedIds([a, c]));
  });

  test('sparse fields[profile] applies to the members, joined_group_at included', async () => {
    const list = await createList(unique('members-fields'));
    const p = await createProfile('fields');
    await addMembers(list.id, [p.id]);

    const onlyEmail = await lists.getProfilesForList(list.id, { fieldsProfile: ['email'] });
    assert.deepEqual(onlyEmail.response.data.data[0].attributes, { email: p.attributes.email });

    const withJoined = await lists.getProfilesForList(list.id, { fieldsProfile: ['email', 'joined_group_at'] });
    const attributes = withJoined.response.data.data[0].attributes;
    assert.deepEqual(Object.keys(attributes).sort(), ['email', 'joined_group_at']);
    assert.match(attributes.joined_group_at, TIMESTAMP);
  });

  describe('paging', () => {
    const PAGE = 2;
    const COUNT = 5; // pages of 2, 2, 1

    for (const [mode, asCursor] of CURSOR_MODES) {
      test(`page[size]=${PAGE} over ${COUNT} members; pageCursor = ${mode}`, async () => {
        const list = await createList(unique('members-page'));
        const members = [];
        for (let i = 0; i < COUNT; i++) members.push(await createProfile(`page${i}`));
        await addMembers(list.id, members.map((p) => p.id));
        const path = `/api/lists/${list.id}/`;

        const pages = await collectPages((o) => lists.getProfilesForList(list.id, o), path.slice(0, -1), { pageSize: PAGE }, asCursor);
        assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
        const seen = pages.flat();
        assert.deepEqual(sortedIds(seen), sortedIds(members));
        for (let i = 1; i < seen.length; i++) {
          assert.ok(seen[i - 1].attributes.joined_group_at <= seen[i].attributes.joined_group_at, `order at ${i}`);
        }

        const idPages = await collectPages(
          (o) => lists.getProfileIdsForList(list.id, o),
          `/api/lists/${list.id}/relationships/profiles`,
          { pageSize: PAGE },
          asCursor,
        );
        assert.deepEqual(idPages.map((p) => p.length), [2, 2, 1]);
        // The linkage pages list the same members in the same order.
        assert.deepEqual(idPages.flat(), seen.map((p) => ({ type: 'profile', id: p.id })));
      });
    }
  });

  test('unknown list is a 404 for both', async () => {
    await notFound(lists.getProfilesForList(UNKNOWN_LIST));
    await notFound(lists.getProfileIdsForList(UNKNOWN_LIST));
  });
});

describe('add_profiles_to_list', () => {
  test('204; adding a member again is harmless', async () => {
    const list = await createList(unique('add'));
    const [a, b, c] = [await createProfile('add-a'), await createProfile('add-b'), await createProfile('add-c')];
    await addMembers(list.id, [a.id, b.id]);
    await addMembers(list.id, [b.id, c.id]); // b again
    await addMembers(list.id, [a.id]); // a again, alone

    assert.deepEqual((await memberIds(list.id)).sort(), sortedIds([a, b, c]));
    const counted = await lists.getList(list.id, { additionalFieldsList: ['profile_count'] });
    assert.equal(counted.response.data.data.attributes.profile_count, 3);
  });

  test('the aliases the SDK exposes reach the same operations', async () => {
    const list = await createList(unique('alias'));
    const p = await createProfile('alias');
    const added = await lists.createListRelationshipsProfiles(list.id, refs([p.id]));
    assert.equal(added.response.status, 204);
    assert.deepEqual((await lists.getListProfiles(list.id)).response.data.data.map((m) => m.id), [p.id]);
    assert.deepEqual((await lists.getListRelationshipsProfiles(list.id)).response.data.data, [{ type: 'profile', id: p.id }]);
    assert.deepEqual((await profiles.getProfileLists(p.id)).response.data.data.map((l) => l.id), [list.id]);
    assert.deepEqual((await profiles.getProfileRelationshipsLists(p.id)).response.data.data, [{ type: 'list', id: list.id }]);
    const removed = await lists.deleteListRelationshipsProfiles(list.id, refs([p.id]));
    assert.equal(removed.response.status, 204);
    assert.deepEqual(await memberIds(list.id), []);
  });

  test('an unknown profile id is a 404 pointing at /data/N/id, and nothing of the call is applied', async () => {
    const list = await createList(unique('add-unknown'));
    const known = await createProfile('add-known');
    const other = await createProfile('add-other');

    const doc = await notFound(lists.addProfilesToList(list.id, refs([known.id, UNKNOWN_PROFILE, other.id])));
    assert.equal(doc.errors[0].source.pointer, '/data/1/id');

    assert.deepEqual(await memberIds(list.id), []);
    assert.deepEqual((await profiles.getListIdsForProfile(known.id)).response.data.data, []);
    assert.deepEqual((await profiles.getListIdsForProfile(other.id)).response.data.data, []);
  });

  test('unknown list is a 404', async () => {
    const p = await createProfile('add-nolist');
    await notFound(lists.addProfilesToList(UNKNOWN_LIST, refs([p.id])));
    assert.deepEqual((await profiles.getListIdsForProfile(p.id)).response.data.data, []);
  });
});

describe('remove_profiles_from_list', () => {
  test('204; the removed profile still exists and the other members stay', async () => {
    const list = await createList(unique('remove'));
    const other = await createList(unique('remove-other'));
    const [a, b, c] = [await createProfile('rm-a'), await createProfile('rm-b'), await createProfile('rm-c')];
    await addMembers(list.id, [a.id, b.id, c.id]);
    await addMembers(other.id, [b.id]);

    const { response, body } = await lists.removeProfilesFromList(list.id, refs([b.id]));
    assert.equal(response.status, 204);
    assert.equal(body, undefined);

    assert.deepEqual((await memberIds(list.id)).sort(), sortedIds([a, c]));
    const ids = await lists.getProfileIdsForList(list.id);
    assert.deepEqual(ids.response.data.data.map((r) => r.id).sort(), sortedIds([a, c]));
    const counted = await lists.getList(list.id, { additionalFieldsList: ['profile_count'] });
    assert.equal(counted.response.data.data.attributes.profile_count, 2);

    // b still exists, and is still in the other list.
    const fetched = await profiles.getProfile(b.id);
    assert.equal(fetched.response.data.data.attributes.email, b.attributes.email);
    assert.deepEqual((await profiles.getListIdsForProfile(b.id)).response.data.data, [{ type: 'list', id: other.id }]);
    assert.deepEqual(await memberIds(other.id), [b.id]);
  });

  test('unknown list is a 404', async () => {
    const p = await createProfile('rm-nolist');
    await notFound(lists.removeProfilesFromList(UNKNOWN_LIST, refs([p.id])));
  });
});

describe('tags and flow triggers of a list', () => {
  const operations = [
    ['get_tags_for_list', (id) => lists.getTagsForList(id)],
    ['get_tag_ids_for_list', (id) => lists.getTagIdsForList(id)],
    ['get_flows_triggered_by_list', (id) => lists.getFlowsTriggeredByList(id)],
    ['get_ids_for_flows_triggered_by_list', (id) => lists.getIdsForFlowsTriggeredByList(id)],
  ];

  for (const [operation, call] of operations) {
    test(`${operation}: empty data for an existing list, 404 for an unknown one`, async () => {
      const list = await createList(unique(operation));
      const { response, body } = await call(list.id);
      assert.equal(response.status, 200);
      assert.deepEqual(response.data.data, []);
      assert.deepEqual(body.data, []);
      await notFound(call(UNKNOWN_LIST));
    });
  }
});

describe('a profile\'s lists (get_lists_for_profile, get_list_ids_for_profile, include=lists)', () => {
  test('the lists a profile belongs to, and only those', async () => {
    const l1 = await createList(unique('mine-1'));
    const l2 = await createList(unique('mine-2'), { optInProcess: 'double_opt_in' });
    const notMine = await createList(unique('not-mine'));
    const p = await createProfile('lists-of');
    const stranger = await createProfile('stranger');
    await addMembers(l1.id, [p.id]);
    await addMembers(l2.id, [p.id]);
    await addMembers(notMine.id, [stranger.id]);

    const { response, body } = await profiles.getListsForProfile(p.id);
    assert.equal(response.status, 200);
    const data = [...response.data.data].sort((x, y) => (x.id < y.id ? -1 : 1));
    const expected = [l1, l2].sort((x, y) => (x.id < y.id ? -1 : 1));
    assert.deepEqual(data.map((l) => l.id), expected.map((l) => l.id));
    for (const [l, want] of data.map((l, i) => [l, expected[i]])) {
      assertListResource(l, { id: want.id, name: want.attributes.name, optIn: want.attributes.opt_in_process });
    }
    assert.deepEqual(body.data.map((l) => l.attributes.name).sort(), [l1, l2].map((l) => l.attributes.name).sort());

    const sparse = await profiles.getListsForProfile(p.id, { fieldsList: ['name'] });
    for (const l of sparse.response.data.data) assert.deepEqual(Object.keys(l.attributes), ['name']);

    const ids = await profiles.getListIdsForProfile(p.id);
    assert.equal(ids.response.status, 200);
    assert.deepEqual(
      [...ids.response.data.data].sort((x, y) => (x.id < y.id ? -1 : 1)),
      expected.map((l) => ({ type: 'list', id: l.id })),
    );
  });

  test('a profile in no list has empty data', async () => {
    const p = await createProfile('lonely');
    assert.deepEqual((await profiles.getListsForProfile(p.id)).response.data.data, []);
    assert.deepEqual((await profiles.getListIdsForProfile(p.id)).response.data.data, []);
    const { response } = await profiles.getProfile(p.id, { include: ['lists'] });
    assert.deepEqual(response.data.included, []);
    assert.deepEqual(response.data.data.relationships.lists.data, []);
  });

  test('unknown profile is a 404 for both', async () => {
    await notFound(profiles.getListsForProfile(UNKNOWN_PROFILE));
    await notFound(profiles.getListIdsForProfile(UNKNOWN_PROFILE));
  });

  test('getProfile include=lists: included holds the lists, relationships.lists.data the linkage', async () => {
    const l1 = await createList(unique('inc-1'));
    const l2 = await createList(unique('inc-2'));
    await createList(unique('inc-not'));
    const p = await createProfile('include');
    await addMembers(l1.id, [p.id]);
    await addMembers(l2.id, [p.id]);

    const { response, body } = await profiles.getProfile(p.id, { include: ['lists'] });
    assert.equal(response.status, 200);
    assert.equal(response.config.params.include, 'lists');
    const doc = response.data;
    assert.equal(doc.data.id, p.id);
    const byId = (x, y) => (x.id < y.id ? -1 : 1);
    const expected = [l1, l2].sort(byId);
    assert.deepEqual([...doc.data.relationships.lists.data].sort(byId), expected.map((l) => ({ type: 'list', id: l.id })));
    assert.equal(typeof doc.data.relationships.lists.links.self, 'string');
    const included = [...doc.included].sort(byId);
    assert.deepEqual(included.map((r) => r.type), ['list', 'list']);
    for (const [l, want] of included.map((l, i) => [l, expected[i]])) {
      assertListResource(l, { id: want.id, name: want.attributes.name });
    }
    // The SDK deserializes the included lists.
    assert.deepEqual(body.included.map((r) => r.id).sort(), expected.map((l) => l.id));

    // Without include there is no `included`.
    const plain = await profiles.getProfile(p.id);
    assert.ok(!('included' in plain.response.data), 'no included without include');
  });
});
