package messages

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Language is a language the catalogue holds, by its ISO 639-1 code.
type Language string

// The catalogue's languages.
const (
	Chinese Language = "zh"
	English Language = "en"
)

// Default is the language used when nothing asks for another: the users are Chinese
// government staff and evaluation institutes.
const Default = Chinese

// Languages lists the catalogue's languages, the default first.
var Languages = []Language{Chinese, English}

// ID is a message id, such as "monitoring.status.off_track". The ids are the constants of ids.go.
type ID string

// Args are a message's arguments by placeholder name.
type Args map[string]any

// Message is a message id with its arguments: what a layer records when the reader's language is
// not known yet. It marshals as {"id": …, "args": {…}}.
type Message struct {
	ID   ID   `json:"id"`
	Args Args `json:"args,omitempty"`
}

// New makes a Message from name/value pairs: New(BasisAnnualTarget, "year", 2016). A name that is
// not a string, or a name without a value, is kept under the key "!BADKEY" so that rendering
// shows the mistake.
func New(id ID, kv ...any) Message {
	return Message{ID: id, Args: pairs(kv)}
}

func pairs(kv []any) Args {
	if len(kv) == 0 {
		return nil
	}
	a := make(Args, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		name, ok := kv[i].(string)
		if !ok || i+1 == len(kv) {
			a[badKey] = kv[i]
			continue
		}
		a[name] = kv[i+1]
	}
	return a
}

const badKey = "!BADKEY"

// files holds one catalogue file per language, named after the language.
//
//go:embed zh.json en.json
var files embed.FS

// catalogue is the parsed catalogue: language → id → text. It is read-only after init.
var catalogue = mustLoad()

func mustLoad() map[Language]map[ID]string {
	c, err := load(files)
	if err != nil {
		// The embedded files are fixed at build time, and TestCatalogue loads them: this is a
		// build defect, not a run-time condition.
		panic("messages: " + err.Error())
	}
	return c
}

// load reads each language's file. It fails on malformed JSON, a value that is not a string and a
// key given twice (which encoding/json would silently accept, keeping the last).
func load(fsys embed.FS) (map[Language]map[ID]string, error) {
	c := make(map[Language]map[ID]string, len(Languages))
	for _, l := range Languages {
		name := string(l) + ".json"
		b, err := fsys.ReadFile(name)
		if err != nil {
			return nil, err
		}
		m, err := parseFile(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c[l] = m
	}
	return c, nil
}

// parseFile reads a flat JSON object of id → text, rejecting duplicate keys.
func parseFile(b []byte) (map[ID]string, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object of id → text")
	}
	m := map[ID]string{}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, err
		}
		key := ID(t.(string)) // inside an object, a token in key position is a string
		var text string
		if err := d.Decode(&text); err != nil {
			return nil, fmt.Errorf("%s: the text must be a string: %w", key, err)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("%s: the id is given twice", key)
		}
		m[key] = text
	}
	if _, err := d.Token(); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the object")
	}
	return m, nil
}

// Printer formats the catalogue's messages in one language. It is safe for concurrent use.
type Printer struct {
	lang  Language
	texts map[ID]string
}

var printers = func() map[Language]*Printer {
	p := make(map[Language]*Printer, len(Languages))
	for _, l := range Languages {
		p[l] = &Printer{lang: l, texts: catalogue[l]}
	}
	return p
}()

// For returns the Printer of lang; a language the catalogue does not hold gets the Default one.
func For(lang Language) *Printer {
	if p, ok := printers[lang]; ok {
		return p
	}
	return printers[Default]
}

// Language is the printer's language.
func (p *Printer) Language() Language { return p.lang }

// Sprintf formats message id with name/value pairs: Sprintf(BasisAnnualTarget, "year", 2016).
func (p *Printer) Sprintf(id ID, kv ...any) string { return p.Format(id, pairs(kv)) }

// Format formats message id with named arguments. Arguments the text does not name are ignored;
// a placeholder without an argument prints as %!{name}(MISSING).
func (p *Printer) Format(id ID, args Args) string {
	text, ok := p.texts[id]
	if !ok {
		return "%!(UNKNOWN " + string(id) + ")"
	}
	var b strings.Builder
	scan(text, func(lit, name string) {
		b.WriteString(lit)
		if name == "" {
			return
		}
		v, ok := args[name]
		if !ok {
			b.WriteString("%!{" + name + "}(MISSING)")
			return
		}
		b.WriteString(p.value(v))
	})
	if v, bad := args[badKey]; bad {
		fmt.Fprintf(&b, " %%!(BADKEY %v)", v)
	}
	return b.String()
}

// Render formats a recorded Message.
func (p *Printer) Render(m Message) string { return p.Format(m.ID, m.Args) }

// Or formats the message id with args when the catalogue holds id, and returns fallback when id
// is empty or unknown: for a text recorded with an optional id beside its English rendering
// (engine.Problem's MessageID, Args and Message), which is shown as recorded until its call site
// is converted.
func (p *Printer) Or(id string, args map[string]any, fallback string) string {
	if _, ok := p.texts[ID(id)]; !ok {
		return fallback
	}
	return p.Format(ID(id), args)
}

// value prints one argument in the printer's language.
func (p *Printer) value(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case Message:
		return p.Render(v)
	case ID:
		return p.Format(v, nil)
	case []string:
		return strings.Join(v, p.listSeparator())
	case []Message:
		return p.join(v, p.listSeparator())
	case Clauses:
		sep := "; "
		if p.lang == Chinese {
			sep = "；"
		}
		return p.join(v, sep)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case error:
		return v.Error()
	}
	return fmt.Sprint(v)
}

// Clauses is an argument listing messages that are clauses of their own (the reasons a weight
// set derives no weights): each is rendered in the reader's language and they are joined with
// "；" in Chinese and "; " in English. A plain []Message is a list of items (names, words),
// joined as a []string is.
type Clauses []Message

// join renders each message and joins them with sep.
func (p *Printer) join(ms []Message, sep string) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = p.Render(m)
	}
	return strings.Join(parts, sep)
}

// listSeparator joins the items of a list argument: "、" in Chinese, ", " otherwise.
func (p *Printer) listSeparator() string {
	if p.lang == Chinese {
		return "、"
	}
	return ", "
}

// Bilingual formats message id in Chinese and then English, separated by a space: "合格 Pass".
func Bilingual(id ID, kv ...any) string {
	zh, en := Both(id, kv...)
	return zh + " " + en
}

// Both formats message id in Chinese and in English, for layouts that place them apart.
func Both(id ID, kv ...any) (zh, en string) {
	a := pairs(kv)
	return For(Chinese).Format(id, a), For(English).Format(id, a)
}

// BothOf renders a recorded message in Chinese and in English.
func BothOf(m Message) (zh, en string) {
	return For(Chinese).Render(m), For(English).Render(m)
}

// BilingualOf renders a recorded message in Chinese and then English, separated by a space; the
// English is left out where it is the same text (a name, a number).
func BilingualOf(m Message) string {
	zh, en := BothOf(m)
	if zh == en {
		return zh
	}
	return zh + " " + en
}

// Lookup returns the raw text of id in lang, placeholders unfilled.
func Lookup(lang Language, id ID) (string, bool) {
	t, ok := catalogue[lang][id]
	return t, ok
}

// IDs lists every id of the Default language's file, sorted.
func IDs() []ID {
	ids := make([]ID, 0, len(catalogue[Default]))
	for id := range catalogue[Default] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Placeholders returns the sorted placeholder names of a text.
func Placeholders(text string) []string {
	var names []string
	scan(text, func(_, name string) {
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	})
	sort.Strings(names)
	return names
}

// Check reports whether m can be rendered exactly: its id is in the catalogue and its arguments
// are the placeholders of its text, no more and no fewer. Tests of the layers that record
// messages use it (through messagestest); rendering itself never fails.
func Check(m Message) error {
	text, ok := Lookup(Default, m.ID)
	if !ok {
		return fmt.Errorf("messages: unknown id %q", m.ID)
	}
	want := Placeholders(text)
	var got []string
	for name := range m.Args {
		got = append(got, name)
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		return fmt.Errorf("messages: %s takes arguments %v, given %v", m.ID, want, got)
	}
	for _, v := range m.Args {
		var inner []Message
		switch v := v.(type) {
		case Message:
			inner = []Message{v}
		case []Message:
			inner = v
		case Clauses:
			inner = v
		}
		for _, in := range inner {
			if err := Check(in); err != nil {
				return fmt.Errorf("messages: %s: %w", m.ID, err)
			}
		}
	}
	return nil
}

// scan splits text into literal runs and placeholders, calling fn for each literal run with the
// placeholder that follows it ("" at the end). A placeholder is "{" + [a-z][a-z0-9_]* + "}".
func scan(text string, fn func(lit, name string)) {
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(text) && isNameByte(text[j], j == i+1) {
			j++
		}
		if j == i+1 || j == len(text) || text[j] != '}' {
			continue
		}
		fn(text[start:i], text[i+1:j])
		start = j + 1
		i = j
	}
	fn(text[start:], "")
}

func isNameByte(c byte, first bool) bool {
	return c >= 'a' && c <= 'z' || !first && (c >= '0' && c <= '9' || c == '_')
}

// UnmarshalJSON reads a recorded Message back, restoring the arguments that are themselves
// messages: an argument object with a string "id" (and optionally "args") becomes a Message, so
// that a message read from a stored result renders its nested messages in the reader's language;
// a list of strings becomes a []string again.
// Numbers come back as float64, which print as the integers or decimals they were. A JSON string
// — a text stored before the catalogue, such as an English warning in an older result — reads as
// LegacyText with the string as its argument, so older results still load and show what they said.
func (m *Message) UnmarshalJSON(b []byte) error {
	var legacy string
	if json.Unmarshal(b, &legacy) == nil {
		*m = Message{ID: LegacyText, Args: Args{"text": legacy}}
		return nil
	}
	var raw struct {
		ID   ID             `json:"id"`
		Args map[string]any `json:"args"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	m.ID, m.Args = raw.ID, nil
	if raw.Args != nil {
		m.Args = make(Args, len(raw.Args))
		for k, v := range raw.Args {
			m.Args[k] = restore(v)
		}
	}
	return nil
}

// restore turns a decoded {"id": …, "args": {…}} object back into a Message, a decoded list
// of strings back into a []string and a list of such objects back into a []Message (both print
// joined in the reader's language; Clauses read back as a []Message, joined as a list).
func restore(v any) any {
	if list, ok := v.([]any); ok {
		if ms, ok := restoreMessages(list); ok {
			return ms
		}
		ss := make([]string, len(list))
		for i, x := range list {
			s, ok := x.(string)
			if !ok {
				return v
			}
			ss[i] = s
		}
		return ss
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	id, ok := obj["id"].(string)
	if !ok {
		return v
	}
	for k := range obj {
		if k != "id" && k != "args" {
			return v
		}
	}
	m := Message{ID: ID(id)}
	if args, ok := obj["args"].(map[string]any); ok {
		m.Args = make(Args, len(args))
		for k, a := range args {
			m.Args[k] = restore(a)
		}
	}
	return m
}

// restoreMessages reads a non-empty decoded list whose every element is a message object.
func restoreMessages(list []any) ([]Message, bool) {
	if len(list) == 0 {
		return nil, false
	}
	ms := make([]Message, len(list))
	for i, x := range list {
		m, ok := restore(x).(Message)
		if !ok {
			return nil, false
		}
		ms[i] = m
	}
	return ms, true
}
