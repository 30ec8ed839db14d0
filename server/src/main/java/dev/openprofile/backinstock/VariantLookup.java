package dev.openprofile.backinstock;

/**
 * Whether an account's catalog holds a variant. The catalogs feature supplies it (App); a subscription to a
 * variant the catalog does not hold is refused, as Klaviyo's back in stock works only on catalog variants.
 */
@FunctionalInterface
public interface VariantLookup {
    boolean exists(String accountId, String variantId);
}
