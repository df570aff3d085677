#include "crypto.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace firstline::desk::detail {

namespace {
unsigned char g_client_key[crypto_generichash_KEYBYTES];
}

void init_crypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
    randombytes_buf(g_client_key, sizeof g_client_key);
  });
}

std::string random_token() {
  init_crypto();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

static std::string hex_hash(std::string_view data, const unsigned char* key, std::size_t key_len) {
  init_crypto();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()), data.size(), key, key_len);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string token_hash(std::string_view token) { return hex_hash(token, nullptr, 0); }

std::string client_hash(std::string_view address) {
  return hex_hash(address, g_client_key, sizeof g_client_key).substr(0, 16);
}

std::string random_reference() {
  init_crypto();
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXYZ";  // 30 symbols
  std::string out = "FL-";
  for (int i = 0; i < 6; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

std::string hash_password(std::string_view password) {
  init_crypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_crypto();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace firstline::desk::detail
