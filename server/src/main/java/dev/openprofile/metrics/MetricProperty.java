package dev.openprofile.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** A property key a metric's events carry, learned as they arrive. */
record MetricProperty(String id, String metricId, String property, String inferredType, ArrayNode sampleValues) {}
