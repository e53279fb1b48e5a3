package dev.bulwark.policy.library;

/** A named CEL expression, available to later expressions as {@code variables.<name>}. */
public record Variable(String name, String expression) {}
