// A throwaway PostgreSQL server (throwaway_postgres.h).
#include "throwaway_postgres.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace firstline::desk::testing {

namespace {

const std::string kBin = "/usr/lib/postgresql/15/bin/";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs argv (as the postgres user when we are root); output to `log`. Throws with the log on failure.
void run(std::vector<std::string> argv, const std::string& log) {
  if (geteuid() == 0) argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    const int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, 0);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string command;
    for (const auto& a : argv) command += a + " ";
    const bool missing = WIFEXITED(status) && WEXITSTATUS(status) == 127;
    throw std::runtime_error("PostgreSQL for the desk's tests could not start: `" + command + "` " +
                             (missing ? "could not be run (not installed?)" : "failed") + ":\n" + read_file(log));
  }
}

int free_loopback_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (s < 0 || bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (s >= 0) close(s);
    throw std::runtime_error("no free loopback port for PostgreSQL");
  }
  close(s);
  return ntohs(addr.sin_port);
}

/// Runs one statement on `url`; throws with the server's words.
void execute(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the tests' PostgreSQL at " + url + ": " + why);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
  const std::string why = PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("PostgreSQL refused `" + sql + "`: " + why);
}

}  // namespace

ThrowawayPostgres::ThrowawayPostgres() {
  if (!std::filesystem::exists(kBin + "initdb"))
    throw std::runtime_error("PostgreSQL for the desk's tests could not start: " + kBin +
                             "initdb is missing (install Debian's postgresql-15: scripts/setup.sh does)");
  char pattern[] = "/tmp/firstline-pg-XXXXXX";
  if (!mkdtemp(pattern)) throw std::runtime_error("cannot make a temporary directory for PostgreSQL");
  dir_ = pattern;
  if (geteuid() == 0) {
    const passwd* pg = getpwnam("postgres");
    if (!pg) throw std::runtime_error("PostgreSQL for the desk's tests could not start: running as root and there is no `postgres` user (Debian's postgresql package creates it)");
    if (chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0) throw std::runtime_error("cannot give " + dir_ + " to postgres");
  }
  try {
    start();
  } catch (...) {
    stop(dir_);  // nothing left behind: neither a server nor its directory
    throw;
  }
}

void ThrowawayPostgres::start() {
  const std::string data = dir_ + "/data";
  const std::string log = dir_ + "/commands.log";
  run({kBin + "initdb", "-D", data, "-U", "firstline", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"}, log);
  std::string last_error;
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = free_loopback_port();
    try {
      // Loopback only, the socket in our directory; fsync off: a test server's data need not survive a power cut.
      run({kBin + "pg_ctl", "-D", data, "-l", dir_ + "/server.log", "-w", "-t", "60", "-o",
           "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + dir_ +
               " -c fsync=off -c max_connections=200",
           "start"},
          log);
      std::ofstream(dir_ + "/url") << url();
      return;
    } catch (const std::runtime_error& e) {
      last_error = std::string(e.what()) + "\nserver log:\n" + read_file(dir_ + "/server.log");
    }
  }
  throw std::runtime_error(last_error);
}

ThrowawayPostgres::~ThrowawayPostgres() {
  if (owned_) stop(dir_);
}

void ThrowawayPostgres::stop(const std::string& dir) {
  try {
    run({kBin + "pg_ctl", "-D", dir + "/data", "-m", "immediate", "-w", "stop"}, dir + "/commands.log");
  } catch (...) {
    // already stopped
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

std::string ThrowawayPostgres::url(const std::string& database) const {
  return "postgresql://firstline@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string fresh_postgres_database() {
  static std::mutex mutex;
  static std::unique_ptr<ThrowawayPostgres> own;
  static std::string server;  // postgresql://firstline@127.0.0.1:PORT/
  static std::atomic<int> counter{0};
  {
    std::lock_guard lock(mutex);
    if (server.empty()) {
      if (const char* shared = std::getenv("FIRSTLINE_DESK_POSTGRES")) {
        // CTest's fixture started the server and wrote its URL into this file.
        const std::string url = read_file(shared);
        if (url.empty())
          throw std::runtime_error(std::string("FIRSTLINE_DESK_POSTGRES names ") + shared +
                                   ", which holds no server URL: the desk.postgres_starts test (CTest fixture desk_postgres) did not start PostgreSQL: see its output");
        server = url.substr(0, url.rfind('/') + 1);
      } else {
        own = std::make_unique<ThrowawayPostgres>();
        server = own->url("");
      }
    }
  }
  const std::string name = "desk_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  execute(server + "postgres", "CREATE DATABASE " + name);
  return server + name;
}

}  // namespace firstline::desk::testing
