package cmdutil

import "github.com/igf-records/igf/pkg/core/dates"

// Window reads optional --from and --to flags into one span, from the first
// day of one to the last day of the other; an open side reaches to the first
// or last representable day. TBD when neither is given.
func Window(from, to string) (dates.Date, error) {
	if from == "" && to == "" {
		return dates.Date{}, nil
	}
	start, end := dates.MustParse("0001").Start, dates.MustParse("9999").End
	if from != "" {
		d, err := dates.Parse(from)
		if err != nil || d.IsTBD() {
			return dates.Date{}, FlagError("--from %q: give a date such as 2024-01-01, 2024-Q1 or 2024", from)
		}
		start = d.Start
	}
	if to != "" {
		d, err := dates.Parse(to)
		if err != nil || d.IsTBD() {
			return dates.Date{}, FlagError("--to %q: give a date such as 2024-03-31, 2024-Q1 or 2024", to)
		}
		end = d.End
	}
	if end.Before(start) {
		return dates.Date{}, FlagError("--to %s ends before --from %s starts", to, from)
	}
	return dates.Span(start, end), nil
}

// RequiredWindow reads required --from and --to flags into one span from the first day of one to
// the last day of the other.
func RequiredWindow(from, to string) (dates.Date, error) {
	a, err := dates.Parse(from)
	if err != nil || a.IsTBD() {
		return dates.Date{}, FlagError("--from %q: give a date such as 2024-01-01, 2024-02 or 2024-Q1", from)
	}
	b, err := dates.Parse(to)
	if err != nil || b.IsTBD() {
		return dates.Date{}, FlagError("--to %q: give a date such as 2024-03-31, 2024-03 or 2024-Q1", to)
	}
	if b.End.Before(a.Start) {
		return dates.Date{}, FlagError("--to %s ends before --from %s starts", to, from)
	}
	return dates.Span(a.Start, b.End), nil
}
