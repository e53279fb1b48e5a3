package dev.bulwark.catalog.upgrade;

import dev.bulwark.catalog.Version;

/**
 * What one catalogue release installs of a component.
 *
 * @param appVersion the upstream application version
 * @param sourceVersion the version of the source that installs it (chart version, Git tag)
 */
public record ReleasePin(Version appVersion, String sourceVersion) {}
