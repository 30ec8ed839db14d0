// Webhooks through the official SDK's WebhooksApi (klaviyo-api 23.0.0), unchanged except for the base URL: every
// operation of the Webhooks tag (create, get, list, update, delete, the topic catalogue), the errors the SDK
// surfaces, and a real delivery: a receiver in this file gets the POST a consent change makes and checks its
// signature as a Klaviyo integration does (hex HMAC-SHA256 of the raw body and Klaviyo-Timestamp, under the secret).
// Each test deletes the webhooks it made; the delivery test picks out its own profile's event, since the account
// is shared with the other files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, ULID, eventually, notFound, sdk, sdkError, uniqueEmail, unique } from '../support/sdk.js';

const webhooks = sdk(klaviyo.WebhooksApi);
const profiles = sdk(klaviyo.ProfilesApi);
const SUBSCRIBED = 'event:klaviyo.subscribed_to_email_marketing';
const UNSUBSCRIBED = 'event:klaviyo.unsubscribed_from_email_marketing';
const SECRET = 'compat-secret-0123456789';

const topics = (...ids) => ({ webhookTopics: { data: ids.map((id) => ({ type: 'webhook-topic', id })) } });

async function createWebhook(endpointUrl, ...ids) {
  const { response } = await webhooks.createWebhook({
    data: { type: 'webhook', attributes: { name: unique('hook'), description: 'compat', endpointUrl, secretKey: SECRET }, relationships: topics(...ids) },
  });
  assert.equal(response.status, 201);
  return response.data.data;
}

/** Runs body with the ids it records, then deletes those webhooks whatever happened. */
async function withWebhooks(body) {
  const made = [];
  try {
    await body(made);
  } finally {
    for (const id of made) await webhooks.deleteWebhook(id).catch(() => {});
  }
}

test('a webhook is created, read, listed, updated and deleted; its secret never shows, its URL is truncated', () => withWebhooks(async (made) => {
  const hook = await createWebhook('https://hooks.example.com/in/klaviyo?token=abc', SUBSCRIBED, UNSUBSCRIBED);
  made.push(hook.id);
  assert.match(hook.id, ULID);
  assert.equal(hook.attributes.endpoint_url, 'https://hooks.example.com/*****');
  assert.equal(hook.attributes.enabled, true);
  assert.equal(hook.attributes.secret_key, undefined);
  assert.match(hook.attributes.created_at, TIMESTAMP);
  assert.deepEqual(hook.relationships['webhook-topics'].data.map((t) => t.id), [SUBSCRIBED, UNSUBSCRIBED]);

  const { body, response } = await webhooks.getWebhook(hook.id, { include: ['webhook-topics'], fieldsWebhook: ['name', 'enabled'] });
  assert.equal(body.data.id, hook.id);
  assert.deepEqual(Object.keys(response.data.data.attributes).sort(), ['enabled', 'name']);
  assert.deepEqual(response.data.included.map((t) => t.id).sort(), [SUBSCRIBED, UNSUBSCRIBED]);

  const { response: listed } = await webhooks.getWebhooks({ include: ['webhook-topics'] });
  assert.ok(listed.data.data.some((w) => w.id === hook.id), 'the webhook is listed');

  const { response: patched } = await webhooks.updateWebhook(hook.id, {
    data: { type: 'webhook', id: hook.id, attributes: { name: 'Renamed', enabled: false }, relationships: topics(UNSUBSCRIBED) },
  });
  assert.equal(patched.status, 200);
  assert.equal(patched.data.data.attributes.name, 'Renamed');
  assert.equal(patched.data.data.attributes.enabled, false);
  assert.equal(patched.data.data.attributes.description, 'compat');
  assert.deepEqual(patched.data.data.relationships['webhook-topics'].data.map((t) => t.id), [UNSUBSCRIBED]);

  const { response: deleted } = await webhooks.deleteWebhook(hook.id);
  assert.equal(deleted.status, 204);
  await notFound(webhooks.getWebhook(hook.id));
}));

test('bad webhooks are refused with a pointer at the member at fault', async () => {
  const base = { name: 'n', endpointUrl: 'https://hooks.example.com/in', secretKey: SECRET };
  let doc = await sdkError(webhooks.createWebhook({ data: { type: 'webhook', attributes: { ...base, secretKey: undefined }, relationships: topics(SUBSCRIBED) } }), 400);
  assert.equal(doc.errors[0].source.pointer, '/data/attributes/secret_key');
  doc = await sdkError(webhooks.createWebhook({ data: { type: 'webhook', attributes: base, relationships: topics('event:klaviyo.opened_email') } }), 400);
  assert.equal(doc.errors[0].source.pointer, '/data/relationships/webhook-topics/data/0/id');
  doc = await sdkError(webhooks.createWebhook({ data: { type: 'webhook', attributes: { ...base, endpointUrl: 'ftp://x.example.com' }, relationships: topics(SUBSCRIBED) } }), 400);
  assert.equal(doc.errors[0].source.pointer, '/data/attributes/endpoint_url');
  await notFound(webhooks.getWebhook('01NOSUCHWEBHOOK00000000000'));
});

test('the topic catalogue lists the consent topics, each readable by id', async () => {
  const { response } = await webhooks.getWebhookTopics();
  const ids = response.data.data.map((t) => t.id);
  assert.ok(ids.includes(SUBSCRIBED) && ids.includes('event:klaviyo.unsubscribed_from_sms_marketing'), JSON.stringify(ids));
  const { body } = await webhooks.getWebhookTopic(SUBSCRIBED);
  assert.equal(body.data.id, SUBSCRIBED);
  await notFound(webhooks.getWebhookTopic('event:klaviyo.opened_email'));
});

test('a subscription made through the SDK is delivered, signed with the secret', () => withWebhooks(async (made) => {
  const received = [];
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const hook = await createWebhook(`http://127.0.0.1:${receiver.address().port}/klaviyo`, SUBSCRIBED);
    made.push(hook.id);
    const email = uniqueEmail('hooked');
    const { response } = await profiles.bulkSubscribeProfiles({
      data: { type: 'profile-subscription-bulk-create-job', attributes: { profiles: { data: [
        { type: 'profile', attributes: { email, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED' } } } } }] } } },
    });
    assert.equal(response.status, 202);
    const found = await eventually('the profile',
      async () => (await profiles.getProfiles({ filter: `equals(email,"${email}")` })).response.data, (doc) => doc.data.length === 1);
    const profileId = found.data[0].id;
    const ours = (r) => JSON.parse(r.raw).data.some((e) => e.payload.data.relationships.profile.data.id === profileId);
    const request = await eventually('the delivery', async () => received.find(ours) ?? null, (r) => r !== null);

    const expected = createHmac('sha256', SECRET).update(request.raw).update(request.headers['klaviyo-timestamp']).digest('hex');
    assert.ok(timingSafeEqual(Buffer.from(expected), Buffer.from(request.headers['klaviyo-signature'])), 'signature verifies');
    assert.equal(request.headers['klaviyo-webhook-id'], hook.id);
    const body = JSON.parse(request.raw);
    assert.equal(body.meta.klaviyo_webhook_id, hook.id);
    const event = body.data.find((e) => e.payload.data.relationships.profile.data.id === profileId);
    assert.equal(event.topic, SUBSCRIBED);
    assert.equal(event.external_id, event.payload.data.id);
  } finally {
    receiver.closeAllConnections?.();
    await new Promise((resolve) => receiver.close(resolve));
  }
}));
