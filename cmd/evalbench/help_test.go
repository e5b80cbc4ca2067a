package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
	"evalbench/reports"
)

// cobra's English headings and texts, none of which may appear in the Chinese help.
var cobraEnglish = []string{"Usage:", "Available Commands:", "Flags:", "Global Flags:", "[command]", "[flags]", "for more information",
	"help for ", "(default ", "Help about any command", "Generate the autocompletion script"}

// The help of the root and of two subcommands is in the language of --lang, of LANG, and in
// Chinese by default: the commands' own texts and cobra's headings and flags.
func TestHelpInTheCommandLanguage(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	cases := []struct {
		args []string
		want []messages.ID // phrases of the catalogue, in the help's language
	}{
		{[]string{"--help"}, []messages.ID{messages.CLICmdRootShort, messages.CLICmdRunShort, messages.CLIFlagDatabaseURL, messages.CLIHelpAvailableCommands}},
		{[]string{"run", "--help"}, []messages.ID{messages.CLICmdRunShort, messages.CLICmdRunCreateShort, messages.CLIFlagToken, messages.CLIHelpGlobalFlags}},
		{[]string{"verify", "--help"}, []messages.ID{messages.CLIFlagVerifyJSON, messages.CLIFlagVerifyEnvelope, messages.CLIHelpUsage}},
		{[]string{"help", "audit", "verify"}, []messages.ID{messages.CLIFlagAuditStored, messages.CLIFlagAuditCheckpoints}},
	}
	check := func(t *testing.T, p *messages.Printer, out string, want []messages.ID) {
		t.Helper()
		for _, id := range want {
			if phrase := p.Sprintf(id); !strings.Contains(out, phrase) {
				t.Errorf("%s help lacks %q (%s):\n%s", p.Language(), phrase, id, out)
			}
		}
		if p.Language() == messages.Chinese {
			for _, e := range cobraEnglish {
				if strings.Contains(out, e) {
					t.Errorf("the Chinese help holds cobra's English %q:\n%s", e, out)
				}
			}
		} else if strings.Contains(out, "用法") || !strings.Contains(out, "Usage:") {
			t.Errorf("the English help is not cobra's English:\n%s", out)
		}
	}
	for _, c := range cases {
		noLocale(t)
		out, code := run(t, c.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d:\n%s", c.args, code, out)
		}
		check(t, zh, out, c.want)

		out, _ = run(t, append([]string{"--lang", "en"}, c.args...)...)
		check(t, en, out, c.want)
		out, _ = run(t, append(c.args, "--lang=en")...)
		check(t, en, out, c.want)

		t.Setenv("LANG", "zh_CN.UTF-8")
		out, _ = run(t, c.args...)
		check(t, zh, out, c.want)
		t.Setenv("LANG", "en_US.UTF-8")
		out, _ = run(t, c.args...)
		check(t, en, out, c.want)
		out, _ = run(t, append([]string{"--lang", "zh"}, c.args...)...)
		check(t, zh, out, c.want)
	}
	// The flag defaults keep their values; --version speaks the language too.
	noLocale(t)
	if out, _ := run(t, "run", "create", "--help"); !strings.Contains(out, `（默认："-"）`) || !strings.Contains(out, "[选项]") {
		t.Errorf("Chinese defaults:\n%s", out)
	}
	if out, _ := run(t, "--lang", "en", "run", "create", "--help"); !strings.Contains(out, `(default "-")`) || !strings.Contains(out, "[flags]") {
		t.Errorf("English defaults:\n%s", out)
	}
	if out, _ := run(t, "--version"); !strings.Contains(out, "evalbench，版本") {
		t.Errorf("Chinese version: %s", out)
	}
	if out, _ := run(t, "help", "frob"); !strings.HasPrefix(out, "没有“frob”的帮助\n用法：") {
		t.Errorf("Chinese unknown help topic:\n%s", out)
	}
	if out, _ := run(t, "--lang", "en", "help", "frob"); !strings.HasPrefix(out, "Unknown help topic frob\nUsage:") {
		t.Errorf("English unknown help topic:\n%s", out)
	}
}

// The completion scripts are written to the command's output, with the commands' descriptions in
// the command's language unless --no-descriptions.
func TestCompletionScripts(t *testing.T) {
	noLocale(t)
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, code := run(t, "completion", shell)
		if code != 0 || !strings.Contains(out, "evalbench") || len(out) < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes", shell, code, len(out))
		}
		if out, code := run(t, "completion", shell, "--no-descriptions"); code != 0 || len(out) < 1000 {
			t.Errorf("completion %s --no-descriptions: %d bytes", shell, len(out))
		}
	}
	// The descriptions come at completion time, from the tree in the language of the request.
	out, _ := run(t, "__complete", "ver")
	if !strings.Contains(out, "verify\t"+messages.For(messages.Chinese).Sprintf(messages.CLICmdVerifyShort)) {
		t.Errorf("Chinese completion:\n%s", out)
	}
	out, _ = run(t, "--lang", "en", "__complete", "ver")
	if !strings.Contains(out, "verify\t"+messages.For(messages.English).Sprintf(messages.CLICmdVerifyShort)) {
		t.Errorf("English completion:\n%s", out)
	}
}

// The progress bar names the worker's stages in the command's language; an unknown stage shows
// as stored.
func TestStageText(t *testing.T) {
	zh := messages.For(messages.Chinese)
	for stage, want := range map[string]string{"loading inputs": "正在加载输入", "computing": "正在计算", "storing": "正在保存", "claimed": "已领取",
		"succeeded": zh.Sprintf("run.status.succeeded"), "queued": zh.Sprintf("run.status.queued"), "rehearsing": "rehearsing"} {
		if got := stageText(zh, stage); got != want {
			t.Errorf("stage %q: %q, want %q", stage, got, want)
		}
	}
}

// Every command's Short and Long and every flag's usage, cobra's own included, is a catalogue
// message: the Chinese tree and the English tree hold the same message's two texts at each place,
// the Chinese one in Chinese.
func TestEveryHelpTextIsCatalogued(t *testing.T) {
	patterns := cataloguePatterns(t)
	zhTree, enTree := newRoot("--lang", "zh"), newRoot("--lang", "en")
	type text struct{ where, zh, en string }
	var texts []text
	var walk func(z, e *cobra.Command)
	walk = func(z, e *cobra.Command) {
		path := e.CommandPath()
		texts = append(texts, text{path + " Short", z.Short, e.Short})
		if e.Long != "" || z.Long != "" {
			texts = append(texts, text{path + " Long", z.Long, e.Long})
		}
		e.LocalFlags().VisitAll(func(f *pflag.Flag) {
			zf := z.LocalFlags().Lookup(f.Name)
			if zf == nil {
				t.Errorf("%s --%s: not in the Chinese tree", path, f.Name)
				return
			}
			texts = append(texts, text{path + " --" + f.Name, zf.Usage, f.Usage})
		})
		zs, es := z.Commands(), e.Commands()
		if len(zs) != len(es) {
			t.Fatalf("%s: %d subcommands in Chinese, %d in English", path, len(zs), len(es))
		}
		for i := range es {
			walk(zs[i], es[i])
		}
	}
	walk(zhTree, enTree)
	if len(texts) < 140 {
		t.Fatalf("only %d help texts found", len(texts))
	}
	for _, tx := range texts {
		if !strings.ContainsFunc(tx.zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || tx.zh == tx.en {
			t.Errorf("%s: not Chinese under --lang zh: %q", tx.where, tx.zh)
			continue
		}
		found := false
		for _, p := range patterns {
			if p.en.MatchString(tx.en) && p.zh.MatchString(tx.zh) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no catalogue message gives %q and %q", tx.where, tx.en, tx.zh)
		}
	}
	t.Logf("%d help texts, each a catalogue message in both languages", len(texts))
}

type cataloguePattern struct {
	id     messages.ID
	zh, en *regexp.Regexp
}

// cataloguePatterns are the command line's messages as patterns, a placeholder matching any text.
func cataloguePatterns(t *testing.T) []cataloguePattern {
	placeholder := regexp.MustCompile(`\\\{[a-z][a-z0-9_]*\\\}`)
	pattern := func(l messages.Language, id messages.ID) *regexp.Regexp {
		text, ok := messages.Lookup(l, id)
		if !ok {
			t.Fatalf("%s lacks %s", l, id)
		}
		return regexp.MustCompile(`(?s)^` + placeholder.ReplaceAllString(regexp.QuoteMeta(text), `.*`) + `$`)
	}
	var out []cataloguePattern
	for _, id := range messages.IDs() {
		if strings.HasPrefix(string(id), "cli.") {
			out = append(out, cataloguePattern{id, pattern(messages.Chinese, id), pattern(messages.English, id)})
		}
	}
	return out
}

// The language of the help comes from the arguments as pflag will parse them, else the locale.
func TestArgsLanguage(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		args []string
		env  func(string) string
		want messages.Language
	}{
		{nil, env(), messages.Chinese},
		{[]string{"--lang", "en", "run"}, env(), messages.English},
		{[]string{"run", "--help", "--lang=en"}, env("LANG", "zh_CN.UTF-8"), messages.English},
		{[]string{"--lang", "en", "--lang", "zh"}, env(), messages.Chinese},
		{[]string{"--help"}, env("LANG", "en_US.UTF-8"), messages.English},
		{[]string{"--help"}, env("LC_ALL", "zh_CN.UTF-8", "LANG", "en_US.UTF-8"), messages.Chinese},
		{[]string{"--lang", "fr"}, env("LANG", "en_US.UTF-8"), messages.English}, // refused later, when the flags are parsed
		{[]string{"calc", "--", "--lang", "en"}, env(), messages.Chinese},
		{[]string{"--lang"}, env(), messages.Chinese},
	}
	for _, tt := range tests {
		if got := argsLanguage(tt.args, tt.env); got != tt.want {
			t.Errorf("argsLanguage(%q) = %s, want %s", tt.args, got, tt.want)
		}
	}
}

// The errors that wrap another name their flag or file in the command's language, and keep what
// they wrap for errors.Is.
func TestWrappedErrorsInTheCommandLanguage(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	dir := t.TempDir()
	neither := filepath.Join(dir, "x.json")
	os.WriteFile(neither, []byte(`{"a": 1}`), 0o644)
	_, err := readCheckpoints(neither)
	if got := errorText(zh, err); got != "evalbench出错：--checkpoints "+neither+"有误：既不是检查点，也不是报告" {
		t.Errorf("Chinese: %s", got)
	}
	if got := errorText(en, err); got != "evalbench: --checkpoints "+neither+": neither checkpoints nor a report" || err.Error() != strings.TrimPrefix(got, "evalbench: ") {
		t.Errorf("English: %s (Error %s)", got, err)
	}
	_, err = readKeys("not a key", "")
	if got := errorText(zh, err); got != "evalbench出错：--key参数有误：应为32字节的十六进制或base64编码" {
		t.Errorf("Chinese --key: %s", got)
	}
	if got := errorText(en, err); got != "evalbench: --key: expected 32 bytes in hex or base64" {
		t.Errorf("English --key: %s", got)
	}
	// A wrapped error in the command's language in turn; the wrapped kind still counts.
	inner := engine.Refuse(engine.ErrNotFound, messages.CLIErrNoUser, "user", "张三")
	err = &exitError{1, wrap(inner, messages.CLIErrExample, "example", "jianggan")}
	if got := errorText(zh, err); got != "evalbench出错：示例jianggan：没有用户“张三”（按编号、电子邮件地址或名称查找）" {
		t.Errorf("Chinese nested: %s", got)
	}
	if got := errorText(en, err); got != `evalbench: example jianggan: no user "张三" (by id, e-mail address or name)` {
		t.Errorf("English nested: %s", got)
	}
	if !errors.Is(err, engine.ErrNotFound) {
		t.Error("the wrapped refusal is lost to errors.Is")
	}
	// A system error inside names its file in the command's language; one the catalogue does not
	// know is quoted as the system wrote it.
	err = wrap(&fs.PathError{Op: "open", Path: "req.json", Err: syscall.ENOENT}, messages.CLIErrReading, "file", "req.json")
	if got := errorText(zh, err); got != "evalbench出错：读取req.json出错：req.json不存在" || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a system error inside: %s", got)
	}
	err = wrap(os.ErrNotExist, messages.CLIErrReading, "file", "req.json")
	if got := errorText(zh, err); got != "evalbench出错：读取req.json出错：file does not exist" {
		t.Errorf("a system error without its file: %s", got)
	}
	for _, id := range []messages.ID{messages.CLIErrCheckpointsFile, messages.CLIErrKeyFlag, messages.CLIErrKeyFile, messages.CLIErrReading, messages.CLIErrExample} {
		if text, _ := messages.Lookup(messages.English, id); !strings.Contains(text, "{error}") {
			t.Errorf("%s wraps an error but has no {error}", id)
		}
	}
}

// A run's stored error is rendered in the command's language when it is a catalogue message, and
// shown as stored otherwise.
func TestRunEndedShowsTheStoredError(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	stored, _ := json.Marshal(messages.New(messages.IngestNotImported, "file", "x.csv"))
	ended := func(text string) error {
		return &exitError{1, failure(messages.CLIErrRunEnded, "number", 3, "status", messages.ID("run.status.failed"), "error", storedError(&evaluation.Run{Error: text}))}
	}
	if got, want := errorText(zh, ended(string(stored))), "evalbench出错：第3次运行"+zh.Sprintf("run.status.failed")+"："+zh.Sprintf(messages.IngestNotImported, "file", "x.csv"); got != want {
		t.Errorf("Chinese:\n got %s\nwant %s", got, want)
	}
	if got := errorText(en, ended(string(stored))); !strings.HasSuffix(got, `: the file "x.csv" was not imported; nothing was stored`) {
		t.Errorf("English: %s", got)
	}
	for _, plain := range []string{"the computation failed unexpectedly", `{"id": "no.such.message"}`, "{not json"} {
		if got := errorText(zh, ended(plain)); !strings.HasSuffix(got, "："+plain) {
			t.Errorf("%q is not shown as stored: %s", plain, got)
		}
	}
	// The run's ErrorMessage, as the worker records it, comes before its English Error: a data
	// problem with its summary, said in the command's language.
	why := messages.New(messages.RunErrorProblem, "summary", messages.New(messages.RunWeightSetUnusable),
		"problem", messages.New(messages.AggregationNoVariation, "method", "topsis"))
	r := &evaluation.Run{Number: 4, Error: "the weight set cannot be used yet: every unit has the same score", ErrorMessage: &why}
	failed := &exitError{1, failure(messages.CLIErrRunEnded, "number", r.Number, "status", messages.ID("run.status.failed"), "error", storedError(r))}
	if got, want := errorText(zh, failed), "第4次运行"+zh.Sprintf("run.status.failed")+"："+zh.Render(why); !strings.HasSuffix(got, want) || !strings.Contains(got, "各单位在每个末级指标上得分都相同") {
		t.Errorf("Chinese, from the message:\n got %s\nwant …%s", got, want)
	}
	if got, want := errorText(en, failed), en.Render(why); !strings.HasSuffix(got, ": "+want) || !strings.Contains(want, "cannot rank them") {
		t.Errorf("English, from the message: %s", got)
	}
	messagestest.Dynamic(t, "run.status.", "failed", "cancelled")
}

// The verifier's details are catalogue messages: each check of a passing and of three failing
// verifications carries one that fits its arguments, its Detail is the message's English, and
// the command prints it in the command's language (the error line too).
func TestVerifyDetailsInTheCommandLanguage(t *testing.T) {
	dir := t.TempDir()
	signedReport(t, dir)
	p := func(name string) string { return filepath.Join(dir, name) }
	envelope, _ := os.ReadFile(p("report.dsse.json"))
	bundle, _ := os.ReadFile(p("report.json"))
	keys, err := readKeys("", p("keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := readKeys(engine.PublicKeyPEM(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32)).Public().(ed25519.PublicKey)), "")
	tampered := bytes.Replace(bundle, []byte(`"单位a"`), []byte(`"单位x"`), 1)
	for name, v := range map[string]*engine.Verification{
		"pass":            reports.Verify(envelope, bundle, keys),
		"embedded key":    reports.Verify(envelope, nil, nil),
		"another key":     reports.Verify(envelope, nil, other),
		"changed report":  reports.Verify(envelope, tampered, keys),
		"no envelope":     reports.Verify([]byte("{}"), nil, keys),
		"changed payload": reports.Verify(bytes.Replace(envelope, []byte(`"payloadType":"`), []byte(`"payloadType":"x`), 1), nil, keys),
	} {
		for _, c := range v.Checks {
			if c.Message.ID == "" {
				t.Errorf("%s: check %s has no message: %q", name, c.Name, c.Detail)
				continue
			}
			messagestest.Valid(t, c.Message)
			if en := messages.For(messages.English).Render(c.Message); en != c.Detail {
				t.Errorf("%s: check %s: Detail %q is not the message's English %q", name, c.Name, c.Detail, en)
			}
		}
	}
	// The JSON of a check keeps its shape: no message in it.
	if raw, _ := json.Marshal(reports.Verify(envelope, bundle, keys).Checks[0]); strings.Contains(string(raw), "message") || !strings.Contains(string(raw), `"detail":"DSSE envelope with a payload of `) {
		t.Errorf("a check's JSON: %s", raw)
	}

	noLocale(t)
	zh := messages.For(messages.Chinese)
	out, _ := run(t, "verify", p("report.dsse.json"), "--key-file", p("keys.json"))
	for _, want := range []string{"逐字节重现了", "DSSE信封，载荷", "基于PAE的Ed25519签名用指定的密钥", "委托项目“命令行测试”"} {
		if !strings.Contains(out, want) {
			t.Errorf("the Chinese verification lacks %q:\n%s", want, out)
		}
	}
	for _, english := range []string{"byte for byte", "DSSE envelope", "verifies with key", "SHA-256 of the canonical results"} {
		if strings.Contains(out, english) {
			t.Errorf("the Chinese verification holds %q:\n%s", english, out)
		}
	}
	out, _ = run(t, "--lang", "en", "verify", p("report.dsse.json"), "--key-file", p("keys.json"))
	if !strings.Contains(out, "reproduces the results of evalbench") || !strings.Contains(out, `commission "命令行测试"`) || strings.Contains(out, "逐字节") {
		t.Errorf("the English verification:\n%s", out)
	}

	// The error line of a failed verification names the failed checks in the command's language.
	os.WriteFile(p("report.json"), tampered, 0o644)
	root := newRoot("verify", p("report.json"), "--key-file", p("keys.json"))
	root.SetOut(new(bytes.Buffer))
	root.SetArgs([]string{"verify", p("report.json"), "--key-file", p("keys.json")})
	err = root.Execute()
	if got := errorText(zh, err); !strings.Contains(got, "验证未通过：检查report_file：report.json与信封中已签名的载荷不一致（位置：byte ") {
		t.Errorf("Chinese failure: %s", got)
	}
	if got := errorText(messages.For(messages.English), err); !strings.Contains(got, "verification failed: report_file: report.json differs from the signed payload of the envelope (byte ") {
		t.Errorf("English failure: %s", got)
	}
}

// execute runs evalbench with args and returns its error.
func execute(args ...string) error {
	root := newRoot(args...)
	root.SetOut(new(bytes.Buffer))
	root.SetErr(new(bytes.Buffer))
	root.SetArgs(args)
	return root.Execute()
}

// The errors of parsing the command line — cobra's and pflag's — are in the command's language;
// the English is cobra's own where it names the same thing. This also holds cobra's untyped texts
// that cobraMessage reads.
func TestCobraErrors(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	tests := []struct {
		args                 []string
		zh, en, cobraEnglish string // cobraEnglish: the error as cobra and pflag write it
	}{
		{[]string{"run", "show"}, "evalbench run show需要1个参数，实际给出0个", "evalbench run show takes 1 argument(s), 0 given", ""},
		{[]string{"run", "create", "--commision", "x"}, "未知的选项--commision", "unknown flag: --commision", "unknown flag: --commision"},
		{[]string{"report", "get", "-x"}, "未知的选项-x", "unknown flag: -x", "unknown shorthand flag: 'x' in -x"},
		{[]string{"report", "get"}, "缺少必填的选项--commission、--report", "required flag(s) --commission, --report not set", `required flag(s) "commission", "report" not set`},
		{[]string{"frob"}, "“evalbench”没有子命令“frob”", `unknown command "frob" for "evalbench"`, `unknown command "frob" for "evalbench"`},
		{[]string{"verfy"}, "“evalbench”没有子命令“verfy”，是否要用verify？", `unknown command "verfy" for "evalbench"; did you mean verify?`, "unknown command \"verfy\" for \"evalbench\"\n\nDid you mean this?\n\tverify\n"},
		{[]string{"worker", "--workers", "x"}, "选项--workers的值“x”无效：不是整数",
			`invalid argument "x" for --workers: not an integer`, `invalid argument "x" for "--workers" flag: strconv.ParseInt: parsing "x": invalid syntax`},
		{[]string{"worker", "--workers", "99999999999999999999"}, "选项--workers的值“99999999999999999999”无效：超出可取值的范围",
			`invalid argument "99999999999999999999" for --workers: out of range`, `invalid argument "99999999999999999999" for "--workers" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range`},
		{[]string{"verify", "--json=maybe", "x"}, "选项--json的值“maybe”无效：既不是true也不是false",
			`invalid argument "maybe" for --json: neither true nor false`, `invalid argument "maybe" for "--json" flag: strconv.ParseBool: parsing "maybe": invalid syntax`},
		{[]string{"verify", "--key"}, "选项--key需要一个值", "flag needs an argument: --key", "flag needs an argument: --key"},
		{[]string{"--=x"}, "选项格式有误：--=x", "bad flag syntax: --=x", "bad flag syntax: --=x"},
	}
	for _, tt := range tests {
		err := execute(tt.args...)
		if err == nil {
			t.Errorf("%q: no error", tt.args)
			continue
		}
		if got := errorText(zh, err); got != "evalbench出错："+tt.zh {
			t.Errorf("%q in Chinese: %s", tt.args, got)
		}
		if got := errorText(en, err); got != "evalbench: "+tt.en {
			t.Errorf("%q in English: %s", tt.args, got)
		}
		if tt.cobraEnglish != "" && err.Error() != tt.cobraEnglish {
			t.Errorf("%q: cobra now writes %q, not %q: update cobraMessage", tt.args, err.Error(), tt.cobraEnglish)
		}
	}
}
