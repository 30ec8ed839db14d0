// The Images tag through the official SDK's ImagesApi (klaviyo-api 23.0.0), unchanged except for the base
// URL: both uploads (a data URI, since the server refuses to fetch from its own network unless its operator
// allows it, and a file stream, which the SDK sends as a multipart form), the reads with filters, sorts and
// sparse fieldsets, the update, and the stored bytes fetched back from image_url.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, notFound, sdk, sdkError, unique } from '../support/sdk.js';

const images = sdk(klaviyo.ImagesApi);

// A 1x1 PNG and a 1x1 GIF.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=', 'base64');

async function fromDataUri(bytes, type, attributes = {}) {
  const { response } = await images.uploadImageFromUrl({
    data: { type: 'image', attributes: { importFromUrl: `data:${type};base64,${bytes.toString('base64')}`, ...attributes } },
  });
  assert.equal(response.status, 201);
  return response.data.data;
}

async function served(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

test('an image is uploaded from a data URI, read, listed and updated', async () => {
  const name = unique('image');
  const image = await fromDataUri(PNG, 'image/png', { name });
  assert.equal(image.type, 'image');
  assert.match(image.id, /^[0-9]+$/);
  assert.equal(image.attributes.name, name);
  assert.equal(image.attributes.format, 'png');
  assert.equal(image.attributes.size, PNG.length);
  assert.equal(image.attributes.hidden, false);
  assert.match(image.attributes.updated_at, TIMESTAMP);
  const stored = await served(image.attributes.image_url);
  assert.equal(stored.type, 'image/png');
  assert.deepEqual(stored.bytes, PNG);

  const { response, body } = await images.getImage(image.id);
  assert.deepEqual(response.data.data, image);
  assert.equal(body.data.attributes.imageUrl, image.attributes.image_url);
  assert.ok(body.data.attributes.updatedAt instanceof Date);

  // A reused name gets a suffix.
  const again = await fromDataUri(GIF, 'image/gif', { name, hidden: true });
  assert.equal(again.attributes.name, `${name} (1)`);
  assert.equal(again.attributes.format, 'gif');
  assert.equal(again.attributes.hidden, true);

  const listed = await images.getImages({ filter: `starts-with(name,"${name}")`, sort: '-size', fieldsImage: ['name', 'size'] });
  assert.ok(PNG.length > GIF.length);
  assert.deepEqual(listed.response.data.data.map((i) => i.id), [image.id, again.id]);
  assert.deepEqual(Object.keys(listed.response.data.data[0].attributes).sort(), ['name', 'size']);
  const hidden = await images.getImages({ filter: `equals(hidden,true),starts-with(name,"${name}")` });
  assert.deepEqual(hidden.response.data.data.map((i) => i.id), [again.id]);

  const updated = await images.updateImage(image.id, { data: { type: 'image', id: image.id, attributes: { name: `${name}-renamed`, hidden: true } } });
  assert.equal(updated.response.status, 200);
  assert.equal(updated.response.data.data.attributes.name, `${name}-renamed`);
  assert.equal(updated.response.data.data.attributes.hidden, true);
  assert.equal(updated.response.data.data.attributes.image_url, image.attributes.image_url);

  await notFound(images.getImage('1'));
});

test('an image is uploaded from a file stream as a multipart form', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'openprofile-images-'));
  const path = join(dir, `${unique('upload')}.gif`);
  writeFileSync(path, GIF);

  const named = await images.uploadImageFromFile(createReadStream(path), unique('file-image'), true);
  assert.equal(named.response.status, 201);
  assert.equal(named.response.data.data.attributes.format, 'gif');
  assert.equal(named.response.data.data.attributes.hidden, true);
  assert.equal(named.body.data.attributes.size, GIF.length);
  assert.deepEqual((await served(named.response.data.data.attributes.image_url)).bytes, GIF);

  // Without a name, the file's name is the image's.
  const defaulted = await images.uploadImageFromFile(createReadStream(path));
  assert.equal(defaulted.response.data.data.attributes.name, path.split('/').pop());
  assert.equal(defaulted.response.data.data.attributes.hidden, false);
});

test('what is not an image, or may not be fetched, is a 400 at import_from_url', async () => {
  const notImage = await sdkError(images.uploadImageFromUrl({
    data: { type: 'image', attributes: { importFromUrl: `data:image/png;base64,${Buffer.from('hello').toString('base64')}` } },
  }), 400);
  assert.equal(notImage.errors[0].source.pointer, '/data/attributes/import_from_url');
  const metadata = await sdkError(images.uploadImageFromUrl({
    data: { type: 'image', attributes: { importFromUrl: 'http://169.254.169.254/latest/meta-data/' } },
  }), 400);
  assert.equal(metadata.errors[0].source.pointer, '/data/attributes/import_from_url');

  const dir = mkdtempSync(join(tmpdir(), 'openprofile-images-'));
  const path = join(dir, 'notes.txt');
  writeFileSync(path, 'not an image');
  const text = await sdkError(images.uploadImageFromFile(createReadStream(path)), 400);
  assert.equal(text.errors[0].source.pointer, '/data/attributes/file');
});
