#!/usr/bin/env bash
# Whole-corpus figures at 200, 2,000 and 20,000 generated issues, all in one
# run so that they share the machine's load:
#   - first frame of the reader (the newest files loaded + App::new + one
#     120×40 frame), the time until the whole folder is loaded and shown, cold
#     (no cache) and warm (parsed files cached), and peak memory (max RSS,
#     /usr/bin/time) against the corpus size on disk;
#   - our per-keystroke jump time (examples/keystrokes) against fzf's whole
#     `fzf --filter QUERY` time (hyperfine) on the same
#     `nyhetsbrev jump --candidates` list.
#
#   benches/compare.sh [SIZES…]        (default: 200 2000 20000)
#
# Needs: fzf, hyperfine (Debian packages), /usr/bin/time. Writes the corpora
# under target/bench-corpus/N and raw results under target/bench-results/.
#
#   benches/compare.sh --index [SIZES…]   (default: 2000 20000)
# instead compares the lookups with the folder's index current, without it
# (`--no-index`: today's parse of the whole folder) and `rg -il` over the
# same folder, side by side (hyperfine medians); the lookup after one file
# changed; building the index from nothing; and the index's size on disk.
set -euo pipefail
cd "$(dirname "$0")/.."
# The generated corpus of $2 issues in $1, written once.
corpus() {
  if [ ! -f "$1/complete.mark" ]; then
    rm -rf "$1"
    target/release/examples/gen_corpus --issues "$2" --out "$1"
    touch "$1/complete.mark"
  fi
}
if [ "${1:-}" = "--index" ]; then
  shift
  sizes=("$@")
  [ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000)
  cargo build --release --quiet --bin nyhetsbrev --example gen_corpus
  out=target/bench-results
  mkdir -p "$out"
  bin=$PWD/target/release/nyhetsbrev
  echo "machine: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for n in "${sizes[@]}"; do
    dir=target/bench-corpus/$n
    corpus "$dir" "$n"
    disk=$(cat "$dir"/*.txt | wc -c)
    cache=$(mktemp -d)
    export XDG_CACHE_HOME=$cache XDG_CONFIG_HOME=$cache/no-config
    echo "== $n issues, $((disk / 1000)) kB on disk"
    # Building from nothing (the first lookup) against a parse of the folder.
    hyperfine --runs "$([ "$n" -ge 20000 ] && echo 1 || echo 3)" --style none --export-json "$out/index_build_$n.json" \
      --prepare "rm -rf $cache/nyhetsbrev" "$bin --issues $dir list" \
      "$bin --no-index --issues $dir list" > /dev/null
    python3 -c "import json,sys; [print('%-50s median_ms=%.1f' % (r['command'][-40:] if 'no-index' in r['command'] else 'build index + list', r['median']*1000)) for r in json.load(open(sys.argv[1]))['results']]" "$out/index_build_$n.json"
    "$bin" --issues "$dir" list > /dev/null
    idx=$(du -cb "$cache"/nyhetsbrev/index-* | tail -1 | cut -f1)
    echo "index size: $((idx / 1000)) kB = $(python3 -c "print(round($idx/$disk, 2))") × the corpus"
    for q in "contacts soffiantini" "meetings --from 2025-10-01 --to 2025-12-31" "search vattenförsörjning" "list" "read 2023 2" "jump so"; do
      runs=10; warm=1; [ "$n" -ge 20000 ] && runs=2 && warm=0
      hyperfine --warmup "$warm" --runs "$runs" --style none --export-json "$out/index_${n}_${q%% *}.json" \
        "$bin --issues $dir $q" "$bin --no-index --issues $dir $q" "rg -il vattenförsörjning $dir" > /dev/null
      python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('%-45s index=%.1f ms  no-index=%.1f ms  rg=%.1f ms' % (sys.argv[2], r[0]['median']*1000, r[1]['median']*1000, r[2]['median']*1000))" "$out/index_${n}_${q%% *}.json" "$q"
    done | tee "$out/index_$n.txt"
    # One file rewritten (its content changed) before every lookup.
    # (An array, not `ls | head`: under pipefail a closed pipe is a failure.)
    texts=("$dir"/*.txt)
    victim=${texts[0]}
    cp "$victim" "$cache/victim"
    hyperfine --runs 10 --style none --export-json "$out/index_changed_$n.json" \
      --prepare "cp $cache/victim $victim; echo \"En rad \$(date +%N).\" >> $victim" \
      "$bin --issues $dir contacts soffiantini" "$bin --issues $dir list" \
      "$bin --issues $dir meetings --from 2025-10-01 --to 2025-12-31" > /dev/null
    cp "$cache/victim" "$victim"
    python3 -c "import json,sys; [print('one file changed, %s: median_ms=%.1f' % (r['command'].split(' ', 3)[-1], r['median']*1000)) for r in json.load(open(sys.argv[1]))['results']]" "$out/index_changed_$n.json"
    rm -rf "$cache"
  done
  exit 0
fi
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200 2000 20000)
queries=(s so sof soff soffi soffiantini)
cargo build --release --quiet --bin nyhetsbrev --example gen_corpus --example first_frame --example keystrokes
out=target/bench-results
mkdir -p "$out"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
  dir=target/bench-corpus/$n
  corpus "$dir" "$n"
  disk=$(cat "$dir"/*.txt | wc -c)
  echo "== $n issues, $((disk / 1000)) kB on disk"
  # First frame and the whole folder, as the reader starts: cold (an empty
  # cache folder: every file parsed) then warm (the cache the cold run wrote).
  for i in 1 2 3; do
    cache=$(mktemp -d)
    for start in cold warm; do
      printf '%s ' "$start"
      /usr/bin/time -f "max_rss_kb=%M" target/release/examples/first_frame --issues "$dir" --cache "$cache" 2>&1 | tr '\n' ' '
      echo
    done
    rm -rf "$cache"
  done | tee "$out/first_frame_$n.txt"
  for start in cold warm; do
    echo "$start rss/disk: $(grep "^$start" "$out/first_frame_$n.txt" | awk -v d="$disk" -F'max_rss_kb=' '{split($2,a," "); print a[1]*1024/d}' | sort -n | sed -n 2p)"
  done
  target/release/nyhetsbrev jump --candidates --issues "$dir" > "$out/candidates_$n.txt"
  echo "candidates: $(wc -l < "$out/candidates_$n.txt")"
  target/release/examples/keystrokes --issues "$dir" --reps 21 "${queries[@]}" | tee "$out/keystrokes_$n.txt"
  for q in "${queries[@]}"; do
    hyperfine --warmup 2 --runs 15 --style none --export-json "$out/fzf_${n}_$q.json" \
      "fzf --filter $q < $out/candidates_$n.txt > /dev/null" > /dev/null
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('fzf query=%s median_ms=%.3f hits=%s' % (sys.argv[2], r['median']*1000, sys.argv[3]))" \
      "$out/fzf_${n}_$q.json" "$q" "$(fzf --filter "$q" < "$out/candidates_$n.txt" | wc -l)"
  done | tee "$out/fzf_$n.txt"
done
