package dev.bulwark.gate;

import dev.bulwark.catalog.LicenseExpression;
import java.util.Optional;

/**
 * One component of the SBOM.
 *
 * @param purl its package URL, or its name when the SBOM gives none
 * @param licence its licence expression, empty when the SBOM declares none
 */
public record Component(String purl, Optional<LicenseExpression> licence) {}
