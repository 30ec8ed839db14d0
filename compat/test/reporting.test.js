// The Reporting tag through the official SDK's ReportingApi (klaviyo-api 23.0.0), unchanged except for the base URL:
// all seven report operations. Each test records its own message, form or segment data (a campaign, a flow and a
// segment of its own, Klaviyo's metrics via create_event with service "klaviyo", a unique conversion metric and form
// id) and filters its report to it, so the suite can share a server. Numbers come from the events recorded here.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { createList, createProfile, sdk, sdkError, unique } from '../support/sdk.js';

const { ReportingApi, CampaignsApi, FlowsApi, EventsApi, SegmentsApi, ProfilesApi } = klaviyo;
const reporting = sdk(ReportingApi);
const campaigns = sdk(CampaignsApi);
const flows = sdk(FlowsApi);
const events = sdk(EventsApi);
const segments = sdk(SegmentsApi);
const profiles = sdk(ProfilesApi);

const NOW = new Date();
const LAST_WEEK = { key: 'last_7_days' };

/** Records an event of `metric` (a Klaviyo metric unless `service` says otherwise) on the profile with `email`. */
async function record(metric, email, properties, { service = 'klaviyo', value } = {}) {
  const { response } = await events.createEvent({ data: { type: 'event', attributes: {
    properties, time: NOW, value, uniqueId: unique('evt'),
    metric: { data: { type: 'metric', attributes: { name: metric, service } } },
    profile: { data: { type: 'profile', attributes: { email } } },
  } } });
  assert.equal(response.status, 202);
}

/** A conversion metric of this test's own, made by one order (of `value`) attributed to `messageId`: its id. */
async function orderMetric(messageId, email, value) {
  await record(unique('Placed Order'), email, { $attributed_message: messageId }, { service: 'api', value });
  const { response: people } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
  const { response } = await events.getEvents({ filter: `equals(profile_id,"${people.data.data[0].id}")` });
  return response.data.data.find((e) => e.attributes.event_properties.$attributed_message === messageId).relationships.metric.data.id;
}

async function emailCampaign() {
  const list = await createList();
  const { response } = await campaigns.createCampaign({ data: { type: 'campaign', attributes: {
    name: unique('Report'), audiences: { included: [list.id], excluded: [] },
    campaignMessages: { data: [{ type: 'campaign-message', attributes: { definition: {
      channel: 'email', label: 'Main', content: { subject: 'Hi', fromEmail: 'shop@example.com', fromLabel: 'Shop' } } } }] },
  } } });
  assert.equal(response.status, 201);
  const { response: ids } = await campaigns.getMessageIdsForCampaign(response.data.data.id);
  return { id: response.data.data.id, messageId: ids.data.data[0].id };
}

async function emailFlow() {
  const list = await createList();
  const { response } = await flows.createFlow({ data: { type: 'flow', attributes: { name: unique('Report flow'), definition: {
    triggers: [{ type: 'list', id: list.id }],
    actions: [{ temporaryId: 'mail', type: 'send-email', links: { next: null },
      data: { status: 'draft', message: { fromEmail: 'shop@example.com', subjectLine: 'Hi', name: 'Report email' } } }],
    entryActionId: 'mail',
  } } } }, { additionalFieldsFlow: ['definition'] });
  assert.equal(response.status, 201);
  return { id: response.data.data.id, messageId: response.data.data.attributes.definition.actions[0].data.message.id };
}

describe('campaign reports', () => {
  test('query_campaign_values: recipients, opens, conversions of a campaign sent in the timeframe', async () => {
    const campaign = await emailCampaign();
    const ada = `${unique('ada')}@compat.example.com`;
    const bob = `${unique('bob')}@compat.example.com`;
    for (const who of [ada, bob]) await record('Received Email', who, { $message: campaign.messageId });
    await record('Opened Email', ada, { $message: campaign.messageId });
    await record('Opened Email', ada, { $message: campaign.messageId });
    const orders = await orderMetric(campaign.messageId, ada, 42.5);
    assert.ok(orders, 'the conversion metric has an id');
    const { response, body } = await reporting.queryCampaignValues({ data: { type: 'campaign-values-report', attributes: {
      statistics: ['recipients', 'opens', 'opens_unique', 'open_rate', 'conversions', 'conversion_value'],
      timeframe: LAST_WEEK, conversionMetricId: orders, filter: `equals(campaign_id,"${campaign.id}")`,
    } } });
    assert.equal(response.status, 200);
    assert.equal(response.config.url.endsWith('/api/campaign-values-reports'), true);
    const results = response.data.data.attributes.results;
    assert.equal(results.length, 1);
    assert.deepEqual(results[0].groupings, { campaign_id: campaign.id, campaign_message_id: campaign.messageId, send_channel: 'email' });
    assert.deepEqual(results[0].statistics, { recipients: 2, opens: 2, opens_unique: 1, open_rate: 0.5, conversions: 1, conversion_value: 42.5 });
    assert.equal(body.data.type, 'campaign-values-report');
    assert.equal(response.data.links.next, null);
  });

  test('a missing or unknown conversion metric is a 400 at its pointer', async () => {
    const unknown = await sdkError(reporting.queryCampaignValues({ data: { type: 'campaign-values-report', attributes: {
      statistics: ['opens'], timeframe: LAST_WEEK, conversionMetricId: 'NOSUCH' } } }), 400);
    assert.equal(unknown.errors[0].source.pointer, '/data/attributes/conversion_metric_id');
    const badStatistic = await sdkError(reporting.queryCampaignValues({ data: { type: 'campaign-values-report', attributes: {
      statistics: ['opens', 'views'], timeframe: LAST_WEEK, conversionMetricId: 'NOSUCH' } } }), 400);
    assert.equal(badStatistic.errors[0].source.pointer, '/data/attributes/statistics/1');
    const badCursor = await sdkError(reporting.queryCampaignValues({ data: { type: 'campaign-values-report', attributes: {
      statistics: ['opens'], timeframe: LAST_WEEK, conversionMetricId: 'NOSUCH' } } }, { pageCursor: 'nonsense' }), 400);
    assert.equal(badCursor.errors[0].source.parameter, 'page_cursor');
  });
});

describe('flow reports', () => {
  test('query_flow_values and query_flow_series count the flow message\'s events', async () => {
    const flow = await emailFlow();
    const cy = `${unique('cy')}@compat.example.com`;
    await record('Received Email', cy, { $message: flow.messageId, $flow: flow.id });
    await record('Clicked Email', cy, { $message: flow.messageId, $flow: flow.id });
    const orders = await orderMetric(flow.messageId, cy, 10);
    const attributes = { statistics: ['recipients', 'clicks_unique', 'click_rate', 'conversions'], timeframe: LAST_WEEK,
      conversionMetricId: orders, groupBy: ['flow_id', 'flow_message_id', 'flow_message_name'], filter: `equals(flow_id,"${flow.id}")` };
    const { response } = await reporting.queryFlowValues({ data: { type: 'flow-values-report', attributes } });
    assert.equal(response.status, 200);
    assert.deepEqual(response.data.data.attributes.results, [{
      groupings: { flow_id: flow.id, flow_message_id: flow.messageId, flow_message_name: 'Report email' },
      statistics: { recipients: 1, clicks_unique: 1, click_rate: 1, conversions: 1 },
    }]);
    const { response: series } = await reporting.queryFlowSeries({ data: { type: 'flow-series-report',
      attributes: { ...attributes, interval: 'daily' } } });
    assert.equal(series.status, 200);
    const { date_times: dates, results } = series.data.data.attributes;
    assert.equal(dates.length, 7);
    assert.equal(results.length, 1);
    assert.equal(results[0].statistics.recipients.length, 7);
    assert.equal(results[0].statistics.recipients.reduce((a, b) => a + b, 0), 1);
  });
});

describe('form reports', () => {
  test('query_form_values and query_form_series group the form events by form', async () => {
    const form = unique('FORM');
    const who = `${unique('form')}@compat.example.com`;
    await record('Viewed Form', who, { form_id: form, form_version_id: 'V1' });
    await record('Viewed Form', who, { form_id: form, form_version_id: 'V1' });
    await record('Submitted Form', who, { form_id: form, form_version_id: 'V1' });
    const attributes = { statistics: ['viewed_form', 'viewed_form_uniques', 'submits', 'submit_rate'], timeframe: LAST_WEEK,
      groupBy: ['form_id', 'form_version_id'], filter: `equals(form_id,"${form}")` };
    const { response } = await reporting.queryFormValues({ data: { type: 'form-values-report', attributes } });
    assert.deepEqual(response.data.data.attributes.results, [{ groupings: { form_id: form, form_version_id: 'V1' },
      statistics: { viewed_form: 2, viewed_form_uniques: 1, submits: 1, submit_rate: 0.5 } }]);
    const { response: series } = await reporting.queryFormSeries({ data: { type: 'form-series-report',
      attributes: { ...attributes, interval: 'weekly' } } });
    assert.equal(series.status, 200);
    assert.ok(series.data.data.attributes.date_times.length >= 1);
    assert.equal(series.data.data.attributes.results[0].statistics.viewed_form.reduce((a, b) => a + b, 0), 2);
    const bad = await sdkError(reporting.queryFormValues({ data: { type: 'form-values-report', attributes: {
      statistics: ['submits'], timeframe: LAST_WEEK, groupBy: ['form_version_id'] } } }), 400);
    assert.equal(bad.errors[0].source.pointer, '/data/attributes/group_by');
  });
});

describe('segment reports', () => {
  test('query_segment_values and query_segment_series count the members who joined', async () => {
    const domain = `${unique('seg')}.compat.example.com`.toLowerCase();
    await createProfile({ email: `p0@${domain}` });
    await createProfile({ email: `p1@${domain}` });
    const { response: created } = await segments.createSegment({ data: { type: 'segment', attributes: { name: unique('segment'),
      definition: { conditionGroups: [{ conditions: [{ type: 'profile-property', property: 'email',
        filter: { type: 'string', operator: 'ends-with', value: `@${domain}` } }] }] } } } });
    const segment = created.data.data.id;
    const attributes = { statistics: ['members_added', 'members_removed', 'net_members_changed', 'total_members'],
      timeframe: { key: 'today' }, filter: `equals(segment_id,"${segment}")` };
    const { response } = await reporting.querySegmentValues({ data: { type: 'segment-values-report', attributes } });
    assert.deepEqual(response.data.data.attributes.results, [{ groupings: { segment_id: segment },
      statistics: { members_added: 2, members_removed: 0, net_members_changed: 2, total_members: 2 } }]);
    const { response: series } = await reporting.querySegmentSeries({ data: { type: 'segment-series-report',
      attributes: { ...attributes, interval: 'hourly' } } });
    const { date_times: dates, results } = series.data.data.attributes;
    assert.equal(dates.length, 24);
    assert.equal(results[0].statistics.total_members[23], 2);
    assert.equal(results[0].statistics.members_added.reduce((a, b) => a + b, 0), 2);
    const early = await sdkError(reporting.querySegmentValues({ data: { type: 'segment-values-report', attributes: {
      statistics: ['total_members'], timeframe: { start: new Date('2023-01-01T00:00:00Z'), end: new Date('2023-02-01T00:00:00Z') } } } }), 400);
    assert.equal(early.errors[0].source.pointer, '/data/attributes/timeframe');
  });
});
