// Custom and mapped metrics through the official SDK's MetricsApi (klaviyo-api 23.0.0), unchanged except for the
// base URL: all fourteen operations (custom metric CRUD and its metrics; the mapped metrics' reads, update and their
// metric and custom metric from both sides) and the errors the SDK surfaces.
// Custom metrics are made with unique names and deleted at the end (an account has at most 50); the mapped metric the
// file changes (cancelled_sales) is unset again, so the file can share a server with the others and with earlier runs.
//
// `body` is the SDK's deserialized view (camelCase, Date objects); `response.data` is the raw JSON.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import klaviyo from 'klaviyo-api'; // CommonJS package: take the named exports from the default import
import { TIMESTAMP, notFound, sdk, sdkError, unique, uniqueEmail } from '../support/sdk.js';

const { MetricsApi, EventsApi } = klaviyo;
const metrics = sdk(MetricsApi);
const events = sdk(EventsApi);

/** The id of a metric of its own, made by an event of it. */
async function newMetric(tag) {
  const name = unique(tag);
  const { response } = await events.createEvent({
    data: {
      type: 'event',
      attributes: {
        properties: { Channel: 'web', Amount: 20 },
        metric: { data: { type: 'metric', attributes: { name } } },
        profile: { data: { type: 'profile', attributes: { email: uniqueEmail('custom-metric') } } },
      },
    },
  });
  assert.equal(response.status, 202);
  const { response: all } = await metrics.getMetrics();
  const metric = all.data.data.find((m) => m.attributes.name === name);
  assert.ok(metric, `metric ${name} exists`);
  return metric.id;
}

const definition = (method, ...metricIds) => ({
  aggregationMethod: method,
  metricGroups: metricIds.map((metricId) => ({
    metricId,
    metricFilters: [
      { property: 'Channel', filter: { type: 'string', operator: 'equals', value: 'web' } },
      { property: 'Amount', filter: { type: 'numeric', operator: 'greater-than-or-equal', value: 10 } },
    ],
    valueProperty: 'Amount',
  })),
});

async function createCustomMetric(name, def) {
  const { response } = await metrics.createCustomMetric({ data: { type: 'custom-metric', attributes: { name, definition: def } } });
  assert.equal(response.status, 201);
  return response.data.data;
}

describe('custom metrics', () => {
  test('create, get, list, update and delete a custom metric; its metrics from the definition', async () => {
    const first = await newMetric('Placed Order');
    const second = await newMetric('POS Order');
    const name = unique('All orders');
    const created = await createCustomMetric(name, definition('value', first, second));
    assert.match(created.id, /^[0-9a-f]{32}$/);
    assert.equal(created.attributes.name, name);
    assert.match(created.attributes.created, TIMESTAMP);
    assert.equal(created.attributes.definition.aggregation_method, 'value');
    assert.deepEqual(created.attributes.definition.metric_groups.map((g) => g.metric_id), [first, second]);
    assert.deepEqual(created.attributes.definition.metric_groups[0].metric_filters[1],
      { property: 'Amount', filter: { type: 'numeric', operator: 'greater-than-or-equal', value: 10 } });

    const { body } = await metrics.getCustomMetric(created.id, { include: ['metrics'] });
    assert.equal(body.data.attributes.definition.metricGroups[1].valueProperty, 'Amount');
    assert.deepEqual(body.included.map((m) => m.id), [first, second]);

    const { response: listed } = await metrics.getCustomMetrics({ fieldsCustomMetric: ['name'] });
    const mine = listed.data.data.find((c) => c.id === created.id);
    assert.deepEqual(mine.attributes, { name });

    const { response: related } = await metrics.getMetricsForCustomMetric(created.id);
    assert.deepEqual(related.data.data.map((m) => m.id), [first, second]);
    const { response: ids } = await metrics.getMetricIdsForCustomMetric(created.id);
    assert.deepEqual(ids.data.data, [{ type: 'metric', id: first }, { type: 'metric', id: second }]);

    const renamed = unique('Online orders');
    const { response: patched } = await metrics.updateCustomMetric(created.id, {
      data: { type: 'custom-metric', id: created.id, attributes: { name: renamed, definition: definition('count', second) } },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.data.data.attributes.name, renamed);
    assert.equal(patched.data.data.attributes.definition.aggregation_method, 'count');
    const { response: after } = await metrics.getMetricIdsForCustomMetric(created.id);
    assert.deepEqual(after.data.data, [{ type: 'metric', id: second }]);

    const { response: deleted } = await metrics.deleteCustomMetric(created.id);
    assert.equal(deleted.status, 204);
    await notFound(metrics.getCustomMetric(created.id));
  });

  test('the errors: an unknown metric, a bad definition, a taken name', async () => {
    const metric = await newMetric('Checked');
    const unknown = await sdkError(metrics.createCustomMetric({
      data: { type: 'custom-metric', attributes: { name: unique('Bad'), definition: definition('count', metric, 'NOPE00') } },
    }), 404);
    assert.equal(unknown.errors[0].source.pointer, '/data/attributes/definition/metric_groups/1/metric_id');
    const bad = await sdkError(metrics.createCustomMetric({
      data: { type: 'custom-metric', attributes: { name: unique('Bad'), definition: { aggregationMethod: 'count', metricGroups: [] } } },
    }), 400);
    assert.equal(bad.errors[0].source.pointer, '/data/attributes/definition/metric_groups');
    const taken = await createCustomMetric(unique('Taken'), definition('count', metric));
    const again = await sdkError(metrics.createCustomMetric({
      data: { type: 'custom-metric', attributes: { name: taken.attributes.name, definition: definition('count', metric) } },
    }), 400);
    assert.equal(again.errors[0].source.pointer, '/data/attributes/name');
    await metrics.deleteCustomMetric(taken.id);
    await notFound(metrics.getMetricsForCustomMetric(taken.id));
  });
});

describe('mapped metrics', () => {
  test('the seven roles; one mapped to a metric, then to a custom metric, then unset', async () => {
    const { response: all } = await metrics.getMappedMetrics();
    assert.deepEqual(all.data.data.map((m) => m.id), ['added_to_cart', 'cancelled_sales', 'ordered_product', 'refunded_sales',
      'revenue', 'started_checkout', 'viewed_product']);

    const metric = await newMetric('Cancelled Order');
    const { response: toMetric } = await metrics.updateMappedMetric('cancelled_sales', {
      data: { type: 'mapped-metric', id: 'cancelled_sales', relationships: { metric: { data: { type: 'metric', id: metric } } } },
    });
    assert.equal(toMetric.status, 200);
    assert.deepEqual(toMetric.data.data.relationships.metric.data, { type: 'metric', id: metric });
    const { response: one } = await metrics.getMappedMetric('cancelled_sales', { include: ['metric'] });
    assert.match(one.data.data.attributes.updated, TIMESTAMP);
    assert.deepEqual(one.data.included.map((m) => m.id), [metric]);
    const { response: itsMetric } = await metrics.getMetricForMappedMetric('cancelled_sales');
    assert.equal(itsMetric.data.data.id, metric);
    const { response: itsMetricId } = await metrics.getMetricIdForMappedMetric('cancelled_sales');
    assert.deepEqual(itsMetricId.data.data, { type: 'metric', id: metric });

    const custom = await createCustomMetric(unique('Cancelled'), definition('value', metric));
    const { response: toCustom } = await metrics.updateMappedMetric('cancelled_sales', {
      data: { type: 'mapped-metric', id: 'cancelled_sales',
        relationships: { customMetric: { data: { type: 'custom-metric', id: custom.id } } } },
    });
    assert.deepEqual(toCustom.data.data.relationships['custom-metric'].data, { type: 'custom-metric', id: custom.id });
    assert.equal(toCustom.data.data.relationships.metric.data, undefined, 'a role maps to one target');
    const { response: itsCustom } = await metrics.getCustomMetricForMappedMetric('cancelled_sales');
    assert.equal(itsCustom.data.data.id, custom.id);
    const { response: itsCustomId } = await metrics.getCustomMetricIdForMappedMetric('cancelled_sales');
    assert.deepEqual(itsCustomId.data.data, { type: 'custom-metric', id: custom.id });
    const { response: noMetric } = await metrics.getMetricForMappedMetric('cancelled_sales');
    assert.equal(noMetric.data.data, null);

    const missing = await sdkError(metrics.updateMappedMetric('cancelled_sales', {
      data: { type: 'mapped-metric', id: 'cancelled_sales', relationships: { metric: { data: { type: 'metric', id: 'NOPE00' } } } },
    }), 404);
    assert.equal(missing.errors[0].source.pointer, '/data/relationships/metric/data/id');

    // Deleting the custom metric unsets the role (docs/compatibility.md, "Custom and mapped metrics").
    await metrics.deleteCustomMetric(custom.id);
    const { response: unset } = await metrics.getCustomMetricIdForMappedMetric('cancelled_sales');
    assert.equal(unset.data.data, null);
    const { response: cleared } = await metrics.updateMappedMetric('cancelled_sales', {
      data: { type: 'mapped-metric', id: 'cancelled_sales', relationships: { metric: { data: null } } },
    });
    assert.equal(cleared.data.data.relationships.metric.data, undefined);
  });
});
