// Klaviyo's rate limits met by the official Node SDK: a second server with Klaviyo's numbers
// (OPENPROFILE_RATE_LIMITED_URL; the main one runs with limits off so the other files can loop freely).
// get_accounts allows 1 request a second (burst) and 15 a minute (steady) per account.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { API_KEY, sdkError, sleep, withReadableErrors } from '../support/sdk.js';

const LIMITED_URL = (process.env.OPENPROFILE_RATE_LIMITED_URL ?? '').replace(/\/+$/, '');
const skip = LIMITED_URL ? false : 'OPENPROFILE_RATE_LIMITED_URL not set (a server with OPENPROFILE_RATE_LIMITS=klaviyo)';

function accountsApi(retry) {
  const api = new klaviyo.AccountsApi(new klaviyo.ApiKeySession(API_KEY, retry));
  api.basePath = LIMITED_URL;
  return withReadableErrors(api);
}

/** Waits for the start of a burst second, so that two calls land in one window. */
async function startOfSecond() {
  await sleep(1000 - (Date.now() % 1000) + 20);
}

/** A raw GET /api/accounts, as any HTTP client sees it. */
const rawAccounts = () => fetch(`${LIMITED_URL}/api/accounts`, {
  headers: { Authorization: `Klaviyo-API-Key ${API_KEY}`, revision: '2026-07-15', Accept: 'application/vnd.api+json' },
});

test('an answer carries the steady window in RateLimit-* headers', { skip }, async () => {
  await sleep(1100); // a fresh burst second
  const { response } = await accountsApi().getAccounts();
  assert.equal(response.status, 200);
  assert.equal(response.headers['ratelimit-limit'], '15');
  const remaining = Number(response.headers['ratelimit-remaining']);
  assert.ok(remaining >= 0 && remaining < 15, `remaining ${remaining}`);
  const reset = Number(response.headers['ratelimit-reset']);
  assert.ok(reset >= 1 && reset <= 60, `reset ${reset}`);
});

test('the SDK meets a 429 with Retry-After and the throttled error when it does not retry', { skip }, async () => {
  const noRetry = accountsApi(new klaviyo.RetryWithExponentialBackoff({ numRetries: 1 }));
  await startOfSecond();
  await noRetry.getAccounts();
  const error = await noRetry.getAccounts().catch((e) => e);
  assert.equal(error.response?.status, 429, `expected a 429, got ${error}`);
  assert.equal(error.response.headers['retry-after'], '1');
  assert.equal(error.response.headers['ratelimit-limit'], undefined);
  const doc = await sdkError(Promise.reject(error), 429);
  assert.equal(doc.errors[0].code, 'throttled');
  assert.equal(doc.errors[0].title, 'Request was throttled.');
  assert.equal(doc.errors[0].detail, 'Request was throttled. Expected available in 1 second.');
});

test('the SDK retries a 429 after Retry-After and succeeds', { skip }, async () => {
  const api = accountsApi(); // the SDK's default: retries 429 with backoff, waiting out Retry-After
  await startOfSecond();
  const first = await api.getAccounts();
  assert.equal(first.response.status, 200);
  // Seen raw, the next call in this second is throttled...
  const raw = await rawAccounts();
  assert.equal(raw.status, 429, await raw.text());
  // ...and the SDK's own call waits for the next window instead of failing.
  const started = Date.now();
  const second = await api.getAccounts();
  assert.equal(second.response.status, 200);
  assert.equal(second.response.data.data.length, 1);
  assert.ok(Date.now() - started >= 100, 'the SDK waited for the next burst window');
});
