// create_back_in_stock_subscription through the SDK's CatalogsApi (klaviyo-api 23.0.0), unchanged except for the
// base URL: 202 with no body, the profile created, and the "Subscribed to Back in Stock" event on it (what Klaviyo
// tracks, docs/compatibility.md "Catalogs"), read back through EventsApi. The client operation is in client.test.js.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { createCatalogVariant, notFound, sdk, sdkError, unique, uniqueEmail } from '../support/sdk.js';

const { CatalogsApi, EventsApi, ProfilesApi } = klaviyo;

const catalogs = sdk(CatalogsApi);
const events = sdk(EventsApi);
const profiles = sdk(ProfilesApi);

const body = (email, channels, variant) => ({
  data: {
    type: 'back-in-stock-subscription',
    attributes: { channels, profile: { data: { type: 'profile', attributes: { email } } } },
    relationships: { variant: { data: { type: 'catalog-variant', id: variant } } },
  },
});

describe('create_back_in_stock_subscription', () => {
  test('answers 202 with no body and records Subscribed to Back in Stock on the profile', async () => {
    const email = uniqueEmail('bis');
    const variant = await createCatalogVariant();
    const { response } = await catalogs.createBackInStockSubscription(body(email, ['EMAIL', 'SMS'], variant));
    assert.equal(response.status, 202);
    assert.equal(response.data, '');
    const { response: found } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
    assert.equal(found.data.data.length, 1);
    const { response: read } = await events.getEvents({
      filter: `equals(profile_id,"${found.data.data[0].id}")`, include: ['metric'],
    });
    assert.equal(read.data.data.length, 1);
    assert.deepEqual(read.data.data[0].attributes.event_properties.channels, ['EMAIL', 'SMS']);
    assert.equal(read.data.data[0].attributes.event_properties.variant_id, variant);
    assert.equal(read.data.included[0].attributes.name, 'Subscribed to Back in Stock');
  });

  test('a variant the catalog does not hold is a 404 at its pointer, and no profile is made', async () => {
    const email = uniqueEmail('bis-ghost');
    const ghost = `$custom:::$default:::${unique('GHOST-V')}`;
    const doc = await notFound(catalogs.createBackInStockSubscription(body(email, ['EMAIL'], ghost)));
    assert.equal(doc.errors[0].source.pointer, '/data/relationships/variant/data/id');
    assert.ok(doc.errors[0].detail.includes(ghost), doc.errors[0].detail);
    const { response: found } = await profiles.getProfiles({ filter: `equals(email,"${email}")` });
    assert.deepEqual(found.data.data, []);
  });

  test('a channel outside the enum is a 400 at its pointer', async () => {
    const doc = await sdkError(catalogs.createBackInStockSubscription(body(uniqueEmail('bis'), ['EMAIL', 'FAX'],
      '$custom:::$default:::ANY')), 400);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/channels/1');
  });
});
