// Emulated campaign sending through the official SDK's CampaignsApi (klaviyo-api 23.0.0), unchanged except for the base
// URL: refresh_campaign_recipient_estimation, get_campaign_recipient_estimation_job, get_campaign_recipient_estimation,
// send_campaign, get_campaign_send_job and cancel_campaign_send (cancel and revert). A send renders the message per
// recipient into the outbox and records a Received Email event on each recipient (docs/compatibility.md).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api';
import { ADMIN_KEY, admin, createList, createProfile, eventually, notFound, sdk, sdkError, unique, uniqueEmail, waitForJobCompletion } from '../support/sdk.js';

const { CampaignsApi, ListsApi, TemplatesApi } = klaviyo;
const campaigns = sdk(CampaignsApi);
const lists = sdk(ListsApi);
const templates = sdk(TemplatesApi);

/** A list of `n` profiles with an email (never subscribed: they can receive email marketing); the list's id. */
async function audience(n) {
  const list = await createList();
  const ids = [];
  for (let i = 0; i < n; i++) ids.push((await createProfile({ email: uniqueEmail('send'), firstName: `Fan${i}` })).id);
  const { response } = await lists.addProfilesToList(list.id, { data: ids.map((id) => ({ type: 'profile', id })) });
  assert.equal(response.status, 204);
  return list.id;
}

/** A templated email campaign to the list, sent with `sendStrategy`; its id. */
async function campaign(listId, sendStrategy) {
  const { response: c } = await campaigns.createCampaign({ data: { type: 'campaign', attributes: {
    name: unique('Send'), audiences: { included: [listId], excluded: [] }, sendStrategy,
    campaignMessages: { data: [{ type: 'campaign-message', attributes: { definition: { channel: 'email', label: 'Main',
      content: { subject: 'Hello {{ first_name }}', fromEmail: 'shop@example.com', fromLabel: 'Shop' } } } }] } } } });
  assert.equal(c.status, 201);
  const id = c.data.data.id;
  const message = (await campaigns.getMessageIdsForCampaign(id)).response.data.data[0].id;
  const { response: t } = await templates.createTemplate({ data: { type: 'template', attributes: {
    name: unique('tpl'), editorType: 'CODE', html: '<p>Hi {{ first_name }}</p>' } } });
  const { response: assigned } = await campaigns.assignTemplateToCampaignMessage({ data: { type: 'campaign-message', id: message,
    relationships: { template: { data: { type: 'template', id: t.data.data.id } } } } });
  assert.equal(assigned.status, 200);
  return id;
}

const statusOf = async (id) => (await campaigns.getCampaign(id)).response.data.data.attributes.status;

describe('campaign sending', () => {
  test('estimate the recipients, send, and read the job and the campaign', async () => {
    const listId = await audience(3);
    const id = await campaign(listId, { method: 'immediate' });

    const { response: refresh } = await campaigns.refreshCampaignRecipientEstimation({ data: {
      type: 'campaign-recipient-estimation-job', id } });
    assert.equal(refresh.status, 202);
    assert.equal(refresh.data.data.id, id);
    await waitForJobCompletion((j) => campaigns.getCampaignRecipientEstimationJob(j), id);
    const { response: estimate } = await campaigns.getCampaignRecipientEstimation(id);
    assert.equal(estimate.data.data.type, 'campaign-recipient-estimation');
    assert.equal(estimate.data.data.attributes.estimated_recipient_count, 3);

    const { response: sent } = await campaigns.sendCampaign({ data: { type: 'campaign-send-job', id } });
    assert.equal(sent.status, 202);
    assert.equal(sent.data.data.type, 'campaign-send-job');
    assert.equal(sent.data.data.attributes.status, 'queued');
    await waitForJobCompletion((j) => campaigns.getCampaignSendJob(j), id);
    assert.equal(await statusOf(id), 'Sent');
    if (ADMIN_KEY) {
      // The operator's outbox holds one rendered message per recipient (the account behind the SDK's key: default).
      const { messages } = await admin('GET', `/admin/outbox/messages?campaign=${id}`);
      assert.equal(messages.length, 3);
      assert.deepEqual(messages.map((m) => m.subject).sort(), ['Hello Fan0', 'Hello Fan1', 'Hello Fan2']);
      const one = await admin('GET', `/admin/outbox/messages/${messages[0].id}`);
      assert.match(one.body_html, /^<p>Hi Fan[0-2]<\/p>$/);
    }
    const again = await sdkError(campaigns.sendCampaign({ data: { type: 'campaign-send-job', id } }), 400);
    assert.equal(again.errors[0].source.pointer, '/data/id');
    await notFound(campaigns.getCampaignSendJob('01J0000000000000000000NONE'));
  });

  test('a scheduled send is reverted to a draft, or cancelled for good', async () => {
    const listId = await audience(1);
    const later = { method: 'static', datetime: '2030-01-01T10:00:00Z' };
    const reverted = await campaign(listId, later);
    assert.equal((await campaigns.sendCampaign({ data: { type: 'campaign-send-job', id: reverted } })).response.status, 202);
    assert.equal(await statusOf(reverted), 'Scheduled');
    const { response: revert } = await campaigns.cancelCampaignSend(reverted, { data: { type: 'campaign-send-job', id: reverted,
      attributes: { action: 'revert' } } });
    assert.equal(revert.status, 204);
    assert.equal(await statusOf(reverted), 'Draft');
    assert.equal((await campaigns.getCampaignSendJob(reverted)).response.data.data.attributes.status, 'cancelled');

    const cancelled = await campaign(listId, later);
    await campaigns.sendCampaign({ data: { type: 'campaign-send-job', id: cancelled } });
    await campaigns.cancelCampaignSend(cancelled, { data: { type: 'campaign-send-job', id: cancelled, attributes: { action: 'cancel' } } });
    assert.equal(await eventually('cancelled', () => statusOf(cancelled), (s) => s === 'Cancelled'), 'Cancelled');
    const bad = await sdkError(campaigns.cancelCampaignSend(cancelled, { data: { type: 'campaign-send-job', id: cancelled,
      attributes: { action: 'pause' } } }), 400);
    assert.equal(bad.errors[0].source.pointer, '/data/attributes/action');
  });
});
