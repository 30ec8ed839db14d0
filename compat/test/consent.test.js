// The Consent operations of the Profiles tag (bulk subscribe / unsubscribe, bulk suppress /
// unsuppress and the suppression jobs' reads) through Klaviyo's official Node SDK (klaviyo-api
// 23.0.0), unchanged except for the base URL, and what they do to a profile's `subscriptions`
// (additional-fields[profile]=subscriptions), its lists, and the get_profiles filters and sorts on
// suppressions. Every test uses profiles with unique emails (and phone numbers) and lists with unique
// names, and scopes its reads to them, so the suite can run against a shared, non-empty server and in
// parallel with the other files.
//
// Every job is applied asynchronously (semantics §12). The subscription jobs answer 202 with no body
// and have no GET, so tests poll the profile's subscriptions until the expected state appears; the
// suppression jobs answer 202 with the job, and tests poll it until `status` is `complete`. Both are
// bounded by JOB_TIMEOUT_MS.
//
// As in profiles.test.js, `body` is the SDK's deserialized view (camelCase, Date objects) and
// `response.data` is the raw JSON, which is what shows the keys the server actually sent.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import {
  API_KEY, BASE_URL, CURSOR_MODES, LIST_SCOPE_API_KEY, TIMESTAMP, ULID, createList, createProfile, eventually, notFound, quoted, sdk,
  sdkError, sleep, uniqueEmail, uniquePhone, waitForJobCompletion,
} from '../support/sdk.js';

const { ListsApi, ProfilesApi } = klaviyo;

const SUBSCRIBE = { type: 'profile-subscription-bulk-create-job', path: '/api/profile-subscription-bulk-create-jobs' };
const UNSUBSCRIBE = { type: 'profile-subscription-bulk-delete-job', path: '/api/profile-subscription-bulk-delete-jobs' };
const SUPPRESS = { type: 'profile-suppression-bulk-create-job', path: '/api/profile-suppression-bulk-create-jobs' };
const UNSUPPRESS = { type: 'profile-suppression-bulk-delete-job', path: '/api/profile-suppression-bulk-delete-jobs' };
const STATUSES = ['queued', 'processing', 'complete', 'cancelled'];
const UNKNOWN_JOB = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const UNKNOWN_LIST = 'AAAAAA';

const EMAIL_MARKETING_KEYS = [
  'can_receive_email_marketing', 'consent', 'consent_timestamp', 'custom_method_detail', 'double_optin',
  'last_updated', 'list_suppressions', 'method', 'method_detail', 'suppression',
];
const SMS_MARKETING_KEYS = ['can_receive_sms_marketing', 'consent', 'consent_timestamp', 'last_updated', 'method', 'method_detail'];

const profiles = sdk(ProfilesApi);
const lists = sdk(ListsApi);

/** The current time, truncated to the second (the resolution of the server's timestamps). */
const nowSecond = () => new Date(Math.floor(Date.now() / 1000) * 1000);

const EMAIL_MARKETING = { email: { marketing: { consent: 'SUBSCRIBED' } } };
const EMAIL_UNSUBSCRIBE = { email: { marketing: { consent: 'UNSUBSCRIBED' } } };

const listRelationship = (listId) => (listId ? { list: { data: { type: 'list', id: listId } } } : undefined);

/**
 * The request body of bulk_subscribe_profiles in the SDK's camelCase model. Each item is a profile's
 * attributes, `subscriptions` defaulting to email marketing; an `id` key becomes the profile's id.
 */
function subscribeBody(items, { listId, customSource, historicalImport } = {}) {
  const data = {
    type: SUBSCRIBE.type,
    attributes: {
      profiles: {
        data: items.map(({ id, ...attributes }) => ({ type: 'profile', id, attributes: { subscriptions: EMAIL_MARKETING, ...attributes } })),
      },
    },
  };
  if (customSource !== undefined) data.attributes.customSource = customSource;
  if (historicalImport !== undefined) data.attributes.historicalImport = historicalImport;
  if (listId) data.relationships = listRelationship(listId);
  return { data };
}

/** The request body of bulk_unsubscribe_profiles; `subscriptions` defaults to email marketing. */
function unsubscribeBody(items, { listId } = {}) {
  const data = {
    type: UNSUBSCRIBE.type,
    attributes: {
      profiles: { data: items.map((attributes) => ({ type: 'profile', attributes: { subscriptions: EMAIL_UNSUBSCRIBE, ...attributes } })) },
    },
  };
  if (listId) data.relationships = listRelationship(listId);
  return { data };
}

/** The request body of bulk_suppress_profiles / bulk_unsuppress_profiles: by emails, a list or a segment. */
function suppressionBody(kind, { emails, listId, segmentId }) {
  const data = { type: kind.type, attributes: {} };
  if (emails) data.attributes.profiles = { data: emails.map((email) => ({ type: 'profile', attributes: { email } })) };
  if (listId) data.relationships = listRelationship(listId);
  if (segmentId) data.relationships = { segment: { data: { type: 'segment', id: segmentId } } };
  return { data };
}

/** A subscription job call: 202 with no body (spec). Returns the JSON the SDK sent. */
async function accepted202NoBody(promise) {
  const { response, body } = await promise;
  assert.equal(response.status, 202, JSON.stringify(response.data));
  assert.equal(body, undefined);
  assert.ok(response.data === '' || response.data === undefined, `202 has no body: ${JSON.stringify(response.data)}`);
  return JSON.parse(response.config.data);
}

const subscribe = (items, options, call = (b) => profiles.bulkSubscribeProfiles(b)) =>
  accepted202NoBody(call(subscribeBody(items, options)));
const unsubscribe = (items, options, call = (b) => profiles.bulkUnsubscribeProfiles(b)) =>
  accepted202NoBody(call(unsubscribeBody(items, options)));

/** A suppression job call: 202 with the job. Returns `{ response, body, job }` (job = raw resource). */
async function submitSuppression(kind, target, call) {
  const { response, body } = await call(suppressionBody(kind, target));
  assert.equal(response.status, 202, JSON.stringify(response.data));
  return { response, body, job: response.data.data };
}

const suppress = (target, call = (b) => profiles.bulkSuppressProfiles(b)) => submitSuppression(SUPPRESS, target, call);
const unsuppress = (target, call = (b) => profiles.bulkUnsuppressProfiles(b)) => submitSuppression(UNSUPPRESS, target, call);
const getJob = (kind, id, options) =>
  kind === SUPPRESS ? profiles.getBulkSuppressProfilesJob(id, options) : profiles.getBulkUnsuppressProfilesJob(id, options);
const getJobs = (kind, options) =>
  kind === SUPPRESS ? profiles.getBulkSuppressProfilesJobs(options) : profiles.getBulkUnsuppressProfilesJobs(options);

/** The profile with this email (raw resource, subscriptions included), or undefined. */
async function profileByEmail(email, api = profiles) {
  const { response } = await api.getProfiles({ filter: `equals(email,"${email}")`, additionalFieldsProfile: ['subscriptions'] });
  assert.equal(response.status, 200);
  assert.ok(response.data.data.length <= 1);
  return response.data.data[0];
}

/** Polls get_profiles until the profile with this email exists and `done(email.marketing, profile)` holds. */
const awaitProfile = (email, what, done, api = profiles) =>
  eventually(`${email}: ${what}`, () => profileByEmail(email, api), (p) => done(p.attributes.subscriptions.email.marketing, p));

const isSubscribed = (m) => m.consent === 'SUBSCRIBED';
const isUnsubscribed = (m) => m.consent === 'UNSUBSCRIBED';
const awaitSubscribed = (email, api = profiles) => awaitProfile(email, 'subscribed', isSubscribed, api);

/** Subscribes one email to email marketing and waits until it shows; returns the raw profile. */
async function subscribed(email, options, api = profiles) {
  await subscribe([{ email }], options, (b) => api.bulkSubscribeProfiles(b));
  return awaitSubscribed(email, api);
}

/** The email marketing object of a profile, read through get_profile. */
async function emailMarketing(profileId, api = profiles) {
  const { response } = await api.getProfile(profileId, { additionalFieldsProfile: ['subscriptions'] });
  assert.equal(response.status, 200);
  return response.data.data.attributes.subscriptions.email.marketing;
}

/** Polls get_profile until `done(email.marketing)` holds; returns the email marketing object. */
const awaitEmailMarketing = (profileId, what, done, api = profiles) =>
  eventually(`${profileId}: ${what}`, () => emailMarketing(profileId, api), done);

/** Polls a suppression job until it is complete (see waitForJobCompletion); returns the raw resource. */
const waitForJob = (kind, jobId) => waitForJobCompletion((id) => getJob(kind, id), jobId);

/** Submits a suppression job and waits until it is complete; returns the completed job. */
async function applied(kind, target) {
  const { job } = await (kind === SUPPRESS ? suppress(target) : unsuppress(target));
  return waitForJob(kind, job.id);
}

async function listIdsOf(profileId, api = profiles) {
  const { response } = await api.getListIdsForProfile(profileId);
  assert.equal(response.status, 200);
  return response.data.data.map((l) => l.id).sort();
}

async function listMemberIds(listId) {
  const { response } = await lists.getProfileIdsForList(listId, { pageSize: 100 });
  assert.equal(response.status, 200);
  return response.data.data.map((r) => r.id).sort();
}

async function addMembers(listId, ids, api = lists) {
  const { response } = await api.addProfilesToList(listId, { data: ids.map((id) => ({ type: 'profile', id })) });
  assert.equal(response.status, 204);
}

/** Awaits a call that must answer 400 invalid pointing at `pointer`; returns the error document. */
async function invalidAt(promise, pointer) {
  const doc = await sdkError(promise, 400);
  assert.equal(doc.errors[0].code, 'invalid');
  assert.equal(doc.errors[0].status, 400);
  assert.equal(doc.errors[0].source.pointer, pointer);
  return doc;
}

/** Awaits a call that must answer 404 for the list in relationships.list. */
async function unknownList(promise) {
  const doc = await notFound(promise);
  assert.equal(doc.errors[0].source.pointer, '/data/relationships/list/data/id');
}

/** A suppression job resource, as every response carrying one has it. */
function assertJobResource(job, kind, { id, total, listId = null }) {
  assert.equal(job.type, kind.type);
  if (id) assert.equal(job.id, id);
  assert.match(job.id, ULID);
  const a = job.attributes;
  assert.deepEqual(Object.keys(a).sort(), ['completed_at', 'completed_count', 'created_at', 'skipped_count', 'status', 'total_count']);
  assert.ok(STATUSES.includes(a.status), `status ${a.status}`);
  assert.match(a.created_at, TIMESTAMP);
  assert.equal(a.total_count, total);
  assert.equal(typeof a.completed_count, 'number');
  assert.equal(typeof a.skipped_count, 'number');
  if (a.completed_at !== null) assert.match(a.completed_at, TIMESTAMP);
  assert.deepEqual(job.relationships.lists.data, listId ? [{ type: 'list', id: listId }] : []);
  assert.deepEqual(job.relationships.segments.data, []);
  assert.equal(job.links.self, `${BASE_URL}${kind.path}/${job.id}/`);
}

/** A completed suppression job: every profile applied. */
function assertCompleted(job, kind, { total, listId }) {
  assertJobResource(job, kind, { total, listId });
  const a = job.attributes;
  assert.equal(a.status, 'complete');
  assert.equal(a.completed_count, total, 'completed_count');
  assert.equal(a.skipped_count, 0, 'skipped_count');
  assert.match(a.completed_at ?? '', TIMESTAMP, 'completed_at set on completion');
  assert.ok(a.created_at <= a.completed_at, `created_at ${a.created_at} <= completed_at ${a.completed_at}`);
}

/** A timestamp the server wrote during the test: between `since` (whole second) and now. */
function assertRecent(timestamp, since, what) {
  assert.match(timestamp ?? '', TIMESTAMP, what);
  const at = new Date(timestamp);
  assert.ok(at >= since && at <= new Date(), `${what} ${timestamp} is not between ${since.toISOString()} and now`);
}

describe('SDK wiring (consent)', () => {
  test('each job request goes to OPENPROFILE_URL with the revision header and the key', async () => {
    const email = uniqueEmail('wiring');
    const calls = [
      [SUBSCRIBE, () => profiles.bulkSubscribeProfiles(subscribeBody([{ email }]))],
      [UNSUBSCRIBE, () => profiles.bulkUnsubscribeProfiles(unsubscribeBody([{ email }]))],
      [SUPPRESS, () => profiles.bulkSuppressProfiles(suppressionBody(SUPPRESS, { emails: [email] }))],
      [UNSUPPRESS, () => profiles.bulkUnsuppressProfiles(suppressionBody(UNSUPPRESS, { emails: [email] }))],
    ];
    for (const [kind, call] of calls) {
      const { response } = await call();
      assert.equal(response.status, 202);
      assert.equal(response.config.url, `${BASE_URL}${kind.path}`);
      assert.equal(response.config.method, 'post');
      assert.equal(response.config.headers.revision, '2026-07-15');
      assert.equal(response.config.headers.Authorization, `Klaviyo-API-Key ${API_KEY}`);
      assert.equal(JSON.parse(response.config.data).data.type, kind.type);
    }
  });
});

describe('bulk_subscribe_profiles', () => {
  test('single opt-in list: 202 without a body; profiles created or found, subscribed at once, added to the list', async () => {
    const list = await createList({ optInProcess: 'single_opt_in' });
    const existing = await createProfile({ email: uniqueEmail('sub-existing'), firstName: 'Kept' });
    const newEmail = uniqueEmail('sub-new');
    const since = nowSecond();

    const sent = await subscribe([{ email: existing.attributes.email }, { email: newEmail }], { listId: list.id, customSource: 'Compat signup' });
    // The wire body the SDK built: snake_case, the to-one list relationship.
    assert.equal(sent.data.type, SUBSCRIBE.type);
    assert.equal(sent.data.attributes.custom_source, 'Compat signup');
    assert.deepEqual(sent.data.attributes.profiles.data[1], {
      type: 'profile',
      attributes: { email: newEmail, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED' } } } },
    });
    assert.deepEqual(sent.data.relationships, { list: { data: { type: 'list', id: list.id } } });

    const created = await awaitSubscribed(newEmail);
    const found = await awaitSubscribed(existing.attributes.email);
    assert.equal(found.id, existing.id, 'the existing profile was found by email, not duplicated');
    assert.equal(found.attributes.first_name, 'Kept');
    assert.match(created.id, ULID);
    assert.notEqual(created.id, existing.id);

    for (const p of [created, found]) {
      const m = p.attributes.subscriptions.email.marketing;
      assert.deepEqual(Object.keys(m).sort(), EMAIL_MARKETING_KEYS);
      assert.equal(m.can_receive_email_marketing, true);
      assert.equal(m.consent, 'SUBSCRIBED');
      assertRecent(m.consent_timestamp, since, 'consent_timestamp');
      assertRecent(m.last_updated, since, 'last_updated');
      assert.equal(m.method, 'API');
      assert.equal(m.custom_method_detail, 'Compat signup');
      assert.equal(m.double_optin, false);
      assert.deepEqual(m.suppression, []);
      assert.deepEqual(m.list_suppressions, []);
      // Only the channels named in the request are touched.
      assert.equal(p.attributes.subscriptions.sms.marketing.consent, 'NEVER_SUBSCRIBED');
      assert.equal(p.attributes.subscriptions.sms.marketing.can_receive_sms_marketing, false);
    }
    assert.deepEqual(await listMemberIds(list.id), [created.id, existing.id].sort());

    // The list's members carry subscriptions too when asked.
    const members = await lists.getProfilesForList(list.id, { additionalFieldsProfile: ['subscriptions'] });
    assert.equal(members.response.data.data.length, 2);
    for (const member of members.response.data.data) {
      assert.equal(member.attributes.subscriptions.email.marketing.consent, 'SUBSCRIBED');
    }

    // The SDK's typed view of the subscriptions.
    const { body } = await profiles.getProfile(created.id, { additionalFieldsProfile: ['subscriptions'] });
    const typed = body.data.attributes.subscriptions.email.marketing;
    assert.equal(typed.consent, 'SUBSCRIBED');
    assert.equal(typed.canReceiveEmailMarketing, true);
    assert.equal(typed.customMethodDetail, 'Compat signup');
    assert.ok(typed.consentTimestamp instanceof Date);
  });

  test('no list: subscribed at once (account default single opt-in) and joins no list; SMS with a phone number', async () => {
    const email = uniqueEmail('sub-nolist');
    const phone = uniquePhone();
    const since = nowSecond();
    const sent = await subscribe([{
      email,
      phoneNumber: phone,
      subscriptions: { email: { marketing: { consent: 'SUBSCRIBED' } }, sms: { marketing: { consent: 'SUBSCRIBED' } } },
    }]);
    assert.ok(!('relationships' in sent.data));
    assert.equal(sent.data.attributes.profiles.data[0].attributes.phone_number, phone);

    const p = await awaitSubscribed(email);
    assert.equal(p.attributes.phone_number, phone);
    const { email: e, sms } = p.attributes.subscriptions;
    assert.equal(e.marketing.can_receive_email_marketing, true);
    assert.equal(e.marketing.custom_method_detail, null);
    assert.deepEqual(Object.keys(sms.marketing).sort(), SMS_MARKETING_KEYS);
    assert.equal(sms.marketing.consent, 'SUBSCRIBED');
    assert.equal(sms.marketing.can_receive_sms_marketing, true);
    assert.equal(sms.marketing.method, 'API');
    assertRecent(sms.marketing.consent_timestamp, since, 'sms consent_timestamp');
    assert.equal(sms.transactional.consent, 'NEVER_SUBSCRIBED');
    assert.deepEqual(await listIdsOf(p.id), []);
  });

  test('double opt-in list: the profile awaits confirmation (NEVER_SUBSCRIBED, cannot receive) and is not added', async () => {
    const list = await createList({ optInProcess: 'double_opt_in' });
    const email = uniqueEmail('sub-doi');
    await subscribe([{ email }], { listId: list.id });

    const p = await awaitProfile(email, 'pending double opt-in', (m) => m.can_receive_email_marketing === false);
    const m = p.attributes.subscriptions.email.marketing;
    assert.equal(m.consent, 'NEVER_SUBSCRIBED');
    assert.equal(m.can_receive_email_marketing, false);
    assert.deepEqual(m.suppression, []);
    assert.deepEqual(await listMemberIds(list.id), []);
    assert.deepEqual(await listIdsOf(p.id), []);
  });

  test('historical_import with consented_at: subscribed at that time, even on a double opt-in list; older than 1990 is clamped', async () => {
    const list = await createList({ optInProcess: 'double_opt_in' });
    const recent = uniqueEmail('sub-hist');
    const ancient = uniqueEmail('sub-hist-1985');
    const sent = await subscribe([
      { email: recent, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED', consentedAt: new Date('2020-05-01T12:34:56Z') } } } },
      { email: ancient, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED', consentedAt: new Date('1985-03-01T00:00:00Z') } } } },
    ], { listId: list.id, historicalImport: true });
    assert.equal(sent.data.attributes.historical_import, true);
    assert.equal(sent.data.attributes.profiles.data[0].attributes.subscriptions.email.marketing.consented_at, '2020-05-01T12:34:56.000Z');

    const p = await awaitSubscribed(recent);
    const m = p.attributes.subscriptions.email.marketing;
    assert.equal(m.consent_timestamp, '2020-05-01T12:34:56+00:00');
    assert.equal(m.can_receive_email_marketing, true);
    assert.equal(m.double_optin, false);
    const old = await awaitSubscribed(ancient);
    assert.equal(old.attributes.subscriptions.email.marketing.consent_timestamp, '1990-01-01T00:00:00+00:00');
    // A historical import bypasses double opt-in: both joined the list.
    assert.deepEqual(await listMemberIds(list.id), [p.id, old.id].sort());
  });

  test('a profile given by id is subscribed, not duplicated', async () => {
    const existing = await createProfile({ email: uniqueEmail('sub-byid') });
    await subscribe([{ id: existing.id, email: existing.attributes.email }]);
    await awaitEmailMarketing(existing.id, 'subscribed', isSubscribed);
    const { response } = await profiles.getProfiles({ filter: `equals(email,"${existing.attributes.email}")` });
    assert.deepEqual(response.data.data.map((p) => p.id), [existing.id]);
  });

  test('the aliases the SDK exposes reach the same operation', async () => {
    const emails = [uniqueEmail('sub-alias1'), uniqueEmail('sub-alias2')];
    const calls = [(b) => profiles.subscribeProfiles(b), (b) => profiles.createProfileSubscriptionBulkCreateJob(b)];
    for (const [i, call] of calls.entries()) {
      const sent = await subscribe([{ email: emails[i] }], {}, call);
      assert.equal(sent.data.type, SUBSCRIBE.type);
    }
    for (const email of emails) await awaitSubscribed(email);
  });

  describe('synchronous validation', () => {
    const subscriptions = (marketing) => ({ email: { marketing } });
    const cases = [
      [
        'SMS without a phone number',
        (email) => subscribeBody([{ email: uniqueEmail('ok') }, { email, subscriptions: { sms: { marketing: { consent: 'SUBSCRIBED' } } } }]),
        '/data/attributes/profiles/data/1/attributes/phone_number',
      ],
      [
        'consented_at without historical_import',
        (email) => subscribeBody([{ email, subscriptions: subscriptions({ consent: 'SUBSCRIBED', consentedAt: new Date('2020-01-01T00:00:00Z') }) }]),
        '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at',
      ],
      [
        'historical_import without consented_at',
        (email) => subscribeBody([{ email }], { historicalImport: true }),
        '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at',
      ],
      [
        'historical_import with consented_at in the future',
        (email) => subscribeBody(
          [{ email, subscriptions: subscriptions({ consent: 'SUBSCRIBED', consentedAt: new Date(Date.now() + 86_400_000) }) }],
          { historicalImport: true },
        ),
        '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at',
      ],
      [
        'a phone number that is not E.164',
        (email) => subscribeBody([{ email, phoneNumber: 'not a phone', subscriptions: { sms: { marketing: { consent: 'SUBSCRIBED' } } } }]),
        '/data/attributes/profiles/data/0/attributes/phone_number',
      ],
      [
        'a consent other than SUBSCRIBED',
        (email) => subscribeBody([{ email, subscriptions: subscriptions({ consent: 'UNSUBSCRIBED' }) }]),
        '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consent',
      ],
    ];
    for (const [name, body, pointer] of cases) {
      test(`${name}: 400 pointing at it, nothing applied`, async () => {
        const email = uniqueEmail('sub-invalid');
        await invalidAt(profiles.bulkSubscribeProfiles(body(email)), pointer);
        assert.equal(await profileByEmail(email), undefined, 'no profile was created');
      });
    }

    test('more than 1000 profiles: 400 pointing at profiles.data', async () => {
      const items = Array.from({ length: 1001 }, (_, i) => ({ email: uniqueEmail(`sub-max${i}`) }));
      await invalidAt(profiles.bulkSubscribeProfiles(subscribeBody(items)), '/data/attributes/profiles/data');
      assert.equal(await profileByEmail(items[0].email), undefined);
    });

    test('an unknown list: 404 pointing at the list id', async () => {
      const email = uniqueEmail('sub-unknown-list');
      await unknownList(profiles.bulkSubscribeProfiles(subscribeBody([{ email }], { listId: UNKNOWN_LIST })));
      assert.equal(await profileByEmail(email), undefined);
    });
  });
});

describe('bulk_unsubscribe_profiles', () => {
  test('a list the profile is on: by default unsubscribed globally, and removed from that list only', async () => {
    const list = await createList();
    const other = await createList();
    const email = uniqueEmail('unsub-list');
    const p = await subscribed(email, { listId: list.id });
    await addMembers(other.id, [p.id]);
    assert.deepEqual(await listIdsOf(p.id), [list.id, other.id].sort());
    const since = nowSecond();

    const sent = await unsubscribe([{ email }], { listId: list.id });
    assert.deepEqual(sent.data.attributes.profiles.data[0].attributes.subscriptions, { email: { marketing: { consent: 'UNSUBSCRIBED' } } });
    assert.deepEqual(sent.data.relationships, { list: { data: { type: 'list', id: list.id } } });

    // Klaviyo's default account setting: "unsubscribed from all lists whenever they unsubscribe".
    const m = await awaitEmailMarketing(p.id, 'unsubscribed', isUnsubscribed);
    assert.equal(m.can_receive_email_marketing, false);
    assert.deepEqual(m.suppression.map((s) => s.reason), ['UNSUBSCRIBE']);
    assertRecent(m.suppression[0].timestamp, since, 'suppression[0].timestamp');
    assertRecent(m.consent_timestamp, since, 'consent_timestamp');
    assert.deepEqual(m.list_suppressions, []);
    assert.deepEqual(await listIdsOf(p.id), [other.id], 'left the list, stayed on the other');

    // Subscribing to that list again lifts the UNSUBSCRIBE suppression and puts the profile back on it.
    await subscribe([{ email }], { listId: list.id });
    const back = await awaitEmailMarketing(p.id, 'subscribed again', isSubscribed);
    assert.deepEqual(back.suppression, []);
    assert.equal(back.can_receive_email_marketing, true);
    assert.deepEqual(await listIdsOf(p.id), [list.id, other.id].sort());
  });

  test('a list the profile is not on: unsubscribed globally', async () => {
    const list = await createList();
    const email = uniqueEmail('unsub-notmember');
    const p = await subscribed(email);
    const since = nowSecond();

    await unsubscribe([{ email }], { listId: list.id });
    const m = await awaitEmailMarketing(p.id, 'unsubscribed', isUnsubscribed);
    assert.equal(m.can_receive_email_marketing, false);
    assert.deepEqual(m.suppression.map((s) => s.reason), ['UNSUBSCRIBE']);
    assertRecent(m.suppression[0].timestamp, since, 'suppression[0].timestamp');
    assert.deepEqual(m.list_suppressions, []);
    assert.equal(m.method, 'API');
    assertRecent(m.consent_timestamp, since, 'consent_timestamp');
  });

  test('no list: unsubscribed globally, SMS as well; a later subscribe clears the UNSUBSCRIBE suppression', async () => {
    const email = uniqueEmail('unsub-global');
    const phone = uniquePhone();
    const both = (consent) => ({ email: { marketing: { consent } }, sms: { marketing: { consent } } });
    await subscribe([{ email, phoneNumber: phone, subscriptions: both('SUBSCRIBED') }]);
    const p = await awaitSubscribed(email);

    await unsubscribe([{ email, phoneNumber: phone, subscriptions: both('UNSUBSCRIBED') }]);
    const m = await awaitEmailMarketing(p.id, 'unsubscribed', isUnsubscribed);
    assert.equal(m.can_receive_email_marketing, false);
    assert.deepEqual(m.suppression.map((s) => s.reason), ['UNSUBSCRIBE']);
    const { response } = await profiles.getProfile(p.id, { additionalFieldsProfile: ['subscriptions'] });
    const sms = response.data.data.attributes.subscriptions.sms.marketing;
    assert.equal(sms.consent, 'UNSUBSCRIBED');
    assert.equal(sms.can_receive_sms_marketing, false);

    await subscribe([{ email }]);
    const again = await awaitEmailMarketing(p.id, 'subscribed again', isSubscribed);
    assert.deepEqual(again.suppression, []);
    assert.equal(again.can_receive_email_marketing, true);
  });

  test('the aliases the SDK exposes reach the same operation', async () => {
    const emails = [uniqueEmail('unsub-alias1'), uniqueEmail('unsub-alias2')];
    await subscribe(emails.map((email) => ({ email })));
    const calls = [(b) => profiles.unsubscribeProfiles(b), (b) => profiles.createProfileSubscriptionBulkDeleteJob(b)];
    for (const [i, call] of calls.entries()) {
      await awaitSubscribed(emails[i]);
      await unsubscribe([{ email: emails[i] }], {}, call);
      await awaitProfile(emails[i], 'unsubscribed', isUnsubscribed);
    }
  });

  test('validation: a consent other than UNSUBSCRIBED, more than 100 profiles, an unknown list', async () => {
    const email = uniqueEmail('unsub-invalid');
    await invalidAt(
      profiles.bulkUnsubscribeProfiles(unsubscribeBody([{ email, subscriptions: EMAIL_MARKETING }])),
      '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consent',
    );
    const many = Array.from({ length: 101 }, (_, i) => ({ email: uniqueEmail(`unsub-max${i}`) }));
    await invalidAt(profiles.bulkUnsubscribeProfiles(unsubscribeBody(many)), '/data/attributes/profiles/data');
    await unknownList(profiles.bulkUnsubscribeProfiles(unsubscribeBody([{ email }], { listId: UNKNOWN_LIST })));
    assert.equal(await profileByEmail(email), undefined);
  });
});

describe('bulk_suppress_profiles / bulk_unsuppress_profiles', () => {
  test('by email: 202 with the job; USER_SUPPRESSED added, then removed; consent untouched', async () => {
    const emails = [uniqueEmail('supp-a'), uniqueEmail('supp-b')];
    await subscribe(emails.map((email) => ({ email })));
    const targets = [];
    for (const email of emails) targets.push(await awaitSubscribed(email));
    const since = nowSecond();

    const { response, body, job: submitted } = await suppress({ emails });
    assertJobResource(submitted, SUPPRESS, { total: 2 });
    if (submitted.attributes.status === 'queued') {
      assert.equal(submitted.attributes.completed_count, 0);
      assert.equal(submitted.attributes.completed_at, null);
    }
    const sent = JSON.parse(response.config.data);
    assert.deepEqual(sent.data.attributes.profiles.data.map((p) => p.attributes.email), emails);
    // The SDK's typed view of the job.
    assert.equal(body.data.id, submitted.id);
    assert.equal(body.data.attributes.totalCount, 2);
    assert.ok(body.data.attributes.createdAt instanceof Date);

    const job = await waitForJob(SUPPRESS, submitted.id);
    assertCompleted(job, SUPPRESS, { total: 2 });
    assert.equal(job.attributes.created_at, submitted.attributes.created_at);
    for (const p of targets) {
      const m = await emailMarketing(p.id);
      assert.deepEqual(m.suppression.map((s) => s.reason), ['USER_SUPPRESSED']);
      assertRecent(m.suppression[0].timestamp, since, 'suppression timestamp');
      assert.equal(m.consent, 'SUBSCRIBED', 'suppression is not consent');
      assert.equal(m.can_receive_email_marketing, false);
    }

    const { job: unsubmitted, body: unBody } = await unsuppress({ emails });
    assertJobResource(unsubmitted, UNSUPPRESS, { total: 2 });
    assert.equal(unBody.data.type, UNSUPPRESS.type);
    assertCompleted(await waitForJob(UNSUPPRESS, unsubmitted.id), UNSUPPRESS, { total: 2 });
    for (const p of targets) {
      const m = await emailMarketing(p.id);
      assert.deepEqual(m.suppression, []);
      assert.equal(m.consent, 'SUBSCRIBED');
      assert.equal(m.can_receive_email_marketing, true);
    }
  });

  test('unsuppress removes only USER_SUPPRESSED: an UNSUBSCRIBE suppression stays', async () => {
    const email = uniqueEmail('supp-unsub');
    const p = await subscribed(email);
    await unsubscribe([{ email }]);
    await awaitEmailMarketing(p.id, 'unsubscribed', isUnsubscribed);

    await applied(SUPPRESS, { emails: [email] });
    const both = await emailMarketing(p.id);
    assert.deepEqual(both.suppression.map((s) => s.reason).sort(), ['UNSUBSCRIBE', 'USER_SUPPRESSED']);

    await applied(UNSUPPRESS, { emails: [email] });
    const after = await emailMarketing(p.id);
    assert.deepEqual(after.suppression.map((s) => s.reason), ['UNSUBSCRIBE']);
    assert.equal(after.consent, 'UNSUBSCRIBED');
    assert.equal(after.can_receive_email_marketing, false);
  });

  test('a subscribe clears a USER_SUPPRESSED suppression', async () => {
    const email = uniqueEmail('supp-resub');
    const p = await subscribed(email);
    await applied(SUPPRESS, { emails: [email] });
    assert.equal((await emailMarketing(p.id)).can_receive_email_marketing, false);

    await subscribe([{ email }]);
    const m = await awaitEmailMarketing(p.id, 'suppression cleared', (x) => x.suppression.length === 0);
    assert.equal(m.consent, 'SUBSCRIBED');
    assert.equal(m.can_receive_email_marketing, true);
  });

  test('by list: every current member is suppressed, then unsuppressed; the job names the list', async () => {
    const list = await createList();
    const members = [await createProfile({ email: uniqueEmail('supp-m1') }), await createProfile({ email: uniqueEmail('supp-m2') })];
    const outsider = await createProfile({ email: uniqueEmail('supp-out') });
    await addMembers(list.id, members.map((p) => p.id));

    const { job: submitted, response } = await suppress({ listId: list.id });
    assert.deepEqual(JSON.parse(response.config.data).data.relationships, { list: { data: { type: 'list', id: list.id } } });
    assertJobResource(submitted, SUPPRESS, { total: 2, listId: list.id });
    assertCompleted(await waitForJob(SUPPRESS, submitted.id), SUPPRESS, { total: 2, listId: list.id });
    for (const p of members) {
      const m = await emailMarketing(p.id);
      assert.deepEqual(m.suppression.map((s) => s.reason), ['USER_SUPPRESSED']);
      assert.equal(m.consent, 'NEVER_SUBSCRIBED');
      assert.equal(m.can_receive_email_marketing, false);
    }
    assert.deepEqual((await emailMarketing(outsider.id)).suppression, [], 'a non-member is untouched');
    assert.deepEqual(await listMemberIds(list.id), members.map((p) => p.id).sort(), 'suppression keeps list membership');

    const { job: unsubmitted } = await unsuppress({ listId: list.id });
    assertJobResource(unsubmitted, UNSUPPRESS, { total: 2, listId: list.id });
    assertCompleted(await waitForJob(UNSUPPRESS, unsubmitted.id), UNSUPPRESS, { total: 2, listId: list.id });
    for (const p of members) {
      const m = await emailMarketing(p.id);
      assert.deepEqual(m.suppression, []);
      assert.equal(m.can_receive_email_marketing, true);
    }
  });

  test('fields[...] trims the 202 attributes', async () => {
    const email = uniqueEmail('supp-fields');
    const { job } = await suppress({ emails: [email] }, (b) =>
      profiles.bulkSuppressProfiles(b, { fieldsProfileSuppressionBulkCreateJob: ['status', 'total_count'] }));
    assert.deepEqual(Object.keys(job.attributes).sort(), ['status', 'total_count']);
    assert.equal(job.attributes.total_count, 1);
    assert.equal(job.links.self, `${BASE_URL}${SUPPRESS.path}/${job.id}/`);
    await waitForJob(SUPPRESS, job.id);

    const { job: unjob } = await unsuppress({ emails: [email] }, (b) =>
      profiles.bulkUnsuppressProfiles(b, { fieldsProfileSuppressionBulkDeleteJob: ['skipped_count'] }));
    assert.deepEqual(unjob.attributes, { skipped_count: 0 });
    await waitForJob(UNSUPPRESS, unjob.id);
  });

  test('the aliases the SDK exposes reach the same operations', async () => {
    const email = uniqueEmail('supp-alias');
    const p = await createProfile({ email });
    const steps = [
      [SUPPRESS, (b) => profiles.suppressProfiles(b), ['USER_SUPPRESSED']],
      [UNSUPPRESS, (b) => profiles.unsuppressProfiles(b), []],
      [SUPPRESS, (b) => profiles.createProfileSuppressionBulkCreateJob(b), ['USER_SUPPRESSED']],
      [UNSUPPRESS, (b) => profiles.createProfileSuppressionBulkDeleteJob(b), []],
    ];
    for (const [kind, call, reasons] of steps) {
      const { job } = await submitSuppression(kind, { emails: [email] }, call);
      assert.equal(job.type, kind.type);
      await waitForJob(kind, job.id);
      assert.deepEqual((await emailMarketing(p.id)).suppression.map((s) => s.reason), reasons);
    }
  });

  test('validation: a profile without an email, more than 100 profiles, an unknown list, a segment', async () => {
    for (const [kind, call] of [[SUPPRESS, (b) => profiles.bulkSuppressProfiles(b)], [UNSUPPRESS, (b) => profiles.bulkUnsuppressProfiles(b)]]) {
      const noEmail = { data: { type: kind.type, attributes: { profiles: { data: [{ type: 'profile', attributes: {} }] } } } };
      await invalidAt(call(noEmail), '/data/attributes/profiles/data/0/attributes/email');
      const badEmail = suppressionBody(kind, { emails: [uniqueEmail('supp-ok'), 'not-an-email'] });
      await invalidAt(call(badEmail), '/data/attributes/profiles/data/1/attributes/email');
      const emails = Array.from({ length: 101 }, (_, i) => uniqueEmail(`supp-max${i}`));
      await invalidAt(call(suppressionBody(kind, { emails })), '/data/attributes/profiles/data');
      await unknownList(call(suppressionBody(kind, { listId: UNKNOWN_LIST })));
      const segment = await notFound(call(suppressionBody(kind, { segmentId: 'XyZ123' })));
      assert.equal(segment.errors[0].source.pointer, '/data/relationships/segment/data/id');
    }
  });
});

describe('get_bulk_suppress_profiles_job(s) / get_bulk_unsuppress_profiles_job(s)', () => {
  test('by id: the job, typed by the SDK; sparse fields; 404 for an unknown id or a job of the other kind', async () => {
    const email = uniqueEmail('jobs-get');
    const { job: suppressed } = await suppress({ emails: [email] });
    await waitForJob(SUPPRESS, suppressed.id);
    const { job: unsuppressed } = await unsuppress({ emails: [email] });
    await waitForJob(UNSUPPRESS, unsuppressed.id);

    for (const [kind, job] of [[SUPPRESS, suppressed], [UNSUPPRESS, unsuppressed]]) {
      const { response, body } = await getJob(kind, job.id);
      assert.equal(response.status, 200);
      assert.equal(response.config.url, `${BASE_URL}${kind.path}/${job.id}`);
      assertCompleted(response.data.data, kind, { total: 1 });
      assert.equal(body.data.type, kind.type);
      assert.equal(body.data.attributes.status, 'complete');
      assert.equal(body.data.attributes.completedCount, 1);
      assert.ok(body.data.attributes.completedAt instanceof Date);

      const fields = kind === SUPPRESS
        ? { fieldsProfileSuppressionBulkCreateJob: ['status'] }
        : { fieldsProfileSuppressionBulkDeleteJob: ['status'] };
      assert.deepEqual((await getJob(kind, job.id, fields)).response.data.data.attributes, { status: 'complete' });
      await notFound(getJob(kind, UNKNOWN_JOB));
    }
    await notFound(profiles.getBulkUnsuppressProfilesJob(suppressed.id));
    await notFound(profiles.getBulkSuppressProfilesJob(unsuppressed.id));
  });

  test('collections: filter on list_id, status and segment_id; sort created / -created', async () => {
    const list = await createList();
    await addMembers(list.id, [(await createProfile({ email: uniqueEmail('jobs-list') })).id]);
    const byList = `equals(list_id,"${list.id}")`;

    for (const kind of [SUPPRESS, UNSUPPRESS]) {
      const submit = kind === SUPPRESS ? suppress : unsuppress;
      // Two jobs one second apart (created_at has one-second resolution).
      const first = (await submit({ listId: list.id })).job;
      await sleep(1100);
      const second = (await submit({ listId: list.id })).job;
      for (const j of [first, second]) await waitForJob(kind, j.id);
      const ids = [first.id, second.id];

      const oldest = await getJobs(kind, { filter: byList, sort: 'created' });
      assert.equal(oldest.response.status, 200);
      assert.equal(oldest.response.config.params.filter, byList);
      assert.deepEqual(oldest.response.data.data.map((j) => j.id), ids);
      for (const j of oldest.response.data.data) assertCompleted(j, kind, { total: 1, listId: list.id });
      assert.equal(oldest.response.data.links.next, null);
      assert.ok(oldest.body.data.every((j) => j.attributes.createdAt instanceof Date));

      const newest = await getJobs(kind, { filter: byList, sort: '-created' });
      assert.deepEqual(newest.response.data.data.map((j) => j.id), [...ids].reverse());

      const complete = await getJobs(kind, { filter: `${byList},equals(status,"complete")`, sort: 'created' });
      assert.deepEqual(complete.response.data.data.map((j) => j.id), ids);
      const queued = await getJobs(kind, { filter: `${byList},equals(status,"queued")` });
      assert.deepEqual(queued.response.data.data, []);
      const anyComplete = await getJobs(kind, { filter: 'equals(status,"complete")', sort: '-created' });
      for (const j of anyComplete.response.data.data) assert.equal(j.attributes.status, 'complete');
      const segment = await getJobs(kind, { filter: 'equals(segment_id,"XyZ123")' });
      assert.deepEqual(segment.response.data.data, []);
    }
  });

  test('a filter on another field or an unknown sort is a 400 naming the parameter', async () => {
    for (const kind of [SUPPRESS, UNSUPPRESS]) {
      const filter = await sdkError(getJobs(kind, { filter: 'equals(total_count,1)' }), 400);
      assert.equal(filter.errors[0].code, 'invalid');
      assert.equal(filter.errors[0].source.parameter, 'filter');
      const sort = await sdkError(getJobs(kind, { sort: 'created_at' }), 400);
      assert.equal(sort.errors[0].source.parameter, 'sort');
    }
  });

  test('the aliases the SDK exposes reach the same operations', async () => {
    const list = await createList();
    const { job: suppressed } = await suppress({ listId: list.id });
    const { job: unsuppressed } = await unsuppress({ listId: list.id });
    const filter = `equals(list_id,"${list.id}")`;
    assert.equal((await profiles.getProfileSuppressionBulkCreateJob(suppressed.id)).response.data.data.id, suppressed.id);
    assert.deepEqual((await profiles.getProfileSuppressionBulkCreateJobs({ filter })).response.data.data.map((j) => j.id), [suppressed.id]);
    assert.equal((await profiles.getProfileSuppressionBulkDeleteJob(unsuppressed.id)).response.data.data.id, unsuppressed.id);
    assert.deepEqual((await profiles.getProfileSuppressionBulkDeleteJobs({ filter })).response.data.data.map((j) => j.id), [unsuppressed.id]);
  });

  test('paging: 21 jobs of one list in pages of 20, followed by the cursor either way', async () => {
    const list = await createList(); // no members: each job has nothing to do
    const ids = [];
    for (let i = 0; i < 21; i++) ids.push((await unsuppress({ listId: list.id })).job.id);
    const filter = `equals(list_id,"${list.id}")`;

    for (const [mode, asCursor] of CURSOR_MODES) {
      const pages = [];
      let cursor;
      for (let guard = 0; guard < 5; guard++) {
        const { response } = await profiles.getBulkUnsuppressProfilesJobs({ filter, sort: 'created', pageCursor: cursor });
        assert.equal(response.status, 200);
        pages.push(response.data.data);
        const next = response.data.links.next;
        if (next === null) break;
        assert.ok(next.startsWith(`${BASE_URL}${UNSUPPRESS.path}`), `links.next is absolute: ${next}`);
        cursor = asCursor(next);
      }
      assert.deepEqual(pages.map((p) => p.length), [20, 1], mode);
      const seen = pages.flat().map((j) => j.id);
      assert.deepEqual([...seen].sort(), [...ids].sort(), `${mode}: every job once`);
      for (const j of pages.flat()) assert.equal(j.attributes.total_count, 0);
    }
  });
});

describe('subscriptions on profile reads', () => {
  test('absent unless asked for; a profile never touched shows every channel NEVER_SUBSCRIBED', async () => {
    const p = await createProfile({ email: uniqueEmail('reads-plain') });
    const plain = await profiles.getProfile(p.id);
    assert.ok(!('subscriptions' in plain.response.data.data.attributes));

    const { response } = await profiles.getProfile(p.id, { additionalFieldsProfile: ['subscriptions'] });
    assert.equal(response.config.params['additional-fields[profile]'], 'subscriptions');
    const s = response.data.data.attributes.subscriptions;
    assert.deepEqual(Object.keys(s).sort(), ['email', 'mobile_push', 'sms', 'whatsapp']);
    assert.deepEqual(s.email.marketing, {
      can_receive_email_marketing: true, // "Never subscribed … They are able to receive emails"
      consent: 'NEVER_SUBSCRIBED',
      consent_timestamp: null,
      last_updated: null,
      method: null,
      method_detail: null,
      custom_method_detail: null,
      double_optin: null,
      suppression: [],
      list_suppressions: [],
    });
    assert.equal(s.sms.marketing.consent, 'NEVER_SUBSCRIBED');
    assert.equal(s.sms.marketing.can_receive_sms_marketing, false);
    assert.equal(s.mobile_push.marketing.consent, 'NEVER_SUBSCRIBED');
  });

  test('sparse fields[profile] selects inside subscriptions', async () => {
    const email = uniqueEmail('reads-sparse');
    const p = await subscribed(email);

    const one = await profiles.getProfile(p.id, {
      additionalFieldsProfile: ['subscriptions'],
      fieldsProfile: ['email', 'subscriptions.email.marketing.consent'],
    });
    assert.deepEqual(one.response.data.data.attributes, { email, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED' } } } });

    const many = await profiles.getProfiles({
      filter: `equals(email,"${email}")`,
      additionalFieldsProfile: ['subscriptions'],
      fieldsProfile: ['subscriptions.email.marketing.can_receive_email_marketing', 'subscriptions.sms.marketing.consent'],
    });
    assert.deepEqual(many.response.data.data[0].attributes, {
      subscriptions: { email: { marketing: { can_receive_email_marketing: true } }, sms: { marketing: { consent: 'NEVER_SUBSCRIBED' } } },
    });
  });
});

describe('get_profiles: suppression filters and sorts', () => {
  test('suppression.* filters; sort by its timestamp', async () => {
    const [early, late, clean] = ['early', 'late', 'clean'].map((t) => uniqueEmail(`filter-${t}`));
    const { idOf, ids, set, idsOf } = await subscribedToFilter(profiles, [early, late, clean]);
    const suppressedAt = async (email) =>
      (await awaitEmailMarketing(idOf.get(email), 'suppressed', (m) => m.suppression.length > 0)).suppression[0].timestamp;

    // One second apart (timestamps have one-second resolution): early is USER_SUPPRESSED, then late
    // is unsubscribed (UNSUBSCRIBE).
    await suppress({ emails: [early] });
    const earlyAt = await suppressedAt(early);
    await sleep(1100);
    await unsubscribe([{ email: late }]);
    const lateAt = await suppressedAt(late);
    assert.ok(earlyAt < lateAt, `${earlyAt} < ${lateAt}`);

    const m = 'subscriptions.email.marketing';

    assert.deepEqual(await idsOf(`equals(${m}.suppression.reason,"USER_SUPPRESSED")`), ids(early));
    assert.deepEqual(await idsOf(`equals(${m}.suppression.reason,"UNSUBSCRIBE")`), ids(late));
    assert.deepEqual(await idsOf(`greater-or-equal(${m}.suppression.timestamp,${earlyAt})`), set(early, late));
    assert.deepEqual(await idsOf(`greater-than(${m}.suppression.timestamp,${earlyAt})`), ids(late));
    assert.deepEqual(await idsOf(`less-than(${m}.suppression.timestamp,${lateAt})`), ids(early));
    assert.deepEqual(await idsOf(`less-or-equal(${m}.suppression.timestamp,${lateAt})`), set(early, late));
    assert.deepEqual(await idsOf(`equals(${m}.list_suppressions.list_id,"${UNKNOWN_LIST}")`), []);

    const suppressed = `greater-or-equal(${m}.suppression.timestamp,${earlyAt})`;
    assert.deepEqual(await idsOf(suppressed, `${m}.suppression.timestamp`), ids(early, late));
    assert.deepEqual(await idsOf(suppressed, `-${m}.suppression.timestamp`), ids(late, early));
  });
});

/**
 * Subscribes `emails` in the account of `api` (to the list of `options`, if any) and returns what the
 * filter tests name them by: `idOf` (email to id), `ids(...emails)` in that order, `set(...emails)`
 * sorted, and `idsOf(filter, sort)`, the ids get_profiles returns among these profiles (a comma in a
 * filter is an implicit and()), sorted when there is no sort.
 */
async function subscribedToFilter(api, emails, options) {
  await subscribe(emails.map((email) => ({ email })), options, (b) => api.bulkSubscribeProfiles(b));
  const idOf = new Map();
  for (const email of emails) idOf.set(email, (await awaitSubscribed(email, api)).id);
  const ids = (...es) => es.map((e) => idOf.get(e));
  const idsOf = async (filter, sort) => {
    const { response } = await api.getProfiles({ filter: `any(email,${quoted(emails)}),${filter}`, sort, pageSize: 100 });
    assert.equal(response.status, 200);
    if (sort) assert.equal(response.config.params.sort, sort);
    const found = response.data.data.map((p) => p.id);
    return sort ? found : found.sort();
  };
  return { idOf, ids, set: (...es) => ids(...es).sort(), idsOf };
}

// Klaviyo unsubscribes globally unless a paid account turns that off; OpenProfile's operator does it
// per account (`openprofile accounts set NAME --unsubscribe-scope list`). CompatSuiteTest passes a key
// of such an account; against a server of your own, set OPENPROFILE_LIST_SCOPE_API_KEY to run these.
describe('an account with list-only unsubscribes (unsubscribe_scope "list")', {
  skip: !LIST_SCOPE_API_KEY && 'OPENPROFILE_LIST_SCOPE_API_KEY is not set',
}, () => {
  const scoped = sdk(ProfilesApi, LIST_SCOPE_API_KEY);
  const scopedList = () => createList({}, LIST_SCOPE_API_KEY);
  const subscribeScoped = (items, options) => subscribe(items, options, (b) => scoped.bulkSubscribeProfiles(b));
  const unsubscribeScoped = (items, options) => unsubscribe(items, options, (b) => scoped.bulkUnsubscribeProfiles(b));

  test('a list the profile is on: list suppression, removed from the list, consent unchanged', async () => {
    const list = await scopedList();
    const other = await scopedList();
    const email = uniqueEmail('unsub-list');
    const p = await subscribed(email, { listId: list.id }, scoped);
    await addMembers(other.id, [p.id], sdk(ListsApi, LIST_SCOPE_API_KEY));
    assert.deepEqual(await listIdsOf(p.id, scoped), [list.id, other.id].sort());
    const since = nowSecond();

    const sent = await unsubscribeScoped([{ email }], { listId: list.id });
    assert.deepEqual(sent.data.attributes.profiles.data[0].attributes.subscriptions, { email: { marketing: { consent: 'UNSUBSCRIBED' } } });
    assert.deepEqual(sent.data.relationships, { list: { data: { type: 'list', id: list.id } } });

    const m = await awaitEmailMarketing(p.id, 'list suppression', (x) => x.list_suppressions.length > 0, scoped);
    assert.equal(m.list_suppressions.length, 1);
    assert.equal(m.list_suppressions[0].list_id, list.id);
    assert.equal(m.list_suppressions[0].reason, 'UNSUBSCRIBE');
    assertRecent(m.list_suppressions[0].timestamp, since, 'list_suppressions[0].timestamp');
    assert.equal(m.consent, 'SUBSCRIBED', 'consent is unchanged');
    assert.deepEqual(m.suppression, []);
    assert.equal(m.can_receive_email_marketing, true);
    assert.deepEqual(await listIdsOf(p.id, scoped), [other.id], 'left the list, stayed on the other');

    // The SDK's typed view of a list suppression.
    const { body } = await scoped.getProfile(p.id, { additionalFieldsProfile: ['subscriptions'] });
    const typed = body.data.attributes.subscriptions.email.marketing.listSuppressions[0];
    assert.equal(typed.listId, list.id);
    assert.ok(typed.timestamp instanceof Date);

    // Subscribing to that list again lifts the list suppression and puts the profile back on it.
    await subscribeScoped([{ email }], { listId: list.id });
    const back = await awaitEmailMarketing(p.id, 'list suppression lifted', (x) => x.list_suppressions.length === 0, scoped);
    assert.equal(back.consent, 'SUBSCRIBED');
    assert.deepEqual(await listIdsOf(p.id, scoped), [list.id, other.id].sort());
  });

  test('a list the profile is not on: still unsubscribed globally (spec)', async () => {
    const list = await scopedList();
    const email = uniqueEmail('unsub-scoped-notmember');
    const p = await subscribed(email, {}, scoped);
    await unsubscribeScoped([{ email }], { listId: list.id });
    const m = await awaitEmailMarketing(p.id, 'unsubscribed', isUnsubscribed, scoped);
    assert.deepEqual(m.suppression.map((s) => s.reason), ['UNSUBSCRIBE']);
    assert.deepEqual(m.list_suppressions, []);
  });

  test('get_profiles: list_suppressions.* filters; sort by its timestamp', async () => {
    const list = await scopedList();
    const [listEarly, listLate, clean] = ['list-early', 'list-late', 'clean'].map((t) => uniqueEmail(`filter-${t}`));
    const { idOf, ids, set, idsOf } = await subscribedToFilter(scoped, [listEarly, listLate, clean], { listId: list.id });
    const listSuppressedAt = async (email) => (await awaitEmailMarketing(idOf.get(email), 'list suppression',
      (m) => m.list_suppressions.length > 0, scoped)).list_suppressions[0].timestamp;

    // One second apart (timestamps have one-second resolution).
    await unsubscribeScoped([{ email: listEarly }], { listId: list.id });
    const listEarlyAt = await listSuppressedAt(listEarly);
    await sleep(1100);
    await unsubscribeScoped([{ email: listLate }], { listId: list.id });
    const listLateAt = await listSuppressedAt(listLate);
    assert.ok(listEarlyAt < listLateAt, `${listEarlyAt} < ${listLateAt}`);

    const m = 'subscriptions.email.marketing';

    assert.deepEqual(await idsOf(`equals(${m}.list_suppressions.list_id,"${list.id}")`), set(listEarly, listLate));
    assert.deepEqual(await idsOf(`equals(${m}.list_suppressions.list_id,"${UNKNOWN_LIST}")`), []);
    assert.deepEqual(await idsOf(`equals(${m}.list_suppressions.reason,"UNSUBSCRIBE")`), set(listEarly, listLate));
    assert.deepEqual(await idsOf(`equals(${m}.suppression.reason,"UNSUBSCRIBE")`), [], 'no global suppression');
    assert.deepEqual(await idsOf(`greater-or-equal(${m}.list_suppressions.timestamp,${listEarlyAt})`), set(listEarly, listLate));
    assert.deepEqual(await idsOf(`greater-than(${m}.list_suppressions.timestamp,${listEarlyAt})`), ids(listLate));
    assert.deepEqual(await idsOf(`less-than(${m}.list_suppressions.timestamp,${listLateAt})`), ids(listEarly));
    assert.deepEqual(await idsOf(`less-or-equal(${m}.list_suppressions.timestamp,${listLateAt})`), set(listEarly, listLate));

    const onList = `equals(${m}.list_suppressions.list_id,"${list.id}")`;
    assert.deepEqual(await idsOf(onList, `${m}.list_suppressions.timestamp`), ids(listEarly, listLate));
    assert.deepEqual(await idsOf(onList, `-${m}.list_suppressions.timestamp`), ids(listLate, listEarly));
  });
});
