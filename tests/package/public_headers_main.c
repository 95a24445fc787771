/* The C side of public_headers_test: assess.h (and api.h through it) compile as strict C99,
 * and the library linked is the one the header describes. */
#include "assess/assess.h"

int main(void) { return assess_abi_version() == ASSESS_ABI_VERSION ? 0 : 1; }
