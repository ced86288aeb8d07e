#!/bin/sh
# expect_exit.sh CODE PATTERN COMMAND...: runs COMMAND, passes if it exits with CODE and its
# output has a line matching PATTERN (grep -E).
want=$1 pattern=$2
shift 2
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
[ "$rc" -eq "$want" ] || { echo "expect_exit: exit code $rc, expected $want"; exit 1; }
printf '%s\n' "$out" | grep -Eq "$pattern" || { echo "expect_exit: no line matches '$pattern'"; exit 1; }
