package main

import (
	"context"
	"errors"
)

var errNotYet = errors.New("not implemented yet")

func cmdAnalyze(_ context.Context, _ *env, _ []string) error { return errNotYet }
