/**
 * Obtaining the catalogue's pinned upstream archives the way a user's machine would (Helm
 * repositories, OCI registries, release manifests, Git tags, or a local mirror), checking their
 * digests, caching them, and extracting the CustomResourceDefinitions they install. See ADR 0013.
 */
package dev.bulwark.catalog.charts;
