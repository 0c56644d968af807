# The environment of every test under a sanitizer build (KEEPSAKE_SANITIZE): the test
# programs and every keepsakectl or keepsake they start inherit it.
#
# Reports are written as files into the build's sanitizer-reports/ folder as well as
# the program's standard error (a child's error output is often kept by its test), and
# a program with a finding exits with 86: `tests/sanitizers/check-reports.sh` fails
# the run when the folder holds any report. Suppressions name third-party code only,
# each with its reason, in the .supp files beside this one.
set(KEEPSAKE_SANITIZER_REPORTS ${CMAKE_BINARY_DIR}/sanitizer-reports)
file(MAKE_DIRECTORY ${KEEPSAKE_SANITIZER_REPORTS})
set(_here ${CMAKE_CURRENT_LIST_DIR})
set(_common "exitcode=86:log_path=${KEEPSAKE_SANITIZER_REPORTS}/report:log_exe_name=1:log_to_syslog=0")
set(KEEPSAKE_SANITIZER_ENV
    # verify_asan_link_order=0: the disc test preloads its error-injecting shim
    # (tests/integration/eio_shim.c) before the runtime the program links.
    "ASAN_OPTIONS=${_common}:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1:verify_asan_link_order=0"
    "LSAN_OPTIONS=${_common}:suppressions=${_here}/lsan.supp:print_suppressions=0"
    "UBSAN_OPTIONS=${_common}:print_stacktrace=1:halt_on_error=1:suppressions=${_here}/ubsan.supp"
    # die_after_fork=0: tests start programs (QProcess forks, then execs at once).
    "TSAN_OPTIONS=${_common}:halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=${_here}/tsan.supp")
