#!/bin/sh
# embed.sh NAME FILE — print a C file defining `const char NAME[]` holding
# FILE's bytes and a NUL, so the library carries its default standard.
set -eu
name=$1
file=$2
echo "/* Generated from $file by scripts/embed.sh; do not edit. */"
echo "const char $name[] = {"
od -An -v -tx1 "$file" | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
echo "	0x00 };"
