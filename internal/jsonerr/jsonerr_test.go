package jsonerr

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

type record struct {
	Text  *string `json:"text"`
	Title string  `json:"title"`
	Tags  []string
	N     int `json:"n"`
}

func TestDecode(t *testing.T) {
	tests := []struct{ in, want string }{
		{`[1,2]`, "a record must be a JSON object, got an array"},
		{`"نص"`, "a record must be a JSON object, got a string"},
		{`42`, "a record must be a JSON object, got a number"},
		{`true`, "a record must be a JSON object, got true or false"},
		{`null`, "a record must be a JSON object, got null"},
		{``, "a record must be a JSON object, got nothing"},
		{`{"text": 5}`, `field "text" must be a string, got a number`},
		{`{"title": ["a"]}`, `field "title" must be a string, got an array`},
		{`{"n": 1.5}`, `field "n" must be a whole number, got a number`},
		{`{"Tags": {"a": 1}}`, `field "Tags" must be an array, got an object`},
		{`{"text": "a",}`, "not valid JSON at line 1, column 14: invalid character '}' looking for beginning of object key string"},
		{"{\n\"text\": x}", "not valid JSON at line 2, column 9: invalid character 'x' looking for beginning of value"},
		{`{"text": "a"`, "not valid JSON: the text ends before the value is complete"},
		{`{"text": "a"} {}`, "not valid JSON at line 1, column 15: invalid character '{' after top-level value"},
		{`[1,`, "not valid JSON: the text ends before the value is complete"},
	}
	for _, tt := range tests {
		err := Object([]byte(tt.in))
		if err == nil {
			var r record
			err = Decode([]byte(tt.in), json.Unmarshal([]byte(tt.in), &r))
		}
		if err == nil {
			t.Errorf("%s: no error, want %q", tt.in, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.in, err.Error(), tt.want)
		}
		if strings.Contains(err.Error(), "Go ") || strings.Contains(err.Error(), "record.") {
			t.Errorf("%s: %q names Go types", tt.in, err)
		}
	}
}

func TestDecodeUnwraps(t *testing.T) {
	var r record
	err := Decode([]byte(`[]`), json.Unmarshal([]byte(`[]`), &r))
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		t.Errorf("%v does not unwrap to *json.UnmarshalTypeError", err)
	}
	if Decode(nil, nil) != nil || Object([]byte(` {"a":1} `)) != nil {
		t.Error("a JSON object or no error is reported as an error")
	}
}
