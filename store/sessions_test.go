package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store/storetest"
)

// clock is a settable clock for the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// signinFixture is an institute with an admin, a user with a password and one without, over a
// service with a settable clock.
type signinFixture struct {
	svc                  *evaluation.Service
	clock                *clock
	admin, other         evaluation.Actor
	user, nopass, admin2 *evaluation.User
}

const goodPassword = "correct horse battery"

func newSigninFixture(t *testing.T) *signinFixture {
	t.Helper()
	db, _ := storetest.New(t)
	ctx := context.Background()
	c := &clock{t: time.Now().UTC().Truncate(time.Microsecond)}
	svc := evaluation.NewService(db, evaluation.WithClock(c.now))
	sys := evaluation.SystemActor("test")
	f := &signinFixture{svc: svc, clock: c}
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "i", Name: "I"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "o", Name: "O"})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(inst, name, email string, admin bool) *evaluation.User {
		u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst, Name: name, Email: email, InstituteAdmin: admin})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	adm := mk(inst.ID, "Admin", "", true)
	f.admin = evaluation.Actor{UserID: adm.ID, Name: adm.Name, InstituteID: inst.ID, InstituteAdmin: true}
	oadm := mk(other.ID, "Other admin", "", true)
	f.other = evaluation.Actor{UserID: oadm.ID, Name: oadm.Name, InstituteID: other.ID, InstituteAdmin: true}
	f.user = mk(inst.ID, "Li Wei", "li.wei@example.org", false)
	f.nopass = mk(inst.ID, "No Password", "", false)
	f.admin2 = adm
	if err := svc.SetPassword(ctx, f.admin, f.user.ID, goodPassword); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *signinFixture) signin(login, password, addr string) (*evaluation.NewSession, error) {
	return f.svc.SignIn(context.Background(), evaluation.SigninInput{Login: login, Password: password, Address: addr, UserAgent: "test"})
}

func TestPasswordHash(t *testing.T) {
	h, err := evaluation.HashPassword("pässword", evaluation.DefaultArgon2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q", h)
	}
	h2, _ := evaluation.HashPassword("pässword", evaluation.DefaultArgon2)
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	if !evaluation.CheckPassword("pässword", h) || evaluation.CheckPassword("password", h) || evaluation.CheckPassword("pässword", "$argon2id$v=19$m=0,t=0,p=0$$") {
		t.Error("CheckPassword")
	}
	start := time.Now()
	evaluation.CheckPassword("x", h)
	t.Logf("one argon2id check (m=19 MiB, t=2, p=1): %v", time.Since(start))
}

func TestSignin(t *testing.T) {
	f := newSigninFixture(t)
	ctx := context.Background()

	x, err := f.signin("li wei", goodPassword, "a") // the name, case-insensitively
	if err != nil {
		t.Fatalf("right password: %v", err)
	}
	if !strings.HasPrefix(x.Secret, "evs_") || x.Actor.UserID != f.user.ID || !x.ExpiresAt.Equal(f.clock.now().Add(12*time.Hour)) ||
		!x.IdleExpiresAt.Equal(f.clock.now().Add(30*time.Minute)) {
		t.Errorf("session %+v", x)
	}
	if _, err := f.signin("LI.WEI@example.org", goodPassword, "a"); err != nil { // the e-mail address
		t.Errorf("e-mail: %v", err)
	}
	a, err := f.svc.SessionActor(ctx, x.Secret)
	if err != nil || a.UserID != f.user.ID || a.InstituteID != f.user.InstituteID {
		t.Fatalf("SessionActor: %+v %v", a, err)
	}

	// Wrong password, unknown user and a user without a password: one answer after the same
	// work — exactly one argon2id comparison each (counted, not timed: timings on a loaded
	// machine say nothing).
	for _, c := range []struct{ login, password string }{
		{"Li Wei", "wrong password!"}, {"nobody", goodPassword}, {"No Password", goodPassword},
	} {
		before := f.svc.PasswordChecks()
		_, err := f.signin(c.login, c.password, "b")
		if !errors.Is(err, evaluation.ErrSigninFailed) || err.Error() != evaluation.ErrSigninFailed.Error() {
			t.Errorf("%q: %v, want ErrSigninFailed", c.login, err)
		}
		if n := f.svc.PasswordChecks() - before; n != 1 {
			t.Errorf("%q: %d argon2id comparisons, want 1 (an unknown name must cost what a wrong password costs)", c.login, n)
		}
	}
	if _, err := f.signin("", "x", "b"); !errors.Is(err, evaluation.ErrSigninFailed) || err.Error() != evaluation.ErrSigninFailed.Error() {
		t.Errorf("empty login: %v, want ErrSigninFailed", err)
	}

	// Sessions are stored by hash only, listed without their secret.
	ss, err := f.svc.ListSessions(ctx, evaluation.Actor{UserID: f.user.ID}, "")
	if err != nil || len(ss) != 2 {
		t.Fatalf("ListSessions: %v %v", ss, err)
	}
	if _, err := f.svc.ListSessions(ctx, f.other, f.user.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("another institute's admin lists the sessions: %v", err)
	}

	// Sign-out ends the session; the other stays.
	if err := f.svc.SignOut(ctx, x.Secret); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SessionActor(ctx, x.Secret); !errors.Is(err, engine.ErrUnauthenticated) {
		t.Errorf("a signed-out session: %v", err)
	}
	for _, bad := range []string{"", "evs_x", "evb_" + strings.Repeat("a", 43), "evs_" + strings.Repeat("a", 43)} {
		if _, err := f.svc.SessionActor(ctx, bad); !errors.Is(err, engine.ErrUnauthenticated) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestSigninLockout(t *testing.T) {
	f := newSigninFixture(t)
	for i := range 5 {
		if _, err := f.signin("Li Wei", "wrong password!", "addr"+string(rune('a'+i))); !errors.Is(err, evaluation.ErrSigninFailed) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	// Locked: the right password is refused, with the same answer.
	if _, err := f.signin("Li Wei", goodPassword, "z"); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Fatalf("locked account: %v", err)
	}
	f.clock.add(14 * time.Minute)
	if _, err := f.signin("Li Wei", goodPassword, "z"); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Fatalf("after 14 minutes: %v", err)
	}
	f.clock.add(2 * time.Minute)
	if _, err := f.signin("Li Wei", goodPassword, "z"); err != nil {
		t.Fatalf("after the lock ran out: %v", err)
	}
	// A success resets the count: four more failures do not lock.
	for range 4 {
		f.signin("Li Wei", "wrong password!", "y")
	}
	if _, err := f.signin("Li Wei", goodPassword, "y"); err != nil {
		t.Fatalf("four failures after a success locked the account: %v", err)
	}
	// The audit log records failures and the lock, never a password.
	entries, err := f.svc.ListAudit(context.Background(), evaluation.SystemActor("t"), evaluation.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range entries {
		actions[e.Action]++
		if strings.Contains(string(e.Changes), "wrong password") || strings.Contains(string(e.Changes), goodPassword) || strings.Contains(string(e.Changes), "argon2") {
			t.Errorf("audit entry %s holds a password or hash: %s", e.Action, e.Changes)
		}
	}
	if actions["session.signin_failed"] != 9 || actions["session.signin"] != 2 || actions["password.set"] != 1 {
		t.Errorf("audit actions %v", actions)
	}
}

func TestSigninAddressThrottle(t *testing.T) {
	f := newSigninFixture(t)
	f.svc = evaluation.NewService(f.svc.Store(), evaluation.WithClock(f.clock.now), evaluation.WithSessionPolicy(evaluation.SessionPolicy{AddrFails: 3, LockAfter: 100}))
	for i := range 3 {
		if _, err := f.signin("nobody"+string(rune('a'+i)), "x", "10.0.0.1"); !errors.Is(err, evaluation.ErrSigninFailed) {
			t.Fatal(err)
		}
	}
	if _, err := f.signin("Li Wei", goodPassword, "10.0.0.1"); !errors.Is(err, evaluation.ErrSigninThrottled) {
		t.Fatalf("throttled address: %v", err)
	}
	if _, err := f.signin("Li Wei", goodPassword, "10.0.0.2"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	f.clock.add(16 * time.Minute)
	if _, err := f.signin("Li Wei", goodPassword, "10.0.0.1"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestSessionExpiry(t *testing.T) {
	f := newSigninFixture(t)
	ctx := context.Background()
	x, err := f.signin("Li Wei", goodPassword, "a")
	if err != nil {
		t.Fatal(err)
	}
	// Idle: used every 25 minutes it lives on; unused for 30 it ends.
	for range 4 {
		f.clock.add(25 * time.Minute)
		if _, err := f.svc.SessionActor(ctx, x.Secret); err != nil {
			t.Fatalf("used within the idle time: %v", err)
		}
	}
	f.clock.add(30 * time.Minute)
	if _, err := f.svc.SessionActor(ctx, x.Secret); !errors.Is(err, engine.ErrUnauthenticated) {
		t.Fatalf("idle for 30 minutes: %v", err)
	}
	// Absolute: however active, 12 hours after sign-in it ends.
	y, err := f.signin("Li Wei", goodPassword, "a")
	if err != nil {
		t.Fatal(err)
	}
	for range 12*60/20 - 1 {
		f.clock.add(20 * time.Minute)
		if _, err := f.svc.SessionActor(ctx, y.Secret); err != nil {
			t.Fatalf("active session before 12 h: %v", err)
		}
	}
	f.clock.add(20 * time.Minute)
	if _, err := f.svc.SessionActor(ctx, y.Secret); !errors.Is(err, engine.ErrUnauthenticated) {
		t.Fatalf("12 h after sign-in: %v", err)
	}
}

func TestRevokeSessions(t *testing.T) {
	f := newSigninFixture(t)
	ctx := context.Background()
	x, err := f.signin("Li Wei", goodPassword, "a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RevokeSessions(ctx, f.other, f.user.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("another institute's admin: %v", err)
	}
	if _, err := f.svc.RevokeSessions(ctx, evaluation.Actor{UserID: f.nopass.ID, InstituteID: f.user.InstituteID}, f.user.ID); !errors.Is(err, engine.ErrForbidden) {
		t.Errorf("a colleague who is no admin: %v", err)
	}
	n, err := f.svc.RevokeSessions(ctx, f.admin, f.user.ID)
	if err != nil || n != 1 {
		t.Fatalf("RevokeSessions: %d %v", n, err)
	}
	if _, err := f.svc.SessionActor(ctx, x.Secret); !errors.Is(err, engine.ErrUnauthenticated) {
		t.Fatalf("revoked session: %v", err)
	}
	// Setting a password ends the sessions too.
	y, _ := f.signin("Li Wei", goodPassword, "a")
	if err := f.svc.SetPassword(ctx, f.admin, f.user.ID, "another long password"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SessionActor(ctx, y.Secret); !errors.Is(err, engine.ErrUnauthenticated) {
		t.Fatalf("session after a new password: %v", err)
	}
}

func TestSetPasswordPermissions(t *testing.T) {
	f := newSigninFixture(t)
	ctx := context.Background()
	if err := f.svc.SetPassword(ctx, f.other, f.nopass.ID, goodPassword); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("another institute's admin: %v", err)
	}
	if err := f.svc.SetPassword(ctx, evaluation.Actor{UserID: f.user.ID, InstituteID: f.user.InstituteID}, f.nopass.ID, goodPassword); !errors.Is(err, engine.ErrForbidden) {
		t.Errorf("no admin: %v", err)
	}
	if err := f.svc.SetPassword(ctx, f.admin, f.nopass.ID, "short"); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("short password: %v", err)
	}
	if err := f.svc.SetPassword(ctx, evaluation.SystemActor("t"), f.nopass.ID, goodPassword); err != nil {
		t.Errorf("platform admin: %v", err)
	}
	// Two users who sign in cannot share a name.
	dup, err := f.svc.CreateUser(ctx, evaluation.SystemActor("t"), evaluation.UserInput{InstituteID: f.user.InstituteID, Name: "LI WEI"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetPassword(ctx, f.admin, dup.ID, goodPassword); !errors.Is(err, engine.ErrConflict) {
		t.Errorf("a second signing-in user named Li Wei: %v", err)
	}
}

func TestPasswordLink(t *testing.T) {
	f := newSigninFixture(t)
	ctx := context.Background()
	if _, err := f.svc.IssueSetPasswordLink(ctx, f.other, f.nopass.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("another institute's admin: %v", err)
	}
	l, err := f.svc.IssueSetPasswordLink(ctx, f.admin, f.nopass.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := f.svc.PasswordLinkUser(ctx, l.Secret); err != nil || u.ID != f.nopass.ID {
		t.Fatalf("PasswordLinkUser: %v %v", u, err)
	}
	if err := f.svc.UsePasswordLink(ctx, l.Secret, "short"); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("short password: %v", err)
	}
	if err := f.svc.UsePasswordLink(ctx, l.Secret, "my own long password"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.signin("No Password", "my own long password", "a"); err != nil {
		t.Fatalf("signing in with the password set by link: %v", err)
	}
	if err := f.svc.UsePasswordLink(ctx, l.Secret, "a second password"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("a used link: %v", err)
	}
	// Expiry: 72 hours.
	l2, err := f.svc.IssueSetPasswordLink(ctx, f.admin, f.nopass.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.add(72*time.Hour + time.Second)
	if _, err := f.svc.PasswordLinkUser(ctx, l2.Secret); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("an expired link: %v", err)
	}
	if err := f.svc.UsePasswordLink(ctx, l2.Secret, "a second password"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("an expired link: %v", err)
	}
	if err := f.svc.UsePasswordLink(ctx, "evp_"+strings.Repeat("A", 43), "a second password"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("an unknown link: %v", err)
	}
}

// TestSigninLockoutConcurrent: guesses sent at once cannot overwrite each other's failure
// counts (one UPDATE counts each), so a burst locks the account as a sequence does.
func TestSigninLockoutConcurrent(t *testing.T) {
	f := newSigninFixture(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.signin("Li Wei", "wrong password!", "burst"+string(rune('a'+i)))
		}()
	}
	wg.Wait()
	if _, err := f.signin("Li Wei", goodPassword, "z"); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Fatalf("after a burst of 8 wrong guesses the right password: %v, want ErrSigninFailed (locked)", err)
	}
	var cred *evaluation.Credentials
	err := f.svc.Store().Transact(context.Background(), func(tx evaluation.Tx) error {
		var err error
		cred, err = tx.SigninCredentials(context.Background(), "li wei")
		return err
	})
	if err != nil || cred.FailedSignins < 5 || cred.LockedUntil == nil {
		t.Fatalf("credentials after the burst: %+v %v", cred, err)
	}
	t.Logf("%d failures counted, locked until %v", cred.FailedSignins, cred.LockedUntil)
}

// TestSigninLink: a one-time sign-in link opens a session once, for its user, without a
// password; it is not a set-password link nor the reverse; used, expired, unknown and altered
// links fail alike (counted against the address); a locked account is not signed in and keeps
// its link.
func TestSigninLink(t *testing.T) {
	f := newSigninFixture(t)
	ctx := context.Background()
	if _, err := f.svc.IssueSigninLink(ctx, f.other, f.nopass.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("another institute's admin: %v", err)
	}
	if _, err := f.svc.IssueSigninLink(ctx, evaluation.Actor{UserID: f.user.ID, InstituteID: f.user.InstituteID}, f.nopass.ID); !errors.Is(err, engine.ErrForbidden) {
		t.Errorf("no admin: %v", err)
	}
	l, err := f.svc.IssueSigninLink(ctx, f.admin, f.nopass.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(l.Secret, "evl_") {
		t.Errorf("the link's secret %q", l.Secret[:4])
	}
	// Not a set-password link.
	if _, err := f.svc.PasswordLinkUser(ctx, l.Secret); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("a sign-in link as a set-password link: %v", err)
	}
	if err := f.svc.UsePasswordLink(ctx, l.Secret, "my own long password"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("a sign-in link setting a password: %v", err)
	}
	x, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: l.Secret, Address: "a", UserAgent: "Mozilla/5.0 Firefox/140.0"})
	if err != nil {
		t.Fatal(err)
	}
	if x.Actor.UserID != f.nopass.ID {
		t.Errorf("signed in as %s, want %s", x.Actor.UserID, f.nopass.ID)
	}
	if a, err := f.svc.SessionActor(ctx, x.Secret); err != nil || a.UserID != f.nopass.ID {
		t.Errorf("the link's session: %v %v", a, err)
	}
	if _, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: l.Secret, Address: "a"}); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Errorf("a used link: %v", err)
	}
	// A set-password link does not sign in.
	pl, err := f.svc.IssueSetPasswordLink(ctx, f.admin, f.nopass.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: pl.Secret, Address: "a"}); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Errorf("a set-password link signing in: %v", err)
	}
	if _, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: "evl_" + strings.Repeat("A", 43), Address: "a"}); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Errorf("an unknown link: %v", err)
	}
	// Expiry: 72 hours.
	l2, err := f.svc.IssueSigninLink(ctx, f.admin, f.nopass.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.add(72*time.Hour + time.Second)
	if _, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: l2.Secret, Address: "b"}); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Errorf("an expired link: %v", err)
	}
	// A locked account is not signed in by a link, and the link stays unspent.
	if err := f.svc.SetPassword(ctx, f.admin, f.nopass.ID, goodPassword); err != nil {
		t.Fatal(err)
	}
	l3, err := f.svc.IssueSigninLink(ctx, f.admin, f.nopass.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		f.signin("No Password", "a wrong password", "c")
	}
	if _, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: l3.Secret, Address: "d"}); !errors.Is(err, evaluation.ErrSigninFailed) {
		t.Errorf("a locked account signed in by link: %v", err)
	}
	f.clock.add(16 * time.Minute)
	if _, err := f.svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: l3.Secret, Address: "d"}); err != nil {
		t.Errorf("the link after the lock: %v", err)
	}
}
