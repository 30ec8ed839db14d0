// The Reviews tag through the SDK's ReviewsApi (klaviyo-api 23.0.0), unchanged except for the base URL, and the three
// client review operations, which the SDK's ClientApi lacks, sent with fetch as a storefront sends them (see
// client.test.js). A review is submitted (202), found through getReviews with the spec's filters, moderated with
// updateReview, and only then shown by get_client_reviews and counted by the values report (docs/compatibility.md,
// "Reviews"). Each test makes its own catalog item, so the file runs against a shared server.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { BASE_URL, COMPANY_ID, notFound, sdk, sdkError, unique, uniqueEmail } from '../support/sdk.js';

const { CatalogsApi, ReviewsApi } = klaviyo;
const reviews = sdk(ReviewsApi);
const catalogs = sdk(CatalogsApi);
const skip = !COMPANY_ID ? 'set OPENPROFILE_COMPANY_ID' : false;

async function clientCall(method, path, body) {
  const sep = path.includes('?') ? '&' : '?';
  const response = await fetch(`${BASE_URL}${path}${sep}company_id=${COMPANY_ID}`, {
    method,
    headers: { revision: '2026-07-15', accept: 'application/vnd.api+json', 'content-type': 'application/vnd.api+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function item() {
  const externalId = unique('reviewed');
  const r = await catalogs.createCatalogItem({ data: { type: 'catalog-item', attributes: {
    externalId, title: 'Reviewed mug', description: 'D', url: `https://shop.example/${externalId}`,
  } } });
  assert.equal(r.response.status, 201);
  return externalId;
}

const submission = (externalId, content, rating, reviewType = 'review') => ({ data: { type: 'review', attributes: {
  review_type: reviewType, email: uniqueEmail('reviewer'), author: 'Rev Iewer', content,
  ...(rating === undefined ? {} : { rating }),
  product: { external_id: externalId, integration_key: 'shopify' },
} } });

async function submitted(externalId, content, rating, reviewType) {
  const r = await clientCall('POST', '/client/reviews', submission(externalId, content, rating, reviewType));
  assert.equal(r.status, 202);
  const { response } = await reviews.getReviews({ filter: `contains(content,"${content}")` });
  assert.equal(response.data.data.length, 1);
  return response.data.data[0];
}

const status = (id, value) => ({ data: { type: 'review', id, attributes: { status: value } } });

describe('reviews', { skip }, () => {
  test('a submitted review is pending, names its catalog item, and getReview reads it', async () => {
    const product = await item();
    const content = unique('pending-words');
    const review = await submitted(product, content, 4);
    assert.equal(review.attributes.status.value, 'pending');
    assert.equal(review.attributes.rating, 4);
    assert.equal(review.attributes.product.name, 'Reviewed mug');
    assert.equal(review.relationships.item.data.id, `$custom:::$default:::${product}`);
    const { response } = await reviews.getReview(review.id, { include: ['events'] });
    assert.equal(response.data.data.attributes.content, content);
    assert.equal(response.data.included.length, 1);
    assert.equal(response.data.included[0].attributes.event_properties.review_id, review.id);
    assert.equal(response.data.data.relationships.events.data[0].id, response.data.included[0].id);
    await notFound(reviews.getReview('no-such-review'));
  });

  test('getReviews filters by item, rating and status and sorts by rating', async () => {
    const product = await item();
    const tag = unique('filtered');
    const five = await submitted(product, `${tag}-five`, 5);
    const two = await submitted(product, `${tag}-two`, 2);
    const question = await submitted(product, `${tag}-question`, undefined, 'question');
    const { response } = await reviews.getReviews({ filter: `equals(item.id,"$custom:::$default:::${product}")`, sort: '-rating' });
    assert.deepEqual(response.data.data.map((r) => r.id), [five.id, two.id, question.id]);
    const { response: low } = await reviews.getReviews({
      filter: `equals(item.id,"$custom:::$default:::${product}"),less-or-equal(rating,2)` });
    assert.deepEqual(low.data.data.map((r) => r.id), [two.id]);
    await reviews.updateReview(five.id, status(five.id, { value: 'featured' }));
    const { response: featured } = await reviews.getReviews({
      filter: `equals(item.id,"$custom:::$default:::${product}"),equals(status,"featured")` });
    assert.deepEqual(featured.data.data.map((r) => r.id), [five.id]);
  });

  test('updateReview moderates: published shows it to the storefront, rejected takes it back', async () => {
    const product = await item();
    const content = unique('moderated');
    const review = await submitted(product, content, 3);
    const shown = async () => (await clientCall('GET', `/client/reviews?filter=${encodeURIComponent(`contains(content,"${content}")`)}`)).json.data;
    assert.deepEqual(await shown(), []);
    const { response } = await reviews.updateReview(review.id, status(review.id, { value: 'published' }));
    assert.equal(response.data.data.attributes.status.value, 'published');
    const visible = await shown();
    assert.deepEqual(visible.map((r) => r.id), [review.id]);
    assert.equal(visible[0].attributes.email, undefined);
    await reviews.updateReview(review.id, status(review.id, { value: 'rejected', rejection_reason: { reason: 'fake' } }));
    assert.deepEqual(await shown(), []);
    const error = await sdkError(reviews.updateReview(review.id, status(review.id, { value: 'rejected' })), 400);
    assert.equal(error.errors[0].source.pointer, '/data/attributes/status/rejection_reason');
  });

  test('the values report averages the published ratings of a product', async () => {
    const product = await item();
    for (const [i, rating] of [5, 4, 1].entries()) {
      const review = await submitted(product, unique(`valued-${i}`), rating);
      if (rating !== 1) await reviews.updateReview(review.id, status(review.id, { value: 'published' }));
    }
    const r = await clientCall('GET', `/client/review-values-reports?group_by=product_id&timeframe=all_time`
      + `&statistics=average_rating,total_reviews&filter=${encodeURIComponent(`equals(product_external_ids,"${product}")`)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.data[0].attributes.results, [
      { groupings: { product_id: product }, statistics: { average_rating: 4.5, total_reviews: 2 } },
    ]);
  });

  test('a bad submission is refused at its pointer', async () => {
    const product = await item();
    const r = await clientCall('POST', '/client/reviews', submission(product, 'no rating'));
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].source.pointer, '/data/attributes/rating');
    const missing = await clientCall('POST', '/client/reviews', submission(unique('absent'), 'no such product', 5));
    assert.equal(missing.status, 404);
  });
});
