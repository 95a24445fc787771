// The progress bar's line (cli/progress_bar.cc): percent done, the rate in the stage's
// unit, the text cut rather than the bar on a narrow terminal; and nothing at all when
// standard error is not a terminal (as in this test program).
#include "progress_bar.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

namespace assess::cli {
namespace {

TEST(ProgressBar, LineShowsPercentAndRate) {
  EXPECT_EQ(ProgressBar::Line("assess: reading d.xlsx", 50'000'000, 200'000'000, 50'000'000, 2.0,
                              ProgressBar::Rate::kBytes, 100),
            "assess: reading d.xlsx [######..................]  25%  25.0 MB/s");
  EXPECT_EQ(ProgressBar::Line("assess: evaluating 3000000 units", 2'500'000, 3'000'000, 2'500'000,
                              2.0, ProgressBar::Rate::kUnits, 100),
            "assess: evaluating 3000000 units [####################....]  83%  1,250,000 units/s");
  // A read: percent by bytes, rate by units read.
  EXPECT_EQ(ProgressBar::Line("assess: reading d.csv", 300'000'000, 750'000'000, 400'000, 2.0,
                              ProgressBar::Rate::kUnits, 100),
            "assess: reading d.csv [##########..............]  40%  200,000 units/s");
  // Total not known yet: 0%, never a division by zero.
  EXPECT_EQ(ProgressBar::Line("x", 10, 0, 10, 0.0, ProgressBar::Rate::kUnits, 80),
            "x [........................]   0%  0 units/s");
}

TEST(ProgressBar, NarrowTerminalsCutTheTextNotTheBar) {
  const std::string line =
      ProgressBar::Line("assess: reading /a/very/long/path/to/the/appraisal/data/2025.xlsx", 1, 2,
                        1, 1.0, ProgressBar::Rate::kBytes, 60);
  EXPECT_LE(line.size(), 60u);
  EXPECT_NE(line.find("... [############............]  50%"), std::string::npos) << line;
}

TEST(ProgressBar, IsOffWhenStandardErrorIsNotATerminal) {
  testing::internal::CaptureStderr();
  {
    ProgressBar bar(false);  // not quiet, but ctest's standard error is a pipe
    EXPECT_FALSE(bar.on());
    std::atomic<uint64_t> done{1}, total{2};
    bar.Track("reading", done, total, ProgressBar::Rate::kBytes);
    bar.Show("writing");
    bar.Clear();
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace assess::cli
