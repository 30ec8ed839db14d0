/** Coupons and their codes (issue 15): declarations for the resource kit, and what codes do beyond it. */
package dev.openprofile.coupons;
