package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"
)

// StatusOptions are the inputs of `auth status`.
type StatusOptions struct {
	Factory *Factory
	Globals *GlobalOptions
}

// NewCmdAuthStatus builds `auth status`; runF replaces statusRun in tests.
func NewCmdAuthStatus(f *Factory, g *GlobalOptions, runF func(context.Context, *StatusOptions) error) *cobra.Command {
	opts := &StatusOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use:  "status",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return statusRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.auth.status")
		c.Long = i18n.T("helplong.status.long", EnvAPIKey, EnvAPIURL) + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.status.exit_ok", EnvAPIKey)},
			exitMeaning{ExitFailed, i18n.T("helplong.status.exit_failed")},
			usageExit(), cancelExit())
	})
	return c
}

// profileStatus is what status found for one profile.
type profileStatus struct {
	name     string
	settings settings.Profile
	key      string
	err      error // from the keyring; nil when a key was found
}

func statusRun(ctx context.Context, opts *StatusOptions) error {
	f, g := opts.Factory, opts.Globals
	selected := SelectedProfile(f, g)
	if err := settings.CheckProfileName(selected); err != nil {
		return usageError(err)
	}
	cfg, path, err := f.LoadConfig()
	if err != nil {
		return err
	}
	names := cfg.Names()
	if !slices.Contains(names, selected) {
		names = append([]string{selected}, names...)
	}

	// One keyring lookup per profile; once the keyring has failed to answer,
	// asking again would only repeat the wait.
	store := f.Keyring()
	var keyringDown error
	rows := make([]profileStatus, 0, len(names))
	for _, name := range names {
		st := profileStatus{name: name, settings: cfg.Profiles[name]}
		if keyringDown != nil {
			st.err = keyringDown
		} else {
			st.key, st.err = store.Get(ctx, name)
			if errors.Is(st.err, context.Canceled) {
				return st.err
			}
			if st.err != nil && !errors.Is(st.err, keyring.ErrKeyNotFound) {
				keyringDown = st.err
			}
		}
		rows = append(rows, st)
	}

	out := f.IO.Out
	envKey := f.Getenv(EnvAPIKey)
	for _, st := range rows {
		writeProfileStatus(out, st, st.name == selected, envKey != "")
	}
	fmt.Fprintln(out)
	if envKey != "" {
		fmt.Fprintln(out, i18n.T("commands.status.env_key", EnvAPIKey, apiclient.MaskKey(envKey)))
	}
	if u := f.Getenv(EnvAPIURL); u != "" {
		fmt.Fprintln(out, i18n.T("commands.status.env_url", EnvAPIURL, apiclient.Sanitize(u)))
	}
	if keyringDown != nil {
		fmt.Fprintln(out, i18n.T("commands.status.keyring_down", keyring.Summary(keyringDown)+keyringCause(keyringDown)))
	} else {
		fmt.Fprintln(out, i18n.T("commands.status.keyring_ok", keyring.Service))
	}
	fmt.Fprintln(out, i18n.T("commands.status.settings", apiclient.Sanitize(path)))
	fmt.Fprintln(out, i18n.T("language.status.line", f.Language.Describe()))

	for _, st := range rows {
		if st.name == selected && st.err != nil && envKey == "" {
			// The lines above say why; the exit code (1) tells a script.
			t := &Target{Profile: selected, KeyErr: st.err}
			return matching(ErrReported, t.MissingKeyError())
		}
	}
	return nil
}

func writeProfileStatus(w io.Writer, st profileStatus, selected, envOverrides bool) {
	line := apiclient.Sanitize(st.name)
	if selected {
		line = i18n.T("commands.status.selected", line)
	}
	// Names come from the settings file, which a person may have edited:
	// shown as text, and a name no command accepts is said to be one.
	name := apiclient.Sanitize(st.name)
	if settings.CheckProfileName(st.name) != nil {
		line = i18n.T("commands.status.bad_name", line)
	}
	fmt.Fprintln(w, line)
	url := apiclient.Sanitize(st.settings.APIURL)
	if url == "" {
		url = i18n.T("commands.status.production", apiclient.DefaultBaseURL)
	}
	var key string
	switch {
	case st.err == nil && envOverrides:
		key = i18n.T("commands.status.key_overridden", apiclient.MaskKey(st.key), EnvAPIKey)
	case st.err == nil:
		key = i18n.T("commands.status.key_stored", apiclient.MaskKey(st.key))
	case errors.Is(st.err, keyring.ErrKeyNotFound):
		key = i18n.T("commands.status.key_none", "argos-migrate auth login --profile "+name)
	case keyring.Summary(st.err) != "":
		key = i18n.T("commands.status.key_unknown", keyring.Summary(st.err))
	default:
		key = i18n.T("commands.status.key_unknown", apiclient.Sanitize(i18n.Text(st.err)))
	}
	if envOverrides && st.err != nil {
		key = i18n.T("commands.status.key_env_used", key, EnvAPIKey)
	}
	rows := [][]string{{i18n.T("commands.status.label_url"), url}}
	if st.settings.Encrypted {
		rows = append(rows, []string{i18n.T("commands.status.label_bodies"), i18n.T("commands.status.encrypted")})
	}
	rows = append(rows, []string{i18n.T("commands.status.label_key"), key})
	writeColumns(w, "  ", 2, rows)
}

// keyringCause is the keyring's own words for a failure, " (…)", or "".
func keyringCause(err error) string {
	var ke *keyring.Error
	if errors.As(err, &ke) && ke.Err != nil {
		return " (" + apiclient.Sanitize(i18n.Text(ke.Err)) + ")"
	}
	return ""
}
