// What every compat test file shares: where the server is, SDK clients pointed at it, readable SDK
// errors, unique names, creating profiles and lists, polling asynchronous work. Kept outside test/
// so that `node --test` does not run it as a test file.

import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import

export const BASE_URL = (process.env.OPENPROFILE_URL ?? '').replace(/\/+$/, '');
export const API_KEY = process.env.OPENPROFILE_API_KEY ?? '';
if (!BASE_URL || !API_KEY) {
  throw new Error('Set OPENPROFILE_URL (e.g. http://localhost:18080) and OPENPROFILE_API_KEY to run the compat suite');
}
/**
 * Optional: a key of another account whose operator set `unsubscribe_scope` to `list` (an OpenProfile
 * account setting, like Klaviyo's paid-account one). The tests of list-only unsubscribes need it and
 * are skipped without it.
 */
export const LIST_SCOPE_API_KEY = process.env.OPENPROFILE_LIST_SCOPE_API_KEY ?? '';
/**
 * Optional: the server's admin key (OPENPROFILE_ADMIN_KEY), for tests that need the operator to do what a
 * hosted account's outside world does (a profile texting in); they are skipped without it.
 */
export const ADMIN_KEY = process.env.OPENPROFILE_ADMIN_KEY ?? '';

/** A call to the server's admin API (plain JSON); returns the parsed answer and asserts its status. */
export async function admin(method, path, body, status = 200) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(response.status, status, text);
  return text ? JSON.parse(text) : null;
}

/**
 * Optional: the default account's public key (company id), for the /client tests (test/client.test.js,
 * test/push-tokens.test.js); they are skipped without it. CompatSuiteTest sets it and ADMIN_KEY.
 */
export const COMPANY_ID = process.env.OPENPROFILE_COMPANY_ID ?? '';

export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

/** An SDK client pointed at the server through the per-API `basePath` setter the SDK exposes. */
export function sdk(Api, key = API_KEY) {
  const api = new Api(new klaviyo.ApiKeySession(key));
  api.basePath = BASE_URL;
  return withReadableErrors(api);
}

/**
 * The SDK rejects with a bare AxiosError ("Request failed with status code 400"). Put the request
 * and the server's error document into the message so an unexpected failure explains itself.
 */
export function withReadableErrors(api) {
  return new Proxy(api, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      return (...args) =>
        value.apply(target, args).catch((e) => {
          if (e?.response) {
            e.message += ` (${e.config.method.toUpperCase()} ${e.request?.path ?? e.config.url}): ${JSON.stringify(e.response.data)}`;
            e.stack = `${e.name}: ${e.message}\n${e.stack.split('\n').slice(1).join('\n')}`; // reporters print the stack
          }
          throw e;
        });
    },
  });
}

export const unique = (tag) => `${tag}-${randomUUID().slice(0, 12)}`;
export const uniqueEmail = (tag) => `${unique(tag)}@compat.example.com`;
/** A valid, random US number (San Francisco area code, exchange 3xx): E.164 as the server stores it. */
export const uniquePhone = () => `+14153${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A filter literal for a list of strings: `["a","b"]`. */
export const quoted = (values) => `[${values.map((v) => `"${v}"`).join(',')}]`;
/** page[cursor] taken out of a links.next URL, as a client would do by hand. */
export const cursorOf = (nextUrl) => new URL(nextUrl).searchParams.get('page[cursor]');
/** The two ways a caller hands a links.next back to the SDK (see compat/README.md). */
export const CURSOR_MODES = [
  ['raw cursor token', (next) => cursorOf(next)],
  ['whole links.next URL', (next) => next],
];

/**
 * Awaits a call that must fail and returns the Klaviyo error document. The SDK surfaces HTTP errors
 * as the raw AxiosError, with `response.status` and the body in `response.data`.
 */
export async function sdkError(promise, status) {
  const error = await promise.then(
    (ok) => assert.fail(`expected HTTP ${status}, got ${ok.response.status}: ${JSON.stringify(ok.response.data)}`),
    (e) => e,
  );
  assert.ok(error.isAxiosError, `expected an AxiosError, got ${error}`);
  assert.equal(error.response.status, status, JSON.stringify(error.response.data));
  const doc = error.response.data;
  assert.ok(Array.isArray(doc.errors) && doc.errors.length > 0, JSON.stringify(doc));
  for (const e of doc.errors) {
    for (const key of ['id', 'code', 'title', 'detail']) {
      assert.equal(typeof e[key], 'string', `errors[].${key} in ${JSON.stringify(e)}`);
    }
  }
  return doc;
}

/** Awaits a call that must answer Klaviyo's 404. */
export async function notFound(promise) {
  const doc = await sdkError(promise, 404);
  assert.equal(doc.errors[0].code, 'not_found');
  assert.equal(doc.errors[0].status, 404);
  return doc;
}

/** Creates a profile through the SDK and returns its raw JSON resource object. */
export async function createProfile(attributes) {
  const { response } = await sdk(klaviyo.ProfilesApi).createProfile({ data: { type: 'profile', attributes } });
  assert.equal(response.status, 201);
  return response.data.data;
}

/**
 * Creates a list (a unique name unless `attributes` gives one) in the account of `key` and returns its
 * raw JSON resource object.
 */
export async function createList(attributes = {}, key = API_KEY) {
  const { response } = await sdk(klaviyo.ListsApi, key).createList({ data: { type: 'list', attributes: { name: unique('list'), ...attributes } } });
  assert.equal(response.status, 201);
  return response.data.data;
}

/**
 * Creates a catalog item and one variant of it with this external id (a unique one unless given) through the
 * SDK's CatalogsApi and returns the variant's id: a back-in-stock subscription names a variant the catalog holds.
 */
export async function createCatalogVariant(externalId = unique('variant')) {
  const catalogs = sdk(klaviyo.CatalogsApi);
  const item = await catalogs.createCatalogItem({ data: { type: 'catalog-item', attributes: {
    externalId: `${externalId}-item`, title: 'T', description: 'D', url: 'https://shop.example/i',
  } } });
  assert.equal(item.response.status, 201);
  const variant = await catalogs.createCatalogVariant({ data: {
    type: 'catalog-variant',
    attributes: { externalId, title: 'V', description: 'D', sku: 'S', inventoryQuantity: 0, price: 10, url: 'https://shop.example/v' },
    relationships: { item: { data: { type: 'catalog-item', id: item.response.data.data.id } } },
  } });
  assert.equal(variant.response.status, 201);
  return variant.response.data.data.id;
}

export const JOB_TIMEOUT_MS = 30_000; // generous: the server may share the machine with other work
const POLL_MS = 200;

/** Calls `read` until `done(value)` holds (bounded by JOB_TIMEOUT_MS) and returns that value. */
export async function eventually(what, read, done) {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  for (;;) {
    const value = await read();
    if (value !== undefined && done(value)) return value;
    assert.ok(Date.now() < deadline, `${what} not seen after ${JOB_TIMEOUT_MS} ms; last: ${JSON.stringify(value)}`);
    await sleep(POLL_MS);
  }
}

/**
 * Polls a job through `get(jobId)` (an SDK call) until its status is `complete`, checking on the way
 * that it only ever moves forward through queued → processing → complete. Returns the raw resource.
 */
export async function waitForJobCompletion(get, jobId) {
  const order = ['queued', 'processing', 'complete'];
  let last = -1;
  return eventually(`job ${jobId} complete`, async () => {
    const { response } = await get(jobId);
    assert.equal(response.status, 200);
    const job = response.data.data;
    const at = order.indexOf(job.attributes.status);
    assert.ok(at >= 0, `unexpected status while waiting: ${JSON.stringify(job.attributes)}`);
    assert.ok(at >= last, `status went backwards to ${job.attributes.status}`);
    last = at;
    return job;
  }, (job) => job.attributes.status === 'complete');
}
