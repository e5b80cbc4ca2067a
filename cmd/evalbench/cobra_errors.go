package main

import (
	"errors"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"evalbench/messages"
)

// exactArgs is exactArgs(n) with its error from the catalogue.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return failure(messages.CLIErrArgs, "command", cmd.CommandPath(), "want", n, "got", len(args))
		}
		return nil
	}
}

// cobra's errors that carry no type, as cobra v1.10 writes them (TestCobraErrors holds them).
var (
	cobraUnknownCommand = regexp.MustCompile(`(?s)^unknown command "(.*)" for "([^"]*)"(.*)$`)
	cobraRequiredFlags  = regexp.MustCompile(`^required flag\(s\) "(.*)" not set$`)
)

// cobraMessage is an error of the command line's parsing as a catalogue message: pflag's typed
// errors (a flag unknown, without its value, with a bad value or bad syntax) and cobra's unknown
// command and missing required flags. ok is false for any other error.
func cobraMessage(err error) (m messages.Message, ok bool) {
	var notExist *pflag.NotExistError
	var noValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		return messages.New(messages.CLIErrUnknownFlag, "flag", flagName(notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames())), true
	case errors.As(err, &noValue):
		return messages.New(messages.CLIErrFlagValueRequired, "flag", flagName(noValue.GetSpecifiedName(), noValue.GetSpecifiedShortnames())), true
	case errors.As(err, &invalid):
		var cause any = ""
		if c := errors.Unwrap(invalid); c != nil {
			cause = flagValueReason(c)
		}
		return messages.New(messages.CLIErrFlagInvalid, "value", invalid.GetValue(), "flag", "--"+invalid.GetFlag().Name, "error", cause), true
	case errors.As(err, &syntax):
		return messages.New(messages.CLIErrFlagSyntax, "flag", syntax.GetSpecifiedFlag()), true
	}
	text := err.Error()
	if m := cobraUnknownCommand.FindStringSubmatch(text); m != nil {
		var suggestions []string
		if _, list, found := strings.Cut(m[3], "Did you mean this?\n"); found {
			suggestions = strings.Fields(list)
		}
		if len(suggestions) > 0 {
			return messages.New(messages.CLIErrUnknownCommandSuggest, "name", m[1], "command", m[2], "suggestions", suggestions), true
		}
		return messages.New(messages.CLIErrUnknownCommand, "name", m[1], "command", m[2]), true
	}
	if m := cobraRequiredFlags.FindStringSubmatch(text); m != nil {
		var flags []string
		for _, f := range strings.Split(m[1], `", "`) {
			flags = append(flags, "--"+f)
		}
		return messages.New(messages.CLIErrRequiredFlags, "flags", flags), true
	}
	return messages.Message{}, false
}

// flagName is a flag as it was given: --name, or -n within its group of shorthands.
func flagName(name, shorthands string) string {
	if shorthands == "" {
		return "--" + name
	}
	if shorthands == name {
		return "-" + name
	}
	return "-" + name + " (-" + shorthands + ")"
}
