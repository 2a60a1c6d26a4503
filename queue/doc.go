// Package queue scales khabar's ingest out over NATS JetStream: a
// Publisher puts raw documents on a replicated, de-duplicating stream and
// any number of Workers, on any number of machines, pull them through one
// durable consumer, analyze them with the pipeline and store them.
//
// Delivery is at-least-once and the effect is exactly-once: a document's
// message ID is its identity (its URL, else the sha256 of its body), so
// the stream drops a re-published copy inside its de-duplication window,
// and the store's URL and content-hash identity turns a re-delivered
// document into a harmless duplicate. A worker acknowledges a message
// only after the document is committed to the store.
//
// A document that fails MaxDeliver times, or fails in a way retrying
// cannot fix (too large, not UTF-8, not storable), is moved to the
// dead-letter stream with the error in a header, so one poison document
// never blocks the queue. Once the cause is fixed, Conn.Replay (khabar
// queue replay) moves dead letters back onto the work subject; a replayed
// document that was stored meanwhile is a duplicate, not a second copy.
//
// Layout on the server:
//
//	stream KHABAR_DOCS  subjects khabar.docs.>  work-queue retention, file storage
//	consumer khabar-workers  durable pull consumer, explicit acks
//	stream KHABAR_DEAD  subjects khabar.dead.>  dead letters, file storage
package queue
