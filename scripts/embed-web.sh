#!/bin/sh
# embed-web.sh DIR — print a C file holding every file under DIR (the
# built web application, web/dist) for server/static.c: its path from DIR
# ("/index.html", "/assets/index-X.js"), its bytes, and a gzip -9 -n copy
# when that is smaller (NULL otherwise).  Files are listed in byte order of
# their paths (static.c looks them up by binary search); the output
# depends only on the files' names and bytes (gzip -n keeps no name or
# time), so the same build gives the same C.  Content types are
# static.c's, from the extension.  A missing or empty DIR gives an empty
# table: the server then serves its small index page.
set -eu
dir=${1:?usage: embed-web.sh DIR}
export LC_ALL=C

# od's hex bytes as C initialisers, 16 a line.
bytes() {
	od -An -v -tx1 | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
}

echo "/* Generated from $dir by scripts/embed-web.sh; do not edit. */"
echo '#include "server.h"'
echo
list=$(if [ -d "$dir" ]; then cd "$dir" && find . -type f ! -name '.*' | sed 's|^\./|/|' | sort; fi)
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.list"' EXIT
n=0
for p in $list; do
	case $p in
	*[!A-Za-z0-9._/-]*) echo "embed-web.sh: unexpected file name: $p" >&2; exit 1 ;;
	esac
	f=$dir$p
	size=$(wc -c < "$f" | tr -d ' ')
	echo "static const unsigned char f${n}[] = {"
	bytes < "$f"
	echo "	0x00 };"
	gzip -9 -n -c < "$f" > "$tmp"
	gsize=$(wc -c < "$tmp" | tr -d ' ')
	if [ "$gsize" -lt "$size" ]; then
		echo "static const unsigned char g${n}[] = {"
		bytes < "$tmp"
		echo "	0x00 };"
	else
		gsize=0
	fi
	echo "$p $size $gsize" >> "$tmp.list"
	n=$((n + 1))
done
echo
echo "const struct srv_web_file srv_web_files[] = {"
i=0
if [ "$n" -gt 0 ]; then
	while read -r p size gsize; do
		if [ "$gsize" -gt 0 ]; then g="g$i"; else g=NULL; fi
		echo "	{\"$p\", f$i, $size, $g, $gsize},"
		i=$((i + 1))
	done < "$tmp.list"
	rm -f "$tmp.list"
else
	echo "	{NULL, NULL, 0, NULL, 0},"
fi
echo "};"
echo "const size_t srv_web_nfiles = $n;"
