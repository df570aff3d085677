# Imported targets for the dependencies, the same names for both toolchains.
#
#   firstline::xapian   xapian-core (Debian's libxapian natively; the WebAssembly
#                       build from scripts/setup.sh under Emscripten)
#   nlohmann_json::nlohmann_json   header-only, from Debian in both builds
#   native only: yaml-cpp, md4c, opencc (indexer), GTest (tests)
#   native only, the desk (desk/): firstline::httplib, firstline::sqlite,
#                       firstline::libpq, firstline::sodium (Debian's, via pkg-config)

if(EMSCRIPTEN)
  # scripts/setup.sh copies Debian's header-only nlohmann/json into the
  # WebAssembly prefix: /usr/include itself would pull in glibc's headers.
  set(FIRSTLINE_WASM_PREFIX "${CMAKE_CURRENT_SOURCE_DIR}/.cache/wasm" CACHE PATH
      "Where scripts/setup.sh installed xapian-core and zlib built for WebAssembly")
  if(NOT EXISTS "${FIRSTLINE_WASM_PREFIX}/lib/libxapian.a")
    message(FATAL_ERROR "xapian-core for WebAssembly not found in ${FIRSTLINE_WASM_PREFIX}: run scripts/setup.sh")
  endif()
  add_library(nlohmann_json_headers INTERFACE)
  target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${FIRSTLINE_WASM_PREFIX}/include")
  add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json_headers)
  add_library(firstline_xapian INTERFACE)
  target_include_directories(firstline_xapian SYSTEM INTERFACE "${FIRSTLINE_WASM_PREFIX}/include")
  target_link_libraries(firstline_xapian INTERFACE
    "${FIRSTLINE_WASM_PREFIX}/lib/libxapian.a" "${FIRSTLINE_WASM_PREFIX}/lib/libz.a")
else()
  find_package(nlohmann_json 3 REQUIRED)
  find_package(xapian 1.4 REQUIRED CONFIG)
  add_library(firstline_xapian INTERFACE)
  target_include_directories(firstline_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(firstline_xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()
add_library(firstline::xapian ALIAS firstline_xapian)

if(NOT EMSCRIPTEN)
  # The desk's libraries. Debian builds cpp-httplib as a shared library with
  # OpenSSL, zlib and Brotli support: its pkg-config file carries the
  # matching CPPHTTPLIB_* definitions, which every user must compile with.
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(FIRSTLINE_HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib>=0.11)
  pkg_check_modules(FIRSTLINE_SQLITE REQUIRED IMPORTED_TARGET GLOBAL sqlite3>=3.35)  # RETURNING
  pkg_check_modules(FIRSTLINE_LIBPQ REQUIRED IMPORTED_TARGET GLOBAL libpq)
  pkg_check_modules(FIRSTLINE_SODIUM REQUIRED IMPORTED_TARGET GLOBAL libsodium>=1.0.18)
  add_library(firstline::httplib ALIAS PkgConfig::FIRSTLINE_HTTPLIB)
  add_library(firstline::sqlite ALIAS PkgConfig::FIRSTLINE_SQLITE)
  add_library(firstline::libpq ALIAS PkgConfig::FIRSTLINE_LIBPQ)
  add_library(firstline::sodium ALIAS PkgConfig::FIRSTLINE_SODIUM)
endif()
