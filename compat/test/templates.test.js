// Templates and universal content through the official SDK's TemplatesApi (klaviyo-api 23.0.0), unchanged except
// for the base URL: every operation of the Templates tag (template CRUD, clone, render, universal content CRUD) and
// the errors the SDK surfaces. Every test makes its own templates (unique names per run) and filters its reads to
// them, so the file can share a non-empty server with the other files and with earlier runs.
//
// `body` is the SDK's deserialized view (camelCase, Date objects); `response.data` is the raw JSON.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, ULID, notFound, sdk, sdkError, unique } from '../support/sdk.js';

const { TemplatesApi } = klaviyo;
const templates = sdk(TemplatesApi);

async function createCode(name, html, text) {
  const { response } = await templates.createTemplate({
    data: { type: 'template', attributes: { name, editorType: 'CODE', html, ...(text ? { text } : {}) } },
  });
  assert.equal(response.status, 201);
  return response.data.data;
}

describe('templates', () => {
  test('create, get, list, update and delete a CODE template', async () => {
    const name = unique('Newsletter');
    const created = await createCode(name, '<p>Hello {{ first_name }}</p>', 'Hello');
    assert.match(created.id, /^[A-Za-z0-9]{6}$/);
    assert.equal(created.attributes.editor_type, 'CODE');
    assert.match(created.attributes.created, TIMESTAMP);

    const { body } = await templates.getTemplate(created.id);
    assert.equal(body.data.attributes.name, name);
    assert.equal(body.data.attributes.html, '<p>Hello {{ first_name }}</p>');

    const listed = await templates.getTemplates({ filter: `equals(name,"${name}")`, sort: '-created', pageSize: 10 });
    assert.deepEqual(listed.response.data.data.map((t) => t.id), [created.id]);

    const updated = await templates.updateTemplate(created.id, {
      data: { type: 'template', id: created.id, attributes: { name: `${name} v2`, html: '<p>Bye</p>' } },
    });
    assert.equal(updated.response.status, 200);
    assert.equal(updated.response.data.data.attributes.name, `${name} v2`);
    assert.equal(updated.response.data.data.attributes.html, '<p>Bye</p>');

    const deleted = await templates.deleteTemplate(created.id);
    assert.equal(deleted.response.status, 204);
    await notFound(templates.getTemplate(created.id));
  });

  test('a SYSTEM_DRAGGABLE template shows its definition when asked for in a collection', async () => {
    const name = unique('DnD');
    const definition = { body: { properties: {}, styles: {} }, styles: [] };
    const { response } = await templates.createTemplate({
      data: { type: 'template', attributes: { name, editorType: 'SYSTEM_DRAGGABLE', definition } },
    });
    assert.equal(response.status, 201);
    const id = response.data.data.id;
    assert.deepEqual(response.data.data.attributes.definition, definition);
    const plain = await templates.getTemplates({ filter: `equals(name,"${name}")` });
    assert.equal(plain.response.data.data[0].attributes.definition, undefined);
    const asked = await templates.getTemplates({ filter: `equals(name,"${name}")`, additionalFieldsTemplate: ['definition'] });
    assert.deepEqual(asked.response.data.data[0].attributes.definition, definition);
    const refused = await sdkError(templates.updateTemplate(id, { data: { type: 'template', id, attributes: { html: '<p>x</p>' } } }), 400);
    assert.equal(refused.errors[0].source.pointer, '/data/attributes/html');
  });

  test('editor-type rules answer 400 with a pointer', async () => {
    const missingHtml = await sdkError(templates.createTemplate({
      data: { type: 'template', attributes: { name: unique('NoHtml'), editorType: 'CODE' } },
    }), 400);
    assert.equal(missingHtml.errors[0].source.pointer, '/data/attributes/html');
    const missingDefinition = await sdkError(templates.createTemplate({
      data: { type: 'template', attributes: { name: unique('NoDef'), editorType: 'SYSTEM_DRAGGABLE' } },
    }), 400);
    assert.equal(missingDefinition.errors[0].source.pointer, '/data/attributes/definition');
  });

  test('clone a template with a derived name and with a given one', async () => {
    const name = unique('Source');
    const source = await createCode(name, '<p>x</p>', 't');
    const derived = await templates.cloneTemplate({ data: { type: 'template', id: source.id, attributes: {} } });
    assert.equal(derived.response.status, 201);
    assert.notEqual(derived.response.data.data.id, source.id);
    assert.equal(derived.response.data.data.attributes.name, `Clone of ${name}`);
    assert.equal(derived.response.data.data.attributes.html, '<p>x</p>');
    const named = await templates.cloneTemplate({ data: { type: 'template', id: source.id, attributes: { name: `${name} copy` } } });
    assert.equal(named.response.data.data.attributes.name, `${name} copy`);
    await notFound(templates.cloneTemplate({ data: { type: 'template', id: 'NOPE12', attributes: {} } }));
  });

  test('render a template with a context: variables, defaults, lookup, conditionals, loops, escaping', async () => {
    const html = '<p>Hi {{ first_name|default:"there" }}, {{ person|lookup:"Favorite Color" }}</p>'
      + '{% if vip %}<b>VIP</b>{% elif tier == "silver" %}S{% else %}-{% endif %}'
      + '<ul>{% for item in event.Items %}<li>{{ forloop.counter }} {{ item.name }}</li>{% empty %}none{% endfor %}</ul>';
    const t = await createCode(unique('Render'), html, 'Hi {{ first_name }}');
    const { response } = await templates.renderTemplate({
      data: { type: 'template', id: t.id, attributes: {
        context: { first_name: 'Ann <3', person: { 'Favorite Color': 'teal' }, vip: false, tier: 'silver', event: { Items: [{ name: 'Hat' }, { name: 'Mug' }] } },
      } },
    });
    assert.equal(response.status, 201);
    assert.equal(response.data.data.id, t.id);
    assert.equal(response.data.data.attributes.html,
      '<p>Hi Ann &lt;3, teal</p>S<ul><li>1 Hat</li><li>2 Mug</li></ul>');
    assert.equal(response.data.data.attributes.text, 'Hi Ann <3');
    const empty = await templates.renderTemplate({ data: { type: 'template', id: t.id, attributes: { context: {} } } });
    assert.equal(empty.response.data.data.attributes.html, '<p>Hi there, </p>-<ul>none</ul>');

    const broken = await createCode(unique('Broken'), '{% if x %}never closed');
    const error = await sdkError(templates.renderTemplate({ data: { type: 'template', id: broken.id, attributes: { context: {} } } }), 400);
    assert.equal(error.errors[0].source.pointer, '/data/id');
    await notFound(templates.renderTemplate({ data: { type: 'template', id: 'NOPE12', attributes: { context: {} } } }));
  });
});

describe('universal content', () => {
  test('create, get, list with the definition filters, update and delete', async () => {
    const name = unique('Footer');
    const { response } = await templates.createUniversalContent({
      data: { type: 'template-universal-content', attributes: {
        name, definition: { contentType: 'block', type: 'html', data: { content: '<p>Footer</p>', displayOptions: {} } },
      } },
    });
    assert.equal(response.status, 201);
    const created = response.data.data;
    assert.match(created.id, ULID);
    assert.equal(created.attributes.definition.type, 'html');
    assert.equal(created.attributes.screenshot_status, 'never_generated');
    assert.equal(created.attributes.screenshot_url, '');

    const { body } = await templates.getUniversalContent(created.id);
    assert.equal(body.data.attributes.name, name);

    const filtered = await templates.getAllUniversalContent({ filter: `and(equals(name,"${name}"),equals(definition.type,"html"))` });
    assert.deepEqual(filtered.response.data.data.map((c) => c.id), [created.id]);
    const other = await templates.getAllUniversalContent({ filter: `and(equals(name,"${name}"),equals(definition.type,"text"))` });
    assert.deepEqual(other.response.data.data, []);

    const updated = await templates.updateUniversalContent(created.id, {
      data: { type: 'template-universal-content', id: created.id, attributes: { name: `${name} v2` } },
    });
    assert.equal(updated.response.status, 200);
    assert.equal(updated.response.data.data.attributes.name, `${name} v2`);

    const bad = await sdkError(templates.createUniversalContent({
      data: { type: 'template-universal-content', attributes: { name, definition: { contentType: 'block', type: 'nope', data: {} } } },
    }), 400);
    // The SDK serializes a block it has no model for as it can; the server names the member at fault.
    assert.match(bad.errors[0].source.pointer, /^\/data\/attributes\/definition/);

    const deleted = await templates.deleteUniversalContent(created.id);
    assert.equal(deleted.response.status, 204);
    await notFound(templates.getUniversalContent(created.id));
  });
});
