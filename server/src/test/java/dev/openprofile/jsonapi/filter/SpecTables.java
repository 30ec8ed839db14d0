package dev.openprofile.jsonapi.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** x-klaviyo-filters tables copied verbatim from the 2026-07-15 spec, so tests do not read ../shared. */
final class SpecTables {

  static final Map<String, FieldRule> GET_PROFILES = table("""
      {"id": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "email": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "phone_number": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "external_id": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "_kx": {"operators": {"single": ["equals"]}, "value": {"type": "string"}},
       "created": {"operators": {"single": ["greater-than", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "updated": {"operators": {"single": ["greater-than", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "subscriptions.email.marketing.list_suppressions.reason": {"operators": {"single": ["equals"]}, "value": {"type": "string"}},
       "subscriptions.email.marketing.list_suppressions.timestamp": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "subscriptions.email.marketing.list_suppressions.list_id": {"operators": {"single": ["equals"]}, "value": {"type": "string"}},
       "subscriptions.email.marketing.suppression.reason": {"operators": {"single": ["equals"]}, "value": {"type": "string"}},
       "subscriptions.email.marketing.suppression.timestamp": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}}}
      """);

  static final Map<String, FieldRule> GET_LISTS = table("""
      {"name": {"operators": {"list": ["any", "equals"]}, "value": {"type": "string"}},
       "id": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "created": {"operators": {"single": ["greater-than"]}, "value": {"type": "string", "format": "date-time"}},
       "updated": {"operators": {"single": ["greater-than"]}, "value": {"type": "string", "format": "date-time"}}}
      """);

  static final Map<String, FieldRule> GET_EVENTS = table("""
      {"metric_id": {"operators": {"single": ["equals"], "list": ["equals"]}, "value": {"type": "string"}},
       "profile_id": {"operators": {"single": ["equals"]}, "value": {"type": "string"}},
       "profile": {"operators": {"none": ["has"]}},
       "metric": {"operators": {"none": ["has"]}},
       "datetime": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "timestamp": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "number"}}}
      """);

  static final Map<String, FieldRule> GET_CAMPAIGNS = table("""
      {"id": {"operators": {"list": ["any"]}, "value": {"type": "string"}},
       "messages.channel": {"operators": {"single": ["equals"]}, "value": {"type": "string", "enum": ["email", "sms", "mobile_push"]}},
       "name": {"operators": {"single": ["contains"]}, "value": {"type": "string"}},
       "status": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string", "enum": ["Scheduled", "Sent", "Draft", "Cancelled", "Adding Recipients", "Sending", "Variations Sent", "Sending Segments", "Cancelled: Smart Sending", "Preparing to send", "Cancelled: Account Disabled", "Cancelled: No Recipients", "Preparing to schedule", "Cancelled: Internal Error", "Queued without Recipients", "Cancelled: Billing Limit", "Cancelled: Misconfigured", "Unknown"]}},
       "archived": {"operators": {"single": ["equals"]}, "value": {"type": "boolean"}},
       "created_at": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "scheduled_at": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "updated_at": {"operators": {"single": ["greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}}}
      """);

  static final Map<String, FieldRule> GET_REVIEWS = table("""
      {"created": {"operators": {"single": ["greater-or-equal", "less-or-equal"]}, "value": {"type": "string", "format": "date-time"}},
       "rating": {"operators": {"list": ["any", "equals"], "single": ["equals", "greater-or-equal", "less-or-equal"]}, "value": {"type": "integer"}},
       "id": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "item.id": {"operators": {"list": ["any", "equals"], "single": ["equals"]}, "value": {"type": "string"}},
       "content": {"operators": {"single": ["contains"]}, "value": {"type": "string"}},
       "status": {"operators": {"single": ["equals"]}, "value": {"type": "string", "enum": ["published", "unpublished", "rejected", "featured", "pending", "all"]}},
       "review_type": {"operators": {"single": ["equals"]}, "value": {"type": "string", "enum": ["question", "review", "rating", "store"]}},
       "verified": {"operators": {"single": ["equals"]}, "value": {"type": "boolean"}}}
      """);

  static final Map<String, FieldRule> GET_FLOWS = table("""
      {"id": {"operators": {"list": ["any"]}, "value": {"type": "string"}},
       "name": {"operators": {"single": ["contains", "ends-with", "equals", "starts-with"]}, "value": {"type": "string"}},
       "status": {"operators": {"single": ["equals"]}, "value": {"type": "string"}},
       "archived": {"operators": {"single": ["equals"]}, "value": {"type": "boolean"}},
       "created": {"operators": {"single": ["equals", "greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "updated": {"operators": {"single": ["equals", "greater-or-equal", "greater-than", "less-or-equal", "less-than"]}, "value": {"type": "string", "format": "date-time"}},
       "trigger_type": {"operators": {"single": ["equals"]}, "value": {"type": "string", "enum": ["Metric", "Added to List", "Unconfigured", "Date Based", "Price Drop", "Low Inventory"]}}}
      """);

  private SpecTables() {}

  static Map<String, FieldRule> table(String json) {
    try {
      return FieldRule.tableFromSpec(new ObjectMapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
