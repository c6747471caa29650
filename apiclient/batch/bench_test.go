package batch

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"sync"
	"testing"

	"argos-migrate/apiclient/batch/batchtest"
)

var (
	bench100k     []byte
	bench100kOnce sync.Once
)

// export100k is a 100,000-row vendor export (about 20 MB), made once.
func export100k(tb testing.TB) []byte {
	bench100kOnce.Do(func() {
		var b bytes.Buffer
		if err := batchtest.WriteCSV(&b, 100000, 1); err != nil {
			tb.Fatal(err)
		}
		bench100k = b.Bytes()
	})
	return bench100k
}

func benchMapper(tb testing.TB) *Mapper {
	m, err := ParseMapping([]byte(batchtest.Mapping), false)
	if err != nil {
		tb.Fatal(err)
	}
	return newMapper(tb, m)
}

// BenchmarkPreflight: the whole --dry-run path on 100,000 rows: read,
// decode, map (value maps, three date layouts), check by the rulebook,
// look for repeats, write the rejects file (0.2% of the rows).
func BenchmarkPreflight(b *testing.B) {
	in := export100k(b)
	dir := b.TempDir()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		rd, err := Open(bytes.NewReader(in), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		p := &Preflight{Reader: rd, Mapper: benchMapper(b), Checker: NewChecker(today), RejectsPath: filepath.Join(dir, "r.csv")}
		sum, err := p.Run(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if sum.Total != 100000 || sum.Invalid != 100000/batchtest.InvalidEvery || sum.Repeated != 100000/batchtest.RepeatEvery {
			b.Fatalf("summary %+v", sum)
		}
		rows += sum.Total
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRead is the reading alone, to see what the rest costs.
func BenchmarkRead(b *testing.B) {
	in := export100k(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		rd, _ := Open(bytes.NewReader(in), ReadOptions{})
		var row Row
		for rd.Next(&row) == nil {
		}
		rows += rd.Rows()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadMap adds the mapping, without the rulebook.
func BenchmarkReadMap(b *testing.B) {
	in := export100k(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		rd, _ := Open(bytes.NewReader(in), ReadOptions{})
		mp := benchMapper(b)
		var row Row
		for {
			if err := rd.Next(&row); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			if _, err := mp.Map(&row, rd.Columns()); err != nil {
				b.Fatal(err)
			}
		}
		rows += rd.Rows()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
