// Package settings holds what argos-migrate keeps about the user that is not a
// secret and not a record: profiles and their API URLs (config.json), the
// folders for settings and state, and the owner-only, atomic way every file
// of the tool is written.
package settings
