// firstline/desk/passwords.h — agents' accounts: created with a command
// (firstline-desk add-agent NAME), passwords hashed with argon2id (libsodium).
#pragma once

#include <stdexcept>
#include <string>

#include "firstline/desk/store.h"

namespace firstline::desk {

class AgentError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The shortest password add_agent accepts.
inline constexpr std::size_t kMinPasswordLength = 10;

/// Adds an agent with an argon2id hash of `password`. Throws AgentError for a
/// name that is not 1-64 letters, digits, '.', '_' or '-', or a password
/// shorter than kMinPasswordLength; StoreError conflict if the name exists.
Agent add_agent(Store& store, const std::string& name, const std::string& password);

/// Replaces an agent's password. Throws AgentError if there is no such agent or the password is too short.
void set_agent_password(Store& store, const std::string& name, const std::string& password);

}  // namespace firstline::desk
