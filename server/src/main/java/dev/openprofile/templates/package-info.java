/**
 * Klaviyo's templates and universal content (issue 16): both declared on the resource kit ({@link
 * dev.openprofile.templates.TemplateKinds}), the editor-type rules in {@link dev.openprofile.templates.TemplateRules},
 * cloning and rendering in {@link dev.openprofile.templates.TemplateRoutes}, and the template language in {@link
 * dev.openprofile.templates.TemplateRenderer}, which campaign and flow sending reuse. Other features use {@link
 * dev.openprofile.templates.Templates}.
 */
package dev.openprofile.templates;
