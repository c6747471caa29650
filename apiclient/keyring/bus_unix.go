//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keyring

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/godbus/dbus/v5"

	"argos-migrate/apiclient/i18n"
)

// envBus is where D-Bus clients find the session bus.
const envBus = "DBUS_SESSION_BUS_ADDRESS"

// SessionBus finds the D-Bus session bus the Secret Service is reached
// through, or says there is none, without starting one. With no
// DBUS_SESSION_BUS_ADDRESS, godbus would run dbus-launch: a dbus-daemon that
// outlives the program with its whole environment, and a keyring call that
// then waits for a Secret Service that never comes. Instead a bus already
// running at $XDG_RUNTIME_DIR/bus or /run/user/<uid>/bus is used (named in
// DBUS_SESSION_BUS_ADDRESS, so that godbus never autolaunches), and with
// none the answer is "no OS keyring" at once.
func SessionBus() error {
	if a := os.Getenv(envBus); a != "" && a != "autolaunch:" {
		return nil
	}
	var places []string
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		places = append(places, filepath.Join(d, "bus"))
	}
	places = append(places, filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus"))
	for _, p := range places {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Type() == fs.ModeSocket {
			return os.Setenv(envBus, "unix:path="+dbus.EscapeBusAddressValue(p))
		}
	}
	return i18n.Errorf("keyring.error.no_bus_detail", errNoBus, envBus, places[0])
}

// errNoBus: there is no D-Bus session bus.
var errNoBus = i18n.Errorf("keyring.error.no_bus")
