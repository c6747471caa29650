package cmd

import "argos-migrate/apiclient/i18n/glyphs"

// done is a line that reports something done, after the run's check mark
// (✓, or v with --ascii): the mark is drawn, not part of the message.
func done(line string) string { return glyphs.Current().Check + " " + line }

// failed is a line that reports something that failed, after the run's
// cross (✗, or x with --ascii).
func failed(line string) string { return glyphs.Current().Cross + " " + line }
