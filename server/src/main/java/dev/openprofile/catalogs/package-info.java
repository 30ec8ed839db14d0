/**
 * Catalogs (issue 14): items, variants and categories declared for the resource kit ({@link
 * dev.openprofile.catalogs.CatalogKinds}), with Klaviyo's compound ids; the behaviour of their own (bulk jobs)
 * lives beside the declarations.
 */
package dev.openprofile.catalogs;
