#include "firstline/desk/passwords.h"

#include <chrono>

#include "crypto.h"

namespace firstline::desk {

namespace {

void check_password(const std::string& password) {
  if (password.size() < kMinPasswordLength)
    throw AgentError("a password needs at least " + std::to_string(kMinPasswordLength) + " characters");
}

}  // namespace

Agent add_agent(Store& store, const std::string& name, const std::string& password) {
  const bool good_name = !name.empty() && name.size() <= 64 && name.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == std::string::npos;
  if (!good_name) throw AgentError("an agent's name is 1 to 64 letters, digits, '.', '_' or '-'");
  check_password(password);
  const Millis now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  return store.add_agent(name, detail::hash_password(password), now);
}

void set_agent_password(Store& store, const std::string& name, const std::string& password) {
  check_password(password);
  if (!store.set_agent_password(name, detail::hash_password(password))) throw AgentError("no agent named " + name);
}

}  // namespace firstline::desk
