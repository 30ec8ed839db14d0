// Campaigns through the official SDK's CampaignsApi (klaviyo-api 23.0.0), unchanged except for the base URL: every
// campaign operation OpenProfile implements (create with audiences, strategy, options and the message inline; get; the
// list with its required messages.channel filter, other filters, sorts and includes; update; clone; delete; a message's
// read and update, its campaign, template and image both ways, the template assignment and the image update), and a
// campaign's tags both ways through TagsApi. Sending and recipient estimation: campaign-sending.test.js.
// Every test makes its own lists and campaigns (unique names) and filters its reads to them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { ULID, createList, notFound, sdk, sdkError, unique } from '../support/sdk.js';

const { CampaignsApi, TagsApi, TemplatesApi, ImagesApi } = klaviyo;
const campaigns = sdk(CampaignsApi);
const tags = sdk(TagsApi);
const templates = sdk(TemplatesApi);
const images = sdk(ImagesApi);

const GIF = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=', 'base64');
const idsOf = (response) => response.data.data.map((r) => r.id);

/** An email campaign in the SDK's camelCase models, as an integration would write it. */
function emailCampaign(name, included, extra = {}) {
  return {
    data: {
      type: 'campaign',
      attributes: {
        name,
        audiences: { included, excluded: [] },
        sendStrategy: { method: 'static', datetime: '2030-01-01T10:00:00Z' },
        trackingOptions: { isTrackingOpens: false, addTrackingParams: true,
          customTrackingParams: [{ type: 'static', value: 'fall', name: 'utm_campaign' }] },
        campaignMessages: { data: [{ type: 'campaign-message', attributes: { definition: {
          channel: 'email', label: 'Main', content: { subject: 'Hello', fromEmail: 'shop@example.com', fromLabel: 'Shop' } } } }] },
        ...extra,
      },
    },
  };
}

async function createCampaign(name, included) {
  const { response } = await campaigns.createCampaign(emailCampaign(name, included));
  assert.equal(response.status, 201);
  return response.data.data;
}

async function messageOf(campaignId) {
  const { response } = await campaigns.getMessageIdsForCampaign(campaignId);
  assert.equal(response.data.data.length, 1);
  return response.data.data[0].id;
}

describe('campaigns', () => {
  test('create a campaign with its message: a Draft with the given strategy and options', async () => {
    const list = await createList();
    const c = await createCampaign(unique('Fall'), [list.id]);
    assert.match(c.id, ULID);
    assert.equal(c.attributes.status, 'Draft');
    assert.deepEqual(c.attributes.audiences, { included: [list.id], excluded: [] });
    assert.equal(c.attributes.send_strategy.method, 'static');
    assert.equal(c.attributes.send_strategy.datetime, '2030-01-01T10:00:00+00:00');
    assert.equal(c.attributes.tracking_options.is_tracking_opens, false);
    assert.equal(c.attributes.tracking_options.is_tracking_clicks, true);
    assert.deepEqual(c.attributes.send_options, { use_smart_sending: true });
    const got = (await campaigns.getCampaign(c.id, { include: ['campaign-messages'] })).response.data;
    assert.equal(got.data.attributes.name, c.attributes.name);
    assert.equal(got.included[0].type, 'campaign-message');
    assert.equal(got.included[0].attributes.definition.content.subject, 'Hello');
    const bad = await sdkError(campaigns.createCampaign(emailCampaign('Nowhere', ['NOSUCH'])), 404);
    assert.equal(bad.errors[0].source.pointer, '/data/attributes/audiences/included/0');
  });

  test('get_campaigns: the channel filter, name and status filters, sorts', async () => {
    const list = await createList();
    const tag = unique('Sale');
    const a = await createCampaign(`${tag} A`, [list.id]);
    const b = await createCampaign(`${tag} B`, [list.id]);
    const filter = `equals(messages.channel,'email'),contains(name,'${tag}')`;
    assert.deepEqual(idsOf((await campaigns.getCampaigns(filter, { sort: '-name' })).response), [b.id, a.id]);
    assert.deepEqual(idsOf((await campaigns.getCampaigns(`${filter},equals(status,'Draft')`, { sort: 'name' })).response), [a.id, b.id]);
    assert.deepEqual(idsOf((await campaigns.getCampaigns(`equals(messages.channel,'sms'),contains(name,'${tag}')`)).response), []);
    const withMessages = (await campaigns.getCampaigns(filter, { include: ['campaign-messages'] })).response.data;
    assert.equal(withMessages.included.length, 2);
    await sdkError(campaigns.getCampaigns(`contains(name,'${tag}')`), 400);
  });

  test('update, clone and delete', async () => {
    const list = await createList();
    const c = await createCampaign(unique('Orig'), [list.id]);
    const { response: updated } = await campaigns.updateCampaign(c.id, { data: { type: 'campaign', id: c.id, attributes: {
      name: `${c.attributes.name} v2`, sendOptions: { useSmartSending: false }, sendStrategy: { method: 'immediate' } } } });
    assert.equal(updated.status, 200);
    assert.equal(updated.data.data.attributes.name, `${c.attributes.name} v2`);
    assert.deepEqual(updated.data.data.attributes.send_strategy, { method: 'immediate' });
    assert.equal(updated.data.data.attributes.send_options.use_smart_sending, false);
    const { response: cloned } = await campaigns.createCampaignClone({ data: { type: 'campaign', id: c.id, attributes: {} } });
    assert.equal(cloned.status, 201);
    assert.equal(cloned.data.data.attributes.name, `Clone of ${c.attributes.name} v2`);
    assert.notEqual(await messageOf(cloned.data.data.id), await messageOf(c.id));
    const { response: named } = await campaigns.createCampaignClone({ data: { type: 'campaign', id: c.id, attributes: { newName: 'Named' } } });
    assert.equal(named.data.data.attributes.name, 'Named');
    assert.equal((await campaigns.deleteCampaign(c.id)).response.status, 204);
    await notFound(campaigns.getCampaign(c.id));
    await notFound(campaigns.deleteCampaign(c.id));
  });

  test("a message: its definition, campaign, template copy and image", async () => {
    const list = await createList();
    const c = await createCampaign(unique('Msg'), [list.id]);
    const m = await messageOf(c.id);
    const { response: updated } = await campaigns.updateCampaignMessage(m, { data: { type: 'campaign-message', id: m, attributes: {
      definition: { channel: 'email', content: { subject: 'Changed', previewText: 'Peek' } } } } });
    assert.equal(updated.status, 200);
    assert.equal(updated.data.data.attributes.definition.content.subject, 'Changed');
    assert.equal(updated.data.data.attributes.definition.content.from_email, 'shop@example.com');
    assert.equal((await campaigns.getCampaignMessage(m)).response.data.data.attributes.definition.content.preview_text, 'Peek');
    assert.equal((await campaigns.getCampaignForCampaignMessage(m)).response.data.data.id, c.id);
    assert.equal((await campaigns.getCampaignIdForCampaignMessage(m)).response.data.data.id, c.id);
    assert.deepEqual(idsOf((await campaigns.getMessagesForCampaign(c.id)).response), [m]);

    const { response: template } = await templates.createTemplate({ data: { type: 'template', attributes: {
      name: unique('tpl'), editorType: 'CODE', html: '<p>Hi {{ first_name }}</p>' } } });
    const { response: assigned } = await campaigns.assignTemplateToCampaignMessage({ data: { type: 'campaign-message', id: m,
      relationships: { template: { data: { type: 'template', id: template.data.data.id } } } } });
    assert.equal(assigned.status, 200);
    assert.equal(assigned.data.data.attributes.channel, 'email');
    const copy = (await campaigns.getTemplateIdForCampaignMessage(m)).response.data.data.id;
    assert.notEqual(copy, template.data.data.id);
    const copied = (await campaigns.getTemplateForCampaignMessage(m)).response.data.data;
    assert.equal(copied.attributes.html, '<p>Hi {{ first_name }}</p>');

    const { response: image } = await images.uploadImageFromUrl({ data: { type: 'image', attributes: {
      importFromUrl: `data:image/gif;base64,${GIF.toString('base64')}` } } });
    const imageId = image.data.data.id;
    const { response: set } = await campaigns.updateImageForCampaignMessage(m, { data: { type: 'image', id: imageId } });
    assert.equal(set.status, 204);
    assert.equal((await campaigns.getImageIdForCampaignMessage(m)).response.data.data.id, imageId);
    assert.equal((await campaigns.getImageForCampaignMessage(m)).response.data.data.id, imageId);
    const missing = await notFound(campaigns.updateImageForCampaignMessage(m, { data: { type: 'image', id: '999999' } }));
    assert.equal(missing.errors[0].source.pointer, '/data/id');
    await notFound(campaigns.getCampaignMessage('NOSUCH'));
  });

  test("a campaign's tags, from both sides", async () => {
    const list = await createList();
    const c = await createCampaign(unique('Tagged'), [list.id]);
    const { response: made } = await tags.createTag({ data: { type: 'tag', attributes: { name: unique('tag') } } });
    const tagId = made.data.data.id;
    assert.equal((await tags.tagCampaigns(tagId, { data: [{ type: 'campaign', id: c.id }] })).response.status, 204);
    assert.deepEqual(idsOf((await tags.getCampaignIdsForTag(tagId)).response), [c.id]);
    assert.deepEqual(idsOf((await campaigns.getTagsForCampaign(c.id)).response), [tagId]);
    assert.deepEqual(idsOf((await campaigns.getTagIdsForCampaign(c.id)).response), [tagId]);
    assert.equal((await tags.removeTagFromCampaigns(tagId, { data: [{ type: 'campaign', id: c.id }] })).response.status, 204);
    assert.deepEqual(idsOf((await campaigns.getTagIdsForCampaign(c.id)).response), []);
    await notFound(tags.tagCampaigns(tagId, { data: [{ type: 'campaign', id: 'NOSUCH' }] }));
  });
});
