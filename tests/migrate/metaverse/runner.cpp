// Hygen's own end-to-end suite ("metaverse", ../shared/conformance/hygen-metaverse) run by unjucks:
// for each folder of cases.json, a fresh copy; `unjucks migrate _templates` (and a second run,
// which must change nothing); then each command in order as `unjucks generate <command...>
// --answers FILE --allow-shell`, the answers being the case's prompt_answers (with a command's
// trailing object over them); finally given/ is compared with expected/, file for file.
//
// A scenario is one command. It passes when it exits 0 and no file it wrote differs from
// expected/. Scenarios unjucks does not pass by design are listed in a known-refusals file, each
// with the expected files it owns and the reason; those files are left out of the comparison,
// and a listed scenario whose files come out right fails the run ("now passes": take it off the
// list, which only shrinks). Exit 0 when every scenario passes or is listed, else 1.
//
//   metaverse_runner --unjucks BIN --corpus DIR [--known-refusals FILE] [--keep] [--only TEXT]
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `argv` in `cwd` with stdin from /dev/null; its output (stdout and stderr) goes to `log`.
int run(const std::vector<std::string>& argv, const fs::path& cwd, const fs::path& log) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int in = open("/dev/null", O_RDONLY);
    int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Every file under `dir`, relative, with its content.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
  }
  return out;
}

struct Refusal {
  std::vector<std::string> files;  // relative to expected/
  std::string reason;
  bool seen = false;
};

// Lines `ID => FILE, FILE  # reason`, ID being "<folder>: <command words>".
std::map<std::string, Refusal> read_refusals(const fs::path& p, bool* ok) {
  std::map<std::string, Refusal> out;
  std::ifstream in(p);
  std::string line;
  *ok = in.good();
  while (std::getline(in, line)) {
    size_t hash = line.find('#');
    std::string reason = hash == std::string::npos ? "" : line.substr(hash + 1);
    line = line.substr(0, hash);
    size_t arrow = line.find("=>");
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto trim = [](std::string s) {
      size_t b = s.find_first_not_of(" \t");
      size_t e = s.find_last_not_of(" \t");
      return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    };
    Refusal r;
    r.reason = trim(reason);
    std::string files = arrow == std::string::npos ? "" : line.substr(arrow + 2);
    std::stringstream ss(files);
    std::string f;
    while (std::getline(ss, f, ',')) {
      if (!trim(f).empty()) r.files.push_back(trim(f));
    }
    out[trim(line.substr(0, arrow))] = r;
  }
  return out;
}

std::string command_id(const std::string& folder, const Json& cmd) {
  std::string id = folder + ":";
  for (const Json& w : cmd) {
    if (w.is_string()) id += " " + w.get<std::string>();
  }
  return id;
}

}  // namespace

int main(int argc, char** argv) {
  std::string unjucks, corpus, refusals_path, only;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--unjucks")
      unjucks = value();
    else if (a == "--corpus")
      corpus = value();
    else if (a == "--known-refusals")
      refusals_path = value();
    else if (a == "--only")
      only = value();
    else if (a == "--keep")
      keep = true;
    else {
      std::fprintf(stderr, "metaverse_runner: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (unjucks.empty() || corpus.empty()) {
    std::fprintf(stderr,
                 "usage: metaverse_runner --unjucks BIN --corpus DIR [--known-refusals FILE]\n");
    return 2;
  }
  unjucks = fs::absolute(unjucks).string();
  std::map<std::string, Refusal> refusals;
  if (!refusals_path.empty()) {
    bool ok = false;
    refusals = read_refusals(refusals_path, &ok);
    if (!ok) {
      std::fprintf(stderr, "metaverse_runner: cannot read %s\n", refusals_path.c_str());
      return 2;
    }
  }
  Json cases = Json::parse(slurp(fs::path(corpus) / "cases.json"));
  char tmpl[] = "/tmp/unjucks-metaverse-XXXXXX";
  fs::path work = mkdtemp(tmpl);
  int passed = 0, refused = 0, failed = 0;
  std::vector<std::string> problems;

  for (const Json& c : cases) {
    const std::string folder = c["folder"];
    if (!only.empty() && folder.find(only) == std::string::npos) continue;
    const fs::path dir = work / folder;
    fs::copy(fs::path(corpus) / folder, dir, fs::copy_options::recursive);
    fs::remove_all(dir / "given");
    fs::remove_all(dir / "expected");
    const fs::path logs = work / (folder + ".logs");
    fs::create_directories(logs);

    // The migration, twice: the second run changes nothing.
    int rc = run({unjucks, "migrate", "_templates"}, dir, logs / "migrate.txt");
    if (rc != 0 && rc != 1) {
      problems.push_back(folder + ": unjucks migrate exited " + std::to_string(rc) + "\n" +
                         slurp(logs / "migrate.txt"));
      ++failed;
      continue;
    }
    auto migrated = tree(dir / "_templates");
    rc = run({unjucks, "migrate", "_templates"}, dir, logs / "migrate-again.txt");
    if (tree(dir / "_templates") != migrated) {
      problems.push_back(folder + ": a second unjucks migrate changed files\n" +
                         slurp(logs / "migrate-again.txt"));
      ++failed;
    }

    // The commands; who wrote what.
    std::map<std::string, std::string> last_writer;  // given/ file -> scenario id
    std::map<std::string, int> exit_codes;
    std::vector<std::string> ids;
    auto before = tree(dir / "given");
    int n = 0;
    for (const Json& cmd : c["commands"]) {
      std::string id = command_id(folder, cmd);
      ids.push_back(id);
      Json answers = c.value("prompt_answers", Json::object());
      std::vector<std::string> args = {unjucks, "generate"};
      for (const Json& w : cmd) {
        if (w.is_string()) {
          args.push_back(w);
        } else if (w.is_object()) {
          for (auto& [k, v] : w.items()) answers[k] = v;
        }
      }
      fs::path answers_file = logs / ("answers-" + std::to_string(n) + ".json");
      std::ofstream(answers_file) << answers.dump();
      args.insert(args.end(), {"--answers", answers_file.string(), "--allow-shell"});
      fs::path log = logs / ("command-" + std::to_string(n++) + ".txt");
      exit_codes[id] = run(args, dir, log);
      auto after = tree(dir / "given");
      for (const auto& [f, content] : after) {
        auto it = before.find(f);
        if (it == before.end() || it->second != content) last_writer[f] = id;
      }
      before = std::move(after);
    }

    // The comparison, file for file.
    auto given = tree(dir / "given");
    auto expected = tree(fs::path(corpus) / folder / "expected");
    std::map<std::string, std::string> owner;  // expected file -> refused scenario
    for (const std::string& id : ids) {
      if (auto r = refusals.find(id); r != refusals.end()) {
        r->second.seen = true;
        for (const std::string& f : r->second.files) owner[f] = id;
      }
    }
    std::map<std::string, std::vector<std::string>> bad;  // scenario -> why
    std::set<std::string> files;
    for (const auto& [f, _] : given) files.insert(f);
    for (const auto& [f, _] : expected) files.insert(f);
    for (const std::string& f : files) {
      auto g = given.find(f);
      auto e = expected.find(f);
      bool same = g != given.end() && e != expected.end() && g->second == e->second;
      std::string who = owner.count(f) ? owner[f] : last_writer.count(f) ? last_writer[f] : "";
      if (owner.count(f)) {
        if (!same) bad[who].push_back(f);
        continue;
      }
      if (same) continue;
      std::string why = e == expected.end() ? f + ": not expected"
                        : g == given.end()  ? f + ": missing"
                                            : f + ": differs";
      if (g != given.end() && e != expected.end()) {
        why += "\n      expected: " + Json(e->second).dump() +
               "\n      given:    " + Json(g->second).dump();
      }
      bad[who.empty() ? folder + ": (no command wrote it)" : who].push_back(why);
    }
    for (const std::string& id : ids) {
      auto r = refusals.find(id);
      if (r != refusals.end()) {
        bool all_right = !r->second.files.empty() && !bad.count(id);
        for (const std::string& f : r->second.files) all_right = all_right && given.count(f);
        if (all_right) {
          problems.push_back(id + ": listed as refused, but now passes: take it off " +
                             refusals_path);
          std::printf("NOW PASSES %s\n", id.c_str());
          ++failed;
        } else {
          std::printf("REFUSED %s (%s)\n", id.c_str(), r->second.reason.c_str());
          ++refused;
        }
        continue;
      }
      if (exit_codes[id] != 0 || bad.count(id)) {
        std::string why = "exit code " + std::to_string(exit_codes[id]);
        for (const std::string& b : bad[id]) why += "\n    " + b;
        problems.push_back(id + ": " + why);
        std::printf("FAIL %s\n", id.c_str());
        ++failed;
      } else {
        std::printf("PASS %s\n", id.c_str());
        ++passed;
      }
    }
    if (auto it = bad.find(folder + ": (no command wrote it)"); it != bad.end()) {
      std::string why;
      for (const std::string& b : it->second) why += "\n    " + b;
      problems.push_back(folder + ": expected files no scenario wrote:" + why);
      ++failed;
    }
  }
  for (const auto& [id, r] : refusals) {
    if (!r.seen && only.empty()) {
      problems.push_back(id + ": listed in " + refusals_path + " but no such scenario");
      ++failed;
    }
  }
  for (const std::string& p : problems) std::printf("\n%s\n", p.c_str());
  std::printf("\nmetaverse: %d passed, %d refused (listed), %d failed\n", passed, refused, failed);
  if (keep) {
    std::printf("work folder: %s (logs in <folder>.logs)\n", work.c_str());
  } else {
    if (failed) std::printf("(--keep keeps the work folder and the commands' output)\n");
    fs::remove_all(work);
  }
  return failed == 0 ? 0 : 1;
}
