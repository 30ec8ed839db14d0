// Flows through the official SDK's FlowsApi (klaviyo-api 23.0.0), unchanged except for the base URL: every operation
// of the Flows tag OpenProfile implements (create from a definition with temporary ids, get, list with filters and
// sorts, the status update, delete; actions and messages with their relationship reads both ways; an action's update
// and delete; a definition member the spec's schema refuses, at its pointer), a flow's tags through TagsApi, and the flows a list, segment or metric triggers through ListsApi,
// SegmentsApi and MetricsApi. get_template_for_flow_message and its ids are the templates feature's, not tested here.
// Every test makes its own lists and flows (unique names) and filters its reads to them, so the file can share a
// non-empty server with the other files and with earlier runs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, createList, notFound, sdk, sdkError, unique } from '../support/sdk.js';

const { FlowsApi, ListsApi, TagsApi, SegmentsApi, MetricsApi, EventsApi } = klaviyo;
const flows = sdk(FlowsApi);
const lists = sdk(ListsApi);
const tags = sdk(TagsApi);
const segments = sdk(SegmentsApi);
const metrics = sdk(MetricsApi);
const events = sdk(EventsApi);

const idsOf = (response) => response.data.data.map((r) => r.id);

/** A welcome flow: a day's delay, then an email; the SDK's camelCase models, as an integration would write them. */
function welcome(name, trigger) {
  return {
    data: {
      type: 'flow',
      attributes: {
        name,
        definition: {
          triggers: [trigger],
          actions: [
            { temporaryId: 'wait', type: 'time-delay', links: { next: 'mail' }, data: { unit: 'days', value: 1, timezone: 'profile' } },
            {
              temporaryId: 'mail',
              type: 'send-email',
              links: { next: null },
              data: { status: 'draft', message: { fromEmail: 'shop@example.com', subjectLine: 'Welcome!', name: 'Welcome email' } },
            },
          ],
          entryActionId: 'wait',
        },
      },
    },
  };
}

async function createFlow(name, trigger) {
  const { response } = await flows.createFlow(welcome(name, trigger), { additionalFieldsFlow: ['definition'] });
  assert.equal(response.status, 201);
  return response.data.data;
}

describe('flows', () => {
  test('create a flow from a definition: a draft, its temporary ids replaced by real ones', async () => {
    const list = await createList();
    const flow = await createFlow(unique('Welcome'), { type: 'list', id: list.id });
    assert.equal(flow.attributes.status, 'draft');
    assert.equal(flow.attributes.archived, false);
    assert.equal(flow.attributes.trigger_type, 'Added to List');
    assert.match(flow.attributes.created, TIMESTAMP);
    const [wait, mail] = flow.attributes.definition.actions;
    assert.equal(flow.attributes.definition.entry_action_id, wait.id);
    assert.equal(wait.links.next, mail.id);
    assert.equal(mail.data.status, 'draft');
    assert.equal(mail.data.message.subject_line, 'Welcome!');
    assert.ok(mail.data.message.id);
    assert.equal(wait.temporary_id, undefined);

    const { response, body } = await flows.getFlow(flow.id, { additionalFieldsFlow: ['definition'], include: ['flow-actions'] });
    assert.deepEqual(response.data.data.attributes.definition, flow.attributes.definition);
    assert.equal(body.data.attributes.name, flow.attributes.name);
    assert.deepEqual(response.data.included.map((a) => a.id).sort(), [wait.id, mail.id].sort());

    const doc = await sdkError(flows.createFlow(welcome('Broken', { type: 'list', id: 'NOPE12' })), 404);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/definition/triggers/0/id');
  });

  test('every member of a definition is held against the spec\'s schema: a 400 at the member, nothing stored', async () => {
    const list = await createList();
    const name = unique('Deep');
    const body = welcome(name, { type: 'list', id: list.id });
    body.data.attributes.definition.actions[0].data.unit = 'weeks';
    const doc = await sdkError(flows.createFlow(body), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/definition/actions/0/data/unit');
    const { response: none } = await flows.getFlows({ filter: `equals(name,"${name}")` });
    assert.equal(none.data.data.length, 0);

    const flow = await createFlow(unique('Deep'), { type: 'list', id: list.id });
    const [wait] = flow.attributes.definition.actions;
    const update = (data) => flows.updateFlowAction(wait.id, {
      data: { type: 'flow-action', id: wait.id, attributes: { definition: { type: 'time-delay', data } } },
    });
    const zone = await sdkError(update({ unit: 'hours', value: 2, timezone: 'Mars/Olympus_Mons' }), 400);
    assert.equal(zone.errors[0].source.pointer, '/data/attributes/definition/data/timezone');
    const missing = await sdkError(update({ unit: 'hours' }), 400);
    assert.equal(missing.errors[0].source.pointer, '/data/attributes/definition/data/value');
    assert.deepEqual((await flows.getFlowAction(wait.id)).response.data.data.attributes.definition.data, wait.data);
    const { response } = await update({ unit: 'hours', value: 2, timezone: 'Europe/Paris' });
    assert.equal(response.status, 200);
    assert.equal(response.data.data.attributes.definition.data.timezone, 'Europe/Paris');
  });

  test('list flows with filters and sorts, update the status, delete', async () => {
    const list = await createList();
    const tag = unique('Seq');
    const a = await createFlow(`${tag} A`, { type: 'list', id: list.id });
    const b = await createFlow(`${tag} B`, { type: 'list', id: list.id });
    const { response } = await flows.getFlows({ filter: `starts-with(name,"${tag}")`, sort: '-name', include: ['flow-actions'] });
    assert.deepEqual(idsOf(response), [b.id, a.id]);
    assert.equal(response.data.included.length, 4);

    const { response: live } = await flows.updateFlow(a.id, { data: { type: 'flow', id: a.id, attributes: { status: 'live' } } });
    assert.equal(live.status, 200);
    assert.equal(live.data.data.attributes.status, 'live');
    const { response: lives } = await flows.getFlows({ filter: `and(starts-with(name,"${tag}"),equals(status,"live"))` });
    assert.deepEqual(idsOf(lives), [a.id]);
    const mail = a.attributes.definition.actions[1];
    assert.equal((await flows.getFlowAction(mail.id)).response.data.data.attributes.definition.data.status, 'live');
    const bad = await sdkError(flows.updateFlow(a.id, { data: { type: 'flow', id: a.id, attributes: { status: 'paused' } } }), 400);
    assert.equal(bad.errors[0].source.pointer, '/data/attributes/status');

    assert.equal((await flows.deleteFlow(b.id)).response.status, 204);
    await notFound(flows.getFlow(b.id));
  });

  test('actions and messages read with their relationships both ways', async () => {
    const list = await createList();
    const flow = await createFlow(unique('Rel'), { type: 'list', id: list.id });
    const [wait, mail] = flow.attributes.definition.actions;
    const messageId = mail.data.message.id;

    const { response: action } = await flows.getFlowAction(mail.id, { include: ['flow', 'flow-messages'] });
    assert.equal(action.data.data.relationships.flow.data.id, flow.id);
    assert.deepEqual(action.data.data.relationships['flow-messages'].data.map((m) => m.id), [messageId]);
    assert.deepEqual(idsOf(await flows.getActionsForFlow(flow.id, { filter: 'equals(action_type,"send-email")' }).then((r) => r.response)), [mail.id]);
    assert.deepEqual(idsOf((await flows.getActionIdsForFlow(flow.id, { sort: 'action_type' })).response), [mail.id, wait.id]);
    assert.equal((await flows.getFlowForFlowAction(wait.id)).response.data.data.id, flow.id);
    assert.equal((await flows.getFlowIdForFlowAction(wait.id)).response.data.data.id, flow.id);
    assert.deepEqual(idsOf((await flows.getFlowActionMessages(mail.id)).response), [messageId]);
    assert.deepEqual(idsOf((await flows.getMessageIdsForFlowAction(mail.id, { filter: 'equals(name,"Welcome email")' })).response), [messageId]);

    const { response: message } = await flows.getFlowMessage(messageId, { include: ['flow-action'] });
    assert.equal(message.data.data.attributes.channel, 'email');
    assert.equal(message.data.data.attributes.definition.subject_line, 'Welcome!');
    assert.equal(message.data.included[0].id, mail.id);
    assert.equal((await flows.getActionForFlowMessage(messageId)).response.data.data.id, mail.id);
    assert.equal((await flows.getActionIdForFlowMessage(messageId)).response.data.data.id, mail.id);
  });

  test('update and delete an action: its message keeps its id, a deleted action is linked past', async () => {
    const list = await createList();
    const flow = await createFlow(unique('Edit'), { type: 'list', id: list.id });
    const [wait, mail] = flow.attributes.definition.actions;
    const { response } = await flows.updateFlowAction(mail.id, {
      data: { type: 'flow-action', id: mail.id, attributes: { definition: { type: 'send-email', data: { status: 'manual', message: { subjectLine: 'Again' } } } } },
    });
    assert.equal(response.status, 200);
    assert.equal(response.data.data.attributes.definition.data.status, 'manual');
    assert.equal(response.data.data.attributes.definition.data.message.id, mail.data.message.id);
    assert.equal((await flows.getFlowMessage(mail.data.message.id)).response.data.data.attributes.definition.subject_line, 'Again');
    const doc = await sdkError(flows.updateFlowAction(mail.id, {
      data: { type: 'flow-action', id: mail.id, attributes: { definition: { type: 'send-sms' } } },
    }), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/definition/type');

    assert.equal((await flows.deleteFlowAction(wait.id)).response.status, 204);
    await notFound(flows.getFlowAction(wait.id));
    const { response: after } = await flows.getFlow(flow.id, { additionalFieldsFlow: ['definition'] });
    assert.equal(after.data.data.attributes.definition.entry_action_id, mail.id);
    assert.equal(after.data.data.attributes.definition.actions.length, 1);
  });

  test('tags label flows, read from both sides', async () => {
    const list = await createList();
    const flow = await createFlow(unique('Tagged'), { type: 'list', id: list.id });
    const { response: made } = await tags.createTag({ data: { type: 'tag', attributes: { name: unique('tag') } } });
    const tag = made.data.data;
    const op = { data: [{ type: 'flow', id: flow.id }] };
    assert.equal((await tags.tagFlows(tag.id, op)).response.status, 204);
    assert.deepEqual(idsOf((await tags.getFlowIdsForTag(tag.id)).response), [flow.id]);
    assert.deepEqual(idsOf((await flows.getTagsForFlow(flow.id)).response), [tag.id]);
    assert.deepEqual(idsOf((await flows.getTagIdsForFlow(flow.id)).response), [tag.id]);
    assert.equal((await tags.removeTagFromFlows(tag.id, op)).response.status, 204);
    assert.deepEqual(idsOf((await flows.getTagIdsForFlow(flow.id)).response), []);
    await tags.deleteTag(tag.id);
  });

  test('lists, segments and metrics answer the flows they trigger', async () => {
    const list = await createList();
    const byList = await createFlow(unique('ByList'), { type: 'list', id: list.id });
    assert.deepEqual(idsOf((await lists.getFlowsTriggeredByList(list.id)).response), [byList.id]);
    assert.deepEqual(idsOf((await lists.getIdsForFlowsTriggeredByList(list.id)).response), [byList.id]);
    const { response: withTriggers } = await lists.getList(list.id, { include: ['flow-triggers'] });
    assert.deepEqual(withTriggers.data.included.map((f) => f.id), [byList.id]);

    const { response: seg } = await segments.createSegment({
      data: { type: 'segment', attributes: { name: unique('seg'), definition: { conditionGroups: [{ conditions: [{
        type: 'profile-property', property: 'email', filter: { type: 'string', operator: 'ends-with', value: `@${unique('d')}.test` } }] }] } } },
    });
    const segmentId = seg.data.data.id;
    const bySegment = await createFlow(unique('BySegment'), { type: 'segment', id: segmentId });
    assert.deepEqual(idsOf((await segments.getFlowsTriggeredBySegment(segmentId)).response), [bySegment.id]);
    assert.deepEqual(idsOf((await segments.getIdsForFlowsTriggeredBySegment(segmentId)).response), [bySegment.id]);

    const metricName = unique('Metric');
    await events.createEvent({ data: { type: 'event', attributes: { properties: {},
      metric: { data: { type: 'metric', attributes: { name: metricName } } },
      profile: { data: { type: 'profile', attributes: { email: `${unique('m')}@compat.example.com` } } } } } });
    let metricId;
    let cursor;
    for (let guard = 0; guard < 100 && !metricId; guard++) {
      const { response: page } = await metrics.getMetrics({ pageCursor: cursor });
      metricId = page.data.data.find((m) => m.attributes.name === metricName)?.id;
      if (!page.data.links?.next) break;
      cursor = new URL(page.data.links.next).searchParams.get('page[cursor]');
    }
    assert.ok(metricId, 'the metric the event made is listed');
    const byMetric = await createFlow(unique('ByMetric'), { type: 'metric', id: metricId });
    assert.equal(byMetric.attributes.trigger_type, 'Metric');
    assert.deepEqual(idsOf((await metrics.getFlowsTriggeredByMetric(metricId)).response), [byMetric.id]);
    assert.deepEqual(idsOf((await metrics.getIdsForFlowsTriggeredByMetric(metricId)).response), [byMetric.id]);
  });
});
