package batch

import (
	"fmt"
	"time"

	"argos-migrate/apiclient/i18n"
)

// Duration says how long something took or will take the way a person
// reads it, in the run's language: 2ms, 0.4s, 45s, 3m 20s, 1h 05m (in
// Korean 45초, 3분 20초, 1시간 05분). The import's summary, its progress
// lines and its screen all say times this way.
func Duration(d time.Duration) string {
	switch {
	case d < 0:
		d = 0
		fallthrough
	case d < 100*time.Millisecond:
		return i18n.T("batch.duration.ms", int(d.Round(time.Millisecond)/time.Millisecond))
	case d < time.Second:
		return i18n.T("batch.duration.tenths", d.Seconds())
	case d < time.Minute:
		return i18n.T("batch.duration.seconds", int(d.Round(time.Second).Seconds()))
	case d < time.Hour:
		d = d.Round(time.Second)
		return i18n.T("batch.duration.minutes", int(d.Minutes()), fmt.Sprintf("%02d", int(d.Seconds())%60))
	}
	d = d.Round(time.Minute)
	return i18n.T("batch.duration.hours", int(d.Hours()), fmt.Sprintf("%02d", int(d.Minutes())%60))
}
