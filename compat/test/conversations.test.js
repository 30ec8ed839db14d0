// A profile's conversations and create_conversation_message through Klaviyo's official Node SDK. A
// conversation opens when the profile writes in, which the operator records through the admin API
// (OPENPROFILE_ADMIN_KEY; those tests are skipped without it). SDK request bodies take the SDK's
// camelCase attribute names (phoneNumber); the SDK writes them as the wire's snake_case.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { ADMIN_KEY, admin, sdk, sdkError, uniqueEmail, uniquePhone } from '../support/sdk.js';

const profiles = sdk(klaviyo.ProfilesApi);
const conversations = sdk(klaviyo.ConversationsApi);

async function createProfile() {
  const { response } = await profiles.createProfile({
    data: { type: 'profile', attributes: { email: uniqueEmail('talker'), phoneNumber: uniquePhone() } },
  });
  return response.data.data.id;
}

const message = (conversationId, body) => ({
  data: {
    type: 'conversation-message',
    attributes: { body },
    relationships: { conversation: { data: { type: 'conversation', id: conversationId } } },
  },
});

test('a profile that never wrote has no conversation', async () => {
  const id = await createProfile();
  assert.deepEqual((await profiles.getConversationsForProfile(id)).response.data.data, []);
  assert.deepEqual((await profiles.getConversationIdsForProfile(id)).response.data.data, []);
  assert.equal((await profiles.getConversationForProfile(id)).response.data.data, null);
  assert.equal((await profiles.getConversationIdForProfile(id)).response.data.data, null);
});

test('a conversation the profile opened is readable, and a reply is accepted', { skip: !ADMIN_KEY && 'no OPENPROFILE_ADMIN_KEY' }, async () => {
  const id = await createProfile();
  const opened = await admin('POST', '/admin/conversations/messages', { profile_id: id, channel: 'sms', body: 'Hi!' }, 201);
  const all = (await profiles.getConversationsForProfile(id, { fieldsConversation: ['channel'] })).response.data.data;
  assert.equal(all.length, 1);
  assert.equal(all[0].id, opened.conversation_id);
  assert.equal(all[0].attributes.channel, 'sms');
  assert.equal((await profiles.getConversationForProfile(id)).response.data.data.id, opened.conversation_id);
  assert.deepEqual((await profiles.getConversationIdForProfile(id)).response.data.data,
    { type: 'conversation', id: opened.conversation_id });
  const included = await profiles.getProfile(id, { include: ['conversations'] });
  assert.deepEqual(included.response.data.included.map((c) => c.id), [opened.conversation_id]);

  const sent = await conversations.createConversationMessage(message(opened.conversation_id, 'Hello back'));
  assert.equal(sent.response.status, 202);
  const log = await admin('GET', `/admin/conversations/${opened.conversation_id}/messages`);
  assert.deepEqual(log.messages.map((m) => [m.direction, m.body]), [['inbound', 'Hi!'], ['outbound', 'Hello back']]);
});

test('a message to an unknown conversation is a 404 pointing at it', async () => {
  const doc = await sdkError(conversations.createConversationMessage(message('01NOSUCHCONVERSATION000000', 'x')), 404);
  assert.equal(doc.errors[0].source.pointer, '/data/relationships/conversation/data/id');
});
