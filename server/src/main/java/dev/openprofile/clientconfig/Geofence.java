package dev.openprofile.clientconfig;

/** A circle on the map: its centre and its radius in metres. */
public record Geofence(String id, double latitude, double longitude, double radius) {}
