/**
 * Back in stock subscriptions: a profile asks to hear when a catalog variant is back, on some channels.
 * create_back_in_stock_subscription (private key) and create_client_back_in_stock_subscription (public key) store
 * them with the "Subscribed to Back in Stock" event on the profile; the catalogs feature says which variants exist
 * ({@link dev.openprofile.backinstock.VariantLookup}).
 */
package dev.openprofile.backinstock;
