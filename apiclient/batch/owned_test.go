package batch

import "testing"

func TestNumberedOf(t *testing.T) {
	for _, c := range []struct {
		p, path string
		want    bool
	}{
		{"/d/a.rejects-2.csv", "/d/a.rejects.csv", true},
		{"/d/a.rejects-17.csv", "/d/a.rejects.csv", true},
		{"/d/a.rejects.csv", "/d/a.rejects.csv", false},
		{"/d/a.rejects-1.csv", "/d/a.rejects.csv", false},
		{"/d/a.rejects-02.csv", "/d/a.rejects.csv", false},
		{"/d/a.rejects-x.csv", "/d/a.rejects.csv", false},
		{"/d/a.rejects--2.csv", "/d/a.rejects.csv", false},
		{"/e/a.rejects-2.csv", "/d/a.rejects.csv", false},
		{"/d/b.rejects-2.csv", "/d/a.rejects.csv", false},
		{"/d/a.rejects-2.tsv", "/d/a.rejects.csv", false},
	} {
		if got := NumberedOf(c.p, c.path); got != c.want {
			t.Errorf("NumberedOf(%q, %q) = %v, want %v", c.p, c.path, got, c.want)
		}
	}
}
