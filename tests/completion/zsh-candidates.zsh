# Prints the candidates zsh's completion system offers for a command line, one per line.
# Usage: zsh -f zsh-candidates.zsh FPATH_DIR 'LINE TO COMPLETE'
#
# Completion functions run only inside a line editor widget, so this drives an interactive zsh
# on a pseudo-terminal (zpty): TAB on the line, with compadd wrapped to print every candidate
# it is given (marked, to tell them from the terminal's echo). Calls that only ask (-O, -A, -D
# fill arrays) are passed through untouched.
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D; PROMPT='<''P''>'"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  local -a hits; builtin compadd -A hits "$@"
  (( $#hits )) || return 1
  local h; for h in $hits; do print -r -- "<CANDIDATE>$h"; done
}'
zpty -w z 'print "<READY"">"'
while zpty -r z line; do [[ $line == *'<READY>'* ]] && break; done
# Then the prompt: the line editor is reading. Keys typed before that may be flushed when it
# puts the terminal into raw mode.
zpty -r z line '*<P>' || exit 4
zpty -w -n z "$2"$'\t'
zpty -w z $'\C-u''print "<DONE"">"'
while zpty -r z line; do
  [[ $line == *'<DONE>'* ]] && break
  [[ $line == *'<CANDIDATE>'* ]] && print -r -- "${${line##*<CANDIDATE>}%%$'\r'*}"
done
zpty -d z
