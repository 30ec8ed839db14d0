/**
 * The settings of an account that its operator changes, outside Klaviyo's API: the admin routes
 * ({@code /admin/accounts}) and the rules they share with {@code openprofile accounts}. The account
 * table itself belongs to {@code auth}; the behaviour a setting selects belongs to its feature
 * ({@code unsubscribe_scope}: consent).
 */
package dev.openprofile.accounts;
