#!/bin/sh
# check-layers.sh BUILD_DIR LAYER... — the library's layers depend one way.
#
# Reads `nm` of every object file of the library (BUILD_DIR/lib/LAYER/*.o
# and the generated BUILD_DIR/gen/LAYER/*.o) and draws an edge A -> B when
# object A uses a symbol that object B defines.  It fails when
#   - an object uses one of a higher layer (LAYERs are named lowest first),
#   - or any two objects depend on each other, directly or through others
#     (a cycle at symbol level, even inside one layer).
# Prints one line per problem and ends with "layers: N passed, N failed"
# (two checks: layer order, no cycle).
set -u
dir=$1
shift
rank=0
list=$(mktemp)
trap 'rm -f "$list"' EXIT
for layer in "$@"; do
	rank=$((rank + 1))
	for o in "$dir"/lib/"$layer"/*.o "$dir"/gen/"$layer"/*.o; do
		[ -f "$o" ] || continue
		name=$layer/$(basename "$o" .o)
		nm -g --defined-only "$o" | awk -v n="$name" -v r="$rank" \
			'NF >= 3 {print "D", $3, n, r}' >>"$list"
		nm -u "$o" | awk -v n="$name" -v r="$rank" \
			'{print "U", $NF, n, r}' >>"$list"
	done
done
awk '
$1 == "D" { def[$2] = $3; rank[$3] = $4; next }
$1 == "U" { use[++nu] = $3 " " $2; rank[$3] = $4 }
END {
	bad_order = 0
	for (i = 1; i <= nu; i++) {
		split(use[i], u, " ")
		if (!(u[2] in def) || def[u[2]] == u[1])
			continue
		a = u[1]; b = def[u[2]]
		if (!((a, b) in edge)) {
			edge[a, b] = u[2]
			out[a] = out[a] " " b
			indeg[b]++
		}
		if (rank[b] > rank[a]) {
			printf "layers: %s uses %s from %s, a higher layer\n", a, u[2], b
			bad_order++
		}
	}
	# Peel objects that use nothing left; what remains lies on or between
	# cycles.  Then walk from one of them to name a cycle.
	n = 0
	for (o in rank) { left[o] = 1; n++ }
	do {
		changed = 0
		for (o in left) {
			k = split(out[o], t, " "); keep = 0
			for (j = 1; j <= k; j++) if (t[j] in left) keep = 1
			if (!keep) { delete left[o]; changed = 1 }
		}
	} while (changed)
	cyc = 0
	for (o in left) {
		# Follow edges inside `left` until an object repeats.
		path = o; seen[o] = 1; cur = o
		while (1) {
			k = split(out[cur], t, " "); nxt = ""
			for (j = 1; j <= k; j++) if (t[j] in left) { nxt = t[j]; break }
			if (nxt in seen) {
				printf "layers: cycle: %s -> %s (%s)\n", path, nxt, edge[cur, nxt]
				break
			}
			path = path " -> " nxt " (" edge[cur, nxt] ")"
			seen[nxt] = 1; cur = nxt
		}
		cyc = 1
		break
	}
	nobj = 0; for (o in rank) nobj++
	printf "layers: %d objects checked\n", nobj
	printf "layers: %d passed, %d failed\n", (bad_order == 0) + (cyc == 0), (bad_order != 0) + (cyc != 0)
	exit (bad_order || cyc) ? 1 : 0
}' "$list"
