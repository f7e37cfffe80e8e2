// leave_to_exit: a command that is the process's last act leaves its big products to the exit;
// any other caller gets them destroyed at once, as if they had gone out of scope.
#include <gtest/gtest.h>

#include <memory>

#include "wiring.hpp"

namespace {

struct Counted {
  explicit Counted(int& destroyed) : destroyed_(destroyed) {}
  ~Counted() { ++destroyed_; }
  int& destroyed_;
};

TEST(LeaveToExit, KeptOnlyWhenTheCommandEndsTheProcess) {
  int destroyed = 0;
  qchain::cli::Common in_process;
  qchain::cli::leave_to_exit(in_process, std::make_unique<Counted>(destroyed));
  EXPECT_EQ(destroyed, 1);
  qchain::cli::Common last_act;
  last_act.exits_after = true;
  static int kept_destroyed = 0;  // outlives the test: the kept object may refer to it at exit
  qchain::cli::leave_to_exit(last_act, std::make_unique<Counted>(kept_destroyed));
  EXPECT_EQ(kept_destroyed, 0);
}

}  // namespace
