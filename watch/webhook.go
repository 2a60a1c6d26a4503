package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/khabar/khabar/store"
)

// Webhook request headers.
const (
	// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the
	// request body keyed with the watch's secret.
	SignatureHeader = "X-Khabar-Signature"
	// DeliveryHeader names a delivery: the watch ID and the Seq of its
	// last match. A retried delivery keeps its name, so that a receiver
	// can drop what it already has.
	DeliveryHeader = "X-Khabar-Delivery"
)

// Payload is the JSON body POSTed to a webhook.
type Payload struct {
	Watch   PayloadWatch       `json:"watch"`
	Matches []store.WatchMatch `json:"matches"` // oldest first
}

// PayloadWatch names the watch of a Payload.
type PayloadWatch struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Query string `json:"query"`
}

// Sign returns the value of SignatureHeader for body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether sig (a SignatureHeader value) signs body under
// secret; receivers check it before trusting a delivery.
func Verify(secret string, body []byte, sig string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(sig))
}

// checkWebhook accepts absolute http and https URLs.
func checkWebhook(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > 2048 {
		return fmt.Errorf("webhook %q: want an http:// or https:// URL", s)
	}
	return nil
}

// Deliverer POSTs the undelivered matches of watches to their webhooks.
type Deliverer struct {
	Store store.WatchStore
	// Client sends the requests; nil means a client with a 10 s timeout
	// that follows no redirects.
	Client *http.Client
	// Batch is the most matches in one request; 0 means 100.
	Batch int
}

var defaultClient = &http.Client{Timeout: 10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// ErrRejected is wrapped by Deliver's error when the webhook answered
// with a status other than 2xx.
var ErrRejected = errors.New("webhook rejected the delivery")

// Deliver sends the matches of w after its delivered mark, oldest first
// and a batch at a time, moving the mark past each batch the webhook
// acknowledges with a 2xx status. It stops at the first failure: what
// was not acknowledged stays undelivered and is sent again by the next
// call (at least once). It returns the matches delivered.
func (d *Deliverer) Deliver(ctx context.Context, w store.Watch) (int, error) {
	if w.Webhook == "" {
		return 0, nil
	}
	batch := d.Batch
	if batch <= 0 {
		batch = 100
	}
	client := d.Client
	if client == nil {
		client = defaultClient
	}
	n := 0
	for {
		ms, err := d.Store.WatchMatches(ctx, w.ID, w.Delivered, batch, true)
		if err != nil || len(ms) == 0 {
			return n, err
		}
		body, err := json.Marshal(Payload{Watch: PayloadWatch{ID: w.ID, Name: w.Name, Query: w.Query}, Matches: ms})
		if err != nil {
			return n, err
		}
		last := ms[len(ms)-1].Seq
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.Webhook, bytes.NewReader(body))
		if err != nil {
			return n, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "khabar-watch/1")
		req.Header.Set(SignatureHeader, Sign(w.Secret, body))
		req.Header.Set(DeliveryHeader, w.ID+"-"+strconv.FormatInt(last, 10))
		res, err := client.Do(req)
		if err != nil {
			return n, err
		}
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		res.Body.Close()
		if res.StatusCode/100 != 2 {
			return n, fmt.Errorf("%w: %s", ErrRejected, res.Status)
		}
		if err := d.Store.MarkWatch(ctx, w.ID, store.WatchDelivered, last); err != nil {
			return n, err
		}
		w.Delivered = last
		n += len(ms)
	}
}

// Backoff is an exponential backoff: after the k-th failure in a row
// the next try waits Min·2^(k-1), at most Max.
type Backoff struct {
	Min, Max time.Duration
}

// Delay returns the wait after failures failures in a row (0: none).
func (b Backoff) Delay(failures int) time.Duration {
	if failures <= 0 {
		return 0
	}
	d := b.Min
	for i := 1; i < failures && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}
