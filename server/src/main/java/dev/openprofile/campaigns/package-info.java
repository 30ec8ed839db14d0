/**
 * Klaviyo's campaigns and their messages (issue 16): declared on the resource kit, written with their messages in one
 * transaction, cloned, given templates and images, and labelled by tags. Sending is not here yet.
 */
package dev.openprofile.campaigns;
