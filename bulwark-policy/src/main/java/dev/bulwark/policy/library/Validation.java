package dev.bulwark.policy.library;

/**
 * One CEL check of a policy, shaped like a ValidatingAdmissionPolicy validation: the expression
 * must be true for the object to pass.
 *
 * @param expression CEL that evaluates to a boolean
 * @param message static message shown when the expression is false
 * @param messageExpression optional CEL that evaluates to a string, preferred over the message
 */
public record Validation(String expression, String message, String messageExpression) {}
