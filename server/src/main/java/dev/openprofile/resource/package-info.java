/**
 * The resource kit (DESIGN.md, "The long tail"): a plain resource is declared once as a
 * {@link dev.openprofile.resource.ResourceKind} (type, typed attributes, relationships, id scheme, table) and
 * the kit serves it: routes for the spec's operations, body validation with pointers, filters mapped from
 * the spec's {@code x-klaviyo-filters} onto real columns, keyset pages, sparse fieldsets, includes,
 * relationship endpoints, 404s, 409s on uniqueness and account isolation. The kit knows no feature; a
 * feature package holds its declaration and only the behaviour that is really its own.
 */
package dev.openprofile.resource;
