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
)

// ImageOptions are the inputs of `argos-migrate image`.
type ImageOptions struct {
	Factory      *Factory
	Globals      *GlobalOptions
	SubmissionID string
	Admin        string
	IDType       string
	Front        string
	Back         string
	Selfie       string
	AddressProof string
	JSON         bool
	DryRun       bool
}

// imageFlags names the flag of each field of the image call, for messages
// (in every language: a problem's words go into --json too).
var imageFlags = map[string]string{
	apiclient.ImageFieldSubmissionID:    "--submission",
	apiclient.ImageFieldAdmin:           "--admin",
	apiclient.ImageFieldIDType:          "--id-type",
	string(apiclient.ImageIDFront):      "--id-front",
	string(apiclient.ImageIDBack):       "--id-back",
	string(apiclient.ImageSelfie):       "--selfie",
	string(apiclient.ImageAddressProof): "--address-proof",
	"":                                  "--id-front, --id-back, --selfie or --address-proof",
}

// NewCmdImage builds `image`; runF replaces imageRun in tests.
func NewCmdImage(f *Factory, g *GlobalOptions, runF func(context.Context, *ImageOptions) error) *cobra.Command {
	opts := &ImageOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		// Short: the command list lays every description out past the
		// longest usage; the flags and examples say the rest.
		Use: "image [--submission ID]",
		Example: `  argos-migrate image --submission "$id" --admin admin@sample.com \
      --id-type drivers_license --id-front front.jpg --id-back back.jpg --selfie selfie.png
  argos-migrate image --submission "$id" --admin admin@sample.com --address-proof bill.png --json
  argos-migrate image --submission "$id" --admin admin@sample.com --selfie selfie.png --dry-run
  argos-migrate image`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return imageRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.image.short")
		c.Example += "     # " + i18n.T("help.image.example_last")
		flagUsage(c, "submission", i18n.T("help.image.submission"))
		flagUsage(c, "admin", i18n.T("help.image.admin"))
		flagUsage(c, "id-type", i18n.T("help.image.id_type", idTypeValues()))
		flagUsage(c, "id-front", i18n.T("help.image.id_front"))
		flagUsage(c, "id-back", i18n.T("help.image.id_back"))
		flagUsage(c, "selfie", i18n.T("help.image.selfie"))
		flagUsage(c, "address-proof", i18n.T("help.image.address_proof"))
		flagUsage(c, "json", i18n.T("help.submit.json"))
		flagUsage(c, "dry-run", i18n.T("help.image.dry_run"))
		c.Long = i18n.T("helplong.image.long") + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.image.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("helplong.image.exit_failed")},
			exitMeaning{ExitInvalid, i18n.T("helplong.image.exit_invalid")},
			exitMeaning{ExitNetwork, i18n.T("helplong.image.exit_network")},
			exitMeaning{ExitCancelled, i18n.T("helplong.image.exit_cancelled")})
	})
	fl := c.Flags()
	fl.StringVar(&opts.SubmissionID, "submission", "", "")
	fl.StringVar(&opts.Admin, "admin", "", "")
	fl.StringVar(&opts.IDType, "id-type", "", "")
	fl.StringVar(&opts.Front, "id-front", "", "")
	fl.StringVar(&opts.Back, "id-back", "", "")
	fl.StringVar(&opts.Selfie, "selfie", "", "")
	fl.StringVar(&opts.AddressProof, "address-proof", "", "")
	fl.BoolVar(&opts.JSON, "json", false, "")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "")
	_ = c.RegisterFlagCompletionFunc("id-type", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return strings.Split(idTypeValues(), ", "), cobra.ShellCompDirectiveNoFileComp
	})
	for _, name := range []string{"id-front", "id-back", "selfie", "address-proof"} {
		_ = c.MarkFlagFilename(name, "jpg", "jpeg", "png")
	}
	return c
}

// ImageFlag is the flag of `image` that gives the image of kind k
// (--selfie): how the command line names an image the failure policy
// blames.
func ImageFlag(k apiclient.ImageKind) string { return imageFlags[string(k)] }

func idTypeValues() string {
	values := make([]string, len(apiclient.IDTypes))
	for i, o := range apiclient.IDTypes {
		values[i] = o.Value
	}
	return strings.Join(values, ", ")
}

// checkFlags refuses a call that names no admin, once the last success
// has filled what it could; nothing has been read or sent yet.
func (o *ImageOptions) checkFlags() error {
	if o.Admin == "" {
		return usageErrorMsg("commands.image.no_admin")
	}
	return nil
}

func (o *ImageOptions) paths() map[apiclient.ImageKind]string {
	return map[apiclient.ImageKind]string{
		apiclient.ImageIDFront: o.Front, apiclient.ImageIDBack: o.Back,
		apiclient.ImageSelfie: o.Selfie, apiclient.ImageAddressProof: o.AddressProof,
	}
}

func imageRun(ctx context.Context, opts *ImageOptions) (err error) {
	f := opts.Factory
	res := &imageResult{SubmissionID: opts.SubmissionID}
	if opts.JSON {
		defer func() { writeImageJSON(f.IO.Out, res, err); f.jsonWritten = true }()
	}
	last, err := opts.applyLastSuccess(ctx)
	if err != nil {
		return err
	}
	if err := opts.checkFlags(); err != nil {
		return err
	}
	res.SubmissionID = opts.SubmissionID
	u, err := apiclient.PrepareImages(opts.SubmissionID, opts.Admin, opts.IDType, opts.paths())
	if err != nil {
		return namedByFlags(err)
	}
	for _, w := range res.describe(u) {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.warning", w))
	}
	target, err := ResolveTargetContext(ctx, f, opts.Globals)
	if err != nil {
		return err
	}
	defer target.Close()
	last.noteURL(f, target.URL)
	if target.Encrypted {
		// The vendor documents secure data transmission for JSON bodies and
		// the image call as plain multipart: say so rather than guess.
		res.Encryption = "not_applied"
		why := i18n.Msg("commands.image.encrypted_profile", target.Profile)
		if target.EncryptedByFlag {
			why = i18n.Msg("commands.image.encrypted_flag")
		}
		note := i18n.T("commands.image.not_encrypted", why)
		if strings.HasPrefix(target.URL, "https://") {
			note = i18n.T("commands.image.not_encrypted_tls", why)
		}
		fmt.Fprintln(f.IO.ErrOut, note)
	}
	if opts.DryRun {
		res.DryRun = true
		if opts.JSON {
			return nil
		}
		if target.Sandbox {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.submit.sandbox_curl"))
		}
		_, err = fmt.Fprintln(f.IO.Out, ImageCurlCommand(target.URL, u))
		return err
	}
	if target.Sandbox {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.sandbox_empty"))
	}
	if target.Key == "" {
		return target.MissingKeyError()
	}
	client, err := target.Client(f, opts.Globals)
	if err != nil {
		return err
	}
	if f.IO.ErrTTY && !opts.JSON {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.sending", len(u.Parts()), apiclient.ByteSize(res.bytes), target.URL))
	}
	err = client.AttachImages(ctx, u)
	last.record(ctx, f, u, err)
	if err != nil {
		return namedByFlags(err)
	}
	if !opts.JSON {
		fmt.Fprintln(f.IO.ErrOut, done(i18n.T("commands.image.attached", res.list(), apiclient.Sanitize(u.SubmissionID))))
	}
	return nil
}

// namedByFlags names each problem of an *ImageCheckError by the flag that
// gave it, so the operator knows what to change.
func namedByFlags(err error) error {
	var ce *apiclient.ImageCheckError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			if flag, ok := imageFlags[p.Field]; ok && p.Source == "" {
				p.Source = flag
			}
		}
	}
	return err
}

// ImageCurlCommand is the curl equivalent of an image call, with the key
// left as a shell variable and each image elided: the command shows what
// is sent, never the images themselves (they can be megabytes of personal
// data).
func ImageCurlCommand(baseURL string, u apiclient.ImageUpload) string {
	lines := []string{
		"curl --request PUT " + shellWord(strings.TrimRight(baseURL, "/")+apiclient.ImagePath),
		`  --header "x-api-key: $` + EnvAPIKey + `"`,
		"  " + formArg(apiclient.ImageFieldSubmissionID, u.SubmissionID),
		"  " + formArg(apiclient.ImageFieldAdmin, u.Admin),
	}
	if u.IDType != "" {
		lines = append(lines, "  "+formArg(apiclient.ImageFieldIDType, u.IDType))
	}
	for _, p := range u.Parts() {
		elided := fmt.Sprintf("%s=<base64 of %s, %s>", p.Kind, p.File.Name(), apiclient.ByteSize(p.File.Size))
		lines = append(lines, "  -F "+shellWord(elided))
	}
	return strings.Join(lines, " \\\n")
}

// formArg is curl's form field for a text value: -F, or --form-string when
// curl would read the value as something else (a leading @ or < names a
// file; ; and " start options).
func formArg(name, value string) string {
	if strings.HasPrefix(value, "@") || strings.HasPrefix(value, "<") || strings.ContainsAny(value, `;"`) {
		return "--form-string " + shellWord(name+"="+value)
	}
	return "-F " + shellWord(name+"="+value)
}

// imageResult is what `image` reports: the one JSON object of --json, and
// the words of the success line.
type imageResult struct {
	OK           bool        `json:"ok"`
	SubmissionID string      `json:"submissionId,omitempty"`
	DryRun       bool        `json:"dryRun,omitempty"`
	IDType       string      `json:"idType,omitempty"`
	Images       []imageInfo `json:"images,omitempty"`
	Warnings     []string    `json:"warnings,omitempty"`
	// Encryption is "not_applied" when the profile has secure data
	// transmission on: the image call was (or would be) sent plain.
	Encryption string `json:"encryption,omitempty"`
	Code       string `json:"code,omitempty"`
	Title      string `json:"title,omitempty"`
	Message    string `json:"message,omitempty"` // short, plain English
	Detail     string `json:"detail,omitempty"`  // the raw error, cleaned and cut short, when it says more
	Field      string `json:"field,omitempty"`
	// Image is the image the failure points at (the policy's
	// Failure.Image): idImage, idBackImage, selfieImage or addressImage.
	Image  string `json:"image,omitempty"`
	Status int    `json:"status,omitempty"`
	// RedirectedTo is where a 3xx pointed (scheme and host; not followed).
	RedirectedTo string `json:"redirectedTo,omitempty"`
	// MaybeAttached and Retryable are the failure policy's reading.
	MaybeAttached *bool                     `json:"maybeAttached,omitempty"`
	Retryable     *bool                     `json:"retryable,omitempty"`
	Problems      []*apiclient.ImageProblem `json:"problems,omitempty"`
	bytes         int64
}

// imageInfo describes one image as sent: never its bytes.
type imageInfo struct {
	Field string `json:"field"`
	File  string `json:"file"`
	Type  string `json:"type"`
	Bytes int64  `json:"bytes"`
}

// describe fills r from u, its warnings in English (JSON reads the same in
// every language), and returns the warnings in the run's language.
func (r *imageResult) describe(u apiclient.ImageUpload) (warnings []string) {
	r.IDType = u.IDType
	for _, p := range u.Parts() {
		r.Images = append(r.Images, imageInfo{Field: string(p.Kind), File: apiclient.Sanitize(p.File.Path), Type: p.File.Type, Bytes: p.File.Size})
		r.bytes += p.File.Size
		if p.File.Large() {
			args := []any{imageFlags[string(p.Kind)], p.File.Name(), apiclient.ByteSize(p.File.Size), apiclient.ByteSize(apiclient.LargeImageBytes)}
			r.Warnings = append(r.Warnings, i18n.English("commands.image.large", args...))
			warnings = append(warnings, i18n.T("commands.image.large", args...))
		}
	}
	return warnings
}

// list names the images sent: "the front of the ID (front.jpg) and the
// selfie (me.png)".
func (r *imageResult) list() string {
	parts := make([]string, len(r.Images))
	for i, img := range r.Images {
		parts[i] = i18n.T("commands.image.item", apiclient.LowerFirst(apiclient.ImageKind(img.Field).Label()), apiclient.Sanitize(baseName(img.File)))
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return i18n.T("commands.image.list_and", strings.Join(parts[:len(parts)-1], ", "), parts[len(parts)-1])
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// writeImageJSON prints the one object of `image --json`; failures are read
// through the failure policy.
func writeImageJSON(w io.Writer, res *imageResult, err error) {
	res.OK = err == nil
	if err != nil {
		res.Message, res.Detail = jsonMessage(err)
		var ce *apiclient.ImageCheckError
		var ie *apiclient.ImageError
		switch {
		case errors.As(err, &ce):
			res.Code, res.Problems = "invalid_images", ce.Problems
			res.Field = ce.Problems[0].Field
		case errors.As(err, &ie):
			f := apiclient.Classify(err, apiclient.Submission{})
			title, _ := f.English() // JSON reads the same in every language
			res.Code, res.Title, res.Field, res.Image, res.Status = f.Code, title, f.Field, string(f.Image), f.Status
			if res.Code == "" {
				res.Code = string(f.Reason)
			}
			var redirect *apiclient.RedirectError
			if errors.As(err, &redirect) {
				res.RedirectedTo = redirect.Target
			}
			maybe, retry := f.MayExist(), f.Retryable()
			res.MaybeAttached, res.Retryable = &maybe, &retry
		case errors.Is(err, apiclient.ErrNoKey):
			res.Code = "no_api_key"
		case errors.Is(err, ErrUsage):
			res.Code = "usage"
		case errors.Is(err, context.Canceled):
			res.Code = "cancelled"
		default:
			res.Code = "error"
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(res)
}
