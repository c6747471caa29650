package cmd

import (
	"context"
	"fmt"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
)

// confirmQuestion is the question asked before sending: how many, where
// (in the words the wizard's header uses: LIVE, NOT ARGOS, LOCAL,
// SANDBOX, and the host), with which profile and key.
func confirmQuestion(t *Target, plan batch.Plan, sum batch.Summary) string {
	var b strings.Builder
	valid := plan.Rows - plan.Invalid
	switch {
	case sum.Refused() == 0:
		b.WriteString(i18n.T("import.confirm.valid", valid))
	case sum.Rejects == "":
		b.WriteString(i18n.T("import.confirm.valid_invalid", valid, sum.Refused()))
	default:
		b.WriteString(i18n.T("import.confirm.valid_invalid_see", valid, sum.Refused(), apiclient.Sanitize(sum.Rejects)))
	}
	if done := plan.Skip + plan.Changed; done > 0 {
		b.WriteString(i18n.T("import.confirm.skipped", done))
	}
	if plan.LookUp > 0 {
		b.WriteString(i18n.T("import.confirm.look_up", plan.LookUp))
	}
	if plan.ImageFiles > 0 {
		b.WriteString(i18n.T("import.images.confirm", plan.ImageFiles, apiclient.ByteSize(plan.ImageBytes)))
	}
	dest := apiclient.DestinationOf(t.URL, t.Sandbox)
	question := "import.confirm.question"
	if plan.ToSend() == 0 {
		question = "import.images.question" // only images of records created earlier
	}
	b.WriteString(i18n.T(question, max(plan.ToSend(), plan.Images), dest.Badge(), dest.Host,
		apiclient.Sanitize(t.Profile), apiclient.MaskKey(t.Key)))
	return b.String()
}

// isYes reports whether an answer to the question is yes: y or yes, or
// 예 or 네, in any language and any case.
func isYes(answer string) bool {
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes", "예", "네":
		return true
	}
	return false
}

// confirmSend asks on the terminal before sending. --yes answers for
// scripts; without a terminal and without --yes it refuses, sending
// nothing (exit 2).
func confirmSend(ctx context.Context, opts *ImportOptions, t *Target, plan batch.Plan, sum batch.Summary) error {
	f := opts.Factory
	if opts.Yes {
		return nil
	}
	if !f.IO.InTTY || !f.IO.ErrTTY {
		if plan.ToSend() == 0 {
			return usageError(i18n.Err("import.images.no_terminal", plan.Images))
		}
		return usageError(i18n.Err("import.confirm.no_terminal", plan.ToSend()))
	}
	fmt.Fprint(f.IO.ErrOut, confirmQuestion(t, plan, sum))
	answer := make(chan string, 1)
	go func() { line, _ := readLine(f.IO.In); answer <- line }()
	select {
	case a := <-answer:
		if isYes(a) {
			return nil
		}
		// The error says nothing was sent: said once, not twice.
		return i18n.Err("import.confirm.not_confirmed", ErrCancelled)
	case <-ctx.Done():
		fmt.Fprintln(f.IO.ErrOut)
		return i18n.Err("import.confirm.interrupted", ErrCancelled)
	}
}
