#ifndef CLIBFUZZERDRIVER_H
#define CLIBFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's documented entry point for programs with their own main
/// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

/// Runs libFuzzer on `callback` with the process's arguments, then exits with its status.
_Noreturn void cti_fuzz_main(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));

#endif
