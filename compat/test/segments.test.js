// The Segments tag, and the profile-side segment operations, through Klaviyo's official Node SDK
// (klaviyo-api 23.0.0), unchanged except for the base URL. Every test makes its own profiles on an email
// domain of its own and a segment selecting that domain, and scopes its reads to them, so the suite can
// run against a shared, non-empty server and in parallel with the other files.
//
// `body` is the SDK's deserialized view (camelCase, Date objects); `response.data` is the raw JSON.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import {
  API_KEY, BASE_URL, CURSOR_MODES, TIMESTAMP, createProfile, cursorOf, notFound, quoted, sdk, sdkError, unique,
  waitForJobCompletion,
} from '../support/sdk.js';

const { SegmentsApi, ProfilesApi } = klaviyo;

const SEGMENT_ID = /^[A-Za-z0-9]{6}$/;
const UNKNOWN_SEGMENT = 'AAAAAA';
const UNKNOWN_PROFILE = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const segments = sdk(SegmentsApi);
const profiles = sdk(ProfilesApi);

/** A domain of this test's own, so that its segment selects only its profiles. */
const uniqueDomain = (tag) => `${unique(tag)}.compat.example.com`.toLowerCase();

/** The SDK's typed definition: profiles whose email ends with `@domain`. */
const emailDomain = (domain) => ({
  conditionGroups: [{
    conditions: [{ type: 'profile-property', property: 'email', filter: { type: 'string', operator: 'ends-with', value: `@${domain}` } }],
  }],
});

/** Creates a segment through the SDK and returns its raw JSON resource object. */
async function createSegment(definition, attributes = {}) {
  const { response } = await segments.createSegment({ data: { type: 'segment', attributes: { name: unique('segment'), definition, ...attributes } } });
  assert.equal(response.status, 201, JSON.stringify(response.data));
  return response.data.data;
}

/** `count` profiles on `domain`, created in order; their raw resources. */
async function profilesOn(domain, count) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(await createProfile({ email: `p${i}@${domain}` }));
  return out;
}

const update = (id, attributes) => segments.updateSegment(id, { data: { type: 'segment', id, attributes } });
const ids = (response) => response.data.data.map((r) => r.id);

function assertSegmentResource(data, { id, name } = {}) {
  assert.equal(data.type, 'segment');
  if (id) assert.equal(data.id, id);
  assert.match(data.id, SEGMENT_ID);
  if (name) assert.equal(data.attributes.name, name);
  assert.equal(typeof data.attributes.is_active, 'boolean');
  assert.equal(data.attributes.is_processing, false);
  assert.equal(typeof data.attributes.is_starred, 'boolean');
  assert.match(data.attributes.created, TIMESTAMP);
  assert.match(data.attributes.updated, TIMESTAMP);
  assert.ok(Array.isArray(data.attributes.definition.condition_groups));
  assert.equal(data.links.self, `${BASE_URL}/api/segments/${data.id}/`);
  for (const rel of ['profiles', 'tags', 'flow-triggers']) {
    assert.deepEqual(data.relationships[rel].links, {
      self: `${BASE_URL}/api/segments/${data.id}/relationships/${rel}/`,
      related: `${BASE_URL}/api/segments/${data.id}/${rel}/`,
    }, `relationships.${rel}.links`);
  }
}

describe('SDK wiring (SegmentsApi)', () => {
  test('requests go to OPENPROFILE_URL with the SDK revision header and the key', async () => {
    const segment = await createSegment(emailDomain(uniqueDomain('wiring')));
    const { response } = await segments.getSegment(segment.id);
    assert.equal(response.config.url, `${BASE_URL}/api/segments/${segment.id}`);
    assert.equal(response.config.headers.revision, '2026-07-15');
    assert.equal(response.config.headers.Authorization, `Klaviyo-API-Key ${API_KEY}`);
  });
});

describe('create_segment', () => {
  test('201 with the segment, built in the request: its members are there at once', async () => {
    const domain = uniqueDomain('create');
    const members = await profilesOn(domain, 2);
    await createProfile({ email: `p0@other-${domain}` }); // another domain: not a member
    const name = unique('create');
    const { response, body } = await segments.createSegment({ data: { type: 'segment', attributes: { name, definition: emailDomain(domain), isStarred: true } } });
    assert.equal(response.status, 201);
    const data = response.data.data;
    assertSegmentResource(data, { name });
    assert.equal(data.attributes.is_active, true);
    assert.equal(data.attributes.is_starred, true);
    assert.equal(data.attributes.created, data.attributes.updated);
    assert.deepEqual(data.attributes.definition, {
      condition_groups: [{ conditions: [{ type: 'profile-property', property: 'email', filter: { type: 'string', operator: 'ends-with', value: `@${domain}` } }] }],
    });
    assert.ok(!('profile_count' in data.attributes), 'profile_count is only sent when asked for');
    // The SDK's typed view.
    assert.equal(body.data.attributes.name, name);
    assert.equal(body.data.attributes.isProcessing, false);
    assert.ok(body.data.attributes.created instanceof Date);

    const counted = await segments.getSegment(data.id, { additionalFieldsSegment: ['profile_count'] });
    assert.equal(counted.response.data.data.attributes.profile_count, 2);
    const memberIds = await segments.getProfileIdsForSegment(data.id);
    assert.deepEqual(ids(memberIds.response).sort(), members.map((p) => p.id).sort());
  });

  test('fields[segment] trims the returned attributes', async () => {
    const { response } = await segments.createSegment(
      { data: { type: 'segment', attributes: { name: unique('fields'), definition: emailDomain(uniqueDomain('fields')) } } },
      { fieldsSegment: ['name', 'is_active'] });
    assert.equal(response.status, 201);
    assert.deepEqual(Object.keys(response.data.data.attributes).sort(), ['is_active', 'name']);
  });

  test('400 invalid with a pointer: a missing name, a condition type that does not exist', async () => {
    const noName = await sdkError(segments.createSegment({ data: { type: 'segment', attributes: { definition: emailDomain('x.example.com') } } }), 400);
    assert.equal(noName.errors[0].code, 'invalid');
    assert.equal(noName.errors[0].source.pointer, '/data/attributes/name');
    const badCondition = await sdkError(segments.createSegment({ data: { type: 'segment', attributes: {
      name: unique('bad'), definition: { conditionGroups: [{ conditions: [{ type: 'profile-shoe-size' }] }] } } } }), 400);
    assert.equal(badCondition.errors[0].source.pointer, '/data/attributes/definition/condition_groups/0/conditions/0/type');
  });
});

describe('get_segment / get_segments', () => {
  test('get_segment returns the stored segment; include=tags,flow-triggers adds an empty included', async () => {
    const segment = await createSegment(emailDomain(uniqueDomain('get')));
    const { response } = await segments.getSegment(segment.id, { include: ['tags', 'flow-triggers'] });
    assert.equal(response.status, 200);
    assertSegmentResource(response.data.data, { id: segment.id, name: segment.attributes.name });
    assert.deepEqual(response.data.data.attributes.definition, segment.attributes.definition);
    assert.deepEqual(response.data.included, []);
    await notFound(segments.getSegment(UNKNOWN_SEGMENT));
  });

  for (const [mode, asCursor] of CURSOR_MODES) {
    test(`get_segments pages (at most 10) with filters and sorts, following links.next as a ${mode}`, async () => {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await createSegment(emailDomain(uniqueDomain('paged')), { name: unique(`paged-${i}`) }));
      const filter = `any(id,${quoted(made.map((s) => s.id))})`;
      const seen = [];
      let cursor;
      for (let guard = 0; guard < 10; guard++) {
        const { response } = await segments.getSegments({ filter, sort: '-created', pageSize: 2, pageCursor: cursor });
        assert.equal(response.status, 200);
        assert.ok(response.data.data.length <= 2);
        seen.push(...ids(response));
        const next = response.data.links.next;
        if (!next) break;
        assert.ok(cursorOf(next), `links.next carries page[cursor]: ${next}`);
        cursor = asCursor(next);
      }
      assert.equal(seen.length, 5, 'three pages of 2, 2 and 1, nothing repeated');
      assert.deepEqual([...seen].sort(), made.map((s) => s.id).sort());
      await sdkError(segments.getSegments({ pageSize: 11 }), 400);
      const byName = await segments.getSegments({ filter: `equals(name,"${made[2].attributes.name}")` });
      assert.deepEqual(ids(byName.response), [made[2].id]);
      const sorted = await segments.getSegments({ filter, sort: 'name' });
      assert.deepEqual(ids(sorted.response), [...made].sort((a, b) => a.attributes.name.localeCompare(b.attributes.name)).map((s) => s.id));
      await sdkError(segments.getSegments({ filter: 'equals(definition,"x")' }), 400);
    });
  }

  test('is_active and is_starred filters', async () => {
    const [a, b] = [await createSegment(emailDomain(uniqueDomain('flags'))), await createSegment(emailDomain(uniqueDomain('flags')))];
    await update(a.id, { isActive: false });
    await update(b.id, { isStarred: true });
    const scope = `any(id,${quoted([a.id, b.id])})`;
    assert.deepEqual(ids((await segments.getSegments({ filter: `${scope},equals(is_active,false)` })).response), [a.id]);
    assert.deepEqual(ids((await segments.getSegments({ filter: `${scope},equals(is_starred,true)` })).response), [b.id]);
  });
});

describe('update_segment', () => {
  test('renames and stars; deactivation must be the only change; activation re-evaluates', async () => {
    const domain = uniqueDomain('update');
    const [first] = await profilesOn(domain, 1);
    const segment = await createSegment(emailDomain(domain));
    const renamed = await update(segment.id, { name: unique('renamed'), isStarred: true });
    assert.equal(renamed.response.status, 200);
    assert.equal(renamed.response.data.data.attributes.is_starred, true);

    const combined = await sdkError(update(segment.id, { isActive: false, name: 'not allowed' }), 400);
    assert.equal(combined.errors[0].source.pointer, '/data/attributes/name');
    const off = await update(segment.id, { isActive: false });
    assert.equal(off.response.data.data.attributes.is_active, false);

    // Inactive: a new profile of the domain does not join, until the segment is active again.
    const late = await createProfile({ email: `late@${domain}` });
    const frozen = await segments.getProfileIdsForSegment(segment.id);
    assert.deepEqual(ids(frozen.response), [first.id]);
    const on = await update(segment.id, { isActive: true });
    assert.equal(on.response.data.data.attributes.is_active, true);
    const thawed = await segments.getProfileIdsForSegment(segment.id);
    assert.deepEqual(ids(thawed.response).sort(), [first.id, late.id].sort());

    const mismatch = await sdkError(segments.updateSegment(segment.id, { data: { type: 'segment', id: UNKNOWN_SEGMENT, attributes: { name: 'x' } } }), 409);
    assert.equal(mismatch.errors[0].source.pointer, '/data/id');
    await notFound(update(UNKNOWN_SEGMENT, { name: 'x' }));
  });
});

describe('delete_segment', () => {
  test('204, then 404; its profiles stay', async () => {
    const domain = uniqueDomain('delete');
    const [member] = await profilesOn(domain, 1);
    const segment = await createSegment(emailDomain(domain));
    const { response } = await segments.deleteSegment(segment.id);
    assert.equal(response.status, 204);
    await notFound(segments.getSegment(segment.id));
    await notFound(segments.deleteSegment(segment.id));
    assert.equal((await profiles.getProfile(member.id)).response.status, 200);
  });
});

describe('a segment\'s profiles', () => {
  test('members in join order, -joined_group_at, filters, and pages both ways', async () => {
    const domain = uniqueDomain('members');
    const members = await profilesOn(domain, 5);
    const segment = await createSegment(emailDomain(domain));
    const { response } = await segments.getProfilesForSegment(segment.id, { fieldsProfile: ['email', 'joined_group_at'] });
    assert.equal(response.status, 200);
    assert.equal(response.data.data.length, 5);
    for (const p of response.data.data) {
      assert.deepEqual(Object.keys(p.attributes).sort(), ['email', 'joined_group_at']);
      assert.match(p.attributes.joined_group_at, TIMESTAMP);
    }
    const byEmail = await segments.getProfilesForSegment(segment.id, { filter: `any(email,${quoted([members[1].attributes.email, members[3].attributes.email])})` });
    assert.deepEqual(ids(byEmail.response).sort(), [members[1].id, members[3].id].sort());
    const byId = await segments.getProfileIdsForSegment(segment.id, { filter: `equals(profile_id,"${members[4].id}")` });
    assert.deepEqual(byId.response.data.data, [{ type: 'profile', id: members[4].id }]);
    const joined = response.data.data[0].attributes.joined_group_at;
    const since = await segments.getProfileIdsForSegment(segment.id, { filter: `greater-or-equal(joined_group_at,${joined})` });
    assert.equal(since.response.data.data.length, 5);

    for (const [, asCursor] of CURSOR_MODES) {
      const seen = [];
      let cursor;
      for (let guard = 0; guard < 10; guard++) {
        const page = await segments.getProfileIdsForSegment(segment.id, { pageSize: 2, sort: '-joined_group_at', pageCursor: cursor });
        seen.push(...ids(page.response));
        const next = page.response.data.links.next;
        if (!next) break;
        cursor = asCursor(next);
      }
      assert.deepEqual([...seen].sort(), members.map((p) => p.id).sort());
      assert.equal(new Set(seen).size, 5);
    }
    await notFound(segments.getProfilesForSegment(UNKNOWN_SEGMENT));
    await sdkError(segments.getProfilesForSegment(segment.id, { pageSize: 101 }), 400);
  });
});

describe('a profile\'s segments', () => {
  test('get_segments_for_profile, get_segment_ids_for_profile and include=segments', async () => {
    const domain = uniqueDomain('side');
    const [p] = await profilesOn(domain, 1);
    const a = await createSegment(emailDomain(domain));
    const b = await createSegment(emailDomain(domain));
    const { response } = await profiles.getSegmentsForProfile(p.id, { fieldsSegment: ['name'] });
    assert.equal(response.status, 200);
    assert.deepEqual(ids(response).sort(), [a.id, b.id].sort());
    assert.deepEqual(Object.keys(response.data.data[0].attributes), ['name']);
    const rel = await profiles.getSegmentIdsForProfile(p.id);
    assert.deepEqual(rel.response.data.data.map((r) => `${r.type}:${r.id}`).sort(), [`segment:${a.id}`, `segment:${b.id}`].sort());
    const included = await profiles.getProfile(p.id, { include: ['segments'] });
    assert.deepEqual(included.response.data.included.map((r) => r.id).sort(), [a.id, b.id].sort());
    assert.deepEqual(included.response.data.data.relationships.segments.data.map((r) => r.id).sort(), [a.id, b.id].sort());
    await notFound(profiles.getSegmentsForProfile(UNKNOWN_PROFILE));
  });
});

describe('tags and flow triggers', () => {
  test('empty collections until tags and flows exist; 404 for an unknown segment', async () => {
    const segment = await createSegment(emailDomain(uniqueDomain('tags')));
    for (const call of [(id) => segments.getTagsForSegment(id), (id) => segments.getTagIdsForSegment(id),
      (id) => segments.getFlowsTriggeredBySegment(id), (id) => segments.getIdsForFlowsTriggeredBySegment(id)]) {
      const { response } = await call(segment.id);
      assert.equal(response.status, 200);
      assert.deepEqual(response.data.data, []);
      await notFound(call(UNKNOWN_SEGMENT));
    }
  });
});

describe('bulk suppression by segment', () => {
  test('suppresses the segment\'s current members; the jobs filter on segment_id', async () => {
    const domain = uniqueDomain('suppress');
    const members = await profilesOn(domain, 2);
    const segment = await createSegment(emailDomain(domain));
    const { response } = await profiles.bulkSuppressProfiles({ data: { type: 'profile-suppression-bulk-create-job', attributes: {},
      relationships: { segment: { data: { type: 'segment', id: segment.id } } } } });
    assert.equal(response.status, 202, JSON.stringify(response.data));
    const job = response.data.data;
    assert.equal(job.attributes.total_count, 2);
    assert.deepEqual(job.relationships.segments.data, [{ type: 'segment', id: segment.id }]);
    const done = await waitForJobCompletion((id) => profiles.getBulkSuppressProfilesJob(id), job.id);
    assert.equal(done.attributes.completed_count, 2);
    for (const p of members) {
      const { response: read } = await profiles.getProfile(p.id, { additionalFieldsProfile: ['subscriptions'] });
      assert.equal(read.data.data.attributes.subscriptions.email.marketing.suppression[0].reason, 'USER_SUPPRESSED');
    }
    const jobs = await profiles.getBulkSuppressProfilesJobs({ filter: `equals(segment_id,"${segment.id}")` });
    assert.deepEqual(ids(jobs.response), [job.id]);
  });
});
