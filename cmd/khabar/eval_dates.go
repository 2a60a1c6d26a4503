package main

import "context"

// cmdEvalDates is a placeholder until its stage lands.
func cmdEvalDates(_ context.Context, _ *env, _ []string) error { return errNotYet }
