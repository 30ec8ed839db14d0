/**
 * Klaviyo's Reporting API (issue 16): values and series reports of campaigns, flows, forms and segments, computed
 * on request from the recorded message and form events (a klaviyo-integration metric's events carrying
 * {@code $message} or a form id) and from the segments' membership history (V40). Nothing is stored here; the
 * decisions where Klaviyo's docs are silent are in docs/compatibility.md, "Reporting".
 */
package dev.openprofile.reporting;
