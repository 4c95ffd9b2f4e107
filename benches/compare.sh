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
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200 2000 20000)
queries=(s so sof soff soffi soffiantini)
cargo build --release --quiet --bin nyhetsbrev --example gen_corpus --example first_frame --example keystrokes
out=target/bench-results
mkdir -p "$out"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
  dir=target/bench-corpus/$n
  if [ ! -f "$dir/complete.mark" ]; then
    rm -rf "$dir"
    target/release/examples/gen_corpus --issues "$n" --out "$dir"
    touch "$dir/complete.mark"
  fi
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
