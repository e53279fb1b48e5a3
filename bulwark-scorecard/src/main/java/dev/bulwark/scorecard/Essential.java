package dev.bulwark.scorecard;

/**
 * One thing a production platform needs (ADR 0031): ingress, TLS, backups, network policies, ...
 *
 * @param id stable, lower-case, dash-separated; used in JSON, JUnit case names and metric labels
 * @param category the category it counts towards
 * @param title what a person reads
 */
public record Essential(String id, Category category, String title) {}
