# Sourced by scripts/setup.sh. The handoff desk (desk/): the HTTP service the
# widget hands cases to and agents answer them from.
#   - cpp-httplib (HTTP), SQLite (the embedded store), libpq (the PostgreSQL
#     store), libsodium (argon2id password hashes, random tokens);
#   - PostgreSQL 15 itself and tzdata: the desk's tests start a throwaway
#     PostgreSQL server of their own, and channel hours are local to the KB's
#     timezone (Asia/Shanghai in the sample KB).
# The postgresql package creates the `postgres` user the tests run the
# server as when they run as root. Its own cluster (postgresql@15-main) is
# not used by the tests.
ensure_debian_packages libcpp-httplib-dev libsqlite3-dev libpq-dev libsodium-dev \
  postgresql-15 tzdata
