package store

import "sync"

// Guard is what a store needs to be closed safely while in use: calls
// begun before Close finish first, calls begun after it fail with
// ErrClosed. The zero Guard is open.
type Guard struct {
	mu     sync.RWMutex
	closed bool
}

// Begin starts a call. It returns ErrClosed once Close has begun, else
// a func that ends the call; any number of calls may run at once.
func (g *Guard) Begin() (end func(), err error) {
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return nil, ErrClosed
	}
	return g.mu.RUnlock, nil
}

// Close waits for the calls in progress, marks the guard closed and runs
// release, returning its error. Only the first Close runs release;
// later ones return nil.
func (g *Guard) Close(release func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	return release()
}
