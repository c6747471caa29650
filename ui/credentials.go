package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient/keyring"
)

// KeyFuncs are the wizard's reach into the keyring and the API for its key
// screen and the encryption switch. The caller implements them (over
// apiclient and the OS keyring); the wizard calls each one in a tea.Cmd,
// never in Update, and one at a time. Each Target returned replaces the one
// in the header.
type KeyFuncs struct {
	// Check asks the API whether it accepts key, creating nothing: nil when
	// it did, an error matching apiclient.ErrKeyRefused when it refused it,
	// any other error when it could not tell or the text is no key at all.
	Check func(ctx context.Context, key string) error
	// Store keeps key in the OS keyring for the profile, replacing any key
	// there, and makes the rest of the run use it.
	Store func(ctx context.Context, key string) (Target, error)
	// UseForSession makes the rest of the run use key without storing it.
	UseForSession func(ctx context.Context, key string) (Target, error)
	// SetEncrypted turns the encryption option on or off for the rest of
	// the run.
	SetEncrypted func(ctx context.Context, on bool) (Target, error)
	// KeyringErr is why the keyring gave no key at start (keyring.ErrNoKeyring,
	// ErrLocked, ErrTimeout), or nil; with ErrNoKeyring only UseForSession
	// is offered.
	KeyringErr error
	// ProfileURL is the API URL the profile sends to now. Store keeps the
	// key with the URL it was checked against (the target's), which becomes
	// the profile's: the key screen shows both when they differ.
	ProfileURL string
}

// canAskKey reports whether the key screen can do its work.
func (k KeyFuncs) canAskKey() bool {
	return k.Check != nil && k.UseForSession != nil
}

// keyCheckedMsg is the API's verdict on the key typed in attempt seq.
type keyCheckedMsg struct {
	seq int
	err error
}

// keySetMsg says that the key of attempt seq is in use (stored or for this
// session only), or why not.
type keySetMsg struct {
	seq    int
	stored bool
	target Target
	err    error
}

// keyringWaitMsg says that the keyring has been slow to answer attempt seq;
// done will carry the keySetMsg once it does.
type keyringWaitMsg struct {
	seq  int
	done <-chan keySetMsg
}

// encryptionSetMsg carries the header after the encryption switch.
type encryptionSetMsg struct {
	target Target
	err    error
}

// checkKeyCmd asks the API about key.
func checkKeyCmd(ctx context.Context, check func(context.Context, string) error, seq int, key string) tea.Cmd {
	return func() tea.Msg {
		return keyCheckedMsg{seq: seq, err: check(ctx, key)}
	}
}

// setKeyCmd stores key (or takes it for this session only). A keyring that
// has not answered after a second (usually waiting to be unlocked) is
// reported first with a keyringWaitMsg, so the screen can say why nothing
// happens; the keyring's own notice, not a timer here, decides when.
func setKeyCmd(ctx context.Context, k KeyFuncs, store bool, seq int, key string) tea.Cmd {
	return func() tea.Msg {
		slow := make(chan struct{}, 1)
		ctx := keyring.WithNotice(ctx, func(string) {
			select {
			case slow <- struct{}{}:
			default:
			}
		})
		done := make(chan keySetMsg, 1)
		go func() {
			var t Target
			var err error
			if store {
				t, err = k.Store(ctx, key)
			} else {
				t, err = k.UseForSession(ctx, key)
			}
			done <- keySetMsg{seq: seq, stored: store, target: t, err: err}
		}()
		select {
		case msg := <-done:
			return msg
		case <-slow:
			return keyringWaitMsg{seq: seq, done: done}
		}
	}
}

// waitKeySet waits for the answer of a slow keyring.
func waitKeySet(done <-chan keySetMsg) tea.Cmd {
	return func() tea.Msg { return <-done }
}

// setEncryptionCmd switches the encryption option.
func setEncryptionCmd(ctx context.Context, set func(context.Context, bool) (Target, error), on bool) tea.Cmd {
	return func() tea.Msg {
		t, err := set(ctx, on)
		return encryptionSetMsg{target: t, err: err}
	}
}
