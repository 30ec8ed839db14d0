/**
 * Forms (issue 17): forms and their versions, declared for the resource kit, with what is their own: a create whose
 * definition is held against the spec's schema and makes one version per entry of its {@code versions}, and
 * get_form, which shows the definition the list leaves out. Forms are never shown on a site (docs/compatibility.md).
 */
package dev.openprofile.forms;
