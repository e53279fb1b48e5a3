package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.PolicyLevel;

/** One environment of a tenant, resolved: its namespace, policy level and quota. */
public record EnvironmentModel(
    String name, String namespace, PolicyLevel policyLevel, QuotaModel quota) {}
