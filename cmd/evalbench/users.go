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
	cmd := &cobra.Command{Use: "user", Short: "Give a person a one-time set-password link, or end their sessions"}
	var user string
	password := &cobra.Command{
		Use:   "password",
		Short: "Print a one-time link with which the user sets their password (it expires in 72 hours)",
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
		Short: "End every session of the user (they sign in again)",
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
		c.Flags().StringVar(&user, "user", "", "the user's id, e-mail address or name (required)")
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
		return nil, fmt.Errorf("no user %q: %w", key, engine.ErrNotFound)
	case 1:
		return &found[0], nil
	}
	var ids []string
	for _, u := range found {
		ids = append(ids, u.ID+" ("+u.Name+")")
	}
	return nil, failure(messages.CLIErrSeveralUsers, "key", key, "ids", ids)
}

// demoReviewer makes sure the demo has an acceptance reviewer on every example commission and
// returns a fresh one-time link with which to set the reviewer's password.
func demoReviewer(ctx context.Context, svc *evaluation.Service, owner evaluation.Actor, commissionIDs []string) (*evaluation.User, *evaluation.NewPasswordLink, error) {
	sys := evaluation.SystemActor("evalbench demo")
	users, err := svc.ListUsers(ctx, sys, owner.InstituteID)
	if err != nil {
		return nil, nil, err
	}
	var u *evaluation.User
	for i := range users {
		if users[i].Name == "reviewer" {
			u = &users[i]
		}
	}
	if u == nil {
		if u, err = svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: owner.InstituteID, Name: "reviewer"}); err != nil {
			return nil, nil, err
		}
	}
	for _, id := range commissionIDs {
		if _, err := svc.Grant(ctx, owner, id, u.ID, evaluation.RoleReviewer); err != nil && !errors.Is(err, engine.ErrConflict) {
			return nil, nil, err
		}
	}
	l, err := svc.IssueSetPasswordLink(ctx, sys, u.ID)
	return u, l, err
}

// printDemoReviewer prints the demo's sign-in: the reviewer's one-time set-password link (demo
// only; a real installation issues links with `evalbench user password`).
func printDemoReviewer(ctx context.Context, out io.Writer, p *messages.Printer, svc *evaluation.Service, owner evaluation.Actor, cs []*examples.Commission, base string) error {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	u, l, err := demoReviewer(ctx, svc, owner, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  %s %s/set-password/%s\n", label(p, messages.CLIDemoLabelSignIn), base, l.Secret)
	fmt.Fprintf(out, "  %s %s\n\n", label(p, ""), p.Sprintf(messages.CLIDemoReviewerLink, "name", u.Name, "url", base+"/signin"))
	return nil
}
