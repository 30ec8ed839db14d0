// Coupons and coupon codes through the official SDK's CouponsApi (klaviyo-api 23.0.0), unchanged except for
// the base URL: every operation of the Coupons tag (create, get, list, update, delete, the code <-> coupon reads
// from both sides, the code filters, the bulk create job and its reads) and the errors the SDK surfaces.
// Every test makes its own coupons (unique external ids per run) and reads codes filtered to them, so the file
// can share a non-empty server with the other files and with earlier runs.
//
// `body` is the SDK's deserialized view (camelCase, Date objects); `response.data` is the raw JSON.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, notFound, quoted, sdk, sdkError, unique, waitForJobCompletion } from '../support/sdk.js';

const { CouponsApi } = klaviyo;
const coupons = sdk(CouponsApi);

async function createCoupon(externalId = unique('COUPON')) {
  const { response, body } = await coupons.createCoupon({
    data: { type: 'coupon', attributes: { externalId, description: '10% off', monitorConfiguration: { low_balance_threshold: 500 } } },
  });
  assert.equal(response.status, 201);
  assert.equal(body.data.id, externalId);
  return response.data.data;
}

const codeObject = (couponId, uniqueCode, expiresAt) => ({
  type: 'coupon-code',
  attributes: { uniqueCode, ...(expiresAt ? { expiresAt } : {}) },
  relationships: { coupon: { data: { type: 'coupon', id: couponId } } },
});

async function createCode(couponId, uniqueCode, expiresAt) {
  const { response } = await coupons.createCouponCode({ data: codeObject(couponId, uniqueCode, expiresAt) });
  assert.equal(response.status, 200); // the spec's only success status for create_coupon_code
  return response.data.data;
}

const idsOf = (response) => response.data.data.map((r) => r.id);

describe('coupons', () => {
  test('create, get, list, update and delete a coupon; its id is its external id', async () => {
    const externalId = unique('SAVE');
    const created = await createCoupon(externalId);
    assert.equal(created.attributes.external_id, externalId);
    assert.deepEqual(created.attributes.monitor_configuration, { low_balance_threshold: 500 });

    const { body } = await coupons.getCoupon(externalId);
    assert.equal(body.data.attributes.description, '10% off');

    let found = false;
    let cursor;
    for (let guard = 0; guard < 100 && !found; guard++) {
      const { response } = await coupons.getCoupons({ pageCursor: cursor });
      found = idsOf(response).includes(externalId);
      const next = response.data.links?.next;
      if (!next) break;
      cursor = new URL(next).searchParams.get('page[cursor]');
    }
    assert.ok(found, 'the coupon is listed');

    const { response: patched } = await coupons.updateCoupon(externalId, {
      data: { type: 'coupon', id: externalId, attributes: { description: 'Now 20% off' } },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.data.data.attributes.description, 'Now 20% off');

    const doc = await sdkError(coupons.createCoupon({ data: { type: 'coupon', attributes: { externalId } } }), 409);
    assert.equal(doc.errors[0].source.pointer, '/data/attributes/external_id');

    const { response: deleted } = await coupons.deleteCoupon(externalId);
    assert.equal(deleted.status, 204);
    await notFound(coupons.getCoupon(externalId));
  });
});

describe('coupon codes', () => {
  test('create, get, update and delete a code; its id is COUPON-CODE, it starts UNASSIGNED and expires in a year', async () => {
    const coupon = await createCoupon();
    const code = await createCode(coupon.id, 'ABC123');
    assert.equal(code.id, `${coupon.id}-ABC123`);
    assert.equal(code.attributes.status, 'UNASSIGNED');
    assert.match(code.attributes.expires_at, TIMESTAMP);
    const inAYear = Date.parse(code.attributes.expires_at) - Date.now();
    assert.ok(inAYear > 364 * 86400e3 && inAYear < 366 * 86400e3, code.attributes.expires_at);
    assert.equal(code.relationships.coupon.data.id, coupon.id);

    const { body } = await coupons.getCouponCode(code.id, { include: ['coupon'] });
    assert.equal(body.data.attributes.uniqueCode, 'ABC123');
    assert.equal(body.included[0].id, coupon.id);

    const expiresAt = new Date('2031-01-01T00:00:00Z');
    const { response: patched } = await coupons.updateCouponCode(code.id, {
      data: { type: 'coupon-code', id: code.id, attributes: { status: 'USED', expiresAt } },
    });
    assert.equal(patched.data.data.attributes.status, 'USED');
    assert.equal(patched.data.data.attributes.expires_at, '2031-01-01T00:00:00+00:00');

    const dup = await sdkError(coupons.createCouponCode({ data: codeObject(coupon.id, 'ABC123') }), 409);
    assert.equal(dup.errors[0].source.pointer, '/data/attributes/unique_code');
    await notFound(coupons.createCouponCode({ data: codeObject(unique('NO-COUPON'), 'X') }));

    const { response: deleted } = await coupons.deleteCouponCode(code.id);
    assert.equal(deleted.status, 204);
    await notFound(coupons.getCouponCode(code.id));
  });

  test('a code assigned to a profile cannot be deleted', async () => {
    const coupon = await createCoupon();
    const code = await createCode(coupon.id, 'HELD');
    await coupons.updateCouponCode(code.id, { data: { type: 'coupon-code', id: code.id, attributes: { status: 'ASSIGNED_TO_PROFILE' } } });
    const doc = await sdkError(coupons.deleteCouponCode(code.id), 400);
    assert.ok(doc.errors[0].detail.includes('assigned to a profile'), doc.errors[0].detail);
    const { body } = await coupons.getCouponCode(code.id);
    assert.equal(body.data.id, code.id);
  });

  test('codes filter by coupon, status and expiry, and read from both sides', async () => {
    const a = await createCoupon();
    const b = await createCoupon();
    await createCode(a.id, 'EARLY', new Date('2030-01-01T00:00:00Z'));
    await createCode(a.id, 'LATE', new Date('2032-01-01T00:00:00Z'));
    await createCode(b.id, 'OTHER', new Date('2032-01-01T00:00:00Z'));

    const { response: both } = await coupons.getCouponCodes(`any(coupon.id,${quoted([a.id, b.id])})`);
    assert.deepEqual(idsOf(both).sort(), [`${a.id}-EARLY`, `${a.id}-LATE`, `${b.id}-OTHER`].sort());
    const { response: late } = await coupons.getCouponCodes(
      `and(equals(coupon.id,"${a.id}"),greater-than(expires_at,2031-01-01T00:00:00Z))`);
    assert.deepEqual(idsOf(late), [`${a.id}-LATE`]);
    await coupons.updateCouponCode(`${a.id}-EARLY`, { data: { type: 'coupon-code', id: `${a.id}-EARLY`, attributes: { status: 'USED' } } });
    const { response: used } = await coupons.getCouponCodes(`and(equals(coupon.id,"${a.id}"),equals(status,"USED"))`);
    assert.deepEqual(idsOf(used), [`${a.id}-EARLY`]);

    const { response: ofCoupon } = await coupons.getCouponCodesForCoupon(a.id);
    assert.deepEqual(idsOf(ofCoupon), [`${a.id}-EARLY`, `${a.id}-LATE`]);
    const { response: idsOfCoupon } = await coupons.getCouponCodeIdsForCoupon(a.id);
    assert.deepEqual(idsOfCoupon.data.data, [{ type: 'coupon-code', id: `${a.id}-EARLY` }, { type: 'coupon-code', id: `${a.id}-LATE` }]);
    const { body: couponOfCode } = await coupons.getCouponForCouponCode(`${b.id}-OTHER`);
    assert.equal(couponOfCode.data.id, b.id);
    const { response: couponId } = await coupons.getCouponIdForCouponCode(`${b.id}-OTHER`);
    assert.deepEqual(couponId.data.data, { type: 'coupon', id: b.id });

    // deleting a coupon takes its codes
    await coupons.deleteCoupon(b.id);
    await notFound(coupons.getCouponCode(`${b.id}-OTHER`));
  });

  test('a bulk create job: 202, then codes created, per-code errors, include, and the job list', async () => {
    const coupon = await createCoupon();
    await createCode(coupon.id, 'TAKEN');
    const { response } = await coupons.bulkCreateCouponCodes({
      data: {
        type: 'coupon-code-bulk-create-job',
        attributes: { couponCodes: { data: [codeObject(coupon.id, 'B1'), codeObject(coupon.id, 'TAKEN'), codeObject(coupon.id, 'B2')] } },
      },
    });
    assert.equal(response.status, 202);
    const job = response.data.data;
    assert.equal(job.type, 'coupon-code-bulk-create-job');
    assert.equal(job.attributes.status, 'queued');
    assert.equal(job.attributes.total_count, 3);

    const done = await waitForJobCompletion((id) => coupons.getBulkCreateCouponCodesJob(id), job.id);
    assert.equal(done.attributes.completed_count, 2);
    assert.equal(done.attributes.failed_count, 1);
    assert.equal(done.attributes.errors[0].source.pointer, '/data/attributes/coupon-codes/data/1/attributes/unique_code');
    const { response: withCodes, body } = await coupons.getBulkCreateCouponCodesJob(job.id, { include: ['coupon-codes'] });
    assert.deepEqual(withCodes.data.included.map((c) => c.id), [`${coupon.id}-B1`, `${coupon.id}-B2`]);
    assert.equal(body.data.attributes.completedCount, 2);

    let found = false;
    let cursor;
    for (let guard = 0; guard < 100 && !found; guard++) {
      const { response: page } = await coupons.getBulkCreateCouponCodeJobs({ filter: 'equals(status,"complete")', pageCursor: cursor });
      found = idsOf(page).includes(job.id);
      const next = page.data.links?.next;
      if (!next) break;
      cursor = new URL(next).searchParams.get('page[cursor]');
    }
    assert.ok(found, 'the job is listed among the complete ones');
  });
});
