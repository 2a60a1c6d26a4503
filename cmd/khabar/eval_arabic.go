package main

import "context"

// cmdEvalArabic is a placeholder until its stage lands.
func cmdEvalArabic(_ context.Context, _ *env, _ []string) error { return errNotYet }
