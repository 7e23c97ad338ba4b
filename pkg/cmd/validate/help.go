package validate

// long is igf validate's --help.
const long = `Check records the way a commit should find them: each file against its type's
JSON Schema (igf schema TYPE) and the per-record rules, then every record
together: IDs unique across the repository, every owner, attendee and body in
the registry, references that resolve, dates in order, milestone dependencies
without cycles. Warnings point at open actions without an owner or due date,
owners whose membership ended before the due date, and text that reads like an
action but is not written as one.

With no PATH, every record in the working tree is checked. With PATHs (files
or directories), those are checked fully and the rest of the tree is read for
the cross-record rules. With --staged, exactly the content of the git index
is checked ($GIT_INDEX_FILE when git sets it): files changed since HEAD
fully, and the rest of the staged tree for the cross-record rules, through
per-file summaries kept in .git/igf and keyed by blob hash. The pre-commit
hook (igf hook install) runs igf validate --staged. --staged=auto is for the
pre-commit framework: the index when git runs the hook, else the files it
names (pre-commit run --all-files checks the whole tree).

records/ is found from --dir, else from the PATHs given, else from the
current directory, or from git's index when igf runs above records/ (the
pre-commit framework runs hooks from the top of the git repository).

Findings go to stdout, the count by severity and by rule to stderr. The text
output shows the first --max-per-rule findings of each rule (10; 0 for all)
and counts the rest; -o json always holds every finding, and -o github as
many as GitHub shows (--format is an alias of -o). Rules are listed in
docs/validate.md.
Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors found,
2 usage or internal error (such as a git index igf cannot read).`

const examples = `  # Everything in the working tree
  igf validate

  # One new meeting report, against the rest of the repository
  igf validate records/meetings/2024/2024-03-01-lp.md

  # What the next commit will hold (the pre-commit hook runs this)
  igf validate --staged

  # In a .pre-commit-config.yaml hook (see docs/validate.md)
  igf validate --staged=auto records/meetings/2024/2024-03-01-lp.md

  # In GitHub Actions: annotations on the pull request, warnings as errors
  igf validate -o github --strict

  # Every finding, for a script
  igf validate -o json`
