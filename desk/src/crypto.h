// The desk's secrets, all from libsodium: tokens, their stored hashes, case
// references, and agents' password hashes (argon2id).
#pragma once

#include <string>
#include <string_view>

namespace firstline::desk::detail {

/// Initialises libsodium once (thread-safe); throws std::runtime_error if it cannot.
void init_crypto();

/// 256 random bits, base64url without padding (43 characters): a customer's
/// case token or an agent's session token.
std::string random_token();

/// What the store keeps instead of a token: BLAKE2b-256 of it, hex.
std::string token_hash(std::string_view token);

/// A keyed hash of a client address for the events table (the address is not kept).
std::string client_hash(std::string_view address);

/// A short reference a customer can read out on the phone: "FL-" and six
/// characters of an alphabet without 0/O, 1/I/L, U (30 bits; the store
/// refuses a duplicate and the caller draws again).
std::string random_reference();

/// argon2id (crypto_pwhash_str, libsodium's interactive limits).
std::string hash_password(std::string_view password);
/// Whether `password` matches a hash made by hash_password (constant time).
bool verify_password(const std::string& hash, std::string_view password);

}  // namespace firstline::desk::detail
