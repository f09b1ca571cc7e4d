// libedit through its readline-compatible API. Always <editline/readline.h>:
// GNU readline's headers may also be installed and must not be picked up.
#include <stdio.h>
#include <editline/readline.h>
