// The native console's transport to the desk (see desk_http.h).
#include "firstline/console/desk_http.h"

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace firstline::console {

namespace {

class HttpTransport final : public DeskTransport {
 public:
  explicit HttpTransport(std::string desk_url) : url_(std::move(desk_url)) {
    if (url_.rfind("http://", 0) != 0 && url_.rfind("https://", 0) != 0)
      throw std::invalid_argument("the desk's URL must start with http:// or https:// (got " + url_ + ")");
    if (url_.find('/', url_.find("//") + 2) != std::string::npos)
      throw std::invalid_argument("the desk's URL is scheme://host[:port], without a path (got " + url_ + ")");
  }

  ~HttpTransport() override {
    // stop() ends a request in flight (a waiting long poll) at once, but not one whose thread has not
    // connected yet: stop again until every thread is done, then join them.
    for (;;) {
      {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        bool all_done = true;
        for (auto& job : jobs_)
          if (!*job.finished) {
            job.client->stop();
            all_done = false;
          }
        if (all_done) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    for (auto& job : jobs_)
      if (job.thread.joinable()) job.thread.join();
  }

  void send(std::uint64_t id, const DeskRequest& request) override {
    auto client = std::make_shared<httplib::Client>(url_);
    client->set_connection_timeout(5, 0);
    client->set_read_timeout(60, 0);  // longer than the desk's longest long poll
    client->set_write_timeout(10, 0);
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    reap();
    Job job{id, client, {}, std::make_shared<bool>(false)};
    auto finished = job.finished;
    job.thread = std::thread([this, id, request, client, finished] {
      DeskAnswer answer = perform(*client, request);
      std::lock_guard lock(mutex_);
      answers_.emplace_back(id, std::move(answer));
      *finished = true;
    });
    jobs_.push_back(std::move(job));
  }

  std::vector<std::pair<std::uint64_t, DeskAnswer>> take_answers() override {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::uint64_t, DeskAnswer>> out;
    out.swap(answers_);
    return out;
  }

 private:
  struct Job {
    std::uint64_t id;
    std::shared_ptr<httplib::Client> client;
    std::thread thread;
    std::shared_ptr<bool> finished;  ///< set (under mutex_) by the thread as its last act
  };

  static DeskAnswer perform(httplib::Client& client, const DeskRequest& request) {
    httplib::Headers headers;
    if (!request.bearer.empty()) headers.emplace("Authorization", "Bearer " + request.bearer);
    const httplib::Result res = request.method == "POST"
                                    ? client.Post(request.path, headers, request.body, "application/json")
                                    : client.Get(request.path, headers);
    DeskAnswer answer;
    if (!res) {
      answer.error = httplib::to_string(res.error());
      return answer;
    }
    answer.status = res->status;
    answer.body = res->body;
    return answer;
  }

  /// Joins the threads that are done (called with mutex_ held; they finished, so join returns at once).
  void reap() {
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      if (*it->finished) {
        // It set `finished` under mutex_, which we now hold: it has let go of the lock and only returns.
        it->thread.join();
        it = jobs_.erase(it);
      } else {
        ++it;
      }
    }
  }

  std::string url_;
  std::mutex mutex_;
  bool stopping_ = false;
  std::vector<Job> jobs_;
  std::vector<std::pair<std::uint64_t, DeskAnswer>> answers_;
};

}  // namespace

std::unique_ptr<DeskTransport> make_http_transport(const std::string& desk_url) {
  return std::make_unique<HttpTransport>(desk_url);
}

}  // namespace firstline::console
