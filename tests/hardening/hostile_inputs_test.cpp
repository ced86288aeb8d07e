// Inputs written to do harm (issue 13): a generator whose symbolic links lead out of its
// templates folder, variable values that try to add frontmatter keys, YAML alias bombs, and
// files that never end. Each runs the real binary and checks that nothing leaks out, nothing
// is written that should not be, and the error says what happened.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"

namespace unjucks::hardening {
namespace {

ChildResult in(const Scratch& s, const std::vector<std::string>& args) {
  ChildOptions co;
  co.cwd = s.path().string();
  return run_unjucks(args, co);
}

// ---- D3: symbolic links in a templates folder

TEST(HostileInputs, ASymlinkOutOfTheTemplatesFolderIsRefusedNotCopied) {
  Scratch s;
  s.write("home/.ssh/id_rsa", "PRIVATE KEY\n");
  s.write("_templates/g/a/readme.txt", "hello\n");
  fs::create_directory_symlink(s.path() / "home/.ssh", s.path() / "_templates/g/a/keys");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("_templates/g/a/keys: it is a symbolic link to " +
                       (s.path() / "home/.ssh").string() + ", outside the templates folder"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out")) << "nothing of the action is written";

  // A file link, and one to a file of the system.
  fs::remove(s.path() / "_templates/g/a/keys");
  fs::create_symlink(s.path() / "home/.ssh/id_rsa", s.path() / "_templates/g/a/id_rsa");
  r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("outside the templates folder"), std::string::npos) << r.err;
  fs::remove(s.path() / "_templates/g/a/id_rsa");
  fs::create_symlink("/proc/self/environ", s.path() / "_templates/g/a/env.txt");
  r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out"));

  // A link that leads nowhere is refused too (it cannot be looked at).
  fs::remove(s.path() / "_templates/g/a/env.txt");
  fs::create_symlink(s.path() / "nothing-here", s.path() / "_templates/g/a/gone.txt");
  r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("which does not exist"), std::string::npos) << r.err;

  // An action folder or a generator folder that is itself such a link.
  fs::remove(s.path() / "_templates/g/a/gone.txt");
  fs::create_directory_symlink(s.path() / "home/.ssh", s.path() / "_templates/g/b");
  r = in(s, {"generate", "g", "b", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("outside the templates folder"), std::string::npos) << r.err;
  fs::create_directory_symlink(s.path() / "home", s.path() / "_templates/h");
  r = in(s, {"generate", "h", ".ssh", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out"));
}

TEST(HostileInputs, SymlinksInsideTheTemplatesFolderStillWork) {
  Scratch s;
  s.write("_templates/shared/license.txt", "MIT\n");
  s.write("_templates/g/a/readme.txt", "hello\n");
  fs::create_symlink("../../shared/license.txt", s.path() / "_templates/g/a/LICENSE");
  fs::create_directory_symlink("../../shared", s.path() / "_templates/g/a/common");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("out/LICENSE"), "MIT\n");
  EXPECT_EQ(s.read("out/common/license.txt"), "MIT\n");
}

TEST(HostileInputs, ASymlinkCycleInAnActionFolderIsRefused) {
  Scratch s;
  s.write("_templates/g/a/x.txt", "x\n");
  fs::create_directory_symlink(".", s.path() / "_templates/g/a/loop");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("already walked (a symbolic link cycle"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out"));
  // Two links back: 2^depth paths without the check. Refused as fast.
  fs::create_directory_symlink("..", s.path() / "_templates/g/a/up");
  r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
}

TEST(HostileInputs, AFifoInATemplatesFolderIsRefusedWithoutReadingIt) {
  Scratch s;
  s.write("_templates/g/a/x.txt", "x\n");
  ASSERT_EQ(::mkfifo((s.path() / "_templates/g/a/pipe.txt").c_str(), 0644), 0);
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("pipe.txt: it is neither a regular file nor a folder"), std::string::npos)
      << r.err;
  // A .hygenignore or a config.yml that is a FIFO would block the read: refused as well.
  fs::remove(s.path() / "_templates/g/a/pipe.txt");
  ASSERT_EQ(::mkfifo((s.path() / "_templates/g/a/.hygenignore").c_str(), 0644), 0);
  r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  fs::remove(s.path() / "_templates/g/a/.hygenignore");
  ASSERT_EQ(::mkfifo((s.path() / "_templates/g/a/config.yml").c_str(), 0644), 0);
  r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out"));
}

TEST(HostileInputs, FromThroughASymlinkOutOfTheTemplatesFolderIsRefused) {
  Scratch s;
  s.write("elsewhere/z.njk", "SECRET\n");
  s.write("_templates/g/a/t.njk", "---\nto: y.txt\nfrom: sh/z.njk\n---\n");
  fs::create_directory_symlink(s.path() / "elsewhere", s.path() / "_templates/sh");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("from: sh/z.njk resolves outside the templates folder"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out/y.txt"));
}

// ---- D4: values that try to add frontmatter keys

TEST(HostileInputs, AValueCannotAddForceOrShToTheFrontmatter) {
  Scratch s;
  s.write("_templates/y/a/t.njk", "---\nto: out/{{ name }}.txt\n---\nPWNED\n");
  s.write("d/out/victim.txt", "ORIGINAL\n");
  ChildResult r = in(s, {"generate", "y", "a", "victim.txt\nforce: true\n#", "--dest", "d"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("the path has a line break"), std::string::npos) << r.err;
  EXPECT_EQ(s.read("d/out/victim.txt"), "ORIGINAL\n");
  // A batch record does the same.
  s.write("records.jsonl", R"({"name": "victim.txt\nforce: true\n#"})"
                           "\n");
  r = in(s, {"batch", "y", "a", "--data", "records.jsonl", "--dest", "d"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_EQ(s.read("d/out/victim.txt"), "ORIGINAL\n");
  // sh: under --allow-shell, through a value in another key.
  s.write("_templates/y/b/t.njk", "---\nto: out/b.txt\nmessage: {{ note }}\n---\nb\n");
  r = in(s, {"generate", "y", "b", "--note", "hi\nsh: touch pwned\n#", "--dest", "d",
             "--allow-shell"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "d/pwned"));
  EXPECT_FALSE(fs::exists(s.path() / "pwned"));
  EXPECT_NE(r.out.find("hi\nsh: touch pwned\n#"), std::string::npos) << r.out;  // its message
}

TEST(HostileInputs, ConditionalFrontmatterWrittenInTheTemplateStillWorks) {
  Scratch s;
  s.write("_templates/g/a/t.njk",
          "---\nto: \"{% if dir %}{{ dir }}/{% endif %}{{ name }}.txt\"\n"
          "{% if overwrite %}force: true{% endif %}\n---\nnew {{ name }}\n");
  s.write("x.txt", "old\n");
  ChildResult r = in(s, {"generate", "g", "a", "x", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("x.txt"), "old\n");  // skipped: exists
  r = in(s, {"generate", "g", "a", "x", "--overwrite", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("x.txt"), "new x\n");
  r = in(s, {"generate", "g", "a", "y", "--dir", "sub", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("sub/y.txt"), "new y\n");
  // A key printed by {{ }} is refused with its place.
  s.write("_templates/g/k/t.njk", "---\nto: k.txt\n{{ key }}: true\n---\nk\n");
  r = in(s, {"generate", "g", "k", "--key", "force", "--dest", "."});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("_templates/g/k/t.njk:3:1: error: frontmatter: a key cannot come from a "
                       "{{ }} expression"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "k.txt"));
}

// ---- D7: YAML alias bombs

// `levels` anchors, each a list of ten aliases of the one before: 10^levels values from a few
// hundred bytes. `indent` puts it under a key.
std::string alias_bomb(int levels, const std::string& indent = "") {
  std::string y = indent + "l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < levels; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    y += indent + "l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) y += (k ? ", " : "") + prev;
    y += "]\n";
  }
  return y;
}

TEST(HostileInputs, AYamlAliasBombIsRefusedWhereverYamlBecomesValues) {
  Scratch s;
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ l0 | length }}\n");
  const std::string bomb = alias_bomb(9);  // 10^9 values, 500 bytes
  ASSERT_LT(bomb.size(), 600u);
  s.write("bomb.yml", bomb);
  ChildResult r = in(s, {"generate", "g", "a", "--vars", "bomb.yml", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("bomb.yml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": error: the YAML makes more than 101"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
  // The same as a default in a generator's config.yml, an action's prompt.yml and the project's
  // unjucks.config.yml: each is named.
  s.write("_templates/g/config.yml",
          "prompts:\n  - name: l0\n    default:\n" + alias_bomb(9, "      "));
  r = in(s, {"generate", "g", "a", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("_templates/g/config.yml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the YAML makes more than"), std::string::npos) << r.err;
  fs::remove(s.path() / "_templates/g/config.yml");
  s.write("_templates/g/a/prompt.yml", "variables:\n" + alias_bomb(9, "  "));
  r = in(s, {"generate", "g", "a", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("_templates/g/a/prompt.yml:"), std::string::npos) << r.err;
  fs::remove(s.path() / "_templates/g/a/prompt.yml");
  s.write("unjucks.config.yml", "defaults:\n" + alias_bomb(9, "  "));
  r = in(s, {"generate", "g", "a", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("unjucks.config.yml:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
  fs::remove(s.path() / "unjucks.config.yml");
  // In frontmatter a value is a single scalar: a bomb there is never expanded.
  s.write("_templates/g/f/x.t", "---\nto: f.txt\n" + alias_bomb(9) + "---\nx\n");
  r = in(s, {"generate", "g", "f", "--dest", "."});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("expected a single value"), std::string::npos) << r.err;
}

TEST(HostileInputs, AnAliasInsideItsOwnAnchorIsAnErrorNotACrash) {
  Scratch s;
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ a }}\n");
  s.write("cycle.yml", "a: &x [1, *x]\n");
  ChildResult r = in(s, {"generate", "g", "a", "--vars", "cycle.yml", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("cycle.yml:1:4: error: an alias (*name) inside the value its anchor "
                       "names repeats it forever"),
            std::string::npos)
      << r.err;
  s.write("_templates/g/prompt.yml", "variables:\n  a:\n    default: &d {b: *d}\n");
  r = in(s, {"generate", "g", "a", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("repeats it forever"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
}

TEST(HostileInputs, OrdinaryAliasesStillWork) {
  Scratch s;
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ dev.port }} {{ prod.port }}\n");
  s.write("v.yml", "dev: &base {port: 8080}\nprod: *base\n" + alias_bomb(4));  // 10^4: fine
  ChildResult r = in(s, {"generate", "g", "a", "--vars", "v.yml", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("x.txt"), "8080 8080\n");
}

// ---- errors in our words; empty JSON

TEST(HostileInputs, LibraryErrorTextNeverReachesTheUser) {
  Scratch s;
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ a }}\n");
  s.write("records.jsonl", "{\"a\": 1}\n");
  std::vector<ChildResult> runs;
  // Invalid UTF-8 in a variable: the message named no variable, and batch aborted (SIGABRT).
  runs.push_back(in(s, {"generate", "g", "a", "--a", "x\xff", "--dest", "."}));
  EXPECT_EQ(runs.back().err, "unjucks: error: variables: the value of 'a' is not valid UTF-8\n");
  runs.push_back(
      in(s, {"batch", "g", "a", "--data", "records.jsonl", "--b", "\xfe", "--dest", "."}));
  EXPECT_NE(runs.back().err.find("unjucks: error: variables: the value of 'b' is not valid UTF-8"),
            std::string::npos)
      << runs.back().err;
  s.write("bad.json", "{\"a\": tru}");
  runs.push_back(in(s, {"generate", "g", "a", "--vars", "bad.json", "--dest", "."}));
  EXPECT_NE(runs.back().err.find("bad.json:1:10: error: invalid JSON: invalid literal\n"),
            std::string::npos)
      << runs.back().err;
  s.write("bad.yml", "a: [1, 2\n");
  runs.push_back(in(s, {"generate", "g", "a", "--vars", "bad.yml", "--dest", "."}));
  EXPECT_NE(
      runs.back().err.find("bad.yml:2:1: error: invalid YAML: a '[' list is not closed with ']'\n"),
      std::string::npos)
      << runs.back().err;
  s.write("_templates/g/config.yml", "description: \"\\q\"\n");
  runs.push_back(in(s, {"generate", "g", "a", "--dest", "."}));
  EXPECT_NE(runs.back().err.find("_templates/g/config.yml:1:17: error: invalid YAML: an unknown "
                                 "escape in a double-quoted string"),
            std::string::npos)
      << runs.back().err;
  for (const ChildResult& r : runs) {
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(r.err.find("json.exception"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("syntax error while parsing"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("yaml-cpp"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
}

TEST(HostileInputs, AnEmptyJsonFileIsAnErrorForBatchAsForRenderAndVars) {
  Scratch s;
  s.write("_templates/g/a/x.t", "---\nto: x{{ a }}.txt\n---\nx\n");
  s.write("t.njk", "{{ a }}");
  s.write("empty.json", "");
  ChildResult r = in(s, {"batch", "g", "a", "--data", "empty.json", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("the data is empty, which is not JSON (an array of no records is [])"),
            std::string::npos)
      << r.err;
  r = in(s, {"render", "t.njk", "--data", "empty.json"});
  EXPECT_EQ(r.status, 1) << r.err;
  r = in(s, {"generate", "g", "a", "--vars", "empty.json", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.err;
  // An array of no records, and an empty JSON Lines file, are no records (not an error).
  s.write("none.json", "[]\n");
  s.write("none.jsonl", "");
  for (const char* data : {"none.json", "none.jsonl"}) {
    r = in(s, {"batch", "g", "a", "--data", data, "--dest", "."});
    EXPECT_EQ(r.status, 0) << data << r.out << r.err;
  }
}

// ---- D9: files that never end

// Writes `total` bytes of `byte` into the FIFO `path` (opened when the reader opens it) until
// the reader goes away; the bytes it got rid of are in written().
class FifoWriter {
 public:
  FifoWriter(const fs::path& path, size_t total, char byte) : path_(path) {
    ::signal(SIGPIPE, SIG_IGN);
    EXPECT_EQ(::mkfifo(path.c_str(), 0644), 0);
    thread_ = std::thread([this, path, total, byte] {
      int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) return;
      std::string chunk(64 * 1024, byte);
      while (written_ < total) {
        ssize_t n = ::write(fd, chunk.data(), std::min(chunk.size(), total - written_));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EPIPE: the reader stopped reading
        written_ += static_cast<size_t>(n);
      }
      ::close(fd);
    });
  }
  ~FifoWriter() { join(); }
  // Once the reader is gone: a writer still waiting for one to open the FIFO is let go (Linux
  // wakes it for a reader that came, even if that reader is gone again; its writes then fail).
  size_t join() {
    int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) ::close(fd);
    if (thread_.joinable()) thread_.join();
    return written_;
  }

 private:
  fs::path path_;
  std::thread thread_;
  std::atomic<size_t> written_{0};
};

constexpr size_t kEndless = size_t{256} << 20;  // what the writer offers: 256 MiB
constexpr size_t kSlack = size_t{2} << 20;      // a pipe holds up to 1 MiB on Linux

TEST(HostileInputs, ATemplateFromAPipeStopsAtTheTemplateSizeLimit) {
  Scratch s;
  FifoWriter w(s.path() / "t.njk", kEndless, 'a');
  ChildResult r = in(s, {"render", "t.njk", "--limit", "template-size=1M"});
  size_t written = w.join();
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("t.njk: larger than the template-size limit of 1 MiB"), std::string::npos)
      << r.err;
  EXPECT_LT(written, (size_t{1} << 20) + kSlack) << "read on past the limit";
}

TEST(HostileInputs, DataFromAPipeStopsAtTheDataSizeLimit) {
  Scratch s;
  s.write("t.njk", "{{ x }}");
  {
    FifoWriter w(s.path() / "d.json", kEndless, ' ');
    ChildResult r = in(s, {"render", "t.njk", "--data", "d.json", "--limit", "data-size=1M"});
    size_t written = w.join();
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_NE(r.err.find("d.json: larger than the data-size limit of 1 MiB"), std::string::npos)
        << r.err;
    EXPECT_LT(written, (size_t{1} << 20) + kSlack);
  }
  // --vars of generate: the default limit (64 MiB) stops it.
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ a }}\n");
  FifoWriter w(s.path() / "v.yml", kEndless, ' ');
  ChildResult r = in(s, {"generate", "g", "a", "--vars", "v.yml", "--dest", "."});
  size_t written = w.join();
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("v.yml: larger than the data-size limit of 64 MiB"), std::string::npos)
      << r.err;
  EXPECT_LT(written, (size_t{64} << 20) + kSlack);
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
}

TEST(HostileInputs, ATooLargeTemplateFileIsRefusedByItsSize) {
  Scratch s;
  // Sparse: a terabyte that costs no disk, and that no read could get through in time.
  for (const char* name : {"t.njk", "d.json"}) {
    int fd = ::open((s.path() / name).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::ftruncate(fd, off_t{1} << 40), 0);
    ::close(fd);
  }
  ChildResult r = in(s, {"render", "t.njk"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("t.njk: larger than the template-size limit of 64 MiB"), std::string::npos)
      << r.err;
  s.write("small.njk", "{{ x }}");
  r = in(s, {"render", "small.njk", "--data", "d.json"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("d.json: larger than the data-size limit of 64 MiB"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace unjucks::hardening
