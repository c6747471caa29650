package apiclient

import (
	"strconv"
	"time"

	"argos-migrate/apiclient/i18n"
)

// monthIDs name the months, January first.
var monthIDs = [12]string{
	"dates.month.january", "dates.month.february", "dates.month.march", "dates.month.april",
	"dates.month.may", "dates.month.june", "dates.month.july", "dates.month.august",
	"dates.month.september", "dates.month.october", "dates.month.november", "dates.month.december",
}

// weekdayIDs name the days of the week, Sunday first (as time.Weekday).
var weekdayIDs = [7]string{
	"dates.weekday.sunday", "dates.weekday.monday", "dates.weekday.tuesday", "dates.weekday.wednesday",
	"dates.weekday.thursday", "dates.weekday.friday", "dates.weekday.saturday",
}

// monthName is the name of month m (1-12).
func monthName(m time.Month) text { return say(monthIDs[(int(m)+11)%12]) }

// SpellDate spells a date out in the run's language, so that a swapped
// month and day is easy to notice: "Friday, 8 November 2002",
// "2002년 11월 8일 금요일".
func SpellDate(t time.Time) string {
	return say("dates.spelled.long", say(weekdayIDs[t.Weekday()]), t.Day(), monthName(t.Month()),
		strconv.Itoa(t.Year())).in(i18n.Language())
}
