/**
 * What an operator configures for the read-only client endpoints, and those endpoints: an account's
 * geofences (get_client_geofences, for the mobile SDKs) and its integration-egress IP allow list
 * (get_client_ip_allowlist). Klaviyo fills both itself; here the operator sets them through /admin.
 */
package dev.openprofile.clientconfig;
