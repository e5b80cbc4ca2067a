package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"evalbench/messages"
)

// The help of the command line is in the command's language: every Short, Long and flag usage
// comes from the catalogue, and so do cobra's own texts (its help and completion commands, the
// --help and --version flags, the headings of its usage template). cobra prints help before any
// PersistentPreRun, so the language is chosen from the arguments and the environment before the
// command tree is built (argsLanguage), and the texts are set once, in that language.

// argsLanguage is the language of a command line: its --lang value (the last one given, as pflag
// keeps it), else LC_ALL, LC_MESSAGES or LANG (messages.CLILanguage). An unsupported --lang falls
// back to the environment here; PersistentPreRunE refuses it once the flags are parsed.
func argsLanguage(args []string, getenv func(string) string) messages.Language {
	flag := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			i = len(args)
		case a == "--lang" && i+1 < len(args):
			flag = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang="):
			flag = strings.TrimPrefix(a, "--lang=")
		}
	}
	if l, err := messages.CLILanguage(flag, getenv); err == nil {
		return l
	}
	l, _ := messages.CLILanguage("", getenv)
	return l
}

// localizeCobra gives cobra's own commands, flags and templates the texts of p's language. It
// runs once the command tree is complete: it adds the help and completion commands and the
// --help and --version flags as cobra would when executing (cobra then finds them and adds no
// others).
func localizeCobra(root *cobra.Command, p *messages.Printer) {
	name := root.Name()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = p.Sprintf(messages.CLICmdHelpShort)
			c.Long = p.Sprintf(messages.CLICmdHelpLong, "name", name)
			c.Run = func(c *cobra.Command, args []string) { help(c, args, p) }
		case "completion":
			c.Short = p.Sprintf(messages.CLICmdCompletionShort)
			c.Long = p.Sprintf(messages.CLICmdCompletionLong, "name", name)
			long := map[string]messages.ID{"bash": messages.CLICmdCompletionBashLong, "zsh": messages.CLICmdCompletionZshLong,
				"fish": messages.CLICmdCompletionFishLong, "powershell": messages.CLICmdCompletionPowershellLong}
			for _, sh := range c.Commands() {
				sh.Short = p.Sprintf(messages.CLICmdCompletionShellShort, "shell", sh.Name())
				if id, ok := long[sh.Name()]; ok {
					sh.Long = p.Sprintf(id, "name", name)
				}
				if f := sh.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = p.Sprintf(messages.CLIFlagNoDescriptions)
				}
				sh.RunE = completionScript(sh.Name())
			}
		}
	}
	if f := root.Flags().Lookup("version"); f != nil {
		f.Usage = p.Sprintf(messages.CLIFlagVersion, "command", name)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = p.Sprintf(messages.CLIFlagHelp, "command", c.DisplayName())
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	root.SetUsageTemplate(usageTemplate(root.UsageTemplate(), p))
	root.SetVersionTemplate(p.Sprintf(messages.CLIHelpVersion, "name", "{{.DisplayName}}", "version", "{{.Version}}") + "\n")
}

// completionScript is the RunE of cobra's completion command for shell, writing to the output the
// command has when it runs (cobra's own captures the output set when the command is made, and the
// command is now made with the tree, before a caller's SetOut).
func completionScript(shell string) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		out, root := cmd.OutOrStdout(), cmd.Root()
		noDesc, _ := cmd.Flags().GetBool("no-descriptions")
		switch shell {
		case "bash":
			return root.GenBashCompletionV2(out, !noDesc)
		case "zsh":
			if noDesc {
				return root.GenZshCompletionNoDesc(out)
			}
			return root.GenZshCompletion(out)
		case "fish":
			return root.GenFishCompletion(out, !noDesc)
		case "powershell":
			if noDesc {
				return root.GenPowerShellCompletion(out)
			}
			return root.GenPowerShellCompletionWithDesc(out)
		}
		return nil
	}
}

// help is the Run of cobra's help command, with its "unknown topic" in p's language.
func help(c *cobra.Command, args []string, p *messages.Printer) {
	cmd, _, err := c.Root().Find(args)
	if cmd == nil || err != nil {
		c.Println(p.Sprintf(messages.CLIHelpUnknownTopic, "topic", strings.Join(args, " ")))
		cobra.CheckErr(c.Root().Usage())
		return
	}
	cmd.InitDefaultHelpFlag()
	cmd.InitDefaultVersionFlag()
	cobra.CheckErr(cmd.Help())
}

// usageTemplate is cobra's usage template with its headings in p's language, and the flag lists
// printed through flagUsages (which says "default" in that language). In English it prints as
// cobra's own.
func usageTemplate(tmpl string, p *messages.Printer) string {
	cmdPath := "{{.CommandPath}}"
	return strings.NewReplacer(
		"Usage:", p.Sprintf(messages.CLIHelpUsage),
		"Aliases:", p.Sprintf(messages.CLIHelpAliases),
		"Examples:", p.Sprintf(messages.CLIHelpExamples),
		"Available Commands:", p.Sprintf(messages.CLIHelpAvailableCommands),
		"Additional Commands:", p.Sprintf(messages.CLIHelpAdditionalCommands),
		"Global Flags:", p.Sprintf(messages.CLIHelpGlobalFlags),
		"Flags:", p.Sprintf(messages.CLIHelpFlags),
		"Additional help topics:", p.Sprintf(messages.CLIHelpAdditionalTopics),
		`Use "`+cmdPath+` [command] --help" for more information about a command.`, p.Sprintf(messages.CLIHelpMore, "command", cmdPath),
		"[command]", p.Sprintf(messages.CLIHelpCommandArg),
		"{{.UseLine}}", `{{useLine .UseLine "`+string(p.Language())+`"}}`,
		".LocalFlags.FlagUsages", `flagUsages .LocalFlags "`+string(p.Language())+`"`,
		".InheritedFlags.FlagUsages", `flagUsages .InheritedFlags "`+string(p.Language())+`"`,
	).Replace(tmpl)
}

func init() {
	// A template function, not state: the language is written into each tree's template.
	cobra.AddTemplateFunc("flagUsages", flagUsages)
	cobra.AddTemplateFunc("useLine", useLine)
}

// useLine is cobra's use line with its " [flags]" in lang.
func useLine(line, lang string) string {
	if rest, ok := strings.CutSuffix(line, " [flags]"); ok {
		return rest + " " + messages.For(messages.Language(lang)).Sprintf(messages.CLIHelpFlagsArg)
	}
	return line
}

// pflagDefault is how pflag ends the usage line of a flag whose default is not its zero value.
var pflagDefault = regexp.MustCompile(`(?m) \(default (.*)\)$`)

// flagUsages is pflag's list of flags with "(default …)" in lang.
func flagUsages(fs *pflag.FlagSet, lang string) string {
	p := messages.For(messages.Language(lang))
	return pflagDefault.ReplaceAllStringFunc(fs.FlagUsages(), func(m string) string {
		value := pflagDefault.FindStringSubmatch(m)[1]
		return p.Sprintf(messages.CLIHelpDefault, "value", value)
	})
}
