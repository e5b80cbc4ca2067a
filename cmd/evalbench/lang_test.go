package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"evalbench/evaluation"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// noLocale clears the locale variables, so that only what a test sets chooses the language.
func noLocale(t *testing.T) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, "")
	}
}

// The verify command speaks Chinese by default and English with --lang en or an English LANG;
// --lang wins over LANG; the verdict line starts with PASS or FAIL in every language.
func TestVerifyCommandLanguage(t *testing.T) {
	dir := t.TempDir()
	signedReport(t, dir)
	envelope, keys := filepath.Join(dir, "report.dsse.json"), filepath.Join(dir, "keys.json")
	zhTitle := messages.For(messages.Chinese).Sprintf(messages.ID("web.verify.check.recompute"))
	enTitle := messages.For(messages.English).Sprintf(messages.ID("web.verify.check.recompute"))

	noLocale(t)
	out, code := run(t, "verify", envelope, "--key-file", keys)
	if code != 0 || !strings.Contains(out, "通过 recompute") || !strings.Contains(out, zhTitle) || !strings.Contains(out, "报告") ||
		!strings.HasSuffix(out, messages.For(messages.Chinese).Sprintf(messages.CLIVerifyPass)+"\n") || !strings.Contains(out, "\nPASS（") {
		t.Errorf("default (Chinese): exit %d:\n%s", code, out)
	}
	if strings.Contains(out, enTitle) || strings.Contains(out, "signing key fingerprint") {
		t.Errorf("the Chinese output holds English:\n%s", out)
	}

	out, code = run(t, "--lang", "en", "verify", envelope, "--key-file", keys)
	if code != 0 || !strings.Contains(out, "ok   recompute") || !strings.Contains(out, enTitle) || !strings.HasSuffix(out, "\nPASS\n") || strings.Contains(out, zhTitle) {
		t.Errorf("--lang en: exit %d:\n%s", code, out)
	}

	t.Setenv("LANG", "en_US.UTF-8")
	if out, _ := run(t, "verify", envelope, "--key-file", keys); !strings.Contains(out, "ok   recompute") {
		t.Errorf("LANG=en_US.UTF-8:\n%s", out)
	}
	if out, _ := run(t, "--lang", "zh", "verify", envelope, "--key-file", keys); !strings.Contains(out, "通过 recompute") {
		t.Errorf("--lang zh under LANG=en_US.UTF-8:\n%s", out)
	}
	if _, code := run(t, "--lang", "fr", "verify", envelope); code != 2 {
		t.Errorf("--lang fr: exit %d, want 2", code)
	}

	// The titles and key sources looked up by the verifier's codes exist, so no line prints a
	// bare code where a name exists.
	out, _ = run(t, "verify", envelope, "--key-file", keys, "--json")
	var v engine.Verification
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Checks) == 0 {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	for _, c := range v.Checks {
		messagestest.Exists(t, messages.ID("web.verify.check."+c.Name))
	}
	messagestest.Dynamic(t, "cli.verify.key_source.", "embedded", "given", "institute")
}

// A failed verification and an import's problems, as main shows them, in each language: the
// problem keeps its row and column.
func TestErrorsInTheCommandLanguage(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	ve := &engine.ValidationError{Total: 1}
	ve.Summary, ve.SummaryID, ve.SummaryArgs = `the file "x.csv" was not imported; nothing was stored`, string(messages.IngestNotImported), map[string]any{"file": "x.csv"}
	ve.Problems = []engine.Problem{{Row: 3, Column: "数值", Value: "五百亿", Message: "not a number", MessageID: string(messages.IngestNotANumber)}}
	if got, want := errorText(zh, ve), "evalbench出错：文件“x.csv”未导入，未保存任何内容: 第3行第数值列：值“五百亿”：数值无法识别"; got != want {
		t.Errorf("Chinese:\n got %s\nwant %s", got, want)
	}
	if got, want := errorText(en, ve), `evalbench: the file "x.csv" was not imported; nothing was stored: row 3, column 数值: "五百亿": not a number`; got != want {
		t.Errorf("English:\n got %s\nwant %s", got, want)
	}
	failed := &exitError{1, failure(messages.CLIVerifyFailed, "checks", []string{"signature", "recompute"})}
	if got := errorText(zh, failed); got != "evalbench出错：验证未通过：signature、recompute" {
		t.Errorf("Chinese failure: %s", got)
	}
	if got := errorText(en, failed); got != "evalbench: verification failed: signature, recompute" || !errors.Is(failed, failed.err) {
		t.Errorf("English failure: %s", got)
	}
	// An error without a message is shown as the service wrote it.
	if got := errorText(zh, errors.New("connection refused")); got != "evalbench出错：connection refused" {
		t.Errorf("plain error: %s", got)
	}
}

// A calculator request with problems lists them in the command's language and ends by saying
// that nothing was computed (not "nothing was imported", the import commands' ending).
func TestCalcProblemsLanguage(t *testing.T) {
	noLocale(t)
	for _, c := range []struct {
		lang, problem, outcome string
	}{
		{"zh", "须为", "未进行计算"},
		{"en", "want one of", "nothing was computed"},
	} {
		root := newRoot("--lang", c.lang, "calc", "ahp")
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetIn(strings.NewReader(`{"matrix": [[1, 2], [0.5, 1]], "method": "power"}`))
		root.SetArgs([]string{"--lang", c.lang, "calc", "ahp"})
		err := root.Execute()
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 2 {
			t.Fatalf("--lang %s: %v\n%s", c.lang, err, out.String())
		}
		text := out.String() + errorText(messages.For(messages.Language(c.lang)), err)
		if !strings.Contains(text, c.problem) || !strings.Contains(text, c.outcome) || strings.Contains(text, "imported") || strings.Contains(text, "未导入") {
			t.Errorf("--lang %s:\n%s", c.lang, text)
		}
	}
}

// The system's errors about a file name the file in the command's language; the JSON errors of
// a file the command reads are placed by line and character and said in it too; one the catalogue
// does not know is quoted as the system wrote it.
func TestSystemErrorsInTheCommandLanguage(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.json")

	// Through the commands: a missing report, a directory named as the report.
	noLocale(t)
	for _, tc := range []struct {
		file   string
		zh, en string
	}{
		{missing, "evalbench出错：" + missing + "不存在", "evalbench: " + missing + " does not exist"},
		{dir, "evalbench出错：" + dir + "是目录，不是文件", "evalbench: " + dir + " is a directory, not a file"},
	} {
		err := execute("verify", tc.file)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 2 {
			t.Fatalf("verify %s: %v", tc.file, err)
		}
		if got := errorText(zh, err); got != tc.zh {
			t.Errorf("Chinese: %s, want %s", got, tc.zh)
		}
		if got := errorText(en, err); got != tc.en {
			t.Errorf("English: %s, want %s", got, tc.en)
		}
	}

	// Each error the catalogue knows, and one it does not.
	for _, tc := range []struct {
		errno  error
		zh, en string
	}{
		{syscall.EACCES, "没有访问x.json的权限", "no permission to access x.json"},
		{syscall.EEXIST, "x.json已存在", "x.json already exists"},
		{syscall.ENOTDIR, "x.json：路径中有一部分不是目录", "x.json: a part of the path is not a directory"},
		{syscall.ENOSPC, "设备空间不足，无法写入x.json", "no space left on the device to write x.json"},
		{syscall.EROFS, "x.json位于只读文件系统上", "x.json is on a read-only file system"},
		{syscall.ENAMETOOLONG, "文件名x.json过长", "the file name x.json is too long"},
		{syscall.EIO, "x.json出错：input/output error", "x.json: input/output error"},
	} {
		err := &fs.PathError{Op: "write", Path: "x.json", Err: tc.errno}
		if got := errorText(zh, err); got != "evalbench出错："+tc.zh {
			t.Errorf("%v in Chinese: %s", tc.errno, got)
		}
		if got := errorText(en, err); got != "evalbench: "+tc.en {
			t.Errorf("%v in English: %s", tc.errno, got)
		}
	}

	// The JSON of a run request and of a checkpoints file.
	file := filepath.Join(dir, "run.json")
	var req evaluation.RunRequest
	for _, tc := range []struct {
		text   string
		read   func() error
		zh, en string
	}{
		{"{\n  \"config\": ,\n}", func() error { return readJSON(file, &req) },
			"读取" + file + "出错：第2行第13个字符处：此处应为一个值，却是','", "reading " + file + ": line 2, character 13: ',' where a value should begin"},
		{`{"nope": 1}`, func() error { return readJSON(file, &req) },
			"读取" + file + "出错：无法识别的字段“nope”", "reading " + file + `: unknown field "nope"`},
		{`[{"seq": "x"}]`, func() error { _, err := readCheckpoints(file); return err },
			"--checkpoints " + file + "有误：seq应为整数，实际为JSON 字符串", "--checkpoints " + file + ": seq: expected an integer, found a JSON string"},
		{`{"items": [}`, func() error { _, err := readCheckpoints(file); return err },
			"--checkpoints " + file + "有误：第1行第12个字符处：此处应为一个值，却是'}'", "--checkpoints " + file + ": line 1, character 12: '}' where a value should begin"},
	} {
		if err := os.WriteFile(file, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		err := tc.read()
		if got := errorText(zh, err); got != "evalbench出错："+tc.zh {
			t.Errorf("%s in Chinese: %s", tc.text, got)
		}
		if got := errorText(en, err); got != "evalbench: "+tc.en {
			t.Errorf("%s in English: %s", tc.text, got)
		}
	}

	// A file beyond the bound is refused before it is decoded.
	defer func(n int) { maxJSONFile = n }(maxJSONFile)
	maxJSONFile = 8
	os.WriteFile(file, []byte(`{"config": {}}`), 0o644)
	err := readJSON(file, &req)
	if got := errorText(zh, err); got != "evalbench出错："+file+"超过8字节" {
		t.Errorf("too large in Chinese: %s", got)
	}
	if got := errorText(en, err); got != "evalbench: "+file+" is larger than 8 bytes" {
		t.Errorf("too large in English: %s", got)
	}
}
