// Tags and tag groups through the official SDK's TagsApi (klaviyo-api 23.0.0), unchanged except for the base URL:
// all 26 operations of the Tags tag (tags and groups: create, get, list with filters and sorts, update (204),
// delete; a tag's group; a group's tags; tagging and untagging lists, segments, campaigns and flows) and the tag
// reads of ListsApi and SegmentsApi. Tagging campaigns and flows that exist is in test/campaigns.test.js and
// test/flows.test.js; here, an unknown campaign or flow.
// Every test makes its own tags, groups, lists and segments (unique names) and deletes its groups at the end, so the
// file can share a non-empty server with the other files and with earlier runs (an account holds at most 50 groups).

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { createList, notFound, quoted, sdk, sdkError, unique } from '../support/sdk.js';

const { TagsApi, ListsApi, SegmentsApi } = klaviyo;
const tags = sdk(TagsApi);
const lists = sdk(ListsApi);
const segments = sdk(SegmentsApi);

const madeGroups = [];
after(async () => {
  for (const id of madeGroups) await tags.deleteTagGroup(id).catch(() => {}); // its tags and their links go with it
});

async function createGroup(exclusive) {
  const { response } = await tags.createTagGroup({
    data: { type: 'tag-group', attributes: { name: unique('group'), ...(exclusive === undefined ? {} : { exclusive }) } },
  });
  assert.equal(response.status, 201);
  madeGroups.push(response.data.data.id);
  return response.data.data;
}

async function createTag(groupId, name = unique('tag')) {
  const { response } = await tags.createTag({
    data: {
      type: 'tag',
      attributes: { name },
      ...(groupId ? { relationships: { tagGroup: { data: { type: 'tag-group', id: groupId } } } } : {}),
    },
  });
  assert.equal(response.status, 201);
  return response.data.data;
}

async function createSegment() {
  const definition = {
    conditionGroups: [{
      conditions: [{ type: 'profile-property', property: 'email', filter: { type: 'string', operator: 'ends-with', value: '@nobody.compat.example.com' } }],
    }],
  };
  const { response } = await segments.createSegment({ data: { type: 'segment', attributes: { name: unique('segment'), definition } } });
  assert.equal(response.status, 201);
  return response.data.data;
}

const idsOf = (response) => response.data.data.map((r) => r.id);
const sorted = (...ids) => [...ids].sort();
const listOp = (...ids) => ({ data: ids.map((id) => ({ type: 'list', id })) });
const segmentOp = (...ids) => ({ data: ids.map((id) => ({ type: 'segment', id })) });

describe('tag groups', () => {
  test('the default group exists, takes tags without a group, and cannot be deleted', async () => {
    const { response } = await tags.getTagGroups({ filter: 'equals(default,true)' });
    assert.equal(response.data.data.length, 1);
    const def = response.data.data[0];
    assert.equal(def.attributes.default, true);
    assert.equal(def.attributes.exclusive, false);

    const tag = await createTag();
    assert.equal(tag.relationships['tag-group'].data.id, def.id);
    const { body: group } = await tags.getTagGroupForTag(tag.id);
    assert.equal(group.data.id, def.id);
    const { response: groupId } = await tags.getTagGroupIdForTag(tag.id);
    assert.deepEqual(groupId.data.data, { type: 'tag-group', id: def.id });

    const doc = await sdkError(tags.deleteTagGroup(def.id), 400);
    assert.equal(doc.errors[0].source.parameter, 'id');
    const { response: deleted } = await tags.deleteTag(tag.id);
    assert.equal(deleted.status, 204);
  });

  test('create, get, list, rename (204) and delete a group; its tags go with it', async () => {
    const group = await createGroup(true);
    assert.equal(group.attributes.exclusive, true);
    assert.equal(group.attributes.default, false);
    const { body } = await tags.getTagGroup(group.id, { fieldsTagGroup: ['name', 'exclusive'] });
    assert.equal(body.data.attributes.name, group.attributes.name);

    const { response: listed } = await tags.getTagGroups({ filter: `equals(name,"${group.attributes.name}")`, sort: '-name' });
    assert.deepEqual(idsOf(listed), [group.id]);
    const { response: exclusive } = await tags.getTagGroups({ filter: 'equals(exclusive,true)', pageSize: 25 });
    assert.ok(idsOf(exclusive).includes(group.id));

    const name = unique('renamed');
    const { response: patched } = await tags.updateTagGroup(group.id, { data: { type: 'tag-group', id: group.id, attributes: { name } } });
    assert.equal(patched.status, 204);
    assert.equal((await tags.getTagGroup(group.id)).body.data.attributes.name, name);

    const a = await createTag(group.id);
    const b = await createTag(group.id);
    const { response: groupTags } = await tags.getTagsForTagGroup(group.id, { fieldsTag: ['name'] });
    assert.deepEqual(idsOf(groupTags), sorted(a.id, b.id));
    const { response: groupTagIds } = await tags.getTagIdsForTagGroup(group.id);
    assert.deepEqual(idsOf(groupTagIds), sorted(a.id, b.id));

    const { response: deleted } = await tags.deleteTagGroup(group.id);
    assert.equal(deleted.status, 204);
    await notFound(tags.getTagGroup(group.id));
    await notFound(tags.getTag(a.id));
  });
});

describe('tags', () => {
  test('create, get with its group, list with filters and sorts, rename (204) and delete', async () => {
    const group = await createGroup();
    const prefix = unique('t');
    const made = [];
    for (const suffix of ['b', 'a', 'c']) made.push(await createTag(group.id, `${prefix}-${suffix}`));

    const { body, response } = await tags.getTag(made[0].id, { include: ['tag-group'] });
    assert.equal(body.data.attributes.name, `${prefix}-b`);
    assert.equal(response.data.included[0].id, group.id);

    const { response: byName } = await tags.getTags({ filter: `starts-with(name,"${prefix}")`, sort: 'name', include: ['tag-group'] });
    assert.deepEqual(byName.data.data.map((t) => t.attributes.name), [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    assert.equal(byName.data.included.length, 1);
    const { response: desc } = await tags.getTags({ filter: `starts-with(name,"${prefix}")`, sort: '-name', pageSize: 2 });
    assert.deepEqual(desc.data.data.map((t) => t.attributes.name), [`${prefix}-c`, `${prefix}-b`]);
    assert.ok(desc.data.links.next);
    const names = quoted([`${prefix}-a`, `${prefix}-c`]);
    const { response: any } = await tags.getTags({ filter: `equals(name,${names})`, fieldsTag: ['name'] });
    assert.equal(any.data.data.length, 2);
    await sdkError(tags.getTags({ pageSize: 51 }), 400);

    const { response: patched } = await tags.updateTag(made[1].id, { data: { type: 'tag', id: made[1].id, attributes: { name: `${prefix}-z` } } });
    assert.equal(patched.status, 204);
    assert.equal((await tags.getTag(made[1].id)).body.data.attributes.name, `${prefix}-z`);

    const taken = await sdkError(tags.createTag({ data: { type: 'tag', attributes: { name: `${prefix}-z` } } }), 409);
    assert.equal(taken.errors[0].source.pointer, '/data/attributes');
    const missing = await sdkError(tags.createTag({
      data: { type: 'tag', attributes: { name: unique('t') }, relationships: { tagGroup: { data: { type: 'tag-group', id: 'no-such-group' } } } },
    }), 404);
    assert.equal(missing.errors[0].source.pointer, '/data/relationships/tag-group/data/id');

    const { response: deleted } = await tags.deleteTag(made[2].id);
    assert.equal(deleted.status, 204);
    await notFound(tags.getTag(made[2].id));
  });
});

describe('tagging', () => {
  test('lists: tag, read from both sides and with include=tags, untag', async () => {
    const group = await createGroup();
    const tag = await createTag(group.id);
    const other = await createTag(group.id);
    const l1 = await createList();
    const l2 = await createList();

    assert.equal((await tags.tagLists(tag.id, listOp(l1.id, l2.id))).response.status, 204);
    assert.equal((await tags.tagLists(other.id, listOp(l1.id))).response.status, 204);
    assert.deepEqual(idsOf((await tags.getListIdsForTag(tag.id)).response), sorted(l1.id, l2.id));
    assert.deepEqual(idsOf((await lists.getTagsForList(l1.id, { fieldsTag: ['name'] })).response), sorted(tag.id, other.id));
    assert.deepEqual(idsOf((await lists.getTagIdsForList(l2.id)).response), [tag.id]);

    const { response: one } = await lists.getList(l1.id, { include: ['tags'] });
    assert.deepEqual(one.data.data.relationships.tags.data.map((t) => t.id), sorted(tag.id, other.id));
    assert.deepEqual(one.data.included.map((t) => t.id).sort(), sorted(tag.id, other.id));
    const { response: page } = await lists.getLists({ include: ['tags'], filter: `any(id,${quoted([l1.id, l2.id])})` });
    assert.equal(page.data.data.length, 2);
    assert.equal(page.data.included.length, 2);

    const unknown = await sdkError(tags.tagLists(tag.id, listOp('NOPE00')), 404);
    assert.equal(unknown.errors[0].source.pointer, '/data/0/id');
    assert.equal((await tags.removeTagFromLists(tag.id, listOp(l1.id))).response.status, 204);
    assert.deepEqual(idsOf((await tags.getListIdsForTag(tag.id)).response), [l2.id]);
    await notFound(lists.getTagsForList('NOPE00'));
  });

  test('segments: tag, read from both sides and with include=tags, untag', async () => {
    const group = await createGroup();
    const tag = await createTag(group.id);
    const segment = await createSegment();
    assert.equal((await tags.tagSegments(tag.id, segmentOp(segment.id))).response.status, 204);
    assert.deepEqual(idsOf((await tags.getSegmentIdsForTag(tag.id)).response), [segment.id]);
    assert.deepEqual(idsOf((await segments.getTagsForSegment(segment.id)).response), [tag.id]);
    assert.deepEqual(idsOf((await segments.getTagIdsForSegment(segment.id)).response), [tag.id]);
    const { response: one } = await segments.getSegment(segment.id, { include: ['tags'] });
    assert.deepEqual(one.data.data.relationships.tags.data, [{ type: 'tag', id: tag.id }]);
    assert.equal(one.data.included[0].id, tag.id);
    assert.equal((await tags.removeTagFromSegments(tag.id, segmentOp(segment.id))).response.status, 204);
    assert.deepEqual(idsOf((await segments.getTagIdsForSegment(segment.id)).response), []);
  });

  test('an exclusive group allows one of its tags on an object', async () => {
    const group = await createGroup(true);
    const us = await createTag(group.id);
    const eu = await createTag(group.id);
    const list = await createList();
    assert.equal((await tags.tagLists(us.id, listOp(list.id))).response.status, 204);
    const doc = await sdkError(tags.tagLists(eu.id, listOp(list.id)), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/0/id');
    assert.deepEqual(idsOf((await tags.getListIdsForTag(eu.id)).response), []);
  });

  test('unknown campaigns and flows are not found: tagging one is a 404, a new tag has no ids', async () => {
    const group = await createGroup();
    const tag = await createTag(group.id);
    const campaign = await sdkError(tags.tagCampaigns(tag.id, { data: [{ type: 'campaign', id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }] }), 404);
    assert.equal(campaign.errors[0].source.pointer, '/data/0/id');
    const flow = await sdkError(tags.tagFlows(tag.id, { data: [{ type: 'flow', id: 'XyZ123' }] }), 404);
    assert.equal(flow.errors[0].source.pointer, '/data/0/id');
    assert.deepEqual(idsOf((await tags.getCampaignIdsForTag(tag.id)).response), []);
    assert.deepEqual(idsOf((await tags.getFlowIdsForTag(tag.id)).response), []);
    assert.equal((await tags.removeTagFromCampaigns(tag.id, { data: [{ type: 'campaign', id: 'c1' }] })).response.status, 204);
    assert.equal((await tags.removeTagFromFlows(tag.id, { data: [{ type: 'flow', id: 'f1' }] })).response.status, 204);
    await notFound(tags.getCampaignIdsForTag('no-such-tag'));
  });
});
