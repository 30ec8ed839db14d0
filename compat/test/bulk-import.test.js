// The bulk profile import family of the Profiles tag (profile-bulk-import-jobs) through Klaviyo's
// official Node SDK (klaviyo-api 23.0.0), unchanged except for the base URL. Every test imports
// profiles with unique emails (and phone numbers) into lists with unique names, and scopes its reads
// to them, so the suite can run against a shared, non-empty server and in parallel with the other
// files.
//
// An import is accepted with 202 and processed asynchronously (semantics §11): tests poll
// getBulkImportProfilesJob until `status` is `complete`, bounded by IMPORT_TIMEOUT_MS.
//
// As in profiles.test.js, `body` is the SDK's deserialized view (camelCase, Date objects) and
// `response.data` is the raw JSON, which is what shows the keys the server actually sent.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { API_KEY, BASE_URL, TIMESTAMP, ULID, sdk, unique, uniqueEmail, notFound, sdkError } from '../support/sdk.js';

const { ListsApi, ProfilesApi, ApiKeySession } = klaviyo;


const JOB_TYPE = 'profile-bulk-import-job';
const JOBS_PATH = '/api/profile-bulk-import-jobs';
const STATUSES = ['queued', 'processing', 'complete', 'cancelled'];
const UNKNOWN_JOB = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const IMPORT_TIMEOUT_MS = 30_000; // generous: the server may share the machine with other work
const POLL_MS = 200;



const profiles = sdk(ProfilesApi);
const lists = sdk(ListsApi);

/** A valid, random US number (San Francisco area code, exchange 2xx): E.164 as the server stores it. */
const uniquePhone = () => `+14152${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cursorOf = (nextUrl) => new URL(nextUrl).searchParams.get('page[cursor]');
const quoted = (values) => `[${values.map((v) => `"${v}"`).join(',')}]`;
const sortedIds = (resources) => resources.map((r) => r.id).sort();

/** The two ways a caller hands a links.next back to the SDK (see compat/README.md). */
const CURSOR_MODES = [
  ['raw cursor token', (next) => cursorOf(next)],
  ['whole links.next URL', (next) => next],
];

/** Creates a list through the SDK and returns its raw JSON resource object. */
async function createList(name = unique('import-list')) {
  const { response } = await lists.createList({ data: { type: 'list', attributes: { name } } });
  assert.equal(response.status, 201);
  return response.data.data;
}

/** Creates a profile through the SDK and returns its raw JSON resource object. */
async function createProfile(attributes) {
  const { response } = await profiles.createProfile({ data: { type: 'profile', attributes } });
  assert.equal(response.status, 201);
  return response.data.data;
}

/** The request body of bulk_import_profiles, in the SDK's camelCase model. */
function importBody(items, listIds = []) {
  const data = {
    type: JOB_TYPE,
    attributes: { profiles: { data: items.map((attributes) => ({ type: 'profile', attributes })) } },
  };
  if (listIds.length > 0) data.relationships = { lists: { data: listIds.map((id) => ({ type: 'list', id })) } };
  return { data };
}

/** Submits an import through the SDK; asserts the 202 and returns `{ response, body, job }` (job = raw resource). */
async function submit(items, listIds = [], call = (body) => profiles.bulkImportProfiles(body)) {
  const { response, body } = await call(importBody(items, listIds));
  assert.equal(response.status, 202, JSON.stringify(response.data));
  return { response, body, job: response.data.data };
}

/**
 * Polls getBulkImportProfilesJob until the job is complete (bounded), checking on the way that the
 * status only ever moves forward through queued → processing → complete. Returns the raw resource.
 */
async function waitForCompletion(jobId) {
  const deadline = Date.now() + IMPORT_TIMEOUT_MS;
  const order = ['queued', 'processing', 'complete'];
  let last = -1;
  for (;;) {
    const { response } = await profiles.getBulkImportProfilesJob(jobId);
    assert.equal(response.status, 200);
    const job = response.data.data;
    const at = order.indexOf(job.attributes.status);
    assert.ok(at >= 0, `unexpected status while waiting: ${JSON.stringify(job.attributes)}`);
    assert.ok(at >= last, `status went backwards to ${job.attributes.status}`);
    last = at;
    if (job.attributes.status === 'complete') return job;
    assert.ok(Date.now() < deadline, `job ${jobId} not complete after ${IMPORT_TIMEOUT_MS} ms: ${JSON.stringify(job.attributes)}`);
    await sleep(POLL_MS);
  }
}

/** Imports, waits, and returns `{ submitted, job }` (raw resources: the 202 one and the completed one). */
async function importAndWait(items, listIds = []) {
  const { job: submitted, response } = await submit(items, listIds);
  const job = await waitForCompletion(submitted.id);
  return { submitted, job, sent: JSON.parse(response.config.data) };
}

/** Profiles found by email (raw resources), keyed by lower-case email. */
async function profilesByEmail(emails) {
  const { response } = await profiles.getProfiles({ filter: `any(email,${quoted(emails)})`, pageSize: 100 });
  assert.equal(response.status, 200);
  return new Map(response.data.data.map((p) => [p.attributes.email.toLowerCase(), p]));
}

async function listMemberIds(listId) {
  const { response } = await lists.getProfileIdsForList(listId, { pageSize: 100 });
  assert.equal(response.status, 200);
  return response.data.data.map((r) => r.id).sort();
}

/**
 * Follows links.next until it is null (or `enough(pages)` says to stop), repeating `options` on every
 * call as SDK users do, and returns the pages of raw resources.
 */
async function collectPages(call, path, options, asCursor, enough = () => false, maxPages = 50) {
  const pages = [];
  let cursor;
  for (let guard = 0; guard < maxPages; guard++) {
    const { response } = await call({ ...options, pageCursor: cursor });
    assert.equal(response.status, 200);
    pages.push(response.data.data);
    const next = response.data.links.next;
    if (next === null || next === undefined || enough(pages)) return pages;
    assert.ok(next.startsWith(`${BASE_URL}${path}`), `links.next is absolute: ${next}`);
    assert.ok(cursorOf(next), `links.next carries page[cursor]: ${next}`);
    cursor = asCursor(next);
  }
  assert.fail('more pages than expected');
}

/** The job resource shape common to every response that carries one. */
function assertJobResource(job, { id, total }) {
  assert.equal(job.type, JOB_TYPE);
  if (id) assert.equal(job.id, id);
  assert.equal(typeof job.id, 'string');
  assert.ok(job.id.length > 0);
  const a = job.attributes;
  assert.ok(STATUSES.includes(a.status), `status ${a.status}`);
  assert.match(a.created_at, TIMESTAMP);
  assert.equal(a.total_count, total);
  for (const key of ['completed_count', 'failed_count']) assert.equal(typeof a[key], 'number', key);
  for (const key of ['completed_at', 'expires_at', 'started_at']) {
    assert.ok(key in a, `${key} is sent (null until set)`);
    if (a[key] !== null) assert.match(a[key], TIMESTAMP, key);
  }
  assert.equal(job.links.self, `${BASE_URL}${JOBS_PATH}/${job.id}/`);
  for (const rel of ['lists', 'profiles']) {
    assert.deepEqual(job.relationships[rel].links, {
      self: `${BASE_URL}${JOBS_PATH}/${job.id}/relationships/${rel}/`,
      related: `${BASE_URL}${JOBS_PATH}/${job.id}/${rel}/`,
    }, `relationships.${rel}.links`);
  }
}

/** A completed job's counts and timestamps. */
function assertCompleted(job, { total, completed, failed }) {
  assertJobResource(job, { total });
  const a = job.attributes;
  assert.equal(a.status, 'complete');
  assert.equal(a.completed_count, completed, 'completed_count');
  assert.equal(a.failed_count, failed, 'failed_count');
  assert.match(a.started_at ?? '', TIMESTAMP, 'started_at set once processing began');
  assert.match(a.completed_at ?? '', TIMESTAMP, 'completed_at set on completion');
  assert.ok(a.created_at <= a.started_at, `created_at ${a.created_at} <= started_at ${a.started_at}`);
  assert.ok(a.started_at <= a.completed_at, `started_at ${a.started_at} <= completed_at ${a.completed_at}`);
}

describe('SDK wiring (bulk import)', () => {
  test('requests go to OPENPROFILE_URL/api/profile-bulk-import-jobs with the revision header and the key', async () => {
    const { response, job } = await submit([{ email: uniqueEmail('wiring') }]);
    assert.equal(response.config.url, `${BASE_URL}${JOBS_PATH}`);
    assert.equal(response.config.method, 'post');
    assert.equal(response.config.headers.revision, '2026-07-15');
    assert.equal(response.config.headers.Authorization, `Klaviyo-API-Key ${API_KEY}`);
    const fetched = await profiles.getBulkImportProfilesJob(job.id);
    assert.equal(fetched.response.config.url, `${BASE_URL}${JOBS_PATH}/${job.id}`);
  });
});

describe('bulk_import_profiles', () => {
  test('202 with the job; processed asynchronously: existing profile updated by email, new ones created, all added to the list', async () => {
    const list = await createList();
    const existing = await createProfile({ email: uniqueEmail('import-existing'), firstName: 'Old', organization: 'Kept Org' });
    const newEmail1 = uniqueEmail('import-new1');
    const newEmail2 = uniqueEmail('import-new2');
    const phone = uniquePhone();
    const externalId = unique('ext');
    const items = [
      // Matches `existing` by email: an update. Absent fields stay as they were.
      { email: existing.attributes.email, firstName: 'Updated', properties: { tier: 'gold' } },
      {
        email: newEmail1,
        phoneNumber: phone,
        firstName: 'Ada',
        lastName: 'Lovelace',
        location: { city: 'London', country: 'United Kingdom' },
        properties: { plan: 'pro', seats: 3 },
      },
      { email: newEmail2, externalId, title: 'Engineer' },
    ];

    const { response, body, job: submitted } = await submit(items, [list.id]);
    // The job resource in the 202.
    assertJobResource(submitted, { total: 3 });
    assert.match(submitted.id, ULID);
    assert.ok(['queued', 'processing', 'complete'].includes(submitted.attributes.status));
    if (submitted.attributes.status === 'queued') {
      assert.equal(submitted.attributes.completed_count, 0);
      assert.equal(submitted.attributes.failed_count, 0);
      assert.equal(submitted.attributes.started_at, null);
      assert.equal(submitted.attributes.completed_at, null);
    }
    // The wire body the SDK built: snake_case attributes, the list relationship.
    const sent = JSON.parse(response.config.data);
    assert.equal(sent.data.type, JOB_TYPE);
    assert.equal(sent.data.attributes.profiles.data[1].attributes.phone_number, phone);
    assert.deepEqual(sent.data.relationships.lists.data, [{ type: 'list', id: list.id }]);
    // The SDK's typed view.
    assert.equal(body.data.type, JOB_TYPE);
    assert.equal(body.data.id, submitted.id);
    assert.equal(body.data.attributes.totalCount, 3);
    assert.ok(body.data.attributes.createdAt instanceof Date);

    const job = await waitForCompletion(submitted.id);
    assertCompleted(job, { total: 3, completed: 3, failed: 0 });
    assert.equal(job.id, submitted.id);
    assert.equal(job.attributes.created_at, submitted.attributes.created_at);

    // The profiles exist with the submitted attributes.
    const found = await profilesByEmail([existing.attributes.email, newEmail1, newEmail2]);
    assert.equal(found.size, 3);
    const updated = found.get(existing.attributes.email.toLowerCase());
    assert.equal(updated.id, existing.id, 'the existing profile was updated, not duplicated');
    assert.equal(updated.attributes.first_name, 'Updated');
    assert.equal(updated.attributes.organization, 'Kept Org', 'absent fields are left unchanged');
    assert.deepEqual(updated.attributes.properties, { tier: 'gold' });

    const created1 = found.get(newEmail1);
    assert.match(created1.id, ULID);
    assert.notEqual(created1.id, existing.id);
    assert.equal(created1.attributes.phone_number, phone);
    assert.equal(created1.attributes.first_name, 'Ada');
    assert.equal(created1.attributes.last_name, 'Lovelace');
    assert.equal(created1.attributes.location.city, 'London');
    assert.equal(created1.attributes.location.country, 'United Kingdom');
    assert.deepEqual(created1.attributes.properties, { plan: 'pro', seats: 3 });

    const created2 = found.get(newEmail2);
    assert.equal(created2.attributes.external_id, externalId);
    assert.equal(created2.attributes.title, 'Engineer');
    assert.equal(created2.attributes.phone_number, null);

    // All three are now members of the list given in relationships.lists.
    assert.deepEqual(await listMemberIds(list.id), sortedIds([updated, created1, created2]));
    const counted = await lists.getList(list.id, { additionalFieldsList: ['profile_count'] });
    assert.equal(counted.response.data.data.attributes.profile_count, 3);
  });

  test('without relationships.lists the profiles are imported and join no list', async () => {
    const email = uniqueEmail('import-nolist');
    const { job } = await importAndWait([{ email, firstName: 'Solo' }]);
    assertCompleted(job, { total: 1, completed: 1, failed: 0 });
    const p = (await profilesByEmail([email])).get(email);
    assert.equal(p.attributes.first_name, 'Solo');
    assert.deepEqual((await profiles.getListIdsForProfile(p.id)).response.data.data, []);
  });

  test('fields[profile-bulk-import-job] trims the 202 attributes', async () => {
    const { job } = await submit([{ email: uniqueEmail('import-fields') }], [], (body) =>
      profiles.bulkImportProfiles(body, { fieldsProfileBulkImportJob: ['status', 'total_count'] }),
    );
    assert.deepEqual(Object.keys(job.attributes).sort(), ['status', 'total_count']);
    assert.equal(job.attributes.total_count, 1);
    assert.equal(job.type, JOB_TYPE);
    assert.equal(job.links.self, `${BASE_URL}${JOBS_PATH}/${job.id}/`);
    await waitForCompletion(job.id);
  });

  test('the aliases the SDK exposes reach the same operations', async () => {
    const email = uniqueEmail('import-alias');
    const list = await createList();
    const spawned = await submit([{ email }], [list.id], (body) => profiles.spawnBulkProfileImportJob(body));
    const created = await submit([{ email, lastName: 'Alias' }], [], (body) => profiles.createProfileBulkImportJob(body));
    for (const { job } of [spawned, created]) await waitForCompletion(job.id);
    const jobId = spawned.job.id;

    assert.equal((await profiles.getBulkProfileImportJob(jobId)).response.data.data.id, jobId);
    assert.equal((await profiles.getProfileBulkImportJob(jobId)).response.data.data.attributes.status, 'complete');
    const all = await profiles.getProfileBulkImportJobs({ sort: '-created_at', pageSize: 100 });
    assert.ok(all.response.data.data.some((j) => j.id === jobId));
    assert.deepEqual((await profiles.getBulkProfileImportJobLists(jobId)).response.data.data.map((l) => l.id), [list.id]);
    assert.deepEqual((await profiles.getProfileBulkImportJobRelationshipsLists(jobId)).response.data.data, [{ type: 'list', id: list.id }]);
    const p = (await profilesByEmail([email])).get(email);
    assert.equal(p.attributes.last_name, 'Alias');
    assert.deepEqual((await profiles.getBulkProfileImportJobProfiles(jobId)).response.data.data.map((x) => x.id), [p.id]);
    assert.deepEqual((await profiles.getProfileBulkImportJobRelationshipsProfiles(jobId)).response.data.data, [{ type: 'profile', id: p.id }]);
    assert.deepEqual((await profiles.getProfileBulkImportJobImportErrors(jobId)).response.data.data, []);
  });

  describe('synchronous validation', () => {
    /** The newest job ids (up to 100), to tell whether a rejected submission created one. */
    async function newestJobIds() {
      const { response } = await profiles.getBulkImportProfilesJobs({ sort: '-created_at', pageSize: 100 });
      return new Set(response.data.data.map((j) => j.id));
    }

    /** No job that appeared since `before` names `listId`: the rejected submission created none. */
    async function assertNoJobFor(before, listId) {
      for (const id of await newestJobIds()) {
        if (before.has(id)) continue;
        const { response } = await profiles.getListIdsForBulkImportProfilesJob(id);
        assert.ok(!response.data.data.some((l) => l.id === listId), `job ${id} was created for the rejected import`);
      }
    }

    test('one bad email among valid profiles: 400 pointing at it, nothing imported, no job', async () => {
      const list = await createList();
      const good = [uniqueEmail('sync-good0'), uniqueEmail('sync-good2')];
      const before = await newestJobIds();

      const doc = await sdkError(
        profiles.bulkImportProfiles(importBody([{ email: good[0] }, { email: 'not-an-email' }, { email: good[1] }], [list.id])),
        400,
      );
      assert.equal(doc.errors.length, 1, JSON.stringify(doc));
      assert.equal(doc.errors[0].code, 'invalid');
      assert.equal(doc.errors[0].status, 400);
      assert.equal(doc.errors[0].source.pointer, '/data/attributes/profiles/data/1/attributes/email');

      assert.equal((await profilesByEmail(good)).size, 0, 'no profile of the batch was imported');
      assert.deepEqual(await listMemberIds(list.id), []);
      await assertNoJobFor(before, list.id);
    });

    test('several failing profiles: one error per failing profile, in order', async () => {
      const list = await createList();
      const good = uniqueEmail('sync-multi-good');
      const before = await newestJobIds();

      const doc = await sdkError(
        profiles.bulkImportProfiles(importBody(
          [{ email: 'bad@' }, { email: good }, { email: uniqueEmail('sync-multi'), phoneNumber: '12345' }, { email: 'also bad' }],
          [list.id],
        )),
        400,
      );
      assert.deepEqual(doc.errors.map((e) => e.source.pointer), [
        '/data/attributes/profiles/data/0/attributes/email',
        '/data/attributes/profiles/data/2/attributes/phone_number',
        '/data/attributes/profiles/data/3/attributes/email',
      ]);
      for (const e of doc.errors) assert.equal(e.code, 'invalid');
      assert.equal(new Set(doc.errors.map((e) => e.id)).size, 3, 'each error has its own id');

      assert.equal((await profilesByEmail([good])).size, 0);
      assert.deepEqual(await listMemberIds(list.id), []);
      await assertNoJobFor(before, list.id);
    });
  });
});

describe('get_bulk_import_profiles_job', () => {
  test('include=lists puts the job\'s lists in included with linkage; fields[list] trims them', async () => {
    const listA = await createList();
    const listB = await createList();
    const { job } = await importAndWait([{ email: uniqueEmail('get-include') }], [listA.id, listB.id]);

    const plain = await profiles.getBulkImportProfilesJob(job.id);
    assert.equal(plain.response.status, 200);
    assertCompleted(plain.response.data.data, { total: 1, completed: 1, failed: 0 });
    assert.ok(!('included' in plain.response.data), 'included only when asked for');
    assert.equal(plain.body.data.attributes.status, 'complete');
    assert.equal(plain.body.data.attributes.completedCount, 1);
    assert.ok(plain.body.data.attributes.completedAt instanceof Date);

    const { response, body } = await profiles.getBulkImportProfilesJob(job.id, { include: ['lists'] });
    assert.equal(response.status, 200);
    assert.equal(response.config.params.include, 'lists');
    const doc = response.data;
    assertCompleted(doc.data, { total: 1, completed: 1, failed: 0 });
    assert.deepEqual(
      [...doc.data.relationships.lists.data].sort((x, y) => x.id.localeCompare(y.id)),
      [listA, listB].map((l) => ({ type: 'list', id: l.id })).sort((x, y) => x.id.localeCompare(y.id)),
    );
    assert.deepEqual(sortedIds(doc.included), sortedIds([listA, listB]));
    for (const l of doc.included) {
      assert.equal(l.type, 'list');
      const source = l.id === listA.id ? listA : listB;
      assert.equal(l.attributes.name, source.attributes.name);
      assert.equal(l.attributes.opt_in_process, 'single_opt_in');
      assert.equal(l.links.self, `${BASE_URL}/api/lists/${l.id}/`);
    }
    // The SDK's typed view of the compound document.
    assert.deepEqual(body.included.map((l) => l.attributes.name).sort(), [listA, listB].map((l) => l.attributes.name).sort());

    const trimmed = await profiles.getBulkImportProfilesJob(job.id, {
      include: ['lists'],
      fieldsList: ['name'],
      fieldsProfileBulkImportJob: ['status', 'completed_count'],
    });
    assert.deepEqual(trimmed.response.data.data.attributes, { status: 'complete', completed_count: 1 });
    for (const l of trimmed.response.data.included) assert.deepEqual(Object.keys(l.attributes), ['name']);
  });

  test('include=lists on a job without lists: empty linkage and included', async () => {
    const { job } = await importAndWait([{ email: uniqueEmail('get-include-none') }]);
    const { response } = await profiles.getBulkImportProfilesJob(job.id, { include: ['lists'] });
    assert.deepEqual(response.data.data.relationships.lists.data, []);
    assert.deepEqual(response.data.included ?? [], []);
  });

  test('unknown job id is a 404 not_found', async () => {
    await notFound(profiles.getBulkImportProfilesJob(UNKNOWN_JOB));
  });
});

describe('get_bulk_import_profiles_jobs', () => {
  test('filter equals(status,"complete") and any(status,[...]) on a completed job', async () => {
    const { job } = await importAndWait([{ email: uniqueEmail('jobs-filter') }]);
    const hasJob = (data) => data.some((j) => j.id === job.id);

    const complete = await profiles.getBulkImportProfilesJobs({ filter: 'equals(status,"complete")', sort: '-created_at', pageSize: 100 });
    assert.equal(complete.response.status, 200);
    assert.equal(complete.response.config.params.filter, 'equals(status,"complete")');
    assert.ok(hasJob(complete.response.data.data), 'the completed job is listed');
    for (const j of complete.response.data.data) {
      assert.equal(j.attributes.status, 'complete');
      assert.equal(j.type, JOB_TYPE);
    }
    const listed = complete.response.data.data.find((j) => j.id === job.id);
    assert.deepEqual(listed.attributes, job.attributes);
    assertJobResource(listed, { id: job.id, total: 1 });
    assert.ok(complete.body.data.every((j) => j.attributes.createdAt instanceof Date));

    const anyMatching = await profiles.getBulkImportProfilesJobs({ filter: 'any(status,["processing","complete"])', sort: '-created_at', pageSize: 100 });
    assert.ok(hasJob(anyMatching.response.data.data));
    for (const j of anyMatching.response.data.data) assert.ok(['processing', 'complete'].includes(j.attributes.status));

    const unfinished = await profiles.getBulkImportProfilesJobs({ filter: 'any(status,["queued","processing"])', sort: '-created_at', pageSize: 100 });
    assert.ok(!hasJob(unfinished.response.data.data), 'a completed job is not queued or processing');
    for (const j of unfinished.response.data.data) assert.ok(['queued', 'processing'].includes(j.attributes.status));

    const queued = await profiles.getBulkImportProfilesJobs({ filter: 'equals(status,"queued")', pageSize: 100 });
    assert.ok(!hasJob(queued.response.data.data));
  });

  describe('sort and paging', () => {
    for (const [mode, asCursor] of CURSOR_MODES) {
      test(`sort=-created_at / created_at, page[size]=2; pageCursor = ${mode}`, async () => {
        // Three jobs one second apart (created_at has one-second resolution).
        const mine = [];
        for (let i = 0; i < 3; i++) {
          if (i > 0) await sleep(1100);
          mine.push((await submit([{ email: uniqueEmail(`jobs-page${i}`) }])).job);
        }
        for (const j of mine) await waitForCompletion(j.id);
        const ids = mine.map((j) => j.id);
        const filter = 'equals(status,"complete")';
        const call = (options) => profiles.getBulkImportProfilesJobs(options);
        const seenAll = (pages) => ids.every((id) => pages.flat().some((j) => j.id === id));

        // Newest first: ours are among the newest, so stop once all three were seen.
        const newest = await collectPages(call, JOBS_PATH, { filter, sort: '-created_at', pageSize: 2 }, asCursor, seenAll);
        assert.ok(newest.length >= 2, 'more than one page');
        for (const page of newest) assert.ok(page.length <= 2, `page size ${page.length}`);
        const flat = newest.flat();
        assert.equal(new Set(flat.map((j) => j.id)).size, flat.length, 'no job twice across pages');
        for (let i = 1; i < flat.length; i++) {
          assert.ok(flat[i - 1].attributes.created_at >= flat[i].attributes.created_at, `descending at ${i}`);
        }
        for (const j of flat) assert.equal(j.attributes.status, 'complete', 'the filter holds on every page');
        assert.deepEqual(flat.map((j) => j.id).filter((id) => ids.includes(id)), [...ids].reverse());

        // Oldest first, all the way through (page[size]=100 to keep it short on a busy server).
        const oldest = (await collectPages(call, JOBS_PATH, { filter, sort: 'created_at', pageSize: 100 }, asCursor)).flat();
        assert.equal(new Set(oldest.map((j) => j.id)).size, oldest.length);
        for (let i = 1; i < oldest.length; i++) {
          assert.ok(oldest[i - 1].attributes.created_at <= oldest[i].attributes.created_at, `ascending at ${i}`);
        }
        assert.deepEqual(oldest.map((j) => j.id).filter((id) => ids.includes(id)), ids);
      });
    }
  });

  test('page[size] above 100 is a 400 naming page[size]', async () => {
    const doc = await sdkError(profiles.getBulkImportProfilesJobs({ pageSize: 101 }), 400);
    assert.equal(doc.errors[0].code, 'invalid');
    assert.equal(doc.errors[0].source.parameter, 'page[size]');
  });

  test('a filter on a field other than status is a 400 naming filter', async () => {
    const doc = await sdkError(profiles.getBulkImportProfilesJobs({ filter: 'equals(total_count,1)' }), 400);
    assert.equal(doc.errors[0].code, 'invalid');
    assert.equal(doc.errors[0].source.parameter, 'filter');
  });
});

describe('a job\'s lists and profiles', () => {
  test('get_list_for / get_list_ids_for_bulk_import_profiles_job', async () => {
    const list = await createList();
    const { job } = await importAndWait([{ email: uniqueEmail('job-lists') }], [list.id]);

    const { response, body } = await profiles.getListForBulkImportProfilesJob(job.id);
    assert.equal(response.status, 200);
    assert.equal(response.data.data.length, 1);
    const l = response.data.data[0];
    assert.equal(l.type, 'list');
    assert.equal(l.id, list.id);
    assert.equal(l.attributes.name, list.attributes.name);
    assert.equal(l.attributes.opt_in_process, 'single_opt_in');
    assert.match(l.attributes.created, TIMESTAMP);
    assert.equal(l.links.self, `${BASE_URL}/api/lists/${list.id}/`);
    assert.equal(body.data[0].attributes.name, list.attributes.name);
    assert.equal(typeof response.data.links.self, 'string');

    const trimmed = await profiles.getListForBulkImportProfilesJob(job.id, { fieldsList: ['name'] });
    assert.deepEqual(trimmed.response.data.data[0].attributes, { name: list.attributes.name });

    const ids = await profiles.getListIdsForBulkImportProfilesJob(job.id);
    assert.equal(ids.response.status, 200);
    assert.deepEqual(ids.response.data.data, [{ type: 'list', id: list.id }]);
    assert.equal(ids.body.data[0].id, list.id);
  });

  test('a job without lists has none', async () => {
    const { job } = await importAndWait([{ email: uniqueEmail('job-nolists') }]);
    assert.deepEqual((await profiles.getListForBulkImportProfilesJob(job.id)).response.data.data, []);
    assert.deepEqual((await profiles.getListIdsForBulkImportProfilesJob(job.id)).response.data.data, []);
  });

  for (const [mode, asCursor] of CURSOR_MODES) {
    test(`get_profiles_for / get_profile_ids_for_bulk_import_profiles_job, page[size]=2; pageCursor = ${mode}`, async () => {
      const existing = await createProfile({ email: uniqueEmail('job-profiles-existing') });
      const emails = [existing.attributes.email, ...[1, 2, 3, 4].map((i) => uniqueEmail(`job-profiles${i}`))];
      const { job } = await importAndWait(emails.map((email, i) => ({ email, firstName: `P${i}` })));
      assertCompleted(job, { total: 5, completed: 5, failed: 0 });
      const byEmail = await profilesByEmail(emails);
      const expected = emails.map((e) => byEmail.get(e.toLowerCase()));
      assert.equal(expected[0].id, existing.id);

      const path = `${JOBS_PATH}/${job.id}`;
      const pages = await collectPages((o) => profiles.getProfilesForBulkImportProfilesJob(job.id, o), path, { pageSize: 2 }, asCursor);
      assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
      const seen = pages.flat();
      assert.deepEqual(sortedIds(seen), sortedIds(expected), 'the created and the updated profiles, once each');
      for (const p of seen) {
        assert.equal(p.type, 'profile');
        assert.equal(p.links.self, `${BASE_URL}/api/profiles/${p.id}/`);
        const i = emails.findIndex((e) => e.toLowerCase() === p.attributes.email.toLowerCase());
        assert.equal(p.attributes.first_name, `P${i}`);
      }

      const idPages = await collectPages(
        (o) => profiles.getProfileIdsForBulkImportProfilesJob(job.id, o),
        `${path}/relationships/profiles`,
        { pageSize: 2 },
        asCursor,
      );
      assert.deepEqual(idPages.map((p) => p.length), [2, 2, 1]);
      assert.deepEqual(idPages.flat(), seen.map((p) => ({ type: 'profile', id: p.id })), 'same profiles in the same order');

      // The SDK's typed views.
      const one = await profiles.getProfilesForBulkImportProfilesJob(job.id, { pageSize: 100 });
      assert.ok(one.body.data.every((p) => p.attributes.created instanceof Date));
      const oneIds = await profiles.getProfileIdsForBulkImportProfilesJob(job.id, { pageSize: 100 });
      assert.deepEqual(oneIds.body.data.map((r) => r.id).sort(), sortedIds(expected));

      const sparse = await profiles.getProfilesForBulkImportProfilesJob(job.id, { fieldsProfile: ['email'], pageSize: 100 });
      for (const p of sparse.response.data.data) assert.deepEqual(Object.keys(p.attributes), ['email']);
    });
  }

  test('unknown job is a 404 for each of them', async () => {
    await notFound(profiles.getListForBulkImportProfilesJob(UNKNOWN_JOB));
    await notFound(profiles.getListIdsForBulkImportProfilesJob(UNKNOWN_JOB));
    await notFound(profiles.getProfilesForBulkImportProfilesJob(UNKNOWN_JOB));
    await notFound(profiles.getProfileIdsForBulkImportProfilesJob(UNKNOWN_JOB));
    await notFound(profiles.getErrorsForBulkImportProfilesJob(UNKNOWN_JOB));
  });
});

describe('get_errors_for_bulk_import_profiles_job', () => {
  test('email of one existing profile and phone of another: duplicate_profile import error, the rest imported', async () => {
    const list = await createList();
    const byEmail = await createProfile({ email: uniqueEmail('err-holder-email'), firstName: 'HoldsEmail' });
    const byPhone = await createProfile({ email: uniqueEmail('err-holder-phone'), phoneNumber: uniquePhone(), firstName: 'HoldsPhone' });
    const ok1 = uniqueEmail('err-ok1');
    const ok2 = uniqueEmail('err-ok2');
    const conflicting = { email: byEmail.attributes.email, phoneNumber: byPhone.attributes.phone_number, firstName: 'Conflict' };

    const { job, sent } = await importAndWait([{ email: ok1 }, conflicting, { email: ok2 }], [list.id]);
    assertCompleted(job, { total: 3, completed: 2, failed: 1 });

    const { response, body } = await profiles.getErrorsForBulkImportProfilesJob(job.id);
    assert.equal(response.status, 200);
    assert.equal(response.data.data.length, 1, JSON.stringify(response.data));
    const error = response.data.data[0];
    assert.equal(error.type, 'import-error');
    assert.equal(typeof error.id, 'string');
    assert.ok(error.id.length > 0);
    assert.equal(error.attributes.code, 'duplicate_profile');
    assert.equal(typeof error.attributes.title, 'string');
    assert.equal(typeof error.attributes.detail, 'string');
    assert.ok(error.attributes.detail.length > 0);
    // The item exactly as the SDK sent it.
    assert.deepEqual(error.attributes.original_payload, sent.data.attributes.profiles.data[1]);
    assert.equal(error.attributes.original_payload.attributes.phone_number, byPhone.attributes.phone_number);
    assert.equal(response.data.links.next, null);
    assert.equal(typeof error.attributes.source.pointer, 'string');
    // The SDK's typed view.
    assert.equal(body.data[0].attributes.code, 'duplicate_profile');
    assert.equal(body.data[0].attributes.source.pointer, error.attributes.source.pointer);
    assert.deepEqual(body.data[0].attributes.originalPayload, error.attributes.original_payload);

    // Sparse fieldset on import errors.
    const trimmed = await profiles.getErrorsForBulkImportProfilesJob(job.id, { fieldsImportError: ['code'] });
    assert.deepEqual(trimmed.response.data.data[0].attributes, { code: 'duplicate_profile' });

    // The two holders are untouched; only the valid profiles were imported and joined the list.
    const holderE = (await profiles.getProfile(byEmail.id)).response.data.data.attributes;
    assert.equal(holderE.phone_number, null);
    assert.equal(holderE.first_name, 'HoldsEmail');
    const holderP = (await profiles.getProfile(byPhone.id)).response.data.data.attributes;
    assert.equal(holderP.email, byPhone.attributes.email);
    assert.equal(holderP.first_name, 'HoldsPhone');

    const imported = await profilesByEmail([ok1, ok2]);
    assert.equal(imported.size, 2);
    const importedIds = [...imported.values()].map((p) => p.id).sort();
    assert.deepEqual(await listMemberIds(list.id), importedIds);
    const jobProfileIds = await profiles.getProfileIdsForBulkImportProfilesJob(job.id, { pageSize: 100 });
    assert.deepEqual(jobProfileIds.response.data.data.map((r) => r.id).sort(), importedIds);

    // source.pointer identifies the failing profile within the submitted batch (checked last, so the
    // checks above still run when it fails).
    assert.ok(
      error.attributes.source.pointer.startsWith('/data/attributes/profiles/data/1'),
      `source.pointer should point into the failing profile (index 1): ${error.attributes.source.pointer}`,
    );
  });

  test('errors page with page[size]; a job without failures has none', async () => {
    const holders = [];
    for (let i = 0; i < 3; i++) {
      holders.push([await createProfile({ email: uniqueEmail(`errp-e${i}`) }), await createProfile({ email: uniqueEmail(`errp-p${i}`), phoneNumber: uniquePhone() })]);
    }
    const items = holders.map(([e, p]) => ({ email: e.attributes.email, phoneNumber: p.attributes.phone_number }));
    items.splice(1, 0, { email: uniqueEmail('errp-ok') });
    const { job, sent } = await importAndWait(items);
    assertCompleted(job, { total: 4, completed: 1, failed: 3 });

    for (const [mode, asCursor] of CURSOR_MODES) {
      const pages = await collectPages(
        (o) => profiles.getErrorsForBulkImportProfilesJob(job.id, o),
        `${JOBS_PATH}/${job.id}/import-errors`,
        { pageSize: 2 },
        asCursor,
      );
      assert.deepEqual(pages.map((p) => p.length), [2, 1], mode);
      const errors = pages.flat();
      assert.equal(new Set(errors.map((e) => e.id)).size, 3);
      for (const e of errors) assert.equal(e.attributes.code, 'duplicate_profile');
      assert.deepEqual(
        errors.map((e) => e.attributes.original_payload).sort((a, b) => a.attributes.email.localeCompare(b.attributes.email)),
        [0, 2, 3].map((i) => sent.data.attributes.profiles.data[i]).sort((a, b) => a.attributes.email.localeCompare(b.attributes.email)),
      );
    }

    const clean = await importAndWait([{ email: uniqueEmail('errp-clean') }]);
    const none = await profiles.getErrorsForBulkImportProfilesJob(clean.job.id);
    assert.deepEqual(none.response.data.data, []);
    assert.equal(none.response.data.links.next, null);
  });
});
