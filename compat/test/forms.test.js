// Forms and form versions through the official SDK's FormsApi (klaviyo-api 23.0.0), unchanged except for the base
// URL: a create from a definition (one version per entry), the encoded form, the list with the spec's filters, the
// versions and their form both ways, a definition the spec's schema refuses (400 at its pointer), and delete.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, notFound, sdk, sdkError, unique } from '../support/sdk.js';

const forms = sdk(klaviyo.FormsApi);

async function createForm(name, versions, abTest = false) {
  const { response } = await forms.createForm({
    data: { type: 'form', attributes: { name, status: 'draft', abTest, definition: { versions } } },
  });
  assert.equal(response.status, 201, JSON.stringify(response.data));
  return response.data.data;
}

test('a form is created from a definition, read with its versions, listed and deleted', async () => {
  const name = unique('form');
  const form = await createForm(name, [
    { type: 'popup', name: 'Main', steps: [{ name: 'Email', columns: [] }] },
    { type: 'full_screen', abTest: true, steps: [{ columns: [] }] },
  ], true);
  assert.match(form.id, /^[A-Za-z0-9]{6}$/);
  assert.equal(form.attributes.status, 'draft');
  assert.equal(form.attributes.ab_test, true);
  assert.match(form.attributes.created_at, TIMESTAMP);
  const versions = form.attributes.definition.versions;
  assert.equal(versions.length, 2);
  assert.ok(Number.isInteger(versions[0].id));
  assert.equal(versions[0].steps[0].name, 'Email');

  const { response, body } = await forms.getForm(form.id);
  assert.deepEqual(response.data.data, form);
  assert.ok(body.data.attributes.createdAt instanceof Date);
  assert.equal(body.data.attributes.abTest, true);

  const listed = await forms.getForms({ filter: `equals(name,"${name}")`, sort: '-created_at' });
  assert.deepEqual(listed.response.data.data.map((f) => f.id), [form.id]);
  assert.equal(listed.response.data.data[0].attributes.definition, undefined);
  const abTests = await forms.getForms({ filter: `and(equals(ab_test,true),contains(name,"${name}"))`, fieldsForm: ['name'] });
  assert.deepEqual(Object.keys(abTests.response.data.data[0].attributes), ['name']);

  const related = await forms.getVersionsForForm(form.id, { sort: 'created_at' });
  assert.deepEqual(related.response.data.data.map((v) => v.id).sort(), versions.map((v) => String(v.id)).sort());
  const fullPage = await forms.getVersionIdsForForm(form.id, { filter: 'equals(form_type,"full_page")' });
  assert.deepEqual(fullPage.response.data.data, [{ type: 'form-version', id: String(versions[1].id) }]);

  const version = await forms.getFormVersion(String(versions[1].id), { include: ['form'] });
  assert.equal(version.response.data.data.attributes.form_type, 'full_page');
  assert.equal(version.response.data.data.attributes.variation_name, name);
  assert.deepEqual(version.response.data.data.attributes.ab_test, { variation_name: name });
  assert.equal(version.response.data.included[0].id, form.id);
  assert.equal(version.body.data.attributes.abTest.variationName, name);
  const main = await forms.getFormVersion(String(versions[0].id));
  assert.equal(main.response.data.data.attributes.variation_name, 'Main');
  assert.equal(main.response.data.data.attributes.ab_test, null);
  const ofVersion = await forms.getFormForFormVersion(String(versions[0].id));
  assert.equal(ofVersion.response.data.data.id, form.id);
  const idOfVersion = await forms.getFormIdForFormVersion(String(versions[0].id));
  assert.deepEqual(idOfVersion.response.data.data, { type: 'form', id: form.id });

  const deleted = await forms.deleteForm(form.id);
  assert.equal(deleted.response.status, 204);
  await notFound(forms.getForm(form.id));
  await notFound(forms.getFormVersion(String(versions[0].id)));
});

test('a definition the spec refuses is a 400 at its pointer, and nothing is made', async () => {
  const name = unique('bad-form');
  const badType = await sdkError(forms.createForm({ data: { type: 'form', attributes: { name, status: 'draft', abTest: false,
    definition: { versions: [{ type: 'sidebar', steps: [] }] } } } }), 400);
  assert.equal(badType.errors[0].source.pointer, '/data/attributes/definition/versions/0/type');
  const withId = await sdkError(forms.createForm({ data: { type: 'form', attributes: { name, status: 'draft', abTest: false,
    definition: { versions: [{ id: 7, steps: [] }] } } } }), 400);
  assert.equal(withId.errors[0].source.pointer, '/data/attributes/definition/versions/0/id');
  const live = await sdkError(forms.createForm({ data: { type: 'form', attributes: { name, status: 'live', abTest: false,
    definition: { versions: [{ steps: [] }] } } } }), 400);
  assert.equal(live.errors[0].source.pointer, '/data/attributes/status');
  const listed = await forms.getForms({ filter: `equals(name,"${name}")` });
  assert.deepEqual(listed.response.data.data, []);
  await notFound(forms.getForm('NOSUCH'));
});
