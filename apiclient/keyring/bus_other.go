//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package keyring

// SessionBus: macOS's Keychain and Windows' Credential Manager need no
// session bus.
func SessionBus() error { return nil }
