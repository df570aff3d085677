// firstline/desk/desk.h — the handoff desk: the HTTP service the widget hands
// confirmed cases to (the public side) and agents answer them from (the agent
// side). desk/README.md documents every endpoint, its JSON and its errors.
//
//   auto config = firstline::desk::load_config("desk.json");
//   firstline::desk::Desk desk(config, firstline::desk::open_store(config.store));
//   int port = desk.bind();   // config.port, or any free port when it is 0
//   desk.serve();             // until desk.stop() (from another thread or a signal)
#pragma once

#include <functional>
#include <memory>

#include "firstline/desk/config.h"
#include "firstline/desk/store.h"

namespace firstline::desk {

class Desk {
 public:
  Desk(DeskConfig config, std::unique_ptr<Store> store);
  ~Desk();
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  /// Binds config.host:config.port (0: a free port) and returns the port.
  /// Throws std::runtime_error if the address cannot be bound.
  int bind();
  /// Answers requests until stop(); call after bind().
  void serve();
  /// Stops serve() (waiting long polls are answered first). Thread-safe.
  void stop();

  Store& store();
  /// The clock promises and waiting times are computed with (tests set one). Default: the system clock.
  void set_clock(std::function<Millis()> clock);

  struct Internal;

 private:
  std::unique_ptr<Internal> internal_;
};

}  // namespace firstline::desk
