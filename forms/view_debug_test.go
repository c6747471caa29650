package forms

import (
	"fmt"
	"os"
	"testing"

	"argos-migrate/apiclient"
)

func TestDebugViews(t *testing.T) {
	if os.Getenv("FORMS_DEBUG") == "" {
		t.Skip("set FORMS_DEBUG=1 to print the pages")
	}
	sub := apiclient.Submission{}
	h := newTestForm(t, &sub, Options{Notes: map[string]string{"admin": "invalid format: admin"}})
	fmt.Println(screen(h.f.View()))
	typeText(t, h, "ops@example.com")
	typeKeys(t, h, "enter")
	typeText(t, h, "홍길동")
	typeKeys(t, h, "enter")
	typeText(t, h, "a@b.co")
	typeKeys(t, h, "enter")
	typeText(t, h, "20230229")
	fmt.Println(screen(h.f.View()))
	typeKeys(t, h, "backspace")
	typeText(t, h, "8")
	typeKeys(t, h, "enter", "down", "enter")
	typeText(t, h, "kor")
	fmt.Println(screen(h.f.View()))
	typeKeys(t, h, "enter")
	fmt.Println(screen(h.f.View()))
	fmt.Printf("%+v\n", sub)
}
