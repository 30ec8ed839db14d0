/**
 * Tags and tag groups (issue 15): their declarations for the resource kit, the default group every account has,
 * Klaviyo's limits, and the links of tags to the lists, segments, campaigns and flows they label.
 */
package dev.openprofile.tags;
