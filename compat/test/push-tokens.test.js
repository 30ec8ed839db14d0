// Push tokens (ProfilesApi's push-token operations, a profile's tokens, include=push-tokens, and the push
// tokens of the subscribe and unsubscribe jobs) through Klaviyo's official Node SDK (klaviyo-api 23.0.0),
// unchanged except for the base URL. Token values and emails are unique per test and reads are filtered
// to the test's profile, so the suite can run against a shared, non-empty server.
//
// The SDK's ClientApi (23.0.0) has no push-token methods, so the two /client push-token operations are
// sent as plain HTTP, as the mobile SDKs send them, with the account's public key (OPENPROFILE_COMPANY_ID;
// skipped without it).
//
// As in profiles.test.js, `body` is the SDK's deserialized view (camelCase, Date objects) and
// `response.data` is the raw JSON, which is what shows the keys the server actually sent.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import {
  BASE_URL, COMPANY_ID, CURSOR_MODES, TIMESTAMP, ULID, eventually, notFound, sdk, sdkError, unique, uniqueEmail,
} from '../support/sdk.js';

const { ProfilesApi } = klaviyo;
const profiles = sdk(ProfilesApi);
const PUBLIC_KEY = COMPANY_ID;
const UNKNOWN = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const METADATA = {
  deviceId: 'device-1', klaviyoSdk: 'swift', sdkVersion: '4.2.0', deviceModel: 'iPhone15,2', osName: 'ios',
  osVersion: '17.1', manufacturer: 'Apple', appName: 'Shop', appVersion: '2.3', appBuild: '77',
  appId: 'com.example.shop', environment: 'release',
};
const METADATA_WIRE = {
  device_id: 'device-1', klaviyo_sdk: 'swift', sdk_version: '4.2.0', device_model: 'iPhone15,2', os_name: 'ios',
  os_version: '17.1', manufacturer: 'Apple', app_name: 'Shop', app_version: '2.3', app_build: '77',
  app_id: 'com.example.shop', environment: 'release',
};

/** Registers a token through the SDK; `attributes` adds to or overrides the token's. */
async function register(token, email, attributes = {}) {
  const { response, body } = await profiles.createPushToken({
    data: {
      type: 'push-token',
      attributes: {
        token, platform: 'ios', vendor: 'apns', ...attributes,
        profile: { data: { type: 'profile', attributes: { email } } },
      },
    },
  });
  assert.equal(response.status, 202);
  assert.equal(body, undefined);
  return response;
}

async function profileIdOf(email) {
  const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
  assert.equal(response.data.data.length, 1);
  return response.data.data[0].id;
}

async function tokensOf(profileId) {
  const { response } = await profiles.getPushTokensForProfile(profileId);
  assert.equal(response.status, 200);
  return response.data.data;
}

describe('create_push_token and the token reads', () => {
  test('a registration is stored with every attribute and its profile, and reads by id or value', async () => {
    const email = uniqueEmail('push');
    const token = unique('tok');
    await register(token, email, { enablementStatus: 'PROVISIONAL', background: 'RESTRICTED', deviceMetadata: METADATA });
    const profileId = await profileIdOf(email);
    const [stored] = await tokensOf(profileId);
    assert.match(stored.id, ULID);
    assert.equal(stored.type, 'push-token');
    const a = stored.attributes;
    assert.equal(a.token, token);
    assert.equal(a.platform, 'ios');
    assert.equal(a.vendor, 'apns');
    assert.equal(a.enablement_status, 'PROVISIONAL');
    assert.equal(a.background, 'RESTRICTED');
    assert.match(a.created, TIMESTAMP);
    assert.match(a.recorded_date, TIMESTAMP);
    assert.deepEqual(a.metadata, METADATA_WIRE);
    assert.equal(stored.relationships.profile.data.id, profileId);

    const byId = await profiles.getPushToken(stored.id, { include: ['profile'] });
    assert.equal(byId.body.data.attributes.token, token);
    assert.equal(byId.body.data.attributes.metadata.appId, 'com.example.shop');
    assert.equal(byId.response.data.included[0].id, profileId);
    const byValue = await profiles.getPushToken(token);
    assert.equal(byValue.response.data.data.id, stored.id);
  });

  test('registering the value again updates the token and moves it to the profile named', async () => {
    const token = unique('tok');
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    await register(token, first, { enablementStatus: 'DENIED' });
    const before = (await profiles.getPushToken(token)).response.data.data;
    await register(token, second, { platform: 'android', vendor: 'fcm' });
    const after = (await profiles.getPushToken(token)).response.data.data;
    assert.equal(after.id, before.id);
    assert.equal(after.attributes.created, before.attributes.created);
    assert.equal(after.attributes.platform, 'android');
    assert.equal(after.attributes.enablement_status, 'AUTHORIZED');
    assert.equal(after.attributes.metadata, null);
    assert.equal(after.relationships.profile.data.id, await profileIdOf(second));
    assert.deepEqual(await tokensOf(await profileIdOf(first)), []);
  });

  test('get_push_tokens filters, pages (both cursor forms), sparse fieldsets and include=profile', async () => {
    const email = uniqueEmail('pages');
    const tokens = [];
    for (let i = 0; i < 5; i++) {
      tokens.push(unique(`page${i}`));
      await register(tokens[i], email, i === 4 ? { platform: 'android', vendor: 'fcm', enablementStatus: 'DENIED' } : {});
    }
    const profileId = await profileIdOf(email);
    const filter = `equals(profile.id,"${profileId}")`;
    for (const [mode, cursorFor] of CURSOR_MODES) {
      const seen = [];
      let cursor;
      do {
        const { response } = await profiles.getPushTokens({ filter, pageSize: 2, pageCursor: cursor, fieldsPushToken: ['token'] });
        for (const t of response.data.data) {
          assert.deepEqual(Object.keys(t.attributes), ['token'], mode);
          seen.push(t.attributes.token);
        }
        cursor = response.data.links.next ? cursorFor(response.data.links.next) : undefined;
      } while (cursor);
      assert.deepEqual(seen, tokens, mode);
    }
    const android = await profiles.getPushTokens({ filter: `and(${filter},equals(platform,"android"))` });
    assert.deepEqual(android.response.data.data.map((t) => t.attributes.token), [tokens[4]]);
    const denied = await profiles.getPushTokens({ filter: `and(${filter},equals(enablement_status,"DENIED"))`, include: ['profile'] });
    assert.deepEqual(denied.response.data.data.map((t) => t.attributes.token), [tokens[4]]);
    assert.deepEqual(denied.response.data.included.map((p) => p.id), [profileId]);
    const one = await profiles.getPushTokens({ filter: `equals(id,"${denied.response.data.data[0].id}")` });
    assert.equal(one.response.data.data.length, 1);

    const bad = await sdkError(profiles.getPushTokens({ filter: 'equals(platform,"web")' }), 400);
    assert.equal(bad.errors[0].source.parameter, 'filter');
  });

  test('the token → profile endpoints, the profile → tokens endpoints and include=push-tokens', async () => {
    const email = uniqueEmail('rel');
    const token = unique('tok');
    await register(token, email);
    const profileId = await profileIdOf(email);
    const tokenId = (await tokensOf(profileId))[0].id;

    const profile = await profiles.getProfileForPushToken(tokenId, { additionalFieldsProfile: ['subscriptions'] });
    assert.equal(profile.body.data.id, profileId);
    assert.equal(profile.body.data.attributes.email, email);
    assert.ok(profile.response.data.data.attributes.subscriptions);
    const relation = await profiles.getProfileIdForPushToken(tokenId);
    assert.deepEqual(relation.response.data.data, { type: 'profile', id: profileId });

    const ids = await profiles.getPushTokenIdsForProfile(profileId);
    assert.deepEqual(ids.response.data.data, [{ type: 'push-token', id: tokenId }]);
    const withTokens = await profiles.getProfile(profileId, { include: ['push-tokens'] });
    assert.deepEqual(withTokens.response.data.data.relationships['push-tokens'].data, [{ type: 'push-token', id: tokenId }]);
    assert.equal(withTokens.response.data.included[0].attributes.token, token);
    const listed = await profiles.getProfiles({ filter: `equals(email,"${email}")`, include: ['push-tokens'] });
    assert.equal(listed.response.data.included[0].id, tokenId);
  });

  test('delete_push_token, unknown ids and bad registrations', async () => {
    const email = uniqueEmail('del');
    const token = unique('tok');
    await register(token, email);
    const tokenId = (await profiles.getPushToken(token)).response.data.data.id;
    const { response } = await profiles.deletePushToken(tokenId);
    assert.equal(response.status, 204);
    await notFound(profiles.getPushToken(tokenId));
    await notFound(profiles.deletePushToken(tokenId));
    await notFound(profiles.getProfileForPushToken(UNKNOWN));
    await notFound(profiles.getProfileIdForPushToken(UNKNOWN));
    await notFound(profiles.getPushTokensForProfile(UNKNOWN));
    await notFound(profiles.getPushTokenIdsForProfile(UNKNOWN));

    const badPlatform = await sdkError(profiles.createPushToken({
      data: { type: 'push-token', attributes: { token, platform: 'web', vendor: 'apns', profile: { data: { type: 'profile', attributes: { email } } } } },
    }), 400);
    assert.equal(badPlatform.errors[0].source.pointer, '/data/attributes/platform');
    const badStatus = await sdkError(profiles.createPushToken({
      data: { type: 'push-token', attributes: { token, platform: 'ios', vendor: 'apns', enablementStatus: 'ON', profile: { data: { type: 'profile', attributes: { email } } } } },
    }), 400);
    assert.equal(badStatus.errors[0].source.pointer, '/data/attributes/enablement_status');
    await notFound(profiles.getPushToken(token));
  });
});

describe('the push tokens of subscribe and unsubscribe jobs', () => {
  test('subscribe registers them with the push consent; unsubscribe removes them', async () => {
    const email = uniqueEmail('consent');
    const [kept, dropped] = [unique('kept'), unique('dropped')];
    const entry = (token) => ({ token, platform: 'android', vendor: 'fcm', enablementStatus: 'AUTHORIZED' });
    const jobBody = (type, consent, tokens) => ({
      data: {
        type,
        attributes: {
          profiles: { data: [{ type: 'profile', attributes: { email, subscriptions: { push: { marketing: { consent }, tokens } } } }] },
        },
      },
    });
    const sub = await profiles.bulkSubscribeProfiles(jobBody('profile-subscription-bulk-create-job', 'SUBSCRIBED', [entry(kept), entry(dropped)]));
    assert.equal(sub.response.status, 202);
    const profileId = await eventually('the profile', async () => {
      const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
      return response.data.data[0]?.id;
    }, (id) => Boolean(id));
    await eventually('both tokens registered', () => tokensOf(profileId), (tokens) => tokens.length === 2);
    const unsub = await profiles.bulkUnsubscribeProfiles(jobBody('profile-subscription-bulk-delete-job', 'UNSUBSCRIBED', [entry(dropped)]));
    assert.equal(unsub.response.status, 202);
    const left = await eventually('one token left', () => tokensOf(profileId), (tokens) => tokens.length === 1);
    assert.equal(left[0].attributes.token, kept);
  });
});

describe('the /client push-token operations (plain HTTP: the SDK has no client push-token methods)', { skip: !PUBLIC_KEY && 'OPENPROFILE_COMPANY_ID not set' }, () => {
  const post = (path, type, attributes) => fetch(`${BASE_URL}${path}?company_id=${PUBLIC_KEY}`, {
    method: 'POST',
    headers: { revision: '2026-07-15', 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' },
    body: JSON.stringify({ data: { type, attributes } }),
  });

  test('create_client_push_token registers, unregister_client_push_token takes it back; both 202 without a body', async () => {
    const email = uniqueEmail('client');
    const token = unique('client');
    const profile = { data: { type: 'profile', attributes: { email } } };
    const created = await post('/client/push-tokens', 'push-token', { token, platform: 'ios', vendor: 'apns', device_metadata: METADATA_WIRE, profile });
    assert.equal(created.status, 202);
    assert.equal(await created.text(), '');
    const stored = (await profiles.getPushToken(token)).response.data.data;
    assert.deepEqual(stored.attributes.metadata, METADATA_WIRE);
    assert.equal(stored.relationships.profile.data.id, await profileIdOf(email));
    const gone = await post('/client/push-token-unregister', 'push-token-unregister', { token, platform: 'ios', vendor: 'apns', profile });
    assert.equal(gone.status, 202);
    await notFound(profiles.getPushToken(token));
  });
});
