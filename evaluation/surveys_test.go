package evaluation_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

func TestRedactComment(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"服务很好", "服务很好"},
		{"请回电13812345678谢谢", "请回电[电话已隐去]谢谢"},
		{"手机 138-1234-5678，或 +86 139 1234 5678", "手机 [电话已隐去]，或 [电话已隐去]"},
		{"全角１３８１２３４５６７８也算", "全角[电话已隐去]也算"},
		{"办公室0571-86001234转123", "办公室[电话已隐去]"},
		{"(0571)86001234 或 057186001234", "[电话已隐去] 或 [电话已隐去]"},
		{"身份证330104199001011234", "身份证[身份证号已隐去]"},
		{"身份证33010419900101123X，旧证330104900101123", "身份证[身份证号已隐去]，旧证[身份证号已隐去]"},
		{"邮箱 zhang.san@example.com.cn 或 13812345678@163.com", "邮箱 [邮箱已隐去] 或 [邮箱已隐去]"},
		{"邮箱 li＠example.org", "邮箱 [邮箱已隐去]"},
		// Not personal data: too long or too short to be a phone or ID number, amounts, years.
		{"订单号1381234567890，金额12345元，2017年", "订单号1381234567890，金额12345元，2017年"},
		{"12位数字138123456789不是手机", "12位数字138123456789不是手机"},
		{"两个号码13812345678,13912345678", "两个号码[电话已隐去],[电话已隐去]"},
	} {
		got, changed := evaluation.RedactComment(c.in)
		if got != c.want || changed != (c.in != c.want) {
			t.Errorf("RedactComment(%q) = %q, %v; want %q", c.in, got, changed, c.want)
		}
	}
}

func TestPseudonymIsHMAC(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	p := evaluation.NewPseudonymizer(secret)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("评价人-007"))
	want := hex.EncodeToString(mac.Sum(nil))
	if got := p.Pseudonym("评价人-007"); got != want {
		t.Fatalf("pseudonym %s, want %s", got, want)
	}
	if p.Pseudonym("评价人-007") != want || p.Pseudonym("评价人-008") == want {
		t.Fatal("a pseudonym must be stable per key and differ between keys")
	}
	if other := evaluation.NewPseudonymizer([]byte("another secret of thirty-two b.")); other.Pseudonym("评价人-007") == want {
		t.Fatal("another commission's secret gives the same pseudonym")
	}
}

func TestSurveyNormalizeDefaults(t *testing.T) {
	s := &engine.Survey{Code: " sat ", Title: " 满意度 ", Kind: engine.SurveySocial,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "满意", Score: 100}, {Label: "一般", Score: 60}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "总体满意度"}},
		Groups: []engine.RaterGroup{{Code: "public", Weight: 0.7}, {Code: "self", Weight: 0.3}, {Code: "enterprise", Name: "企业", Weight: 0.3, MinRaters: 10}},
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Code != "sat" || s.Scale.Min != 0 || s.Scale.Max != 100 || s.Options.BlindSpotShare != 0.2 {
		t.Fatalf("normalised %+v", s)
	}
	for _, c := range []struct {
		code, name string
		min        int
	}{{"public", "公众", 3}, {"self", "自评", 1}, {"enterprise", "企业", 10}} {
		g := s.Group(c.code)
		if g == nil || g.Name != c.name || g.MinRaters != c.min {
			t.Errorf("group %s: %+v", c.code, g)
		}
	}
}

func TestSurveyValidateListsEveryProblem(t *testing.T) {
	s := &engine.Survey{Code: "1bad", Kind: "opinion",
		Scale:   engine.Scale{Min: 0, Max: 100, Categories: []engine.ScaleCategory{{Label: "满意", Score: 100}, {Label: "满意", Score: 120}, {Label: "5", Score: 50}}},
		Items:   []engine.SurveyItem{{Code: "q1", Text: "一"}, {Code: "q1", Dimension: "speed", Content: "mood"}},
		Groups:  []engine.RaterGroup{{Code: "self", Weight: 1}, {Code: "custom", Weight: -1}, {Code: "peer", Weight: 0}},
		Options: engine.SurveyOptions{TrimK: -1, BlindSpotShare: 2},
	}
	s.Normalize()
	err := s.Validate()
	var ve *engine.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err %v", err)
	}
	fields := map[string]bool{}
	for _, p := range ve.Problems {
		fields[p.Field] = true
	}
	for _, f := range []string{"code", "title", "kind", "scale.categories[1].label", "scale.categories[1].score",
		"scale.categories[2].label", "items[1].code", "items[1].text", "items[1].dimension", "items[1].content",
		"groups[1].name", "groups[1].weight", "groups", "options.trim_k", "options.blind_spot_share"} {
		if !fields[f] {
			t.Errorf("no problem for %s; problems: %+v", f, ve.Problems)
		}
	}
}
