#!/usr/bin/env bash
# Whole-command benchmarks of igf on generated corpora, side by side with
# references run in the same script: the stack floor (bench/floor: every
# record read, its front matter decoded and its body parsed with goldmark,
# on all cores), ripgrep finding LF's open task lines, and for the store,
# git status on the same tree and ripgrep finding the phrase igf search
# looks for. The machine may be shared and noisy: read the ratios, not only
# the times.
#
#   bench/run.sh                      # 1k, 10k, 50k and 100k records
#   bench/run.sh 1000 10000           # chosen sizes
#   RUNS=10 bench/run.sh 50000        # more runs per command (default 5)
#   VALIDATE_RUNS=5 bench/run.sh      # runs of the slower validate commands (default 3)
#
# Corpora are generated once (go run ./testdata/gen) under
# $IGF_BENCH_DIR (default $TMPDIR/igf-bench, outside the repository) and
# reused while the generator's source is unchanged. Results go to stdout
# and to $IGF_BENCH_DIR/results-DATE.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${IGF_BENCH_DIR:-${TMPDIR:-/tmp}/igf-bench}
RUNS=${RUNS:-5}
VALIDATE_RUNS=${VALIDATE_RUNS:-3}
SIZES=${*:-1000 10000 50000 100000}
mkdir -p "$BENCH_DIR/bin"

# Tools: hyperfine, ripgrep and GNU time come from Debian's packages.
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "bench: installing ${need[*]}" >&2
	$sudo apt-get install -y "${need[@]}" >&2 || { echo "bench: please install ${need[*]}" >&2; exit 2; }
fi

go build -o "$BENCH_DIR/bin/igf" ./cmd/igf
go build -o "$BENCH_DIR/bin/floor" ./bench/floor
go build -o "$BENCH_DIR/bin/gen" ./testdata/gen
go build -o "$BENCH_DIR/bin/report" ./bench/report
go build -o "$BENCH_DIR/bin/storesync" ./bench/storesync
go build -o "$BENCH_DIR/bin/hello" ./bench/hello
IGF=$BENCH_DIR/bin/igf

# A corpus is named by its size and the generator's source, so a changed
# generator makes new corpora instead of reusing stale ones.
genhash=$(cat bench/corpus/*.go testdata/gen/*.go | sha256sum | cut -c1-10)
corpus() { # records -> directory
	local n=$1 c=$(($1 / 4))
	local dir=$BENCH_DIR/corpus-$genhash/r$n-c$c
	if [ ! -d "$dir" ]; then
		echo "bench: generating $n records, $c commits in $dir" >&2
		rm -rf "$dir.tmp"
		"$BENCH_DIR/bin/gen" -records "$n" -commits "$c" -out "$dir.tmp" >&2
		mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}

# Peak resident memory of one run, in MB.
peak() { # dir command...
	local dir=$1
	shift
	# A failed run (validate finding errors exits 1) still has a peak.
	(cd "$dir" && { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.0f", $1/1024}') || echo "?"
}

has_validate=0
if "$IGF" validate --help >/dev/null 2>&1; then has_validate=1; fi

out=$BENCH_DIR/results-$(date -u +%Y%m%dT%H%M).md
{
	echo "# igf benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each ($VALIDATE_RUNS for validate); git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- pkg cmd || echo ' with local changes')"
	echo
} | tee "$out"

for n in $SIZES; do
	dir=$(corpus "$n")
	json=$BENCH_DIR/json-$n
	rm -rf "$json"
	mkdir -p "$json"
	# Cold runs start with no .git/igf at all (no store, no history cache);
	# every warm run from a store that is fresh.
	cache="$dir/.git/igf"
	(cd "$dir" && "$IGF" action list --owner LF >/dev/null && "$IGF" action list --owner LF --at HEAD~50 >/dev/null)
	hf() { # name, then hyperfine arguments
		local name=$1
		shift
		(cd "$dir" && hyperfine --style none --runs "${HF_RUNS:-$RUNS}" --export-json "$json/$name.json" "$@" >/dev/null 2>&1) ||
			echo "bench: $name failed" >&2
	}
	hf floor "$BENCH_DIR/bin/floor ."
	hf ripgrep "rg -c '^\\s*- \\[ \\].*@LF\\b' records"
	hf "action-list-cold" --prepare "rm -rf $cache" "$IGF action list --owner LF"
	hf "action-list-warm" --warmup 1 "$IGF action list --owner LF"
	hf "action-list-at" --warmup 1 "$IGF action list --owner LF --at HEAD~50"
	hf "hello" --warmup 1 "$BENCH_DIR/bin/hello"
	hf "help" --warmup 1 "$IGF --help"
	mem_cold=$(rm -rf "$cache"; peak "$dir" "$IGF" action list --owner LF)
	mem_warm=$(peak "$dir" "$IGF" action list --owner LF)
	mem_floor=$(peak "$dir" "$BENCH_DIR/bin/floor" .)
	mems="floor=$mem_floor,action-list-cold=$mem_cold,action-list-warm=$mem_warm"
	if [ $has_validate = 1 ]; then
		# validate exits 1 when it finds errors; a generated corpus has none.
		HF_RUNS=$VALIDATE_RUNS hf "validate" "$IGF validate"
		mems="$mems,validate=$(peak "$dir" "$IGF" validate)"
		# Ten changed files staged, as a pre-commit hook sees them.
		changed=$(cd "$dir" && git ls-files 'records/meetings/*' | awk 'NR % 997 == 1 && n++ < 10')
		(cd "$dir" && for f in $changed; do printf '\nA staged note for the benchmark.\n' >>"$f"; done && git add $changed)
		HF_RUNS=$VALIDATE_RUNS hf "validate-staged-10" --warmup 1 "$IGF validate --staged"
		mems="$mems,validate-staged-10=$(peak "$dir" "$IGF" validate --staged)"
		(cd "$dir" && git reset -q && git checkout -q -- $changed)
		# The static site, against igf validate on the same repository
		# (target: at most 3 times as long). Each run builds a new site, with the
		# last two years of quarterly reports (each lists every item open at its
		# quarter's end: on a generated corpus, tens of thousands).
		# Each run's earlier site is moved aside, not deleted: ext4 will not
		# give out an inode freed in the last few seconds, and searching past
		# thousands of them made creating each file of the next build slower
		# the longer the loop ran (perf: recently_deleted in find_inode_bit).
		# A first build, as in CI, meets no such inodes. The warm-up run reads
		# the history into the store (the reports date actions ticked without a
		# done date by their commit), as every other warm row has its store:
		# that first build took 11.6 s at 1,000 records against 1.0 s after.
		site=$BENCH_DIR/site-$n
		aside="mv $site $site.old-\$(date +%s%N) 2>/dev/null || true"
		HF_RUNS=$VALIDATE_RUNS hf "site-build" --warmup 1 --prepare "$aside" "$IGF site build -o $site --reports 8"
		mems="$mems,site-build=$(mv "$site" "$site.old-peak"; peak "$dir" "$IGF" site build -o "$site" --reports 8)"
		sitesize="files=$(find "$site" -type f | wc -l),mb=$(du -sm "$site" | cut -f1)"
		# The same files copied: what writing them costs on this file system.
		HF_RUNS=$VALIDATE_RUNS hf "site-copy" --prepare "mv $site.copy $site.copy.old-\$(date +%s%N) 2>/dev/null || true" "cp -r $site $site.copy"
		rm -rf "$site".old-* "$site.copy" "$site".copy.old-*
	else
		echo "note: igf validate does not exist in this build; skipped" | tee -a "$out"
	fi
	# The store (.git/igf/store.db): its sync alone, cold and warm, against
	# git status on the same tree; igf search against ripgrep for the same
	# phrase. The first search builds the full-text index (search-cold).
	db="$dir/.git/igf/store.db"
	rmstore="rm -f $db $db-journal $db-wal $db-shm"
	hf "git-status" "git status --porcelain"
	HF_RUNS=$VALIDATE_RUNS hf "store-sync-cold" --prepare "$rmstore" "$BENCH_DIR/bin/storesync ."
	hf "store-sync-warm" --warmup 1 "$BENCH_DIR/bin/storesync ."
	HF_RUNS=$VALIDATE_RUNS hf "search-cold" --prepare "$rmstore" "$IGF search '\"cover letter\"'"
	hf "ripgrep-phrase" "rg -n -i -F 'cover letter' records"
	hf "search-warm" --warmup 1 "$IGF search '\"cover letter\"'"
	hf "search-warm-all" --warmup 1 "$IGF search '\"cover letter\"' --limit 0"
	mems="$mems,store-sync-cold=$(eval "$rmstore"; peak "$dir" "$BENCH_DIR/bin/storesync" .)"
	mems="$mems,store-sync-warm=$(peak "$dir" "$BENCH_DIR/bin/storesync" .)"
	mems="$mems,search-cold=$(eval "$rmstore"; peak "$dir" "$IGF" search '"cover letter"')"
	mems="$mems,search-warm=$(peak "$dir" "$IGF" search '"cover letter"')"
	mems="$mems,search-warm-all=$(peak "$dir" "$IGF" search '"cover letter"' --limit 0)"
	files=$(cd "$dir" && find records -name '*.md' | wc -l)
	size=$(du -sm "$dir/records" | cut -f1)
	if [ "$n" = 50000 ]; then base_peak=$mem_warm; fi
	"$BENCH_DIR/bin/report" -records "$n" -base-peak "${base_peak:-0}" -title "$n records ($files files, $size MB, $(($n / 4)) commits)" -mem "$mems" -site "${sitesize:-}" "$json" | tee -a "$out"
done
echo "results: $out" >&2
