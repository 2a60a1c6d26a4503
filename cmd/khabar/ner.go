package main

import "context"

// cmdEvalNER is a placeholder until its stage lands.
func cmdEvalNER(_ context.Context, _ *env, _ []string) error { return errNotYet }

// cmdTrainNER is a placeholder until its stage lands.
func cmdTrainNER(_ context.Context, _ *env, _ []string) error { return errNotYet }
