/**
 * Images (issue 15): the {@code image} declaration for the resource kit (reads, filters, sorts, update), the two
 * uploads (from a URL or data URI, from a multipart file) with their fetch, checks and storage, and the public
 * path that serves the stored bytes at each image's {@code image_url}.
 */
package dev.openprofile.images;
