// No file lost (cli/output_file.h): `-o` naming an input is refused before anything is
// written; results replace an output whole or not at all, through a write error, a full
// disk, a read-only folder or a signal in the middle of a large run. Each test runs the
// built binary (ASSESS_CLI_PATH) in a fresh temporary folder.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

constexpr const char* kRules = R"(scheme: out
inputs:
  x: {type: number}
indicators:
  - {id: a, points: 10, score: x}
)";
constexpr const char* kOld = "the previous results\n";

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Outcome {
  int code = -1;
  std::string err;
};

class OutputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "assess_out_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Write("rules.yaml", kRules);
    Write("data.csv", "unit,x\nA,8\nB,9\n");
  }
  void TearDown() override {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir_, ec)) {
      fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(dir_);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // A data file of `units` units: its results are about 20 bytes a unit.
  void WriteUnits(const std::string& name, int units) {
    std::ofstream out(dir_ / name, std::ios::binary);
    out << "unit,x\n";
    for (int i = 0; i < units; ++i) out << "unit" << i << "," << i % 11 << "\n";
  }
  // The names in the folder, sorted: a leftover temporary file shows here.
  std::vector<std::string> Names(const std::string& sub = "") const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_ / sub)) {
      const std::string n = e.path().filename().string();
      if (n != ".stderr") names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // Runs `PREFIX assess ARGS...` through /bin/sh in the temporary folder.
  Outcome Run(const std::vector<std::string>& args, const std::string& prefix = "") {
    std::string cmd = "cd " + Quote(dir_.string()) + " && " + prefix + Quote(ASSESS_CLI_PATH);
    for (const std::string& a : args) cmd += " " + Quote(a);
    cmd += " > /dev/null 2> .stderr < /dev/null";
    const int status = std::system(cmd.c_str());
    Outcome o;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.err = Read(".stderr");
    return o;
  }

  fs::path dir_;
};

// ---------------------------------------------------------------------------------------
// -o naming an input

TEST_F(OutputFile, RefusesOutputNamingTheDataFileByPathLinkOrInode) {
  fs::create_symlink("data.csv", dir_ / "link.csv");
  fs::create_hard_link(dir_ / "data.csv", dir_ / "hard.csv");
  const std::string data = Read("data.csv");
  for (const std::string out : {"data.csv", "./data.csv", "link.csv", "hard.csv"}) {
    Outcome o = Run({"run", "rules.yaml", "data.csv", "-o", out});
    EXPECT_EQ(o.code, 2) << out;
    EXPECT_TRUE(Contains(o.err, "is the data file (data.csv): refusing to overwrite it")) << o.err;
    EXPECT_EQ(Read("data.csv"), data) << out;
  }
  // The data named through the link, the output by its own name: the same file too.
  Outcome o = Run({"run", "rules.yaml", "link.csv", "-o", "data.csv"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(Read("data.csv"), data);
  EXPECT_EQ(Names(), (std::vector<std::string>{"data.csv", "hard.csv", "link.csv", "rules.yaml"}));
}

TEST_F(OutputFile, RefusesOutputNamingTheRuleFile) {
  Outcome run = Run({"run", "rules.yaml", "data.csv", "-o", "rules.yaml"});
  EXPECT_EQ(run.code, 2);
  EXPECT_TRUE(Contains(run.err, "is the rule file (rules.yaml)")) << run.err;
  Outcome graph = Run({"graph", "rules.yaml", "-o", "rules.yaml"});
  EXPECT_EQ(graph.code, 2);
  EXPECT_TRUE(Contains(graph.err, "is the rule file (rules.yaml)")) << graph.err;
  EXPECT_EQ(Read("rules.yaml"), kRules);
}

// ---------------------------------------------------------------------------------------
// Replacing an output

TEST_F(OutputFile, ReplacesAnOutputWholeKeepingItsPermissions) {
  Write("out.csv", kOld);
  fs::permissions(dir_ / "out.csv",
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  Outcome o = Run({"run", "rules.yaml", "data.csv", "-o", "out.csv"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(Contains(Read("out.csv"), "A,8.00,8.00,")) << Read("out.csv");
  EXPECT_EQ(fs::status(dir_ / "out.csv").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(Names(), (std::vector<std::string>{"data.csv", "out.csv", "rules.yaml"}));
  Outcome graph = Run({"graph", "rules.yaml", "-o", "tree.dot"});
  EXPECT_EQ(graph.code, 0) << graph.err;
  EXPECT_TRUE(Contains(Read("tree.dot"), "digraph")) << Read("tree.dot");
}

TEST_F(OutputFile, OutputThroughALinkReplacesTheFileItNames) {
  fs::create_directory(dir_ / "published");
  Write("published/results.csv", kOld);
  fs::create_symlink("published/results.csv", dir_ / "latest.csv");
  Outcome o = Run({"run", "rules.yaml", "data.csv", "-o", "latest.csv"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(fs::is_symlink(dir_ / "latest.csv"));
  EXPECT_TRUE(Contains(Read("published/results.csv"), "B,9.00,9.00,"));
  EXPECT_EQ(Names("published"), std::vector<std::string>{"results.csv"});
}

// ---------------------------------------------------------------------------------------
// Write errors

TEST_F(OutputFile, WriteErrorLeavesTheOldOutput) {
  // A file size limit of 4 x 512 bytes (ulimit -f, in /bin/sh's blocks): the results of
  // 2000 units (~40 kB) fail to write part way.
  WriteUnits("big.csv", 2000);
  Write("out.csv", kOld);
  Outcome o = Run({"run", "rules.yaml", "big.csv", "-o", "out.csv"}, "ulimit -f 4 && ");
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(Contains(o.err, "assess: cannot write out.csv: File too large")) << o.err;
  EXPECT_EQ(Read("out.csv"), kOld);
  EXPECT_EQ(Names(), (std::vector<std::string>{"big.csv", "data.csv", "out.csv", "rules.yaml"}));
  // Without the limit the same run writes them.
  EXPECT_EQ(Run({"run", "rules.yaml", "big.csv", "-o", "out.csv"}).code, 0);
  EXPECT_TRUE(Contains(Read("out.csv"), "unit1999,"));
}

TEST_F(OutputFile, FullDiskIsAnErrorWithAMessage) {
  Outcome run = Run({"run", "rules.yaml", "data.csv", "-o", "/dev/full"});
  EXPECT_EQ(run.code, 2);
  EXPECT_TRUE(Contains(run.err, "cannot write /dev/full: No space left on device")) << run.err;
  Outcome graph = Run({"graph", "rules.yaml", "-o", "/dev/full"});
  EXPECT_EQ(graph.code, 2);
  EXPECT_TRUE(Contains(graph.err, "cannot write /dev/full: No space left on device")) << graph.err;
}

TEST_F(OutputFile, ReadOnlyFolderLeavesTheOldOutput) {
  fs::create_directory(dir_ / "ro");
  Write("ro/out.csv", kOld);
  // root writes in any folder: run as nobody then (setpriv, util-linux), with the folder
  // and the files readable.
  std::string prefix;
  if (geteuid() == 0) {
    if (std::system("command -v setpriv > /dev/null") != 0) GTEST_SKIP() << "root, no setpriv";
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    fs::permissions(dir_, fs::perms::all, fs::perm_options::add);  // nobody writes .stderr
    if (std::system(
            ("setpriv --reuid=65534 --regid=65534 --clear-groups test -x " + Quote(ASSESS_CLI_PATH))
                .c_str()) != 0) {
      GTEST_SKIP() << "nobody cannot run " << ASSESS_CLI_PATH;
    }
  }
  fs::permissions(dir_ / "ro", fs::perms::owner_read | fs::perms::owner_exec |
                                   fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
  Outcome o = Run({"run", "rules.yaml", "data.csv", "-o", "ro/out.csv"}, prefix);
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(Contains(o.err, "assess: cannot write ro/out.csv: Permission denied")) << o.err;
  EXPECT_EQ(Read("ro/out.csv"), kOld);
  EXPECT_EQ(Names("ro"), std::vector<std::string>{"out.csv"});
}

// ---------------------------------------------------------------------------------------
// Signals

// Starts `assess run rules.yaml DATA -o out.csv` (SIGINT and SIGTERM at their defaults),
// sends `sig` once `when` says so and returns the exit status (-1: killed, not exited),
// or -2 when the run had finished before the signal could be sent.
class SignalRun : public OutputFile {
 protected:
  // Whether process `pid` has a handler for `sig` (the SigCgt mask of /proc/PID/status),
  // polled for up to 30 s; false when it exited first.
  static bool CatchesSignal(pid_t pid, int sig) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream status("/proc/" + std::to_string(pid) + "/status");
      std::string line;
      while (std::getline(status, line)) {
        if (line.rfind("SigCgt:", 0) != 0) continue;
        const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
        if (mask >> (sig - 1) & 1) return true;
      }
      if (waitpid(pid, nullptr, WNOHANG) != 0) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }

  int RunAndSignal(const std::string& data, int sig, bool during_write) {
    const int watch = inotify_init1(IN_CLOEXEC);
    if (watch < 0 || inotify_add_watch(watch, dir_.c_str(), IN_CREATE) < 0) return -3;
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const std::string out = (dir_ / "out.csv").string();
    const std::string rules = (dir_ / "rules.yaml").string();
    const std::string in = (dir_ / data).string();
    std::vector<std::string> args = {ASSESS_CLI_PATH, "run", rules, in, "-o", out, "-q"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, ASSESS_CLI_PATH, &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (spawned != 0) return -3;
    bool sent = false;
    if (during_write) {
      // The temporary file appears in the folder when writing starts.
      alignas(inotify_event) char buf[4096];
      while (!sent) {
        const ssize_t n = read(watch, buf, sizeof buf);
        if (n <= 0) break;
        for (char* p = buf; p < buf + n;) {
          auto* e = reinterpret_cast<inotify_event*>(p);
          if (e->len > 0 && std::string(e->name).rfind(".out.csv.", 0) == 0) {
            sent = kill(pid, sig) == 0;
          }
          p += sizeof(inotify_event) + e->len;
        }
      }
    } else {
      // A slow start (a sanitizer build on a busy machine) must not meet the signal at its
      // default action: wait until the run catches it, then let it read or evaluate a while.
      if (!CatchesSignal(pid, sig)) {
        close(watch);
        return -2;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == 0)
        sent = kill(pid, sig) == 0;
      else {
        close(watch);
        return -2;
      }
    }
    close(watch);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!sent) return -2;
    if (WIFEXITED(status) && WEXITSTATUS(status) <= 1) return -2;  // it won the race
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

TEST_F(SignalRun, SigtermWhileWritingALargeRunLeavesTheOldOutput) {
  int code = -2;
  // The results of 200 000 units take long enough to write that the signal lands in the
  // middle; should a fast machine finish first, the run is tried again, larger.
  for (int units = 200000; code == -2 && units <= 1600000; units *= 2) {
    WriteUnits("big.csv", units);
    Write("out.csv", kOld);
    code = RunAndSignal("big.csv", SIGTERM, /*during_write=*/true);
  }
  EXPECT_EQ(code, 143);
  EXPECT_EQ(Read("out.csv"), kOld);
  EXPECT_EQ(Names(), (std::vector<std::string>{"big.csv", "data.csv", "out.csv", "rules.yaml"}));
}

TEST_F(SignalRun, SigintDuringALargeRunLeavesTheOldOutput) {
  int code = -2;
  for (int units = 400000; code == -2 && units <= 3200000; units *= 2) {
    WriteUnits("big.csv", units);
    Write("out.csv", kOld);
    code = RunAndSignal("big.csv", SIGINT, /*during_write=*/false);
    // On a fast machine the signal may land after the results replaced the output whole:
    // the run had finished (every unit's row is there), so it is tried again, larger. Any
    // other output but the old one is a failure below.
    if (code == 130) {
      const std::string out = Read("out.csv");
      if (std::count(out.begin(), out.end(), '\n') == units + 1) code = -2;
    }
  }
  EXPECT_EQ(code, 130);
  EXPECT_EQ(Read("out.csv"), kOld);
  EXPECT_EQ(Names(), (std::vector<std::string>{"big.csv", "data.csv", "out.csv", "rules.yaml"}));
}

}  // namespace
