// Translation of Xapian's exceptions into firstline::Error, in one place.
#pragma once

#include <string>

#include <xapian.h>

#include "firstline/error.h"

namespace firstline {

/// Runs `body`; any Xapian or standard exception leaves as a firstline::Error
/// whose message names `what` (usually the index path).
template <class Body>
auto with_xapian_errors_translated(const std::string& what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Error&) {
    throw;
  } catch (const Xapian::DatabaseVersionError& e) {
    throw Error(ErrorCode::index_wrong_version, what + ": unsupported database version: " + e.get_msg());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(ErrorCode::index_corrupt, what + ": the index file is damaged: " + e.get_msg());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(ErrorCode::index_corrupt, what + ": not a readable index file: " + e.get_msg());
  } catch (const Xapian::DatabaseError& e) {
    throw Error(ErrorCode::index_corrupt, what + ": the index file is damaged: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorCode::internal, what + ": " + e.get_description());
  } catch (const std::bad_alloc&) {
    throw Error(ErrorCode::internal, what + ": out of memory");
  } catch (const std::exception& e) {
    throw Error(ErrorCode::internal, what + ": " + e.what());
  }
}

}  // namespace firstline
