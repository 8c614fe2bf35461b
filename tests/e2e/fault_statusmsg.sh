#!/bin/sh
# When a save or a close fails, the status line shows why (disk full, size
# limit, read-only, a symbolic link) within 80 columns: long paths are
# shortened and the reason goes on the second row, whole.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=60
e2e_init fault-statusmsg
. "$(dirname "$0")/fault_lib.inc"
id=$(e2e_new_batch "Stina Status") || { fail fault-msg-setup "new --batch failed"; exit 0; }
reason() { fl_status | sed -n 's/.*NOT SAVED: //p'; }

# disk full (the file size limit stands in)
blocks=$(( $(stat -c %s "$EXITVIEW_DB") / 512 ))
E2E_PRE="ulimit -S -f $blocks" e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-msg-open "no screen"
python3 -c 'print("rad med text som fyller databasen\n" * 5000)' > "$E2E_DIR/big"
tmux -L "$E2E_SOCK" load-buffer "$E2E_DIR/big"
tmux -L "$E2E_SOCK" paste-buffer -p
e2e_wait "NOT SAVED:" 10 || fail fault-msg-full "no NOT SAVED: $(fl_status)"
reason | grep -qi "full\|space\|too large\|size limit\|I/O" && ok fault-msg-full-reason-visible \
	|| fail fault-msg-full-reason-visible "status line: $(fl_status)"
prlimit --pid "$(e2e_pid)" --fsize=unlimited:
fl_wait_saved 10
e2e_keys C-q; e2e_exited 10

# read-only directory
if chattr +i "$(dirname "$EXITVIEW_DB")" 2>/dev/null; then
	chattr -i "$(dirname "$EXITVIEW_DB")"
	e2e_start resume "$id"
	e2e_wait "Question 1 of 7" || fail fault-msg-open2 "no screen"
	chattr +i "$(dirname "$EXITVIEW_DB")"
	e2e_type "mer text"
	e2e_wait "NOT SAVED:" 10 || fail fault-msg-ro "no NOT SAVED: $(fl_status)"
	reason | grep -qi "read-only\|permission\|not permitted\|cannot create" && ok fault-msg-ro-reason-visible \
		|| fail fault-msg-ro-reason-visible "status line: $(fl_status)"
	chattr -i "$(dirname "$EXITVIEW_DB")"
	fl_wait_saved 10
	e2e_keys C-q; e2e_exited 10
fi

# closing refused because the report path is a symbolic link
path=$("$BIN" report "$id"); rm -f "$path"; ln -s "$E2E_DIR/elsewhere" "$path"
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-msg-open3 "no screen"
e2e_keys F10; e2e_wait "Close the interview with" 5; e2e_keys y
e2e_wait "not closed" 5
fl_status | grep -q "symbolic link" && ok fault-msg-symlink-reason-visible || fail fault-msg-symlink-reason-visible "status line: $(fl_status)"
e2e_keys C-q; e2e_exited 10
e2e_done
