package ui

import (
	"context"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
)

// draftLast is the record the benchmarks' images are for.
var draftLast = *goldenPending()

// bigPickerDir is a folder of 5,000 scans, the most one listing keeps.
func bigPickerDir() apiclient.ImageDir {
	d := apiclient.ImageDir{Path: "/home/agent/exports/2026-11"}
	for i := range 5000 {
		d.Entries = append(d.Entries, apiclient.ImageDirEntry{Name: fmt.Sprintf("scan-%05d-selfie.png", i), Size: int64(200_000 + i)})
	}
	return d
}

// BenchmarkPickerKeystroke is one key in the picker over a 5,000-file
// folder (a letter that narrows the list, then its backspace, alternately)
// plus the frame after it: what typing costs there.
func BenchmarkPickerKeystroke(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Attach: failAttach, Now: fixedNow})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.lastID, m.im = goldenID, newImagesState(&draftLast, screenResult)
	m.openPicker(0)
	m.update(pickerListedMsg{seq: m.im.pick.seq, dir: bigPickerDir()})
	keys := []tea.Msg{keyMsg("4"), tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.update(keys[i%2])
		_ = m.View()
		i++
	}
}

// BenchmarkPickerMove is one ↓ in the same folder, and the frame.
func BenchmarkPickerMove(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Attach: failAttach, Now: fixedNow})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.lastID, m.im = goldenID, newImagesState(&draftLast, screenResult)
	m.openPicker(0)
	m.update(pickerListedMsg{seq: m.im.pick.seq, dir: bigPickerDir()})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := keyMsg("down")
		if i%200 >= 100 {
			k = keyMsg("up")
		}
		m.update(k)
		_ = m.View()
		i++
	}
}
