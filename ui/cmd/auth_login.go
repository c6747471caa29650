package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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
		Use: "login",
		Example: `  argos-migrate auth login
  argos-migrate auth login --profile acme
  pass show argos/acme | argos-migrate auth login --profile acme
  argos-migrate auth login --profile local --api-url http://127.0.0.1:8080`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if g.Sandbox {
				return usageErrorMsg("commands.login.sandbox")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return loginRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.auth.login")
		c.Long = i18n.T("helplong.login.long") + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.login.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("helplong.login.exit_failed")},
			exitMeaning{ExitInvalid, i18n.T("helplong.login.exit_invalid")},
			cancelExit())
	})
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

	fmt.Fprintln(io.ErrOut, i18n.T("commands.login.checking", apiclient.DestinationOf(t.URL, false).Phrase()))
	var redirect *apiclient.RedirectError
	switch err := t.CheckKey(ctx, f, g, key); {
	case err == nil:
		fmt.Fprintln(io.ErrOut, done(i18n.T("commands.login.accepted")))
	case errors.Is(err, apiclient.ErrKeyRefused):
		return i18n.Errorf("commands.key.not_stored", err)
	case errors.As(err, &redirect):
		// Not the API: storing the key (and --api-url) would only keep a
		// wrong setting.
		return i18n.Errorf("commands.key.not_stored", redirect)
	case errors.Is(err, context.Canceled):
		return err
	default:
		fmt.Fprintln(io.ErrOut, i18n.T("commands.login.unchecked", apiclient.Sanitize(i18n.Text(err))))
	}

	was, err := t.StoreKey(ctx, f, key)
	if err != nil {
		return err
	}
	fmt.Fprintln(io.ErrOut, done(i18n.T("commands.login.stored", apiclient.MaskKey(key), profile)))
	if was != "" {
		fmt.Fprintln(io.ErrOut, "  "+i18n.T("commands.login.sends_to_was", profile, base.String(), apiclient.Sanitize(was)))
	} else {
		fmt.Fprintln(io.ErrOut, "  "+i18n.T("commands.login.sends_to", profile, base.String()))
	}
	if f.Getenv(EnvAPIKey) != "" {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.login.env_overrides", EnvAPIKey))
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
	key, err := whileNotCancelled(ctx, i18n.Msg("commands.login.key_stdin"), func() (string, error) { return readKeyFrom(io.In) })
	if err != nil {
		return "", err
	}
	if key == "" {
		return "", usageErrorMsg("commands.login.no_key")
	}
	return key, nil
}

// readKeyFrom reads a piped key, trimmed, refusing anything implausibly long.
func readKeyFrom(r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, apiclient.MaxKeyLen+64))
	if err != nil {
		return "", i18n.Errorf("commands.login.reading", err)
	}
	if len(data) > apiclient.MaxKeyLen+63 {
		return "", usageErrorMsg("commands.login.too_long")
	}
	return strings.TrimSpace(string(data)), nil
}

// promptKey asks for the key with a masked input on stderr, masked with •
// as the wizard's key screen is.
func promptKey(ctx context.Context, io *IOStreams, profile string) (string, error) {
	key, err := ui.AskSecret(ctx, ui.SecretPrompt{In: io.In, Out: io.ErrOut,
		Title:       i18n.T("commands.login.prompt", profile),
		Description: i18n.T("commands.login.prompt_hint"),
		Validate:    func(s string) error { return apiclient.CheckKeyText(strings.TrimSpace(s)) },
	})
	if errors.Is(err, ui.ErrPromptCancelled) {
		return "", ErrCancelled
	}
	if err != nil {
		return "", i18n.Errorf("commands.login.asking", err)
	}
	return key, nil
}
