/**
 * Back in stock subscriptions: a profile asks to hear when a catalog variant is back, on some channels.
 * The client endpoint (create_client_back_in_stock_subscription) stores them; the catalogs feature will add
 * the server-side endpoint and check that the variant exists.
 */
package dev.openprofile.backinstock;
