package apiclient_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// fourLargest is an upload of four images at the size limit, each with its
// own bytes.
func fourLargest(tb testing.TB, id string) apiclient.ImageUpload {
	tb.Helper()
	images := map[apiclient.ImageKind][]byte{}
	for i, k := range apiclient.ImageKinds {
		data := sizedImage(apiclient.MaxImageBytes)
		data[len(data)-1] = byte(i)
		images[k] = data
	}
	return prepared(tb, id, "admin@sample.com", "passport", images)
}

// allocatedBy is what f allocates in all, across every goroutine (the
// transport's and the body writer's included): an upper bound on the memory
// it held at its peak.
func allocatedBy(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Sending four images at the limit (a body of about 16 MB) allocates a
// small fraction of one image: the form is streamed from the files, never
// held whole, not even one image of it.
func TestAttachImagesMemoryIsBounded(t *testing.T) {
	var received atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		received.Store(n)
		_, _ = io.WriteString(w, `{"message":"complete to update image."}`)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, "k", time.Minute)
	u := fourLargest(t, "sbx1")
	var err error
	alloc := allocatedBy(func() { err = c.AttachImages(context.Background(), u) })
	if err != nil {
		t.Fatal(err)
	}
	body := received.Load()
	t.Logf("sent a %d-byte form (4 images of %d bytes): %d KiB allocated in all", body, apiclient.MaxImageBytes, alloc>>10)
	if body < 4*apiclient.MaxImageBytes*4/3 {
		t.Fatalf("the server read %d bytes, less than the images' base64", body)
	}
	if alloc > apiclient.MaxImageBytes/4 {
		t.Errorf("%d KiB allocated to send %d KiB: the images were held in memory", alloc>>10, body>>10)
	}
}

// The same upload to the sandbox, which decodes it as it streams: the whole
// round trip, both ends in this process, stays as small.
func TestAttachImagesMemoryAgainstTheSandbox(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	id := createdOn(t, sb)
	c := newClient(t, sb.URL, sandbox.Key, time.Minute)
	u := fourLargest(t, id)
	var err error
	alloc := allocatedBy(func() { err = c.AttachImages(context.Background(), u) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("client and sandbox: %d KiB allocated for four images of %d bytes", alloc>>10, apiclient.MaxImageBytes)
	if set := sb.Images(id); len(set.Images) != 4 || set.Images[3].Size != apiclient.MaxImageBytes {
		t.Fatalf("stored %+v", set)
	}
	if alloc > apiclient.MaxImageBytes/2 {
		t.Errorf("%d KiB allocated: an image was held whole somewhere", alloc>>10)
	}
}
