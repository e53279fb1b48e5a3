package dev.bulwark.cli.catalog;

/** How the catalogue commands print: a table for people, JSON for tools. */
public enum OutputFormat {
  TABLE,
  JSON
}
