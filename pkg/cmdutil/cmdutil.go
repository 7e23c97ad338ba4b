// Package cmdutil holds what every igf command shares: streams, the records
// loader, the --today clock and exit codes.
package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/term"

	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/source"
)

// Exit codes, stable for scripts and hooks.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitFailure  = 2
)

// ExitError ends a command with a code, after its message (if any) is printed.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Findings makes a command exit 1 without printing anything more.
func Findings() error { return &ExitError{Code: ExitFindings} }

// IOStreams are a command's input and outputs: data to Out, messages to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY is true when Out is a terminal: tables get headers and alignment.
	OutTTY bool
	// Color is true when Out is a terminal and NO_COLOR is unset.
	Color bool
	// RawCSV is --csv-raw: CSV cells written as they are, formulas and all.
	RawCSV bool
	// Width is the terminal's width in columns when Out is a terminal.
	Width int
}

// TableOptions are how a table in format is written to Out.
func (s *IOStreams) TableOptions(format string) output.Options {
	o := output.Options{Format: format, TTY: s.OutTTY, Color: s.Color, RawCSV: s.RawCSV}
	if s.OutTTY {
		o.Width = s.Width
		o.Notes = s.ErrOut
	}
	return o
}

// System streams from the process. Messages, and stdout on a terminal, pass
// through output.SafeWriter: a value from a record can never act on the
// terminal (or a log) that shows it.
func System() *IOStreams {
	tty := term.IsTerminal(int(os.Stdout.Fd()))
	_, noColor := os.LookupEnv("NO_COLOR")
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: output.SafeWriter(os.Stderr, false), OutTTY: tty,
		Color: tty && !noColor && os.Getenv("TERM") != "dumb"}
	if tty {
		s.Out = output.SafeWriter(os.Stdout, true)
		s.Width = terminalWidth(int(os.Stdout.Fd()))
	}
	return s
}

// Factory is handed to every command constructor.
type Factory struct {
	IO *IOStreams
	// Dir is the --dir flag: the records directory or the repository holding it.
	Dir string
	// TodayFlag is the --today flag; empty means the real date (or the
	// last day of --as-of).
	TodayFlag string
	// AtFlag and AsOfFlag are --at and --as-of as given; Resolve makes
	// them what f reads.
	AtFlag, AsOfFlag string
	// Loader reads the working tree's records (nil: LoadWorktree); --at
	// and --as-of read from history instead.
	Loader func(f *Factory) (*source.Loaded, error)
	// Now is the clock; tests may replace it.
	Now func() time.Time

	resolved    bool
	resolveErr  error
	pinned      *pin // --at or --as-of, once resolved
	shallowSaid bool // the shallow-clone note is given once per command
	gitSaid     bool // so is the note that git could not be read

	omitted  []record.Omission // files loads could not read in full, once each
	reported map[string]bool
}

// New makes the factory the igf binary uses.
func New() *Factory {
	return &Factory{IO: System(), Loader: LoadWorktree, Now: time.Now}
}

// Root finds the repository top from --dir or the current directory.
func (f *Factory) Root() (string, error) {
	if f.Dir != "" {
		return source.ResolveDir(f.Dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return source.FindRoot(wd)
}

// LoadWorktree is the default loader: the working tree.
func LoadWorktree(f *Factory) (*source.Loaded, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	return store.LoadWorktree(root)
}

// Today is --today, else the last day of --as-of, else the real local date.
func (f *Factory) Today() (dates.Date, error) {
	if f.todayFromAsOf() {
		return dates.OfTime(f.pinned.asOf.End), nil
	}
	if f.TodayFlag == "" {
		if f.Now == nil {
			return dates.OfTime(time.Now()), nil
		}
		return dates.OfTime(f.Now()), nil
	}
	d, err := dates.Parse(f.TodayFlag)
	if err != nil || d.Precision != dates.Day {
		return dates.Date{}, fmt.Errorf("--today %q: give a day, e.g. 2024-03-31", f.TodayFlag)
	}
	return d, nil
}

// FlagError marks a usage mistake (exit 2, with a hint to see --help).
func FlagError(format string, args ...any) error {
	return &ExitError{Code: ExitFailure, Err: fmt.Errorf(format, args...)}
}

// Code is the exit code an error from a command means.
func Code(err error) int {
	var e *ExitError
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return ExitFailure
	}
	return ExitOK
}

// ExitCodesHelp ends every command's --help.
const ExitCodesHelp = `
Exit codes:
  0  ok
  1  findings, or nothing found for a lookup; also an incomplete answer: a
     record file could not be read in full (each one is named on stderr with
     path:line:col and the reason, and documents list it under "Not
     included"; igf validate says how to fix it)
  2  usage or internal error; also a registry that cannot be read, for a
     command that resolves names of people or bodies
`

// terminalWidth is the terminal's width: as the terminal reports it, else
// $COLUMNS, else 80.
func terminalWidth(fd int) int {
	if w, _, err := term.GetSize(fd); err == nil && w > 0 {
		return w
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}

// EditError gives an error of an edit (edit.Tx) its exit code: 1 when a
// file changed under igf (run the command again), 2 for what needs the user
// (a held git lock, a file igf may not edit).
func EditError(err error) error {
	var exit *ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit):
		return err
	case errors.Is(err, edit.ErrChanged):
		return &ExitError{Code: ExitFindings, Err: err}
	}
	return &ExitError{Code: ExitFailure, Err: err}
}
