/**
 * Custom objects' definitions: data sources, object types, their schemas (draft, current, versions), source mappings
 * and schema relationships. The records ingested through them are the objectrecords feature's; it reads the current
 * definitions of a data source through {@link dev.openprofile.customobjects.CurrentMappings} and learns of an
 * activation through {@link dev.openprofile.customobjects.SchemaActivation}. App wires the feature through
 * {@link dev.openprofile.customobjects.CustomObjectDefinitions}; docs/compatibility.md, "Custom objects: definitions",
 * holds its decisions.
 */
package dev.openprofile.customobjects;
