package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/examples"
	"evalbench/messages"
)

// userCmd is how an operator gives people their first password: a one-time set-password link
// printed once, and the revocation of a person's sessions. It acts as the platform (the
// database URL is the credential), as `token create --admin` does.
func userCmd(cfg *config) *cobra.Command {
	p := cfg.printer()
	cmd := &cobra.Command{Use: "user", Short: p.Sprintf(messages.CLICmdUserShort)}
	var user string
	password := &cobra.Command{
		Use:   "password",
		Short: p.Sprintf(messages.CLICmdUserPasswordShort),
		RunE: cfg.asPlatform(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service) error {
			ctx := cmd.Context()
			u, err := findUser(ctx, svc, user)
			if err != nil {
				return err
			}
			l, err := svc.IssueSetPasswordLink(ctx, evaluation.SystemActor("evalbench user password"), u.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s/set-password/%s\n", linkBase(cfg.API.BaseURL, cfg.Addr), l.Secret)
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIUserLink, "name", u.Name, "id", u.ID,
				"until", l.ExpiresAt.Format("2006-01-02 15:04 MST"), "login", signinName(u)))
			return nil
		}),
	}
	revoke := &cobra.Command{
		Use:   "signout",
		Short: p.Sprintf(messages.CLICmdUserSignoutShort),
		RunE: cfg.asPlatform(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service) error {
			ctx := cmd.Context()
			u, err := findUser(ctx, svc, user)
			if err != nil {
				return err
			}
			n, err := svc.RevokeSessions(ctx, evaluation.SystemActor("evalbench user signout"), u.ID)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIUserSessionsEnded, "count", n, "name", u.Name))
			return nil
		}),
	}
	for _, c := range []*cobra.Command{password, revoke} {
		c.Flags().StringVar(&user, "user", "", p.Sprintf(messages.CLIFlagUser))
		c.MarkFlagRequired("user")
		cmd.AddCommand(c)
	}
	return cmd
}

// signinName is what the user types to sign in: their e-mail address, or else their name.
func signinName(u *evaluation.User) string {
	if u.Email != "" {
		return u.Email
	}
	return u.Name
}

// findUser finds the one user whose id, e-mail address or name (case-insensitively) is key,
// among every institute's users and the platform admins.
func findUser(ctx context.Context, svc *evaluation.Service, key string) (*evaluation.User, error) {
	sys := evaluation.SystemActor("evalbench user")
	insts, err := svc.ListInstitutes(ctx, sys)
	if err != nil {
		return nil, err
	}
	var all []evaluation.User
	err = svc.Store().Transact(ctx, func(tx evaluation.Tx) error {
		us, err := tx.ListUsers(ctx, "") // platform admins without an institute
		all = append(all, us...)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, in := range insts {
		us, err := svc.ListUsers(ctx, sys, in.ID)
		if err != nil {
			return nil, err
		}
		all = append(all, us...)
	}
	var found []evaluation.User
	for _, u := range all {
		if u.ID == key || u.Email != "" && strings.EqualFold(u.Email, key) || strings.EqualFold(u.Name, key) {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 0:
		return nil, engine.Refuse(engine.ErrNotFound, messages.CLIErrNoUser, "user", key)
	case 1:
		return &found[0], nil
	}
	var ids []string
	for _, u := range found {
		ids = append(ids, u.ID+" ("+u.Name+")")
	}
	return nil, failure(messages.CLIErrSeveralUsers, "key", key, "ids", ids)
}

// demoReviewer makes sure the demo has an acceptance reviewer on every example commission
// (user "reviewer" of the example institute, created once, granted once).
func demoReviewer(ctx context.Context, svc *evaluation.Service, owner evaluation.Actor, commissionIDs []string) (*evaluation.User, error) {
	sys := evaluation.SystemActor("evalbench demo")
	users, err := svc.ListUsers(ctx, sys, owner.InstituteID)
	if err != nil {
		return nil, err
	}
	var u *evaluation.User
	for i := range users {
		if users[i].Name == "reviewer" {
			u = &users[i]
		}
	}
	if u == nil {
		if u, err = svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: owner.InstituteID, Name: "reviewer"}); err != nil {
			return nil, err
		}
	}
	for _, id := range commissionIDs {
		if _, err := svc.Grant(ctx, owner, id, u.ID, evaluation.RoleReviewer); err != nil && !errors.Is(err, engine.ErrConflict) {
			return nil, err
		}
	}
	return u, nil
}

// printDemoSignin prints the demo's way into the workbench: a one-time sign-in link for the
// examples' evaluator (the institute's staff account that owns the example commissions) — the
// one URL to open — and one for the acceptance reviewer, each line in Chinese and English. The
// accounts are made once (examples.Owner, demoReviewer); each run issues fresh links, as the
// secrets of the old ones are not kept (demo only; a real installation gives people
// set-password links with `evalbench user password`).
func printDemoSignin(ctx context.Context, out io.Writer, svc *evaluation.Service, owner evaluation.Actor, cs []*examples.Commission, base string) error {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	rev, err := demoReviewer(ctx, svc, owner, ids)
	if err != nil {
		return err
	}
	sys := evaluation.SystemActor("evalbench demo")
	staff, err := svc.IssueSigninLink(ctx, sys, owner.UserID)
	if err != nil {
		return err
	}
	review, err := svc.IssueSigninLink(ctx, sys, rev.ID)
	if err != nil {
		return err
	}
	both := func(id messages.ID, kv ...any) {
		for _, lang := range []messages.Language{messages.Chinese, messages.English} {
			fmt.Fprintf(out, "  %s\n", messages.For(lang).Sprintf(id, kv...))
		}
	}
	both(messages.CLIDemoWorkbench, "name", owner.Name)
	fmt.Fprintf(out, "\n      %s/signin/link/%s\n\n", base, staff.Secret)
	both(messages.CLIDemoReviewer, "name", rev.Name)
	fmt.Fprintf(out, "\n      %s/signin/link/%s\n\n", base, review.Secret)
	both(messages.CLIDemoOnce, "hours", int(staff.ExpiresAt.Sub(staff.CreatedAt).Hours()+0.5))
	fmt.Fprintln(out)
	return nil
}
