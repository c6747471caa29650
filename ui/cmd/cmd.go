// Package cmd holds argos-migrate's cobra commands, built the way gh builds
// its own: each command has an Options struct, a NewCmdX constructor that
// only parses flags, and an xRun function that tests call without a terminal.
package cmd
