/**
 * Typed models of the custom resources Bulwark writes most (Argo CD, External Secrets): small
 * immutable records for the subset of each CRD that Bulwark fills, which check their required
 * fields when built and become the same plain maps the renderer serialises (see ADR 0016).
 */
package dev.bulwark.platform.kinds;
