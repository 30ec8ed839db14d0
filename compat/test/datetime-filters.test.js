// Datetimes without an offset in filters (issue 21), as Klaviyo's own example scripts send them, through Klaviyo's
// official Node SDK (klaviyo-api 23.0.0), unchanged except for the base URL: `greater-or-equal(datetime,...)` on
// get_events and `less-or-equal(subscriptions.email.marketing.suppression.timestamp,...)` on get_profiles. A datetime
// without an offset is UTC (Klaviyo's Datetimes guide); the other forms of that guide select the same rows.
//
// Each test keeps to its own profiles (unique emails) and scopes its reads to them, so the file runs beside the others.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { eventually, quoted, sdk, sdkError, unique, uniqueEmail, waitForJobCompletion } from '../support/sdk.js';

const { EventsApi, ProfilesApi } = klaviyo;

const events = sdk(EventsApi);
const profiles = sdk(ProfilesApi);

/** The datetimes (as the API writes them) of the events `filter` selects, sorted. */
async function eventDatetimes(filter) {
  const { response } = await events.getEvents({ filter, sort: 'datetime' });
  assert.equal(response.status, 200, JSON.stringify(response.data));
  return response.data.data.map((e) => e.attributes.datetime);
}

/** The emails of the profiles `filter` selects, sorted. */
async function emails(filter) {
  const { response } = await profiles.getProfiles({ filter, pageSize: 100 });
  assert.equal(response.status, 200, JSON.stringify(response.data));
  return response.data.data.map((p) => p.attributes.email).sort();
}

/** `date` in Klaviyo's offset-less form: `2024-11-01T00:00:00`, which means UTC. */
const withoutOffset = (date) => date.toISOString().slice(0, 19);

describe('datetime filters without an offset', () => {
  test('greater-or-equal(datetime,2024-11-01T00:00:00) on get_events, as in Klaviyo\'s example scripts', async () => {
    const email = uniqueEmail('dt-events');
    const metric = unique('Datetime Filters');
    const times = ['2024-10-31T23:59:59Z', '2024-11-01T00:00:00Z', '2024-11-01T08:00:00+05:00', '2024-11-02T10:30:00Z'];
    for (const time of times) {
      const { response } = await events.createEvent({ data: { type: 'event', attributes: {
        properties: {}, time,
        metric: { data: { type: 'metric', attributes: { name: metric } } },
        profile: { data: { type: 'profile', attributes: { email } } },
      } } });
      assert.equal(response.status, 202, JSON.stringify(response.data));
    }
    const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
    const profileId = response.data.data[0].id;
    const mine = `equals(profile_id,"${profileId}")`;
    await eventually('four events', () => eventDatetimes(mine), (list) => list.length === 4);

    const expected = ['2024-11-01T00:00:00+00:00', '2024-11-01T03:00:00+00:00', '2024-11-02T10:30:00+00:00'];
    assert.deepEqual(await eventDatetimes(`${mine},greater-or-equal(datetime,2024-11-01T00:00:00)`), expected);
    // The same instant in Klaviyo's other forms, quoted or not, selects the same events.
    for (const value of ['2024-11-01', '2024-11-01T00:00:00Z', '2024-11-01 00:00:00', '"2024-11-01T00:00:00"',
      '2024-11-01T00:00:00.000', '2024-10-31T19:00:00-05:00', "'2024-11-01T05:30:00+05:30'"]) {
      assert.deepEqual(await eventDatetimes(`${mine},greater-or-equal(datetime,${value})`), expected, value);
    }
    assert.deepEqual(await eventDatetimes(`${mine},less-than(datetime,2024-11-01T00:00:00)`), ['2024-10-31T23:59:59+00:00']);
  });

  test('less-or-equal(subscriptions.email.marketing.suppression.timestamp,...) on get_profiles', async () => {
    const suppressed = uniqueEmail('dt-suppressed');
    const kept = uniqueEmail('dt-kept');
    for (const email of [suppressed, kept]) {
      const { response } = await profiles.createProfile({ data: { type: 'profile', attributes: { email } } });
      assert.equal(response.status, 201);
    }
    const { response } = await profiles.bulkSuppressProfiles({ data: { type: 'profile-suppression-bulk-create-job', attributes: {
      profiles: { data: [{ type: 'profile', attributes: { email: suppressed } }] },
    } } });
    assert.equal(response.status, 202, JSON.stringify(response.data));
    await waitForJobCompletion((id) => profiles.getBulkSuppressProfilesJob(id), response.data.data.id);

    const field = 'subscriptions.email.marketing.suppression.timestamp';
    const mine = `any(email,${quoted([suppressed, kept])})`;
    // Klaviyo's example: suppressed on or before 2024-01-01 (UTC). This one was suppressed just now.
    assert.deepEqual(await emails(`${mine},less-or-equal(${field},2024-01-01T00:00:00)`), []);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const yesterday = new Date(Date.now() - 86_400_000);
    assert.deepEqual(await emails(`${mine},less-or-equal(${field},${withoutOffset(tomorrow)})`), [suppressed]);
    assert.deepEqual(await emails(`${mine},greater-or-equal(${field},${withoutOffset(yesterday)})`), [suppressed]);
    assert.deepEqual(await emails(`${mine},greater-than(${field},"${withoutOffset(tomorrow).replace('T', ' ')}")`), []);
  });

  test('a malformed datetime is a 400 on the filter parameter', async () => {
    const doc = await sdkError(events.getEvents({ filter: 'greater-or-equal(datetime,2024-11-01T25:00:00)' }), 400);
    const [detail] = doc.errors;
    assert.equal(detail.code, 'invalid');
    assert.equal(detail.source.parameter, 'filter');
    assert.match(detail.detail, /2024-11-01T25:00:00/);
  });
});
