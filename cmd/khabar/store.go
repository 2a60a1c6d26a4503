package main

import "context"

// cmdIngest is a placeholder until its stage lands.
func cmdIngest(_ context.Context, _ *env, _ []string) error { return errNotYet }

// cmdSearch is a placeholder until its stage lands.
func cmdSearch(_ context.Context, _ *env, _ []string) error { return errNotYet }
