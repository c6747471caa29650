package cmd

import (
	"context"
	"fmt"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
)

// confirmQuestion is the question asked before sending: how many, where
// (in the words the wizard's header uses: LIVE, NOT ARGOS, LOCAL,
// SANDBOX, and the host), with which profile and key.
func confirmQuestion(t *Target, plan batch.Plan, sum batch.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s valid %s", commas(plan.Rows-plan.Invalid), pick(plan.Rows-plan.Invalid, "record", "records"))
	if sum.Refused() > 0 {
		fmt.Fprintf(&b, ", %s invalid", commas(sum.Refused()))
		if sum.Rejects != "" {
			fmt.Fprintf(&b, " (see %s)", apiclient.Sanitize(sum.Rejects))
		}
	}
	b.WriteString(".")
	if done := plan.Skip + plan.Changed; done > 0 {
		fmt.Fprintf(&b, " %s created in an earlier run (skipped).", commas(done))
	}
	if plan.LookUp > 0 {
		fmt.Fprintf(&b, " %s may exist from an earlier run: looked up before sending.", commas(plan.LookUp))
	}
	dest := apiclient.DestinationOf(t.URL, t.Sandbox)
	fmt.Fprintf(&b, " Send %s to %s %s (profile %s, key %s)? [y/N] ", plural(plan.ToSend(), "record", "records"),
		dest.Badge(), dest.Host, apiclient.Sanitize(t.Profile), apiclient.MaskKey(t.Key))
	return b.String()
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
		return usageErrorf("nothing was sent: sending %s needs a yes; run in a terminal to be asked, or add --yes",
			plural(plan.ToSend(), "record", "records"))
	}
	fmt.Fprint(f.IO.ErrOut, confirmQuestion(t, plan, sum))
	answer := make(chan string, 1)
	go func() { line, _ := readLine(f.IO.In); answer <- line }()
	select {
	case a := <-answer:
		switch strings.ToLower(strings.TrimSpace(a)) {
		case "y", "yes":
			return nil
		}
		fmt.Fprintln(f.IO.ErrOut, "Nothing was sent.")
		return fmt.Errorf("%w: not confirmed; nothing was sent", ErrCancelled)
	case <-ctx.Done():
		fmt.Fprintln(f.IO.ErrOut)
		return fmt.Errorf("%w: nothing was sent", ErrCancelled)
	}
}
