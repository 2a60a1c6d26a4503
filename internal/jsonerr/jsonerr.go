// Package jsonerr words the errors of encoding/json in the terms of the
// person who wrote the JSON ("a record must be a JSON object, got an
// array"; "field "text" must be a string, got a number") instead of
// the Go types it was decoded into.
package jsonerr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Error is a decoding error in user terms. Unwrap gives the error of
// encoding/json.
type Error struct {
	msg string
	err error
}

func (e *Error) Error() string { return e.msg }

// Unwrap returns the error of encoding/json.
func (e *Error) Unwrap() error { return e.err }

// Object checks that data holds one JSON object and returns nil, or an
// error saying what else it holds. It does not validate the object's
// contents: decode for that and word the decoding error with Decode.
func Object(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return &Error{msg: "a record must be a JSON object, got nothing"}
	}
	if data[0] == '{' {
		return nil
	}
	if !json.Valid(data) {
		return Decode(data, json.Unmarshal(data, new(any)))
	}
	return &Error{msg: "a record must be a JSON object, got " + valueKind(data[0])}
}

// valueKind names the kind of JSON value that starts with c.
func valueKind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	case '{':
		return "an object"
	}
	return "a number"
}

// Decode returns err, from decoding data with encoding/json, in user
// terms; nil for nil. data may be nil when it is a stream: a syntax
// error then names the byte offset in the stream instead of a line and
// column.
func Decode(data []byte, err error) error {
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		got := te.Value
		if strings.HasPrefix(got, "number ") {
			got = "number" // "number 1.5"
		}
		switch got {
		case "array", "object", "number", "string":
			got = article(got) + " " + got
		case "bool":
			got = "true or false"
		}
		if te.Field == "" {
			return &Error{msg: fmt.Sprintf("a record must be %s, got %s", typeName(te.Type), got), err: err}
		}
		return &Error{msg: fmt.Sprintf("field %q must be %s, got %s", te.Field, typeName(te.Type), got), err: err}
	case errors.As(err, &se) && strings.HasPrefix(se.Error(), "unexpected end"):
		return &Error{msg: "not valid JSON: the text ends before the value is complete", err: err}
	case errors.As(err, &se) && data == nil:
		return &Error{msg: fmt.Sprintf("not valid JSON at byte %d: %s", se.Offset, se.Error()), err: err}
	case errors.As(err, &se):
		line, col := position(data, se.Offset)
		return &Error{msg: fmt.Sprintf("not valid JSON at line %d, column %d: %s", line, col, se.Error()), err: err}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{msg: "not valid JSON: the text ends before the value is complete", err: err}
	}
	return &Error{msg: strings.TrimPrefix(err.Error(), "json: "), err: err}
}

// position turns a byte offset of data (just past the error) into a
// line and a column in characters, both from 1.
func position(data []byte, off int64) (line, col int) {
	if off < 1 {
		off = 1
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:max(off-1, 0)]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

func article(noun string) string {
	if strings.IndexByte("aeiou", noun[0]) >= 0 {
		return "an"
	}
	return "a"
}

// typeName names the JSON value a Go type is decoded from.
func typeName(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Struct, reflect.Map:
		return "a JSON object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a value"
}
