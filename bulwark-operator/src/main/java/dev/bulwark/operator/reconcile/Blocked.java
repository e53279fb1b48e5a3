package dev.bulwark.operator.reconcile;

/**
 * Why a resource cannot be reconciled yet: nothing is applied or pruned, and the status says why.
 *
 * @param reason the CamelCase condition reason
 * @param message what is missing or wrong, naming the object
 * @param degraded true for a spec error the user must fix, false for something that will come by
 *     itself
 */
public record Blocked(String reason, String message, boolean degraded) {}
