//go:build !unix

package batch

// noFollow is 0 where the platform has no O_NOFOLLOW (Windows): there
// openPrivate checks the path with Lstat before opening it instead.
const noFollow = 0

func isLoop(error) bool { return false }
