// merge_profiles (ProfilesApi.mergeProfiles) and request_profile_deletion (DataPrivacyApi.requestProfileDeletion)
// through the official SDK: both answer at once and queue a job, so the effects are awaited by polling reads.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { BASE_URL, createList, createProfile, eventually, notFound, sdk, sdkError, uniqueEmail, uniquePhone } from '../support/sdk.js';

const { ProfilesApi, ListsApi, DataPrivacyApi } = klaviyo;
const profiles = sdk(ProfilesApi);
const lists = sdk(ListsApi);
const privacy = sdk(DataPrivacyApi);

const mergeQuery = (destination, ...sources) => ({
  data: { type: 'profile-merge', id: destination, relationships: { profiles: { data: sources.map((id) => ({ type: 'profile', id })) } } },
});
const deletionQuery = (profile) => ({ data: { type: 'data-privacy-deletion-job', attributes: { profile: { data: { type: 'profile', ...profile } } } } });

/** Resolves once a read of the profile answers 404 (its merge or deletion job has run). */
const gone = (id) => eventually(`profile ${id} gone`, () => profiles.getProfile(id).then(() => false, (e) => e.response?.status === 404), (x) => x);

describe('merge_profiles', () => {
  test('answers 201 with the destination, then the source is merged into it and gone', async () => {
    const destination = await createProfile({ email: uniqueEmail('merge-dest'), firstName: 'Dest', properties: { plan: 'gold' } });
    const phone = uniquePhone();
    const source = await createProfile({ email: uniqueEmail('merge-src'), phoneNumber: phone, firstName: 'Src', lastName: 'Source',
      properties: { plan: 'silver', color: 'blue' } });
    const list = await createList();
    await lists.addProfilesToList(list.id, { data: [{ type: 'profile', id: source.id }] });

    const { response, body } = await profiles.mergeProfiles(mergeQuery(destination.id, source.id));
    assert.equal(response.status, 201);
    assert.equal(body.data.type, 'profile');
    assert.equal(body.data.id, destination.id);
    assert.equal(response.data.data.links.self, `${BASE_URL}/api/profiles/${destination.id}/`);

    await gone(source.id);
    const merged = (await profiles.getProfile(destination.id)).response.data.data.attributes;
    assert.equal(merged.first_name, 'Dest');
    assert.equal(merged.last_name, 'Source');
    assert.equal(merged.phone_number, phone);
    assert.deepEqual(merged.properties, { plan: 'gold', color: 'blue' });
    const members = (await lists.getProfileIdsForList(list.id)).body.data.map((r) => r.id);
    assert.deepEqual(members, [destination.id]);
  });

  test('takes the id-only sparse fieldset the spec offers', async () => {
    const destination = await createProfile({ email: uniqueEmail('merge-fields-dest') });
    const source = await createProfile({ email: uniqueEmail('merge-fields-src') });
    const { response } = await profiles.mergeProfiles(mergeQuery(destination.id, source.id), { fieldsProfile: ['id'] });
    assert.equal(response.status, 201);
    assert.equal(response.data.data.id, destination.id);
    await gone(source.id);
  });

  test('refuses a merge into itself, several sources and unknown profiles, with pointers', async () => {
    const a = await createProfile({ email: uniqueEmail('merge-err-a') });
    const b = await createProfile({ email: uniqueEmail('merge-err-b') });
    let doc = await sdkError(profiles.mergeProfiles(mergeQuery(a.id, a.id)), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/relationships/profiles/data/0/id');
    doc = await sdkError(profiles.mergeProfiles(mergeQuery(a.id, b.id, b.id)), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/relationships/profiles/data/1');
    doc = await notFound(profiles.mergeProfiles(mergeQuery('01NOSUCHPROFILE0000000000', b.id)));
    assert.equal(doc.errors[0].source.pointer, '/data/id');
    doc = await notFound(profiles.mergeProfiles(mergeQuery(a.id, '01NOSUCHPROFILE0000000000')));
    assert.equal(doc.errors[0].source.pointer, '/data/relationships/profiles/data/0/id');
    assert.equal((await profiles.getProfile(b.id)).response.status, 200);
  });
});

describe('request_profile_deletion', () => {
  test('deletes the profile an email, a phone number or an id names: 202 without a body', async () => {
    const byEmail = await createProfile({ email: uniqueEmail('forget-email') });
    const phone = uniquePhone();
    const byPhone = await createProfile({ email: uniqueEmail('forget-phone'), phoneNumber: phone });
    const byId = await createProfile({ email: uniqueEmail('forget-id') });
    for (const profile of [
      { attributes: { email: byEmail.attributes.email } },
      { attributes: { phoneNumber: phone } },
      { id: byId.id }, // no attributes: the form integrations written for older revisions send (issue 21)
    ]) {
      const { response } = await privacy.requestProfileDeletion(deletionQuery(profile));
      assert.equal(response.status, 202);
      assert.equal(response.data, '');
      if (profile.id) assert.equal(JSON.parse(response.config.data).data.attributes.profile.data.attributes, undefined);
    }
    await Promise.all([byEmail, byPhone, byId].map((p) => gone(p.id)));
    await notFound(profiles.getProfile(byPhone.id));
  });

  test('accepts an identifier that names no profile', async () => {
    const { response } = await privacy.requestProfileDeletion(deletionQuery({ attributes: { email: uniqueEmail('never-seen') } }));
    assert.equal(response.status, 202);
  });

  test('refuses several identifiers, and none, with pointers', async () => {
    let doc = await sdkError(privacy.requestProfileDeletion(deletionQuery({ attributes: { email: uniqueEmail('two'), phoneNumber: uniquePhone() } })), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/profile/data/attributes/phone_number');
    doc = await sdkError(privacy.requestProfileDeletion(deletionQuery({ attributes: {} })), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/profile/data/attributes');
  });
});
