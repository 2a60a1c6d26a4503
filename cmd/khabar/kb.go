package main

import "context"

// cmdKB is a placeholder until its stage lands.
func cmdKB(_ context.Context, _ *env, _ []string) error { return errNotYet }

// cmdEvalEntities is a placeholder until its stage lands.
func cmdEvalEntities(_ context.Context, _ *env, _ []string) error { return errNotYet }
