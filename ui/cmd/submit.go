package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/settings"
)

// SubmitOptions are the inputs of `argos-migrate submit`.
type SubmitOptions struct {
	Factory *Factory
	Globals *GlobalOptions
	File    string
	JSON    bool
	DryRun  bool
	Reveal  bool // with DryRun: the body as sent, sensitive fields in clear
}

// NewCmdSubmit builds `submit`; runF replaces submitRun in tests.
func NewCmdSubmit(f *Factory, g *GlobalOptions, runF func(context.Context, *SubmitOptions) error) *cobra.Command {
	opts := &SubmitOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use: "submit --file PATH|-",
		Example: `  argos-migrate submit --file record.json
  argos-migrate submit --sandbox --file record.json --json
  cat record.json | argos-migrate submit --file -
  argos-migrate submit --file record.json --dry-run
  argos-migrate submit --sandbox --encrypted --file record.json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.File == "" {
				return usageErrorMsg("commands.submit.no_file")
			}
			if opts.Reveal && !opts.DryRun {
				return usageErrorMsg("cli.submit.reveal_alone")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return submitRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.submit.short")
		flagUsage(c, "file", i18n.T("help.submit.file"))
		flagUsage(c, "json", i18n.T("help.submit.json"))
		flagUsage(c, "dry-run", i18n.T("help.submit.dry_run"))
		flagUsage(c, "reveal", i18n.T("cli.submit.reveal"))
		c.Long = i18n.T("helplong.submit.long", EnvAPIKey, EnvProfile, settings.DefaultProfile) + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.submit.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("helplong.submit.exit_failed")},
			exitMeaning{ExitInvalid, i18n.T("helplong.submit.exit_invalid")},
			exitMeaning{ExitNetwork, i18n.T("helplong.submit.exit_network")},
			exitMeaning{ExitUnprinted, i18n.T("helplong.submit.exit_unprinted")},
			exitMeaning{ExitCancelled, i18n.T("helplong.submit.exit_cancelled")})
	})
	c.Flags().StringVarP(&opts.File, "file", "f", "", "")
	c.Flags().BoolVar(&opts.JSON, "json", false, "")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "")
	c.Flags().BoolVar(&opts.Reveal, "reveal", false, "")
	return c
}

func submitRun(ctx context.Context, opts *SubmitOptions) (err error) {
	f := opts.Factory
	var target *Target
	var id string
	var sub apiclient.Submission
	if opts.JSON {
		defer func() {
			f.jsonWritten = true
			if werr := writeJSONResult(f.IO.Out, id, sub, err); werr != nil {
				err = resultNotWritten(id, err, werr)
			}
		}()
	}
	// Every problem of the file at once: unknown keys and values that are
	// not text, and every field rule the rest breaks.
	sub, err = readRecord(ctx, f, opts.File)
	if err := apiclient.ValidateRead(sub, err, f.Now()); err != nil {
		return err
	}
	target, err = resolveTarget(ctx, f, opts.Globals, !opts.DryRun) // a dry run reads no keyring
	if err != nil {
		return err
	}
	defer target.Close()
	if opts.DryRun {
		// With --json no body or curl is printed, so nothing is said about
		// them: the run still checks that the body can be made (sealed,
		// when encrypted), and its answer is {"ok":true,"dryRun":true}.
		notes := f.IO.ErrOut
		if opts.JSON {
			notes = io.Discard
		}
		body, err := dryRunBody(notes, target, sub, opts.Reveal)
		if err != nil || opts.JSON {
			return err
		}
		if target.Sandbox {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.submit.sandbox_curl"))
		}
		_, err = fmt.Fprintln(f.IO.Out, CurlCommand(target.URL, body))
		return err
	}
	if target.Key == "" {
		return target.MissingKeyError()
	}
	client, err := target.Client(f, opts.Globals)
	if err != nil {
		return err
	}
	id, err = client.Submit(ctx, sub)
	if err != nil {
		return i18n.Errorf("commands.submit.sending", err)
	}
	if !opts.JSON {
		if f.IO.ErrTTY {
			fmt.Fprintln(f.IO.ErrOut, done(i18n.T("commands.submit.created", apiclient.Sanitize(sub.Email))))
		}
		return printIDs(f, id)
	}
	return nil
}

// resultNotWritten is the error of a run whose --json object could not be
// written: the created id, when there is one, goes to stderr (exit 4);
// otherwise the run's own failure stands, or the write's.
func resultNotWritten(id string, runErr, writeErr error) error {
	switch {
	case id != "":
		return &OutputError{IDs: []string{id}, Err: writeErr}
	case runErr != nil:
		return runErr
	}
	return i18n.Errorf("commands.submit.writing", writeErr)
}

// dryRunBody is the body a real submit would send. Plain, it is shown with
// the sensitive fields masked, as every screen shows them (the curl line
// lands in scrollback, tickets and shell history), and says so, unless
// reveal asks for the exact body. Encrypted, it depends on the key (ECB is
// deterministic: same key and record, same ciphertext), so it is sealed
// with the key this run would use, which is never printed; with no key
// there is nothing honest to show, and it says so. What it says about the
// body goes to notes.
func dryRunBody(notes io.Writer, target *Target, sub apiclient.Submission, reveal bool) ([]byte, error) {
	if !target.Encrypted && !reveal {
		if masked := sub.Masked(); masked != sub {
			fmt.Fprintln(notes, i18n.T("cli.submit.masked", glyphs.Current().Mask))
			return masked.Body()
		}
	}
	body, err := sub.Body()
	if err != nil || !target.Encrypted {
		return body, err
	}
	if target.Key == "" {
		return nil, matching(apiclient.ErrNoKey, i18n.Errorf("commands.submit.dry_run_no_key", EnvAPIKey))
	}
	sealed, err := apiclient.SealRequest(target.Key, body)
	if err != nil {
		return nil, i18n.Errorf("commands.submit.encrypting", err)
	}
	fmt.Fprintln(notes, i18n.T("commands.submit.encrypted_with", keySourceText(target.KeySource)))
	return sealed, nil
}

// CurlCommand is the curl equivalent of a submit, with the key left as a
// shell variable so it never lands in a terminal's scrollback or history.
func CurlCommand(baseURL string, body []byte) string {
	return strings.Join([]string{
		"curl --request POST " + shellWord(strings.TrimRight(baseURL, "/")+apiclient.MigrationPath),
		"  --header 'Content-Type: application/json'",
		`  --header "x-api-key: $` + EnvAPIKey + `"`,
		"  --data-raw " + shellWord(string(body)),
	}, " \\\n")
}

// jsonResult is the one object `submit --json` prints.
type jsonResult struct {
	OK           bool   `json:"ok"`
	SubmissionID string `json:"submissionId,omitempty"`
	DryRun       bool   `json:"dryRun,omitempty"`
	Code         string `json:"code,omitempty"`
	Message      string `json:"message,omitempty"` // short, plain English
	Detail       string `json:"detail,omitempty"`  // the raw error, cleaned and cut short, when it says more
	// Reason, Title, Outcome and Retryable are the failure policy's reading
	// of a failed send (apiclient.Classify), in English in every language.
	Reason    string `json:"reason,omitempty"`
	Title     string `json:"title,omitempty"`
	Outcome   string `json:"outcome,omitempty"` // not_sent, rejected or unknown
	Retryable *bool  `json:"retryable,omitempty"`
	// Field is the field to correct (the policy's: admin for invalid_admin,
	// the first empty required field for missing_data), else the field
	// the server named.
	Field        string                  `json:"field,omitempty"`
	Encryption   string                  `json:"encryption,omitempty"` // "turn_on" or "turn_off": the setting looks wrong
	Status       int                     `json:"status,omitempty"`
	RedirectedTo string                  `json:"redirectedTo,omitempty"`      // where a 3xx pointed (not followed)
	RetryAfter   int                     `json:"retryAfterSeconds,omitempty"` // how long a 429 asked to wait
	MaybeCreated *bool                   `json:"maybeCreated,omitempty"`
	Problems     []*apiclient.FieldError `json:"problems,omitempty"`
}

func writeJSONResult(w io.Writer, id string, rec apiclient.Submission, err error) error {
	res := jsonResult{OK: err == nil, SubmissionID: id, DryRun: err == nil && id == ""}
	if err != nil {
		res.Message, res.Detail = jsonMessage(err)
		maybe := apiclient.MaybeCreated(err)
		res.MaybeCreated = &maybe
		var apiErr *apiclient.APIError
		var ve *apiclient.ValidationError
		var redirect *apiclient.RedirectError
		if apiclient.SendFailed(err) {
			f := apiclient.Classify(err, rec)
			title, _ := f.English() // JSON reads the same in every language
			retry := f.Retryable()
			res.Reason, res.Title, res.Outcome, res.Retryable = string(f.Reason), title, string(f.Outcome), &retry
			res.Field = f.Field
			if res.Field == "" {
				res.Field = f.Named
			}
		}
		switch {
		case errors.As(err, &apiErr):
			res.Code, res.Status = apiErr.Code, apiErr.Status
			res.RetryAfter = int(apiErr.RetryAfter.Seconds())
			res.Encryption = apiErr.Encryption.String()
			if res.Code == "" {
				res.Code = "http_error"
			}
		case errors.As(err, &redirect):
			res.Code, res.Status, res.RedirectedTo = "redirect", redirect.Status, redirect.Target
		case errors.As(err, &ve):
			res.Code, res.Problems = "invalid_record", ve.Problems
			res.Field = ve.Problems[0].Field
		case errors.Is(err, apiclient.ErrInvalidPayload):
			res.Code = apiclient.CodeInvalidPayload
		case errors.Is(err, apiclient.ErrNoKey):
			res.Code = "no_api_key"
		case errors.Is(err, apiclient.ErrInvalidKey):
			res.Code = "invalid_api_key"
		case errors.Is(err, ErrUsage):
			res.Code = "usage"
		case errors.Is(err, context.Canceled), errors.Is(err, ErrCancelled):
			res.Code = "cancelled" // before network_error: a stopped send matches both (maybeCreated says which, and the exit code: 3 or 130)
		case errors.Is(err, apiclient.ErrNotSent), errors.Is(err, apiclient.ErrOutcomeUnknown):
			res.Code = "network_error"
		default:
			res.Code = "error"
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}
