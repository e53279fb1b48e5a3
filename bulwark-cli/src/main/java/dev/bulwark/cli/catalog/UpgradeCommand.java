package dev.bulwark.cli.catalog;

import picocli.CommandLine.Command;

/** {@code bulwark upgrade}: groups the upgrade subcommands. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description = "Plan upgrades of the platform's components and of Kubernetes.",
    subcommands = {UpgradePlanCommand.class})
public final class UpgradeCommand {}
