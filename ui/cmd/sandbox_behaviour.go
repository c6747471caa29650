package cmd

import (
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/sandbox"
)

// SandboxBehaviour is how the sandbox plays a server under load and faults:
// the flags of `argos-migrate sandbox`, also read from $ARGOS_SANDBOX_FLAGS
// for the in-process sandbox of --sandbox. See sandbox.Options.
type SandboxBehaviour struct {
	Latency       time.Duration
	RateLimit     int
	FailRate      float64
	Seed          uint64
	Log           string
	MaxRecords    int
	MaxImageBytes int64
}

// maxImageCap keeps the image call's whole-body cap (six images' worth)
// far from overflowing.
const maxImageCap = 1 << 30

func (b *SandboxBehaviour) addFlags(c *cobra.Command) {
	fs := c.Flags()
	fs.DurationVar(&b.Latency, "latency", 0, "")
	fs.IntVar(&b.RateLimit, "rate-limit", 0, "")
	fs.Float64Var(&b.FailRate, "fail-rate", 0, "")
	fs.Uint64Var(&b.Seed, "seed", 1, "")
	fs.StringVar(&b.Log, "log", "", "")
	fs.IntVar(&b.MaxRecords, "max-records", 0, "")
	fs.Int64Var(&b.MaxImageBytes, "max-image-bytes", sandbox.DefaultMaxImageBytes, "")
}

// behaviourUsage writes the usage of the behaviour flags, with the help of
// the sandbox command.
func behaviourUsage(c *cobra.Command) {
	flagUsage(c, "latency", i18n.T("help.sandbox.latency"))
	flagUsage(c, "rate-limit", i18n.T("help.sandbox.rate_limit"))
	flagUsage(c, "fail-rate", i18n.T("help.sandbox.fail_rate"))
	flagUsage(c, "seed", i18n.T("help.sandbox.seed"))
	flagUsage(c, "log", i18n.T("help.sandbox.log"))
	flagUsage(c, "max-records", i18n.T("help.sandbox.max_records"))
	flagUsage(c, "max-image-bytes", i18n.T("help.sandbox.max_image_bytes"))
}

// check refuses values the sandbox cannot play; prefix names where the flag
// came from ("--", or "$ARGOS_SANDBOX_FLAGS: --").
func (b *SandboxBehaviour) check(prefix string) error {
	switch {
	case b.Latency < 0:
		return usageErrorMsg("commands.sandbox.latency", prefix+"latency")
	case b.RateLimit < 0:
		return usageErrorMsg("commands.sandbox.rate_limit", prefix+"rate-limit")
	case !(b.FailRate >= 0 && b.FailRate <= 1): // NaN too
		return usageErrorMsg("commands.sandbox.fail_rate", prefix+"fail-rate")
	case b.MaxRecords < 0:
		return usageErrorMsg("commands.sandbox.max_records", prefix+"max-records")
	case b.MaxImageBytes < 1 || b.MaxImageBytes > maxImageCap:
		return usageErrorMsg("commands.sandbox.max_image_bytes", prefix+"max-image-bytes", strconv.Itoa(maxImageCap))
	}
	return nil
}

// String says in a few words what the sandbox plays beyond the contract,
// in the run's language, or "" when nothing.
func (b SandboxBehaviour) String() string {
	var parts []string
	if b.Latency > 0 {
		parts = append(parts, i18n.T("commands.sandbox.plays_latency", b.Latency.String()))
	}
	if b.RateLimit > 0 {
		parts = append(parts, i18n.T("commands.sandbox.plays_rate_limit", b.RateLimit))
	}
	if b.FailRate > 0 {
		parts = append(parts, i18n.T("commands.sandbox.plays_fail_rate", strconv.FormatFloat(b.FailRate*100, 'g', -1, 64), strconv.FormatUint(b.Seed, 10)))
	}
	if b.MaxRecords > 0 {
		parts = append(parts, i18n.T("commands.sandbox.plays_max_records", b.MaxRecords))
	}
	if b.MaxImageBytes != sandbox.DefaultMaxImageBytes {
		parts = append(parts, i18n.T("commands.sandbox.plays_max_image_bytes", b.MaxImageBytes))
	}
	if b.Log != "" {
		parts = append(parts, i18n.T("commands.sandbox.plays_log", b.Log))
	}
	return strings.Join(parts, ", ")
}
