package dev.parapet.core.model;

/** The identifying part of a resource, carried by findings and store rows. */
public record ResourceRef(Provider provider, String id, String type, String account, String region, String name) {
}
