package dev.coreoswatch.cli;

import picocli.CommandLine.Command;

/** The top-level command; it only groups the subcommands. */
@Command(
        name = "coreos-watch",
        mixinStandardHelpOptions = true,
        version = "coreos-watch 0.1.0",
        description = "Decides, per Fedora CoreOS stream, whether a CoreOS + ZFS image must be built.",
        subcommands = {CheckCommand.class, StatusCommand.class, ReplayCommand.class, ReleaseHoldCommand.class})
public final class CoreosWatchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
