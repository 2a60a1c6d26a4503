package khabar

import (
	"context"
	"time"
)

// RawDocument is one document as it arrives, before analysis: its bytes
// and whatever metadata came with them. Ingest, the HTTP API and the
// queue produce raw documents; a DocumentAnalyzer turns each into an
// Analysis.
type RawDocument struct {
	Name        string    // file or record name, used in errors
	Body        []byte    // raw bytes
	ContentType string    // "text/plain" (default), "text/html" or "application/json" (one record)
	URL         string    // where it came from, if known
	Title       string    // title from metadata, if known
	Source      string    // publisher or agency, if known
	Author      string    // byline, if known
	Date        time.Time // publication date from metadata; zero if unknown
}

// DocumentAnalyzer analyzes one raw document; *pipeline.Pipeline is one.
// The server and the queue worker call it concurrently, so an
// implementation must be safe for concurrent use.
type DocumentAnalyzer interface {
	Analyze(ctx context.Context, doc RawDocument) (*Analysis, error)
}
