#include "CLibFuzzerDriver.h"

#include <stdlib.h>

_Noreturn void cti_fuzz_main(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size)) {
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback));
}
