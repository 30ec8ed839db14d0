// Injected faults (POST /admin/faults) met by Klaviyo's official Node SDK: its retry logic (429, 503 and
// 504, with backoff and Retry-After, three attempts) meets our answers and succeeds once a counted fault is
// spent; a fault it does not retry (500) surfaces as the SDK's error. The faults strike an account of their
// own (OPENPROFILE_FAULTS_API_KEY, account compat-faults), so other files' requests running meanwhile are
// untouched; skipped without it or without OPENPROFILE_ADMIN_KEY. CompatSuiteTest sets both.

import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { ADMIN_KEY, admin, sdk } from '../support/sdk.js';

const FAULTS_KEY = process.env.OPENPROFILE_FAULTS_API_KEY ?? '';
const skip = (!ADMIN_KEY && 'no OPENPROFILE_ADMIN_KEY') || (!FAULTS_KEY && 'no OPENPROFILE_FAULTS_API_KEY');
const ACCOUNT = 'compat-faults';

afterEach(async () => {
  if (!skip) await admin('DELETE', '/admin/faults');
});

/** The account's journal for one operation, newest first. */
async function journal(operation, limit = 50) {
  const { data } = await admin('GET', `/admin/requests?account=${ACCOUNT}&limit=${limit}`);
  return data.filter((entry) => entry.operation === operation);
}

for (const status of [429, 503]) {
  test(`a ${status} with count 2 is retried by the SDK, which then succeeds`, { skip }, async () => {
    const lists = sdk(klaviyo.ListsApi, FAULTS_KEY);
    await admin('POST', '/admin/faults', { account: ACCOUNT, operation: 'get_lists', status, count: 2 }, 201);
    const { response } = await lists.getLists();
    assert.equal(response.status, 200);
    assert.deepEqual((await admin('GET', '/admin/faults')).data, [], 'the fault is spent');
    const calls = (await journal('get_lists')).slice(0, 3);
    assert.deepEqual(calls.map((c) => c.status), [200, status, status]);
  });
}

test('a 504 is retried too, and a fault beyond the SDK\'s three attempts surfaces', { skip }, async () => {
  const profiles = sdk(klaviyo.ProfilesApi, FAULTS_KEY);
  await admin('POST', '/admin/faults', { account: ACCOUNT, operation: 'get_profiles', status: 504, count: 1 }, 201);
  assert.equal((await profiles.getProfiles()).response.status, 200);
  await admin('POST', '/admin/faults', { account: ACCOUNT, operation: 'get_profiles', status: 503 }, 201);
  await assert.rejects(profiles.getProfiles(), (error) => {
    assert.equal(error.response?.status, 503);
    assert.equal(error.response.headers['retry-after'], '1');
    assert.equal(error.response.data.errors[0].code, 'service_unavailable');
    return true;
  });
});

test('a permanent 500 surfaces as the SDK\'s error, unretried, with Klaviyo\'s error document', { skip }, async () => {
  const profiles = sdk(klaviyo.ProfilesApi, FAULTS_KEY);
  await admin('POST', '/admin/faults', { account: ACCOUNT, operation: 'get_profiles', status: 500 }, 201);
  const before = (await journal('get_profiles')).length;
  await assert.rejects(profiles.getProfiles(), (error) => {
    assert.equal(error.response?.status, 500);
    const [e] = error.response.data.errors;
    assert.equal(e.code, 'error');
    assert.equal(e.title, 'A server error occurred.');
    assert.ok(e.id);
    return true;
  });
  assert.equal((await journal('get_profiles')).length, before + 1, 'sent once: the SDK does not retry a 500');
});

test('a throttled answer carries Klaviyo\'s body, which the SDK sees once its retries are spent', { skip }, async () => {
  const lists = sdk(klaviyo.ListsApi, FAULTS_KEY);
  await admin('POST', '/admin/faults', { account: ACCOUNT, operation: 'get_lists', status: 429 }, 201);
  await assert.rejects(lists.getLists(), (error) => {
    assert.equal(error.response?.status, 429);
    assert.equal(error.response.headers['retry-after'], '1');
    const [e] = error.response.data.errors;
    assert.equal(e.code, 'throttled');
    assert.equal(e.detail, 'Request was throttled. Expected available in 1 second.');
    assert.deepEqual(e.source, { pointer: '/data' });
    return true;
  });
});

test('latency alone delays the answer and changes nothing else', { skip }, async () => {
  const lists = sdk(klaviyo.ListsApi, FAULTS_KEY);
  await admin('POST', '/admin/faults', { account: ACCOUNT, operation: 'get_lists', latency_ms: 300, count: 1 }, 201);
  const began = Date.now();
  assert.equal((await lists.getLists()).response.status, 200);
  assert.ok(Date.now() - began >= 300, 'delayed');
});
