// Web feeds and the account's tracking setting through the official SDK's WebFeedsApi and
// TrackingSettingsApi (klaviyo-api 23.0.0), unchanged except for the base URL. An account holds at most
// 10 web feeds (Klaviyo's limit), so every test deletes the feeds it made; the tracking test puts the
// account's setting back as it found it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, notFound, quoted, sdk, sdkError, unique } from '../support/sdk.js';

const feeds = sdk(klaviyo.WebFeedsApi);
const tracking = sdk(klaviyo.TrackingSettingsApi);
const accounts = sdk(klaviyo.AccountsApi);

async function createFeed(name, attributes = {}) {
  const { response } = await feeds.createWebFeed({
    data: { type: 'web-feed', attributes: { name, url: `https://blog.example/${name}.json`, requestMethod: 'get', contentType: 'json', ...attributes } },
  });
  assert.equal(response.status, 201);
  return response.data.data;
}

/** Runs body with the ids it records, then deletes those feeds whatever happened. */
async function withFeeds(body) {
  const made = [];
  try {
    await body(made);
  } finally {
    for (const id of made) await feeds.deleteWebFeed(id).catch(() => {});
  }
}

test('a web feed is created, read, listed, updated and deleted', () => withFeeds(async (made) => {
  const name = unique('feed');
  const feed = await createFeed(name, { requestMethod: 'post', contentType: 'xml' });
  made.push(feed.id);
  assert.match(feed.id, /^[0-9a-f]{12}$/);
  assert.equal(feed.type, 'web-feed');
  assert.equal(feed.attributes.request_method, 'post');
  assert.equal(feed.attributes.content_type, 'xml');
  assert.equal(feed.attributes.status, null);
  assert.match(feed.attributes.created, TIMESTAMP);

  const { response, body } = await feeds.getWebFeed(feed.id);
  assert.deepEqual(response.data.data, feed);
  assert.equal(body.data.attributes.requestMethod, 'post');
  assert.ok(body.data.attributes.created instanceof Date);

  const listed = await feeds.getWebFeeds({ filter: `equals(name,"${name}")`, fieldsWebFeed: ['name', 'url'] });
  assert.deepEqual(listed.response.data.data.map((f) => f.id), [feed.id]);
  assert.deepEqual(Object.keys(listed.response.data.data[0].attributes).sort(), ['name', 'url']);

  const updated = await feeds.updateWebFeed(feed.id, { data: { type: 'web-feed', id: feed.id, attributes: { name: `${name}-2`, contentType: 'json' } } });
  assert.equal(updated.response.status, 200);
  assert.equal(updated.response.data.data.attributes.name, `${name}-2`);
  assert.equal(updated.response.data.data.attributes.content_type, 'json');
  assert.equal(updated.response.data.data.attributes.url, feed.attributes.url);

  const deleted = await feeds.deleteWebFeed(feed.id);
  assert.equal(deleted.response.status, 204);
  await notFound(feeds.getWebFeed(feed.id));
}));

test('web feeds filter by name, sort and page', () => withFeeds(async (made) => {
  const tag = unique('sorted');
  for (const n of ['b', 'a', 'c']) made.push((await createFeed(`${tag}-${n}`)).id);
  const names = (r) => r.response.data.data.map((f) => f.attributes.name);
  const sorted = await feeds.getWebFeeds({ filter: `contains(name,"${tag}")`, sort: '-name' });
  assert.deepEqual(names(sorted), [`${tag}-c`, `${tag}-b`, `${tag}-a`]);
  const some = await feeds.getWebFeeds({ filter: `any(name,${quoted([`${tag}-a`, `${tag}-c`])})`, sort: 'name' });
  assert.deepEqual(names(some), [`${tag}-a`, `${tag}-c`]);
  const page = await feeds.getWebFeeds({ filter: `contains(name,"${tag}")`, sort: 'name', pageSize: 2 });
  assert.deepEqual(names(page), [`${tag}-a`, `${tag}-b`]);
  const next = await feeds.getWebFeeds({ filter: `contains(name,"${tag}")`, sort: 'name', pageSize: 2,
    pageCursor: new URL(page.response.data.links.next).searchParams.get('page[cursor]') });
  assert.deepEqual(names(next), [`${tag}-c`]);
}));

test('bad web feed input is a 400 at its pointer; the eleventh feed is refused', () => withFeeds(async (made) => {
  const bad = await sdkError(feeds.createWebFeed({ data: { type: 'web-feed', attributes: { name: unique('x'), url: 'https://b.example/f', requestMethod: 'put', contentType: 'json' } } }), 400);
  assert.equal(bad.errors[0].source.pointer, '/data/attributes/request_method');
  const existing = (await feeds.getWebFeeds({ pageSize: 20 })).response.data.data.length;
  for (let i = existing; i < 10; i++) made.push((await createFeed(unique('fill'))).id);
  const refused = await sdkError(feeds.createWebFeed({ data: { type: 'web-feed', attributes: { name: unique('over'), url: 'https://b.example/f', requestMethod: 'get', contentType: 'json' } } }), 400);
  assert.equal(refused.errors[0].source.pointer, '/data');
  assert.match(refused.errors[0].detail, /at most 10 web feeds/);
}));

test('the account has one tracking setting, readable and updatable', async () => {
  const accountId = (await accounts.getAccounts()).response.data.data[0].id;
  const list = await tracking.getTrackingSettings();
  assert.equal(list.response.data.data.length, 1);
  const before = list.response.data.data[0];
  assert.equal(before.type, 'tracking-setting');
  assert.equal(before.id, accountId);
  for (const key of ['auto_add_parameters', 'utm_source', 'utm_medium']) assert.ok(key in before.attributes, key);

  const one = await tracking.getTrackingSetting(accountId, { fieldsTrackingSetting: ['auto_add_parameters', 'utm_source'] });
  assert.deepEqual(Object.keys(one.response.data.data.attributes).sort(), ['auto_add_parameters', 'utm_source']);

  try {
    const updated = await tracking.updateTrackingSetting(accountId, {
      data: {
        type: 'tracking-setting', id: accountId,
        attributes: {
          autoAddParameters: !before.attributes.auto_add_parameters,
          utmTerm: { flow: { type: 'dynamic', value: 'link_alt_text' }, campaign: { type: 'static', value: 'compat' } },
          customParameters: [{ name: 'compat_source', flow: null, campaign: { type: 'dynamic', value: 'campaign_id' } }],
        },
      },
    });
    assert.equal(updated.response.status, 200);
    const a = updated.response.data.data.attributes;
    assert.equal(a.auto_add_parameters, !before.attributes.auto_add_parameters);
    assert.deepEqual(a.utm_term, { flow: { type: 'dynamic', value: 'link_alt_text' }, campaign: { type: 'static', value: 'compat' } });
    assert.deepEqual(a.custom_parameters, [{ name: 'compat_source', flow: null, campaign: { type: 'dynamic', value: 'campaign_id' } }]);
    assert.deepEqual(a.utm_source, before.attributes.utm_source);
    assert.deepEqual((await tracking.getTrackingSetting(accountId)).response.data.data.attributes, a);

    const bad = await sdkError(tracking.updateTrackingSetting(accountId, {
      data: { type: 'tracking-setting', id: accountId, attributes: { utmId: { flow: { type: 'dynamic', value: 'campaign_name' } } } },
    }), 400);
    assert.equal(bad.errors[0].source.pointer, '/data/attributes/utm_id/flow/value');
    await notFound(tracking.getTrackingSetting('ZZZZZZ'));
  } finally {
    const a = before.attributes;
    await tracking.updateTrackingSetting(accountId, {
      data: {
        type: 'tracking-setting', id: accountId,
        attributes: { autoAddParameters: a.auto_add_parameters, utmTerm: a.utm_term ?? null, customParameters: a.custom_parameters ?? null },
      },
    });
  }
});
