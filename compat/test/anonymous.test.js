// Anonymous visitors (issue 21) through Klaviyo's official Node SDK (klaviyo-api 23.0.0): an event whose profile
// carries only `anonymousId` (what a CDP's Klaviyo destination sends for a visitor who has not logged in) is stored
// on the visitor's profile; the visitor's identification names that profile, or merges it into the profile that
// already holds the email. The anonymous id is never in a response.
//
// Every name is unique (the suite shares one server and runs files in parallel); create_event answers 202 once the
// event is stored, so a read right after it sees it. Each event has its own unique_id (two events of one profile and
// metric in one second are otherwise one).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { createProfile, eventually, notFound, sdk, unique, uniqueEmail } from '../support/sdk.js';

const { EventsApi, ProfilesApi } = klaviyo;
const events = sdk(EventsApi);
const profiles = sdk(ProfilesApi);

/** create_event for a profile given by its attributes (camelCase, as the SDK's model names them). */
async function track(metric, profile, step) {
  const { response } = await events.createEvent({
    data: {
      type: 'event',
      attributes: {
        uniqueId: unique('event'),
        properties: { step },
        metric: { data: { type: 'metric', attributes: { name: metric } } },
        profile: { data: { type: 'profile', attributes: profile } },
      },
    },
  });
  assert.equal(response.status, 202, JSON.stringify(response.data));
}

async function profileOf(email) {
  const { response } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
  assert.equal(response.status, 200);
  assert.equal(response.data.data.length, 1, `one profile has ${email}`);
  return response.data.data[0];
}

/** The steps of a profile's events, sorted. */
async function stepsOf(profileId) {
  const { response } = await events.getEvents({ filter: `equals(profile_id,"${profileId}")`, pageSize: 100 });
  assert.equal(response.status, 200);
  return response.data.data.map((e) => e.attributes.event_properties.step).sort((a, b) => a - b);
}

/** The profile an event with this metric name happened to in the last minute (the metric is unique to the test). */
async function profileOfMetric(metric) {
  const since = new Date(Date.now() - 60_000).toISOString();
  const { response } = await events.getEvents({
    filter: `greater-or-equal(datetime,${since})`, include: ['metric'], sort: '-datetime', pageSize: 200,
  });
  const found = response.data.data.find((e) => response.data.included.some(
    (m) => m.id === e.relationships.metric.data.id && m.attributes.name === metric));
  assert.ok(found, `an event of ${metric}`);
  return found.relationships.profile.data.id;
}

describe('anonymous visitors', () => {
  test('an anonymous visitor\'s events make a profile that the visitor\'s identification then names', async () => {
    const visitor = unique('visitor');
    const email = uniqueEmail('anon');
    const metric = unique('Viewed Page');
    await track(metric, { anonymousId: visitor, firstName: 'Anon' }, 1);
    await track(metric, { anonymousId: visitor }, 2);
    const anonymous = await profileOfMetric(metric);
    const { response: read } = await profiles.getProfile(anonymous);
    assert.equal(read.status, 200);
    assert.equal(read.data.data.attributes.email, null);
    assert.equal(read.data.data.attributes.first_name, 'Anon');
    assert.ok(!JSON.stringify(read.data).includes(visitor), 'the anonymous id is never in a body');

    await track(metric, { anonymousId: visitor, email }, 3);
    const identified = await profileOf(email);
    assert.equal(identified.id, anonymous);
    assert.deepEqual(await stepsOf(identified.id), [1, 2, 3]);
  });

  test('identification by an email another profile holds merges the visitor\'s profile into it', async () => {
    const visitor = unique('visitor');
    const email = uniqueEmail('known');
    const metric = unique('Added to Cart');
    const known = await createProfile({ email, firstName: 'Known' });
    await track(metric, { anonymousId: visitor, title: 'Visitor' }, 1);
    const anonymous = await profileOfMetric(metric);
    assert.notEqual(anonymous, known.id);

    await track(metric, { anonymousId: visitor, email }, 2);
    assert.deepEqual(await stepsOf(known.id), [1, 2]);
    await notFound(profiles.getProfile(anonymous));
    const { response } = await profiles.getProfile(known.id);
    assert.equal(response.data.data.attributes.first_name, 'Known');
    assert.equal(response.data.data.attributes.title, 'Visitor');
    // The visitor's later anonymous events land on the merged profile.
    await track(metric, { anonymousId: visitor }, 3);
    await eventually('three events', () => stepsOf(known.id), (s) => s.length === 3);
    assert.deepEqual(await stepsOf(known.id), [1, 2, 3]);
  });
});
