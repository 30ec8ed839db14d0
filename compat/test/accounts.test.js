// The Accounts tag through Klaviyo's official Node SDK: the key's own account, by list and by id
// (its public key), sparse fieldsets into the contact information, and a 404 for any other id.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { sdk, sdkError } from '../support/sdk.js';

const accounts = sdk(klaviyo.AccountsApi);

test('getAccounts answers the key\'s one account, whose id is its public key', async () => {
  const { response, body } = await accounts.getAccounts();
  assert.equal(response.status, 200);
  assert.equal(body.data.length, 1);
  const account = response.data.data[0];
  assert.equal(account.type, 'account');
  assert.match(account.id, /^[A-Za-z0-9]{6}$/);
  assert.equal(account.attributes.public_api_key, account.id);
  for (const key of ['test_account', 'contact_information', 'timezone', 'preferred_currency', 'locale']) {
    assert.ok(key in account.attributes, `attribute ${key} is sent`);
  }
  assert.equal(typeof account.attributes.contact_information.default_sender_email, 'string');
  assert.ok('street_address' in account.attributes.contact_information);
  // The SDK's deserialized view carries the same values.
  assert.equal(body.data[0].attributes.publicApiKey, account.id);
});

test('getAccount by id answers the same account; fields[account] trims it', async () => {
  const id = (await accounts.getAccounts()).response.data.data[0].id;
  const { response } = await accounts.getAccount(id);
  assert.equal(response.status, 200);
  assert.equal(response.data.data.id, id);
  assert.match(response.data.data.links.self, new RegExp(`/api/accounts/${id}/$`));

  const trimmed = await accounts.getAccount(id, { fieldsAccount: ['timezone', 'contact_information.street_address.city'] });
  assert.deepEqual(Object.keys(trimmed.response.data.data.attributes).sort(), ['contact_information', 'timezone']);
  assert.deepEqual(Object.keys(trimmed.response.data.data.attributes.contact_information), ['street_address']);
});

test('getAccount with an id that is not the key\'s account is a 404', async () => {
  const doc = await sdkError(accounts.getAccount('ZZZZZZ'), 404);
  assert.equal(doc.errors[0].code, 'not_found');
  assert.equal(doc.errors[0].source.parameter, 'id');
});
