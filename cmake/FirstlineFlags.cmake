# The one place for build flags, native and Emscripten.
#
# Xapian reports errors by throwing, so under Emscripten everything (xapian-core
# included, see scripts/setup.sh) is compiled and linked with -fwasm-exceptions.
# Exception catching is never disabled.

add_library(firstline_flags INTERFACE)
add_library(firstline::flags ALIAS firstline_flags)

if(EMSCRIPTEN)
  # Link-time optimisation across our own code: a smaller module (the widget's budget).
  # -Oz: our code optimised for size, not speed (CMake's Release -O3 comes
  # first on the command line, so this one wins). Under LTO the per-function
  # size attributes survive to the link. Measured on the widget's module: 42 KB
  # less gzip (332 -> 290 KB); -Os would be 2 KB more than -Oz and no faster.
  # The cost: a query ("ask") takes about 1.1 ms instead of 0.5 ms under Node.
  # No RTTI in our code (nothing of ours asks a type at run time): 0.5 KB less
  # gzip of type names. xapian-core keeps its own.
  target_compile_options(firstline_flags INTERFACE -fwasm-exceptions -flto -Oz -fno-rtti)
  target_link_options(firstline_flags INTERFACE -fwasm-exceptions -flto)
else()
  target_compile_options(firstline_flags INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wno-unused-parameter>)
endif()

option(FIRSTLINE_SANITIZE "Build with AddressSanitizer and UBSan (native only)" OFF)
if(FIRSTLINE_SANITIZE AND NOT EMSCRIPTEN)
  target_compile_options(firstline_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(firstline_flags INTERFACE -fsanitize=address,undefined)
endif()

# Coverage-guided fuzzing (clang): every target instrumented, sanitizers on.
option(FIRSTLINE_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(FIRSTLINE_FUZZ)
  target_compile_options(firstline_flags INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g)
  target_link_options(firstline_flags INTERFACE -fsanitize=address,undefined)
endif()
