package dev.openprofile.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * An event another feature records on a profile inside its own transaction ({@link EventService#recordLocked}):
 * one of Klaviyo's own metrics, which Klaviyo tracks when the feature's action happens.
 */
public record ProfileEvent(String metricName, String integrationKey, OffsetDateTime time, String uniqueId,
                           ObjectNode properties) {}
