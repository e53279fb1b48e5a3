package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.PolicyLevel;

/**
 * One environment of a tenant, resolved: its namespace, policy level, quota and whether it is
 * production (developers read-only there).
 */
public record EnvironmentModel(
    String name, String namespace, PolicyLevel policyLevel, QuotaModel quota, boolean production) {}
