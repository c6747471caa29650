package forms

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// A placeholder is whole, or its first whole words and "…", in the room
// huh's input draws it in: a Korean one counted with the NULs bubbles'
// textinput pads wide runes with, so that the field never wraps it.
func TestFitPlaceholder(t *testing.T) {
	for _, tc := range []struct {
		s    string
		room int
		want string
	}{
		{"email of an admin registered on the project's dashboard", 60, "email of an admin registered on the project's dashboard"},
		{"email of an admin registered on the project's dashboard", 55, "email of an admin registered on the project's dashboard"},
		{"email of an admin registered on the project's dashboard", 54, "email of an admin registered on the project's …"},
		{"email of an admin registered on the project's dashboard", 50, "email of an admin registered on the project's …"},
		{"프로젝트 대시보드에 등록된 관리자의 이메일", 62, "프로젝트 대시보드에 등록된 관리자의 이메일"},
		{"프로젝트 대시보드에 등록된 관리자의 이메일", 53, "프로젝트 대시보드에 등록된 관리자의 …"},
		{"프로젝트 대시보드에 등록된 관리자의 이메일", 40, "프로젝트 대시보드에 등록된 …"},
	} {
		got := fitPlaceholder(tc.s, tc.room)
		if got != tc.want {
			t.Errorf("fitPlaceholder(%q, %d) = %q, want %q", tc.s, tc.room, got, tc.want)
		}
		if cost := 2*ansi.StringWidth(got) - utf8.RuneCountInString(got); cost > tc.room {
			t.Errorf("fitPlaceholder(%q, %d) = %q takes %d cells as drawn", tc.s, tc.room, got, cost)
		}
		if got != tc.s && !strings.HasSuffix(got, " …") {
			t.Errorf("fitPlaceholder(%q, %d) = %q: cut without a mark", tc.s, tc.room, got)
		}
	}
}
