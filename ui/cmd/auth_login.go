package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/settings"
	"argos-migrate/ui"
)

// LoginOptions are the inputs of `auth login`.
type LoginOptions struct {
	Factory *Factory
	Globals *GlobalOptions
	// Prompt asks for the key on a terminal, masked; nil means promptKey
	// (ui.AskSecret, masked with •).
	Prompt func(ctx context.Context, io *IOStreams, profile string) (string, error)
}

// NewCmdAuthLogin builds `auth login`; runF replaces loginRun in tests.
func NewCmdAuthLogin(f *Factory, g *GlobalOptions, runF func(context.Context, *LoginOptions) error) *cobra.Command {
	opts := &LoginOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use:   "login",
		Short: "Store an API key in the OS keyring for a profile",
		Long: `Ask for the project's API key (masked) and store it in the OS keyring for the profile.
When standard input is not a terminal, the key is read from it instead (trimmed), so a
password manager can pipe it in. There is no flag for the key: a key on the command line
would land in the shell history and in ps.

Before storing, the key is checked against the API with an empty record, which the server
refuses without creating anything. A refused key is not stored. When the API cannot be
reached, the key is stored anyway and the command says it was not checked.

--api-url saves the profile's API URL (another region, or a local sandbox).

` + exitCodesHelp(
			exitMeaning{ExitOK, "the key is stored (checked, or said to be unchecked)"},
			exitMeaning{ExitFailed, "the API refused the key, or the OS keyring failed; nothing was stored"},
			exitMeaning{ExitInvalid, "no key on standard input, a key that cannot be one, or usage; nothing was stored"},
			cancelExit),
		Example: `  argos-migrate auth login
  argos-migrate auth login --profile acme
  pass show argos/acme | argos-migrate auth login --profile acme
  argos-migrate auth login --profile local --api-url http://127.0.0.1:8080`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if g.Sandbox {
				return usageErrorf("--sandbox needs no key; auth login is for a real API")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return loginRun(c.Context(), opts)
		},
	}
	return c
}

func loginRun(ctx context.Context, opts *LoginOptions) error {
	f, g := opts.Factory, opts.Globals
	io := f.IO
	profile := SelectedProfile(f, g)
	if err := settings.CheckProfileName(profile); err != nil {
		return usageError(err)
	}
	cfg, _, err := f.LoadConfig()
	if err != nil {
		return err
	}
	t := &Target{Profile: profile, Encrypted: cfg.Profiles[profile].Encrypted}
	t.URL, t.URLSource = resolveURL(f, g, cfg.Profiles[profile])
	base, err := apiclient.ParseBaseURL(t.URL)
	if err != nil {
		return usageError(err)
	}
	t.URL = base.String()

	key, err := readKey(ctx, opts, profile)
	if err != nil {
		return err
	}
	if err := apiclient.CheckKeyText(key); err != nil {
		return usageError(err)
	}

	fmt.Fprintf(io.ErrOut, "Checking the key with %s…\n", apiclient.DestinationOf(t.URL, false).Phrase())
	var redirect *apiclient.RedirectError
	switch err := t.CheckKey(ctx, f, g, key); {
	case err == nil:
		fmt.Fprintln(io.ErrOut, "✓ The API accepted the key.")
	case errors.Is(err, apiclient.ErrKeyRefused):
		return fmt.Errorf("the key was not stored: %w", err)
	case errors.As(err, &redirect):
		// Not the API: storing the key (and --api-url) would only keep a
		// wrong setting.
		return fmt.Errorf("the key was not stored: %w", redirect)
	case errors.Is(err, context.Canceled):
		return err
	default:
		fmt.Fprintf(io.ErrOut, "! The key could not be checked (%s).\n  Storing it anyway: it was NOT checked; the first submit will tell.\n",
			apiclient.Sanitize(err.Error()))
	}

	was, err := t.StoreKey(ctx, f, key)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.ErrOut, "✓ Stored the key (%s) for profile %q in the OS keyring.\n", apiclient.MaskKey(key), profile)
	fmt.Fprintf(io.ErrOut, "  Profile %q sends to %s%s.\n", profile, base, urlWas(was))
	if f.Getenv(EnvAPIKey) != "" {
		fmt.Fprintf(io.ErrOut, "! %s is set: while it is, it is used instead of the stored key.\n", EnvAPIKey)
	}
	return nil
}

// readKey prompts on a terminal and reads standard input otherwise.
func readKey(ctx context.Context, opts *LoginOptions, profile string) (string, error) {
	io := opts.Factory.IO
	if io.InTTY {
		prompt := opts.Prompt
		if prompt == nil {
			prompt = promptKey
		}
		key, err := prompt(ctx, io, profile)
		return strings.TrimSpace(key), err
	}
	key, err := whileNotCancelled(ctx, "the key on standard input", func() (string, error) { return readKeyFrom(io.In) })
	if err != nil {
		return "", err
	}
	if key == "" {
		return "", usageErrorf("no key on standard input (pipe it in, or run auth login in a terminal)")
	}
	return key, nil
}

// readKeyFrom reads a piped key, trimmed, refusing anything implausibly long.
func readKeyFrom(r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, apiclient.MaxKeyLen+64))
	if err != nil {
		return "", fmt.Errorf("reading the key from standard input: %w", err)
	}
	if len(data) > apiclient.MaxKeyLen+63 {
		return "", usageErrorf("standard input holds more than an API key")
	}
	return strings.TrimSpace(string(data)), nil
}

// promptKey asks for the key with a masked input on stderr, masked with •
// as the wizard's key screen is.
func promptKey(ctx context.Context, io *IOStreams, profile string) (string, error) {
	key, err := ui.AskSecret(ctx, ui.SecretPrompt{In: io.In, Out: io.ErrOut,
		Title:       fmt.Sprintf("API key for profile %q", profile),
		Description: "From the project's settings on the ARGOS dashboard. It goes to the OS keyring only.",
		Validate:    func(s string) error { return apiclient.CheckKeyText(strings.TrimSpace(s)) },
	})
	if errors.Is(err, ui.ErrPromptCancelled) {
		return "", ErrCancelled
	}
	if err != nil {
		return "", fmt.Errorf("asking for the key: %w", err)
	}
	return key, nil
}
